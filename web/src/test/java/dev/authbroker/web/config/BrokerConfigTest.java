package dev.authbroker.web.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class BrokerConfigTest {

    private static BrokerConfig withAdminToken(String token) {
        return new BrokerConfig() {
            @Override
            public Optional<String> adminToken() {
                return Optional.ofNullable(token);
            }
        };
    }

    @Test
    void anAdminTokenShorterThan32CharactersIsRefusedAtStartWithoutShowingIt() {
        assertThatThrownBy(() -> withAdminToken("it-operator-token").requireStrongAdminToken())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at least 32 characters")
                .hasMessageNotContaining("it-operator-token");
    }

    @Test
    void aLongEnoughOrAbsentAdminTokenStarts() {
        assertThatCode(() -> withAdminToken("x".repeat(32)).requireStrongAdminToken()).doesNotThrowAnyException();
        assertThatCode(() -> withAdminToken(null).requireStrongAdminToken()).doesNotThrowAnyException();
    }
}
