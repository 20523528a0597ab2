package dev.authbroker.core.instagram;

import java.util.List;

/** One media item as the Graph API describes it; {@code type} is IMAGE, VIDEO or CAROUSEL_ALBUM. */
public record Media(String id, String type, String caption, String mediaUrl, String thumbnailUrl, String permalink,
                    String timestamp, List<Media> children) {

    public Media {
        children = children == null ? List.of() : List.copyOf(children);
    }
}
