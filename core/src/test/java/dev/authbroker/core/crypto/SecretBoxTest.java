package dev.authbroker.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private static final String K1 = "k1:" + Base64.getEncoder().encodeToString(bytes(1));
    private static final String K2 = "k2:" + Base64.getEncoder().encodeToString(bytes(2));

    private static byte[] bytes(int seed) {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (seed * 31 + i);
        }
        return key;
    }

    @Test
    void sealThenOpenRoundTripsAndNamesTheKey() {
        SecretBox box = SecretBox.fromSpec(K1, null);
        String sealed = box.seal("hunter2 ✓", "provider_app.client_secret/row-1");

        assertThat(sealed).startsWith("v1.k1.").doesNotContain("hunter2");
        assertThat(box.open(sealed, "provider_app.client_secret/row-1")).isEqualTo("hunter2 ✓");
    }

    @Test
    void sealTwiceThenDifferentCiphertexts() {
        SecretBox box = SecretBox.fromSpec(K1, null);
        assertThat(box.seal("same", "c")).isNotEqualTo(box.seal("same", "c"));
    }

    @Test
    void openWhenAnyByteTamperedThenRejected() {
        SecretBox box = SecretBox.fromSpec(K1, null);
        String sealed = box.seal("secret", "ctx");
        String payload = sealed.substring("v1.k1.".length());
        byte[] raw = Base64.getUrlDecoder().decode(payload);
        for (int i = 0; i < raw.length; i++) {
            byte[] copy = raw.clone();
            copy[i] ^= 0x01;
            String tampered = "v1.k1." + Base64.getUrlEncoder().withoutPadding().encodeToString(copy);
            assertThatThrownBy(() -> box.open(tampered, "ctx")).isInstanceOf(SecretBoxException.class);
        }
    }

    @Test
    void openWhenMovedToAnotherRowThenRejected() {
        SecretBox box = SecretBox.fromSpec(K1, null);
        String sealed = box.seal("secret", "provider_app.client_secret/row-1");

        assertThatThrownBy(() -> box.open(sealed, "provider_app.client_secret/row-2"))
                .isInstanceOf(SecretBoxException.class)
                .hasMessageContaining("moved from another row");
        assertThatThrownBy(() -> box.open(sealed, "connection.access_token/row-1"))
                .isInstanceOf(SecretBoxException.class);
    }

    @Test
    void openWhenKeyIdUnknownThenRejectedWithoutLeakingValue() {
        String sealed = SecretBox.fromSpec(K2, null).seal("secret", "ctx");
        SecretBox onlyK1 = SecretBox.fromSpec(K1, null);

        assertThatThrownBy(() -> onlyK1.open(sealed, "ctx"))
                .isInstanceOf(SecretBoxException.class)
                .hasMessageContaining("k2")
                .hasMessageNotContaining("secret'");
    }

    @Test
    void rotationThenOldRowsStillOpenNewWritesUseActiveKeyAndRewrapMoves() {
        SecretBox before = SecretBox.fromSpec(K1, null);
        String old = before.seal("value", "ctx");

        SecretBox after = SecretBox.fromSpec(K1 + "," + K2, null);
        assertThat(after.activeKeyId()).isEqualTo("k2");
        assertThat(after.open(old, "ctx")).isEqualTo("value");
        assertThat(after.isSealedWithActiveKey(old)).isFalse();
        assertThat(after.seal("new", "ctx")).startsWith("v1.k2.");

        String rewrapped = after.rewrap(old, "ctx");
        assertThat(rewrapped).startsWith("v1.k2.");
        assertThat(after.isSealedWithActiveKey(rewrapped)).isTrue();
        assertThat(after.open(rewrapped, "ctx")).isEqualTo("value");
    }

    @Test
    void activeKeyCanBeChosenExplicitly() {
        SecretBox box = SecretBox.fromSpec(K1 + "," + K2, "k1");
        assertThat(box.seal("x", "ctx")).startsWith("v1.k1.");
    }

    @Test
    void badKeySpecsThenRejected() {
        assertThatThrownBy(() -> SecretBox.fromSpec("", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SecretBox.fromSpec("k1", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SecretBox.fromSpec("k1:not base64!", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SecretBox.fromSpec("k1:" + Base64.getEncoder().encodeToString(new byte[16]), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> SecretBox.fromSpec(K1 + "," + K1, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SecretBox.fromSpec(K1, "k9")).isInstanceOf(IllegalArgumentException.class);
        Map<String, byte[]> badId = new LinkedHashMap<>();
        badId.put("bad id", bytes(1));
        assertThatThrownBy(() -> new SecretBox(badId, "bad id")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void openWhenGarbageThenRejected() {
        SecretBox box = SecretBox.fromSpec(K1, null);
        for (String garbage : new String[] {null, "", "v1.k1", "v2.k1.AAAA", "v1.k1.!!!!", "v1.k1.AAAA"}) {
            assertThatThrownBy(() -> box.open(garbage, "ctx")).isInstanceOf(SecretBoxException.class);
        }
    }

    @Test
    void aDerivedBoxSharesNoKeyWithItsParentOrAnotherPurposeAndOpensEveryListedKey() {
        SecretBox data = SecretBox.fromSpec(K1, null);
        SecretBox states = data.derive("authorization-state");
        String sealed = states.seal("state", "ctx");

        assertThat(states.open(sealed, "ctx")).isEqualTo("state");
        assertThatThrownBy(() -> data.open(sealed, "ctx")).isInstanceOf(SecretBoxException.class);
        assertThatThrownBy(() -> data.derive("other").open(sealed, "ctx")).isInstanceOf(SecretBoxException.class);
        assertThatThrownBy(() -> states.open(data.seal("token", "ctx"), "ctx")).isInstanceOf(SecretBoxException.class);

        // the same keys give the same derived keys (every broker, every restart); a rotation still opens the old key's values
        SecretBox rotated = SecretBox.fromSpec(K1 + "," + K2, "k2").derive("authorization-state");
        assertThat(rotated.open(sealed, "ctx")).isEqualTo("state");
        assertThat(rotated.seal("new", "ctx")).startsWith("v1.k2.");
    }
}
