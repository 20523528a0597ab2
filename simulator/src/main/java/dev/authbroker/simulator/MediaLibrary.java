package dev.authbroker.simulator;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;

/**
 * Generated media: every user gets a feed of images, videos (with a thumbnail) and carousel albums (with 2–3
 * children), newest first, and every file has real, deterministic bytes: PNG images drawn with ImageIO and small
 * MP4-shaped videos.
 */
final class MediaLibrary {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ").withZone(ZoneOffset.UTC);
    private static final Instant NEWEST = Instant.parse("2026-10-01T12:00:00Z");

    /** One item of a feed, or a carousel child. {@code file} is the CDN file name of its bytes. */
    record Item(String id, String ownerId, String type, String caption, String file, String thumbnailFile,
                String timestamp, List<Item> children) {
    }

    private final AtomicLong nextId = new AtomicLong(17_900_000_000_000_000L);
    private final Map<String, List<Item>> feeds = new ConcurrentHashMap<>();
    private final Map<String, Item> byId = new ConcurrentHashMap<>();
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();

    void createFeed(String userId, String username, int count) {
        List<Item> feed = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String type = switch (i % 3) {
                case 0 -> "IMAGE";
                case 1 -> "VIDEO";
                default -> "CAROUSEL_ALBUM";
            };
            String timestamp = TIMESTAMP.format(NEWEST.minusSeconds(3600L * i));
            String id = Long.toString(nextId.incrementAndGet());
            List<Item> children = new ArrayList<>();
            if (type.equals("CAROUSEL_ALBUM")) {
                int size = 2 + (i % 2);
                for (int c = 0; c < size; c++) {
                    String childId = Long.toString(nextId.incrementAndGet());
                    Item child = c == 1
                            ? new Item(childId, userId, "VIDEO", null, childId + ".mp4", childId + "_thumb.png", timestamp, List.of())
                            : new Item(childId, userId, "IMAGE", null, childId + ".png", null, timestamp, List.of());
                    children.add(child);
                    byId.put(childId, child);
                }
            }
            String file = switch (type) {
                case "VIDEO" -> id + ".mp4";
                case "CAROUSEL_ALBUM" -> children.get(0).file();
                default -> id + ".png";
            };
            Item item = new Item(id, userId, type, "Post " + (i + 1) + " by " + username, file,
                    type.equals("VIDEO") ? id + "_thumb.png" : null, timestamp, List.copyOf(children));
            feed.add(item);
            byId.put(id, item);
        }
        feeds.put(userId, List.copyOf(feed));
    }

    List<Item> feed(String userId) {
        return feeds.getOrDefault(userId, List.of());
    }

    Item item(String id) {
        return byId.get(id);
    }

    /** The bytes of a CDN file name, or null when no media has that name. */
    byte[] file(String name) {
        if (!name.matches("[0-9]+(_thumb)?\\.(png|mp4)")) {
            return null;
        }
        String id = name.substring(0, name.indexOf(name.contains("_thumb") ? '_' : '.'));
        if (!byId.containsKey(id)) {
            return null;
        }
        return files.computeIfAbsent(name, n -> n.endsWith(".png") ? png(n) : mp4(n));
    }

    static String contentType(String name) {
        return name.endsWith(".png") ? "image/png" : name.endsWith(".mp4") ? "video/mp4" : "application/octet-stream";
    }

    private static byte[] png(String name) {
        Random random = new Random(name.hashCode());
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(random.nextInt(0xFFFFFF)));
        g.fillRect(0, 0, 64, 64);
        g.setColor(new Color(random.nextInt(0xFFFFFF)));
        g.fillOval(8 + random.nextInt(16), 8 + random.nextInt(16), 32, 32);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** An ISO BMFF file shape: an {@code ftyp} box, then an {@code mdat} box of deterministic bytes. */
    private static byte[] mp4(String name) {
        Random random = new Random(name.hashCode());
        byte[] payload = new byte[6000 + random.nextInt(4000)];
        random.nextBytes(payload);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] ftyp = "ftypisom\0\0\2\0isomiso2mp41".getBytes(StandardCharsets.ISO_8859_1);
        writeBox(out, ftyp);
        byte[] mdat = new byte[4 + payload.length];
        System.arraycopy("mdat".getBytes(StandardCharsets.ISO_8859_1), 0, mdat, 0, 4);
        System.arraycopy(payload, 0, mdat, 4, payload.length);
        writeBox(out, mdat);
        return out.toByteArray();
    }

    private static void writeBox(ByteArrayOutputStream out, byte[] typeAndBody) {
        int size = typeAndBody.length + 4;
        out.write(size >>> 24);
        out.write(size >>> 16);
        out.write(size >>> 8);
        out.write(size);
        out.writeBytes(typeAndBody);
    }
}
