package dev.authbroker.core.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authbroker.core.crypto.SecretBox;
import dev.authbroker.core.error.BrokerException;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ProviderAppTest {

    private static final SecretBox BOX = SecretBox.fromSpec("k1:" + Base64.getEncoder().encodeToString(new byte[32]), null);
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void createThenSecretSealedAndReadableOnlyThroughTheBox() {
        ProviderApp app = ProviderApp.create("t1", "instagram", new ClientCredentials("123", "shh"), BOX, NOW);

        assertThat(app.credentials(BOX)).isEqualTo(new ClientCredentials("123", "shh"));
        assertThat(app.toString()).doesNotContain("shh");
        assertThat(new ClientCredentials("123", "shh").toString()).doesNotContain("shh");
    }

    @Test
    void replaceCredentialsThenNewSecretIsUsed() {
        ProviderApp app = ProviderApp.create("t1", "instagram", new ClientCredentials("123", "one"), BOX, NOW);
        app.replaceCredentials(new ClientCredentials("456", "two"), BOX, NOW.plusSeconds(1));

        assertThat(app.credentials(BOX).clientSecret()).isEqualTo("two");
        assertThat(app.clientId()).isEqualTo("456");
        assertThat(app.updatedAt()).isEqualTo(NOW.plusSeconds(1));
    }

    @Test
    void rewrapWhenAlreadyActiveKeyThenNothingToDo() {
        ProviderApp app = ProviderApp.create("t1", "instagram", new ClientCredentials("123", "one"), BOX, NOW);
        assertThat(app.rewrapped(BOX)).isEmpty();
    }

    @Test
    void validCredentialsThenRejectBlankOrMalformedValues() {
        assertThat(ProviderApp.validCredentials("17841400000", "abcdef0123").clientId()).isEqualTo("17841400000");
        assertThatThrownBy(() -> ProviderApp.validCredentials("", "s")).isInstanceOf(BrokerException.class);
        assertThatThrownBy(() -> ProviderApp.validCredentials("a b", "s")).isInstanceOf(BrokerException.class);
        assertThatThrownBy(() -> ProviderApp.validCredentials("123", "")).isInstanceOf(BrokerException.class);
        assertThatThrownBy(() -> ProviderApp.validCredentials("123", "has space")).isInstanceOf(BrokerException.class);
        assertThatThrownBy(() -> ProviderApp.validCredentials("123", "x".repeat(201))).isInstanceOf(BrokerException.class);
    }
}
