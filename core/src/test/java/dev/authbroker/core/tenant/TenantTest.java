package dev.authbroker.core.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authbroker.core.error.BrokerException;
import dev.authbroker.core.error.ErrorCode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TenantTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void createThenSecretIsReturnedOnceAndStoredOnlyAsHash() {
        Tenant.Created created = Tenant.create("Acme", List.of(Origin.parse("https://app.acme.test")), NOW);

        assertThat(created.secret()).startsWith("sk_");
        assertThat(created.tenant().secretMatches(created.secret())).isTrue();
        assertThat(created.tenant().secretMatches(created.secret() + "x")).isFalse();
        assertThat(created.tenant().secretMatches(null)).isFalse();
        assertThat(created.toString()).doesNotContain(created.secret());
        assertThat(created.tenant().apiKey()).startsWith("pk_");
        assertThat(created.tenant().isActive()).isTrue();
    }

    @Test
    void rotateSecretThenOldSecretNoLongerMatches() {
        Tenant.Created created = Tenant.create("Acme", List.of(), NOW);
        String fresh = created.tenant().rotateSecret(NOW);

        assertThat(created.tenant().secretMatches(created.secret())).isFalse();
        assertThat(created.tenant().secretMatches(fresh)).isTrue();
    }

    @Test
    void nameRulesThenOneTo200CodePointsOfAnyPrintableUnicode() {
        assertThat(Tenant.validName("😀".repeat(200))).hasSize(400);
        assertThat(Tenant.validName("名前 ✓")).isEqualTo("名前 ✓");
        for (String bad : new String[] {null, "", "a".repeat(201), "a\u0000b", "tab\there", "\ud800x"}) {
            assertThatThrownBy(() -> Tenant.validName(bad))
                    .isInstanceOf(BrokerException.class)
                    .extracting(e -> ((BrokerException) e).code()).isEqualTo(ErrorCode.INVALID_NAME);
        }
    }

    @Test
    void originsThenDeduplicatedAndMatchedExactly() {
        Tenant tenant = Tenant.create("Acme", List.of(Origin.parse("https://app.acme.test"),
                Origin.parse("https://APP.acme.test:443")), NOW).tenant();

        assertThat(tenant.origins()).containsExactly("https://app.acme.test");
        assertThat(tenant.allowsOrigin("https://app.acme.test")).isTrue();
        assertThat(tenant.allowsOrigin("https://app.acme.test/")).isFalse();
        assertThat(tenant.allowsOrigin("https://app.acme.test.evil.test")).isFalse();
        assertThat(tenant.allowsOrigin(null)).isFalse();
    }

    @Test
    void disableThenNotActive() {
        Tenant tenant = Tenant.create("Acme", List.of(), NOW).tenant();
        tenant.disable(NOW);
        assertThat(tenant.isActive()).isFalse();
        tenant.enable(NOW);
        assertThat(tenant.isActive()).isTrue();
    }
}
