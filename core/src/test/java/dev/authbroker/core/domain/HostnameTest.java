package dev.authbroker.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authbroker.core.error.BrokerException;
import dev.authbroker.core.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostnameTest {

    private static final Hostname PLATFORM = new Hostname("broker.example.com");

    @Test
    void hostHeaderThenNormalised() {
        assertThat(Hostname.fromHostHeader("A.TEST").orElseThrow().value()).isEqualTo("a.test");
        assertThat(Hostname.fromHostHeader("a.test.").orElseThrow().value()).isEqualTo("a.test");
        assertThat(Hostname.fromHostHeader("a.test:8080").orElseThrow().value()).isEqualTo("a.test");
        assertThat(Hostname.fromHostHeader("bücher.test").orElseThrow().value()).isEqualTo("xn--bcher-kva.test");
        assertThat(Hostname.fromHostHeader("a.test:x")).isEmpty();
        assertThat(Hostname.fromHostHeader(null)).isEmpty();
    }

    @Test
    void customDomainThenNormalisedAndValid() {
        assertThat(Hostname.customDomain("Files.ACME.test.", PLATFORM).value()).isEqualTo("files.acme.test");
        assertThat(Hostname.customDomain("bücher.example", PLATFORM).value()).isEqualTo("xn--bcher-kva.example");
        assertThat(Hostname.customDomain("broker.example.com.evil.test", PLATFORM).value()).isEqualTo("broker.example.com.evil.test");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "localhost", "foo.localhost", "*.acme.test", "acme", "127.0.0.1", "10.0.0.1", "[::1]",
            "::1", "broker.example.com", "api.broker.example.com", "a..b", "-a.test", "a-.test", "a_b.test",
            "files.acme.test:8080", "https://files.acme.test", "user@files.acme.test", "a.test/x"})
    void customDomainWhenReservedOrInvalidThenRejected(String raw) {
        assertThatThrownBy(() -> Hostname.customDomain(raw, PLATFORM))
                .isInstanceOf(BrokerException.class)
                .extracting(e -> ((BrokerException) e).code()).isEqualTo(ErrorCode.INVALID_HOSTNAME);
    }

    @Test
    void customDomainWhenLabelTooLongThenRejected() {
        assertThatThrownBy(() -> Hostname.customDomain("a".repeat(64) + ".test", PLATFORM)).isInstanceOf(BrokerException.class);
    }
}
