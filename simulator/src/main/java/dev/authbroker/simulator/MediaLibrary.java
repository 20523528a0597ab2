package dev.authbroker.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every registered user's feed, newest first, cycling IMAGE, VIDEO (with a thumbnail) and CAROUSEL_ALBUM (2–3
 * children, one of them a video), plus the CDN files behind them. Files are generated on first request and kept.
 */
final class MediaLibrary {

    /** Fixed rather than "now", so timestamps (and thus tests' expectations) do not drift between runs. */
    private static final Instant NEWEST = Instant.parse("2025-05-01T12:00:00Z");
    private static final Pattern FILE = Pattern.compile("([0-9]+)(_thumb)?\\.(png|mp4)");

    private final AtomicLong nextId = new AtomicLong(17_900_000_000_000_000L);
    private final Map<String, List<Media>> feeds = new ConcurrentHashMap<>();
    private final Map<String, Media> byId = new ConcurrentHashMap<>();
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();

    /** Creates (or replaces) the user's feed with {@code count} generated posts. */
    void createFeed(String userId, String username, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("mediaCount must not be negative");
        }
        List<Media> feed = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            feed.add(post(userId, username, i));
        }
        List<Media> old = feeds.put(userId, List.copyOf(feed));
        if (old != null) {
            old.forEach(this::forget);
        }
        feed.forEach(this::remember);
    }

    List<Media> feed(String userId) {
        return feeds.getOrDefault(userId, List.of());
    }

    /** A feed item or carousel child by id, or null. */
    Media find(String id) {
        return id == null ? null : byId.get(id);
    }

    /** The bytes of a CDN file name, or null when no media has that name. */
    byte[] file(String name) {
        Matcher m = FILE.matcher(name);
        if (!m.matches()) {
            return null;
        }
        Media media = byId.get(m.group(1));
        if (media == null || !(name.equals(media.file()) || name.equals(media.thumbnailFile()))) {
            return null;
        }
        return files.computeIfAbsent(name, MediaFiles::generate);
    }

    private Media post(String userId, String username, int index) {
        Instant at = NEWEST.minusSeconds(3600L * 7 * index);
        String id = newId();
        Media.Type type = Media.Type.values()[index % 3];
        List<Media> children = new ArrayList<>();
        if (type == Media.Type.CAROUSEL_ALBUM) {
            int size = 2 + (index / 3) % 2;
            for (int c = 0; c < size; c++) {
                children.add(media(newId(), userId, username, c == 1 ? Media.Type.VIDEO : Media.Type.IMAGE, null, at,
                        true, List.of()));
            }
        }
        return media(id, userId, username, type, caption(username, index), at, false, children);
    }

    private static Media media(String id, String userId, String username, Media.Type type, String caption,
                               Instant at, boolean child, List<Media> children) {
        String file = switch (type) {
            case IMAGE -> id + ".png";
            case VIDEO -> id + ".mp4";
            case CAROUSEL_ALBUM -> children.get(0).file();
        };
        String thumbnail = type == Media.Type.VIDEO ? id + "_thumb.png" : null;
        return new Media(id, userId, username, type, caption, file, thumbnail, at, child, children);
    }

    /**
     * Most posts have a plain caption; some have quotes, a line break and non-ASCII text (JSON escaping must hold),
     * and some none at all (Instagram then omits the field).
     */
    private static String caption(String username, int index) {
        if (index % 7 == 6) {
            return null;
        }
        String caption = "Post " + (index + 1) + " by @" + username;
        return index % 5 == 4 ? caption + "\n\"Golden hour\" at the café ✨ #tbt" : caption;
    }

    private String newId() {
        return Long.toString(nextId.incrementAndGet());
    }

    private void remember(Media media) {
        byId.put(media.id(), media);
        media.children().forEach(this::remember);
    }

    private void forget(Media media) {
        byId.remove(media.id());
        media.children().forEach(this::forget);
    }
}
