package dev.authbroker.core.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authbroker.core.error.BrokerException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OriginTest {

    @Test
    void parseThenSerialisedLikeABrowserOrigin() {
        assertThat(Origin.parse("https://App.Acme.test").value()).isEqualTo("https://app.acme.test");
        assertThat(Origin.parse("https://app.acme.test:443").value()).isEqualTo("https://app.acme.test");
        assertThat(Origin.parse("http://localhost:3000").value()).isEqualTo("http://localhost:3000");
        assertThat(Origin.parse("http://app.test:80").value()).isEqualTo("http://app.test");
        assertThat(Origin.parse("https://bücher.test").value()).isEqualTo("https://xn--bcher-kva.test");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "app.test", "//app.test", "ftp://app.test", "https://app.test/", "https://app.test/x",
            "https://app.test?x=1", "https://app.test#f", "https://u@app.test", "https://u:p@app.test", "https://*.app.test",
            "javascript:alert(1)", "https://app.test:0", "https://app.test:65536", "https:// app.test", "https://app.test.",
            "https%3A%2F%2Fapp.test", "data:text/html,x", "https://"})
    void parseWhenNotExactlySchemeHostPortThenRejected(String raw) {
        assertThatThrownBy(() -> Origin.parse(raw)).isInstanceOf(BrokerException.class);
    }

    @Test
    void theLengthLimitAppliesToTheStoredAsciiForm() {
        // 5 labels of 50 × "a" + "ü": 272 characters sent, 307 once each label is punycode (58 characters)
        String label = "a".repeat(50) + "ü";
        String unicode = "https://" + String.join(".", label, label, label, label, label) + ".test";
        assertThat(unicode.length()).isLessThanOrEqualTo(Origin.MAX_LENGTH);
        assertThatThrownBy(() -> Origin.parse(unicode)).isInstanceOf(BrokerException.class);

        String fits = "https://" + String.join(".", label, label, label, label) + ".test";
        assertThat(Origin.parse(fits).value().length()).isLessThanOrEqualTo(Origin.MAX_LENGTH);
    }
}
