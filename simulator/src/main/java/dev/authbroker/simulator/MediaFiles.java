package dev.authbroker.simulator;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * The bytes behind CDN file names, deterministic per name so a test can compare what the broker streamed with what
 * the simulator serves: real PNG images (decodable, so thumbnailing or type sniffing sees a genuine image) and small
 * MP4-shaped files (an {@code ftyp} box then an {@code mdat} box; enough for sniffing, not for playing).
 */
final class MediaFiles {

    static final int IMAGE_SIZE = 64;

    private MediaFiles() {
    }

    static String contentType(String name) {
        if (name.endsWith(".png")) {
            return "image/png";
        }
        if (name.endsWith(".mp4")) {
            return "video/mp4";
        }
        return "application/octet-stream";
    }

    static byte[] generate(String name) {
        return name.endsWith(".mp4") ? mp4(name) : png(name);
    }

    /** A diagonal gradient between two colours with a square of a third; pixels set directly, no AWT toolkit. */
    static byte[] png(String name) {
        Random random = new Random(name.hashCode());
        int from = random.nextInt(0x1000000);
        int to = random.nextInt(0x1000000);
        int mark = random.nextInt(0x1000000);
        int markAt = 8 + random.nextInt(IMAGE_SIZE / 2);
        BufferedImage image = new BufferedImage(IMAGE_SIZE, IMAGE_SIZE, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < IMAGE_SIZE; y++) {
            for (int x = 0; x < IMAGE_SIZE; x++) {
                boolean inMark = x >= markAt && x < markAt + 16 && y >= markAt && y < markAt + 16;
                image.setRGB(x, y, inMark ? mark : blend(from, to, (x + y) / (2.0 * (IMAGE_SIZE - 1))));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** ISO base media file layout: {@code ftyp} (brand isom, compatible isom/iso2/mp41) then {@code mdat}. */
    static byte[] mp4(String name) {
        Random random = new Random(name.hashCode());
        byte[] payload = new byte[4096 + random.nextInt(4096)];
        random.nextBytes(payload);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        box(out, "ftyp", "isom\0\0\2\0isomiso2mp41".getBytes(StandardCharsets.ISO_8859_1));
        box(out, "mdat", payload);
        return out.toByteArray();
    }

    private static void box(ByteArrayOutputStream out, String type, byte[] body) {
        int size = 8 + body.length;
        out.write(size >>> 24);
        out.write(size >>> 16);
        out.write(size >>> 8);
        out.write(size);
        out.writeBytes(type.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
    }

    private static int blend(int from, int to, double t) {
        int r = (int) Math.round(((from >> 16) & 0xFF) * (1 - t) + ((to >> 16) & 0xFF) * t);
        int g = (int) Math.round(((from >> 8) & 0xFF) * (1 - t) + ((to >> 8) & 0xFF) * t);
        int b = (int) Math.round((from & 0xFF) * (1 - t) + (to & 0xFF) * t);
        return (r << 16) | (g << 8) | b;
    }
}
