package dev.authbroker.core.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authbroker.core.crypto.SecretBox;
import dev.authbroker.core.tenant.Origin;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuthorizationStateTest {

    private static final SecretBox BOX = SecretBox.fromSpec("k1:" + Base64.getEncoder().encodeToString(new byte[32]), null);

    @Test
    void theLargestBindingStillSealsWithinTheStateLimitAndOpens() {
        String label = "x".repeat(63);
        String host = String.join(".", label, label, label, "x".repeat(61));
        assertThat(host).hasSize(253);
        String origin = "https://" + "o".repeat(Origin.MAX_LENGTH - "https://".length() - ".test".length()) + ".test";
        AuthorizationState.Binding binding = new AuthorizationState.Binding(UUID.randomUUID().toString(),
                UUID.randomUUID().toString(), "9".repeat(100), host,
                "https://" + host + "/api/client/instagram/authCallback/open", origin);

        String token = AuthorizationState.start(binding, "b".repeat(43), Instant.now(), Duration.ofMinutes(10), BOX).token();

        assertThat(token.length()).isLessThanOrEqualTo(AuthorizationState.MAX_LENGTH);
        assertThat(AuthorizationState.open(token, BOX).orElseThrow().binding()).isEqualTo(binding);
    }
}
