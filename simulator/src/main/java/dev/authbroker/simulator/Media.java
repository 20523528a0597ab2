package dev.authbroker.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One post of a feed, or one child of a carousel album. {@code file} and {@code thumbnailFile} are CDN file names
 * (the thumbnail only for videos); a carousel's own {@code file} is its first child's, as on Instagram. Captions may
 * be absent (Instagram then omits the field), and children have no caption, permalink or children of their own.
 */
record Media(String id, String ownerId, String ownerUsername, Type type, String caption, String file,
             String thumbnailFile, Instant timestamp, boolean child, List<Media> children) {

    enum Type { IMAGE, VIDEO, CAROUSEL_ALBUM }

    Media {
        children = List.copyOf(children);
    }

    /** A stable fake shortcode for the permalink; null for carousel children, which have no page of their own. */
    String shortcode() {
        return child ? null : "SIM" + Long.toString(Long.parseLong(id), 36).toUpperCase(Locale.ROOT);
    }
}
