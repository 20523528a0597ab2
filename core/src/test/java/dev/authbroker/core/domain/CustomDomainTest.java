package dev.authbroker.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CustomDomainTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration GRACE = Duration.ofHours(72);

    @Test
    void claimThenPendingWithUnguessableTxtValue() {
        CustomDomain a = CustomDomain.claim("t1", new Hostname("files.acme.test"), T0);
        CustomDomain b = CustomDomain.claim("t1", new Hostname("files.acme.test"), T0);
        assertThat(a.status()).isEqualTo(DomainStatus.PENDING);
        assertThat(a.txtName()).isEqualTo("_authbroker-challenge.files.acme.test");
        assertThat(a.txtValue()).startsWith("authbroker-verification=").hasSizeGreaterThan(40).isNotEqualTo(b.txtValue());
        assertThat(a.isServed()).isFalse();
    }

    @Test
    void recordFoundThenVerifiedAndServed() {
        CustomDomain d = CustomDomain.claim("t1", new Hostname("files.acme.test"), T0);
        assertThat(d.recordChecked(false, T0, GRACE)).isFalse();
        assertThat(d.status()).isEqualTo(DomainStatus.PENDING);
        assertThat(d.recordChecked(true, T0.plusSeconds(5), GRACE)).isTrue();
        assertThat(d.isServed()).isTrue();
        assertThat(d.verifiedAt()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void recordGoneThenSuspendedOnlyAfterGrace() {
        CustomDomain d = CustomDomain.claim("t1", new Hostname("files.acme.test"), T0);
        d.recordChecked(true, T0, GRACE);
        assertThat(d.recordChecked(false, T0.plus(Duration.ofHours(1)), GRACE)).isFalse();
        assertThat(d.recordChecked(false, T0.plus(Duration.ofHours(72)), GRACE)).isFalse();
        assertThat(d.isServed()).isTrue();
        assertThat(d.recordChecked(false, T0.plus(Duration.ofHours(73)), GRACE)).isTrue();
        assertThat(d.status()).isEqualTo(DomainStatus.SUSPENDED);
    }

    @Test
    void recordBackWithinGraceThenClockResets() {
        CustomDomain d = CustomDomain.claim("t1", new Hostname("files.acme.test"), T0);
        d.recordChecked(true, T0, GRACE);
        d.recordChecked(false, T0.plus(Duration.ofHours(70)), GRACE);
        d.recordChecked(true, T0.plus(Duration.ofHours(71)), GRACE);
        d.recordChecked(false, T0.plus(Duration.ofHours(100)), GRACE);
        assertThat(d.isServed()).isTrue();
    }
}
