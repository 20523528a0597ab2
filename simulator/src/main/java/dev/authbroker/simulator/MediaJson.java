package dev.authbroker.simulator;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A media item as the Graph API writes it: only the fields asked for (plus {@code id}), and only where they apply. */
final class MediaJson {

    static final Set<String> FIELDS = Set.of("id", "caption", "media_type", "media_product_type", "media_url",
            "thumbnail_url", "permalink", "shortcode", "timestamp", "username", "children");

    /** Instagram's timestamp shape: {@code 2024-05-01T12:00:00+0000}. */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx").withZone(ZoneOffset.UTC);

    private MediaJson() {
    }

    static String render(Media media, Fields fields, String cdnBaseUrl) {
        Json.ObjectWriter out = Json.object();
        for (String name : fields.names()) {
            switch (name) {
                case "id" -> out.put("id", media.id());
                case "caption" -> {
                    if (media.caption() != null) {
                        out.put("caption", media.caption());
                    }
                }
                case "media_type" -> out.put("media_type", media.type().name());
                case "media_product_type" -> out.put("media_product_type", "FEED");
                case "media_url" -> out.put("media_url", cdnBaseUrl + "/" + media.file());
                case "thumbnail_url" -> {
                    if (media.thumbnailFile() != null) {
                        out.put("thumbnail_url", cdnBaseUrl + "/" + media.thumbnailFile());
                    }
                }
                case "permalink" -> {
                    if (!media.child()) {
                        out.put("permalink", "https://www.instagram.com/p/" + media.shortcode() + "/");
                    }
                }
                case "shortcode" -> {
                    if (!media.child()) {
                        out.put("shortcode", media.shortcode());
                    }
                }
                case "timestamp" -> out.put("timestamp", TIMESTAMP.format(media.timestamp()));
                case "username" -> out.put("username", media.ownerUsername());
                case "children" -> {
                    if (!media.children().isEmpty()) {
                        out.putRaw("children", children(media, fields.nested("children"), cdnBaseUrl));
                    }
                }
                default -> throw new IllegalArgumentException("unchecked field " + name);
            }
        }
        if (!fields.has("id")) {
            out.put("id", media.id());
        }
        return out.toString();
    }

    private static String children(Media media, Fields fields, String cdnBaseUrl) {
        List<String> items = new ArrayList<>();
        for (Media child : media.children()) {
            items.add(render(child, fields, cdnBaseUrl));
        }
        return Json.object().putRaw("data", Json.array(items)).toString();
    }
}
