package dev.authbroker.simulator;

import static dev.authbroker.simulator.TestInstagram.CLIENT_ID;
import static dev.authbroker.simulator.TestInstagram.REDIRECT_URI;
import static dev.authbroker.simulator.TestInstagram.SECRET;
import static dev.authbroker.simulator.TestInstagram.USER_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultTest {

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

    private TestClient.Reply exchangeFreshCode() {
        return test.exchangeCode(CLIENT_ID, SECRET, REDIRECT_URI, instagram.issueCodeForTest(CLIENT_ID, REDIRECT_URI, USER_ID));
    }

    @Test
    void delayWhenInjectedThenSlowButNormalAnswer() {
        instagram.injectFault("token", Fault.delay(400), 1);

        long started = System.nanoTime();
        TestClient.Reply reply = exchangeFreshCode();
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();

        assertThat(millis).isGreaterThanOrEqualTo(400);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json()).containsKey("access_token");
    }

    @Test
    void statusWhenInjectedWithRetryAfterThenGraphErrorAndHeader() {
        String token = test.longLivedToken(USER_ID);
        instagram.injectFault("media_list", Fault.status(429, 7), 1);

        TestClient.Reply reply = test.graph("/me/media", token);

        assertThat(reply.status()).isEqualTo(429);
        assertThat(reply.header("Retry-After")).isEqualTo("7");
        assertThat(reply.graphError()).containsEntry("type", "OAuthException").containsKeys("message", "code", "fbtrace_id");
    }

    @Test
    void statusWhenInjectedWithoutRetryAfterThenNoHeader() {
        instagram.injectFault("exchange", Fault.status(503), 1);

        TestClient.Reply reply = test.exchangeForLongLived("whatever", SECRET);

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.header("Retry-After")).isNull();
        assertThat(reply.graphErrorCode()).isEqualTo(2);
    }

    @Test
    void htmlBodyWhenInjectedThen200Html() {
        instagram.injectFault("me", Fault.html(), 1);

        TestClient.Reply reply = test.graph("/me?fields=username", test.longLivedToken(USER_ID));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("text/html");
        assertThat(reply.text()).isEqualTo("<html>oops</html>");
    }

    @Test
    void emptyJsonWhenInjectedThen200EmptyObject() {
        instagram.injectFault("token", Fault.emptyJson(), 1);

        TestClient.Reply reply = exchangeFreshCode();

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text()).isEqualTo("{}");
    }

    @Test
    void truncatedJsonWhenInjectedThen200CutOffJson() {
        instagram.injectFault("token", Fault.truncatedJson(), 1);

        TestClient.Reply reply = exchangeFreshCode();

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text()).isEqualTo("{\"access_token\":\"abc");
        assertThatThrownBy(reply::json).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dropConnectionWhenInjectedThenClientGetsIOException() {
        instagram.injectFault("token", Fault.dropConnection(), 1);
        HttpRequest request = HttpRequest.newBuilder(URI.create(instagram.tokenUrl()))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(TestClient.form("client_id", CLIENT_ID)))
                .build();

        assertThatThrownBy(() -> test.http.sendRaw(request)).isInstanceOf(IOException.class);
        assertThat(instagram.calls("token")).isEqualTo(1);
        assertThat(exchangeFreshCode().status()).as("only one call was dropped").isEqualTo(200);
    }

    @Test
    void dropConnectionWhenInjectedOnGetTwiceThenClientGetsIOExceptionAfterItsOwnRetry() {
        // java.net.http retries an idempotent GET once when the connection closes before any byte of an answer, so a
        // single dropped GET is invisible to a JDK client; two in a row are not.
        instagram.injectFault("cdn", Fault.dropConnection(), 2);
        HttpRequest request = HttpRequest.newBuilder(URI.create(instagram.baseUrl() + "/cdn/big/10"))
                .timeout(Duration.ofSeconds(10)).GET().build();

        assertThatThrownBy(() -> test.http.sendRaw(request)).isInstanceOf(IOException.class);
        assertThat(instagram.calls("cdn")).isEqualTo(2);
    }

    @Test
    void faultWhenTimesGivenThenThatManyCallsFaultedAndAllCounted() {
        instagram.injectFault("token", Fault.status(500), 2);

        int first = exchangeFreshCode().status();
        int second = exchangeFreshCode().status();
        int third = exchangeFreshCode().status();

        assertThat(new int[] {first, second, third}).containsExactly(500, 500, 200);
        assertThat(instagram.calls("token")).isEqualTo(3);
    }

    @Test
    void faultWhenOnAnotherEndpointThenThisOneUnaffected() {
        instagram.injectFault("refresh", Fault.status(500), 1);

        assertThat(exchangeFreshCode().status()).isEqualTo(200);
    }

    @Test
    void clearFaultsWhenCalledThenPendingFaultsDropped() {
        instagram.injectFault("token", Fault.status(500), 5);

        instagram.clearFaults();

        assertThat(exchangeFreshCode().status()).isEqualTo(200);
    }

    @Test
    void injectFaultWhenUnknownEndpointThenRefused() {
        assertThatThrownBy(() -> instagram.injectFault("tokens", Fault.html(), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tokens");
        assertThatThrownBy(() -> instagram.calls("graph")).isInstanceOf(IllegalArgumentException.class);
    }
}
