package dev.authbroker.simulator;

import static dev.authbroker.simulator.TestInstagram.USER_ID;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CdnEndpointsTest {

    private TestInstagram test;
    private InstagramSimulator instagram;

    @BeforeEach
    void start() {
        test = TestInstagram.start();
        instagram = test.instagram;
    }

    @AfterEach
    void stop() {
        test.close();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> first(String type) {
        String token = test.longLivedToken(USER_ID);
        List<Map<String, Object>> items = (List<Map<String, Object>>) test.graph(
                "/me/media?limit=10&fields=id,media_type,media_url,thumbnail_url", token).json().get("data");
        return items.stream().filter(i -> i.get("media_type").equals(type)).findFirst().orElseThrow();
    }

    @Test
    void cdnWhenImageThenDecodablePngMatchingCdnFile() throws IOException {
        String url = (String) first("IMAGE").get("media_url");

        TestClient.Reply reply = test.http.get(url);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).isEqualTo("image/png");
        assertThat(reply.header("Content-Length")).isEqualTo(Integer.toString(reply.body().length));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(reply.body()));
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(64);
        assertThat(image.getHeight()).isEqualTo(64);
        assertThat(reply.body()).isEqualTo(instagram.cdnFile(url.substring(url.lastIndexOf('/') + 1)));
        assertThat(instagram.calls("cdn")).isEqualTo(1);
    }

    @Test
    void cdnWhenVideoThenMp4WithFtypBoxAndPngThumbnail() throws IOException {
        Map<String, Object> video = first("VIDEO");

        TestClient.Reply mp4 = test.http.get((String) video.get("media_url"));
        TestClient.Reply thumbnail = test.http.get((String) video.get("thumbnail_url"));

        assertThat(mp4.status()).isEqualTo(200);
        assertThat(mp4.header("Content-Type")).isEqualTo("video/mp4");
        assertThat(mp4.body().length).isGreaterThan(4096);
        assertThat(new String(Arrays.copyOfRange(mp4.body(), 4, 12), StandardCharsets.ISO_8859_1)).isEqualTo("ftypisom");
        assertThat(thumbnail.header("Content-Type")).isEqualTo("image/png");
        assertThat(ImageIO.read(new ByteArrayInputStream(thumbnail.body()))).isNotNull();
    }

    @Test
    void cdnFileWhenAskedTwiceThenSameBytes() {
        String url = (String) first("IMAGE").get("media_url");
        String name = url.substring(url.lastIndexOf('/') + 1);

        assertThat(instagram.cdnFile(name)).isEqualTo(instagram.cdnFile(name)).isNotEmpty();
        assertThat(instagram.cdnFile("999.png")).isNull();
    }

    @Test
    void cdnWhenUnknownNameThen404() {
        assertThat(test.http.get(instagram.baseUrl() + "/cdn/17900000000000999.png").status()).isEqualTo(404);
        assertThat(test.http.get(instagram.baseUrl() + "/cdn/notes.txt").status()).isEqualTo(404);
        assertThat(instagram.calls("cdn")).isEqualTo(2);
    }

    @Test
    void cdnWhenCdnBaseUrlChangedThenMediaUrlsUseIt() {
        instagram.setCdnBaseUrl("http://cdn.simulator.test:1234/cdn/");

        assertThat((String) first("IMAGE").get("media_url")).startsWith("http://cdn.simulator.test:1234/cdn/")
                .doesNotContain("cdn//");
    }

    @Test
    void cdnBigWhenAskedThenExactlyThatManyDeterministicBytes() {
        TestClient.Reply reply = test.http.get(instagram.baseUrl() + "/cdn/big/200001");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(reply.header("Content-Length")).isEqualTo("200001");
        assertThat(reply.body()).hasSize(200_001);
        assertThat(reply.body()[70_000]).isEqualTo((byte) (70_000 % 251));
    }

    @Test
    void cdnRedirectWhenToGivenThen302ThereAndCounted() {
        String to = "http://127.0.0.1:9/cdn/1.png";

        TestClient.Reply reply = test.http.get(instagram.baseUrl() + "/cdn/redirect?to=" + Forms.encode(to));

        assertThat(reply.status()).isEqualTo(302);
        assertThat(reply.header("Location")).isEqualTo(to);
        assertThat(instagram.calls("cdn")).isEqualTo(1);
    }
}
