package dev.authbroker.core.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void urlWithCredentialsThenEveryCredentialReplaced() {
        String url = "https://graph.instagram.com/access_token?grant_type=ig_exchange_token&client_secret=s3cr3t"
                + "&access_token=IGQabc&code=AQxyz&state=st4te";
        String redacted = Redaction.url(url);
        assertThat(redacted).doesNotContain("s3cr3t", "IGQabc", "AQxyz", "st4te")
                .contains("grant_type=ig_exchange_token", "client_secret=***", "access_token=***");
    }

    @Test
    void urlWithoutCredentialsThenUnchanged() {
        String url = "https://graph.instagram.com/me/media?fields=id,caption&limit=25&after=QVFI";
        assertThat(Redaction.url(url)).isEqualTo(url);
        assertThat(Redaction.url(null)).isNull();
    }
}
