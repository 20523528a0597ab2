package dev.authbroker.web.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authbroker.core.error.BrokerException;
import dev.authbroker.core.error.ErrorCode;
import dev.authbroker.web.config.BrokerConfig;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InstagramSignInTest {

    private static InstagramSignIn withSharedApp(Optional<String> id, Optional<String> secret) {
        InstagramSignIn signIn = new InstagramSignIn();
        signIn.config = new BrokerConfig() {
            @Override
            public Optional<String> instagramClientId() {
                return id;
            }

            @Override
            public Optional<String> instagramClientSecret() {
                return secret;
            }
        };
        return signIn;
    }

    @Test
    void sharedAppWhenNotConfiguredThenNoAppConfigured() {
        for (InstagramSignIn signIn : new InstagramSignIn[] {
                withSharedApp(Optional.empty(), Optional.empty()),
                withSharedApp(Optional.of("123"), Optional.empty()),
                withSharedApp(Optional.empty(), Optional.of("s"))}) {
            assertThatThrownBy(signIn::sharedApp)
                    .isInstanceOf(BrokerException.class)
                    .extracting(e -> ((BrokerException) e).code()).isEqualTo(ErrorCode.NO_APP_CONFIGURED);
        }
    }

    @Test
    void sharedAppWhenConfiguredThenItsCredentials() {
        assertThat(withSharedApp(Optional.of("123"), Optional.of("s")).sharedApp().clientId()).isEqualTo("123");
    }
}
