package dev.authbroker.core.instagram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authbroker.core.error.BrokerException;
import dev.authbroker.core.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SignedRequestTest {

    /** The vector of the issue: secret "key", user "0". */
    static final String VECTOR = "Mf_s6nTb38UYqioBmPqu0Ewm9souPZB9I2fIGwV729U."
            + "eyJ1c2VyX2lkIjoiMCIsImFsZ29yaXRobSI6IkhNQUMtU0hBMjU2IiwiaXNzdWVkX2F0IjoxNjI0MjQ0MTU2fQ";

    static String sign(String json, String secret) {
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(SignedRequest.hmac(payload, secret)) + "." + payload;
    }

    @Test
    void verifyKnownVectorThenUserZero() {
        SignedRequest request = SignedRequest.verify(VECTOR, "key");
        assertThat(request.userId()).isEqualTo("0");
        assertThat(request.issuedAt()).isEqualTo(1624244156L);
    }

    @Test
    void verifyWithPaddedSignatureThenAccepted() {
        String[] parts = VECTOR.split("\\.");
        assertThat(SignedRequest.verify(parts[0] + "=." + parts[1], "key").userId()).isEqualTo("0");
    }

    @Test
    void verifyWhenPaddedPayloadThenSignatureCoversTheSegmentAsSent() {
        String payload = Base64.getUrlEncoder().encodeToString(
                "{\"user_id\":\"17841\",\"algorithm\":\"hmac-sha256\"}".getBytes(StandardCharsets.UTF_8));
        String signed = Base64.getUrlEncoder().encodeToString(SignedRequest.hmac(payload, "s")) + "." + payload;
        assertThat(SignedRequest.verify(signed, "s").userId()).isEqualTo("17841");
    }

    @Test
    void verifyWithAnotherAppsSecretThenRejected() {
        assertInvalid(VECTOR, "other-secret");
    }

    @Test
    void verifyWhenPayloadTamperedThenRejected() {
        String[] parts = VECTOR.split("\\.");
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"user_id\":\"1\",\"algorithm\":\"HMAC-SHA256\"}".getBytes(StandardCharsets.UTF_8));
        assertInvalid(parts[0] + "." + forged, "key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "onlyonepart", "a.b.c", ".abc", "abc.", "!!!.abc", "abc.%%%",
            "AAAA.eyJ1c2VyX2lkIjoiMCJ9", "Mf_s6nTb38UYqioBmPqu0Ewm9souPZB9I2fIGwV729UA.eyJ1c2VyX2lkIjoiMCJ9"})
    void verifyWhenMalformedThenRejected(String raw) {
        assertInvalid(raw, "key");
    }

    @Test
    void verifyWhenMissingOrOversizedThenRejected() {
        assertInvalid(null, "key");
        assertInvalid("a".repeat(SignedRequest.MAX_LENGTH + 1) + ".b", "key");
    }

    @Test
    void verifyWhenPayloadIsNotAnObjectOrNotJsonThenRejected() {
        assertInvalid(sign("[1,2]", "key"), "key");
        assertInvalid(sign("not json", "key"), "key");
        assertInvalid(sign("\"str\"", "key"), "key");
    }

    @Test
    void verifyWhenAlgorithmWrongOrMissingThenRejected() {
        assertInvalid(sign("{\"user_id\":\"1\",\"algorithm\":\"HMAC-SHA1\"}", "key"), "key");
        assertInvalid(sign("{\"user_id\":\"1\"}", "key"), "key");
        assertInvalid(sign("{\"user_id\":\"1\",\"algorithm\":256}", "key"), "key");
    }

    @Test
    void verifyWhenUserIdMissingOrNotDigitsThenRejected() {
        assertInvalid(sign("{\"algorithm\":\"HMAC-SHA256\"}", "key"), "key");
        assertInvalid(sign("{\"algorithm\":\"HMAC-SHA256\",\"user_id\":17841}", "key"), "key");
        assertInvalid(sign("{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"12a\"}", "key"), "key");
        assertInvalid(sign("{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"\"}", "key"), "key");
    }

    private static void assertInvalid(String raw, String secret) {
        assertThatThrownBy(() -> SignedRequest.verify(raw, secret))
                .isInstanceOf(BrokerException.class)
                .extracting(e -> ((BrokerException) e).code()).isEqualTo(ErrorCode.INVALID_SIGNED_REQUEST);
    }
}
