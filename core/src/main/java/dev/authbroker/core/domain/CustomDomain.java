package dev.authbroker.core.domain;

import dev.authbroker.core.crypto.RandomToken;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A host name a tenant serves the broker on (a CNAME such as files.acme.com). Ownership is proven with a DNS TXT
 * record holding a random value; only a VERIFIED domain is served. A verified domain whose record disappears is
 * suspended once the record has been missing for the grace period.
 */
@Entity
@Table(name = "custom_domain")
public class CustomDomain {

    public static final String TXT_PREFIX = "_authbroker-challenge.";

    @Id
    @Column(name = "hostname", length = 253)
    private String hostname;

    @Column(name = "tenant_id", nullable = false, length = 36)
    private String tenantId;

    @Column(name = "status", nullable = false, length = 16)
    private String status;

    @Column(name = "txt_value", nullable = false, length = 100)
    private String txtValue;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    @Column(name = "verified_at")
    private Long verifiedAt;

    @Column(name = "checked_at")
    private Long checkedAt;

    @Column(name = "missing_since")
    private Long missingSince;

    protected CustomDomain() {
    }

    public static CustomDomain claim(String tenantId, Hostname hostname, Instant now) {
        CustomDomain d = new CustomDomain();
        d.hostname = hostname.value();
        d.tenantId = Objects.requireNonNull(tenantId, "tenantId");
        d.status = DomainStatus.PENDING.name();
        d.txtValue = "authbroker-verification=" + RandomToken.create("", 24);
        d.createdAt = now.toEpochMilli();
        return d;
    }

    /** The outcome of a DNS check: the record seen or not. Answers true when the status changed. */
    public boolean recordChecked(boolean found, Instant now, Duration grace) {
        checkedAt = now.toEpochMilli();
        DomainStatus before = status();
        if (found) {
            missingSince = null;
            if (before != DomainStatus.VERIFIED) {
                status = DomainStatus.VERIFIED.name();
                verifiedAt = now.toEpochMilli();
            }
        } else if (before == DomainStatus.VERIFIED) {
            if (missingSince == null) {
                missingSince = now.toEpochMilli();
            }
            if (now.toEpochMilli() - missingSince >= grace.toMillis()) {
                status = DomainStatus.SUSPENDED.name();
            }
        }
        return before != status();
    }

    public String txtName() {
        return TXT_PREFIX + hostname;
    }

    public String txtValue() {
        return txtValue;
    }

    public String hostname() {
        return hostname;
    }

    public String tenantId() {
        return tenantId;
    }

    public DomainStatus status() {
        return DomainStatus.valueOf(status);
    }

    public String statusName() {
        return status.toLowerCase(Locale.ROOT);
    }

    /** A claim never verified within {@code pendingTtl} of being made: it no longer holds the name. */
    public boolean isExpiredClaim(Instant now, Duration pendingTtl) {
        return status() == DomainStatus.PENDING && now.toEpochMilli() - createdAt >= pendingTtl.toMillis();
    }

    /** Served, and its record was seen at the last check: a new sighting changes nothing but the check time. */
    public boolean isVerifiedAndSeen() {
        return status() == DomainStatus.VERIFIED && missingSince == null;
    }

    public boolean isServed() {
        return status() == DomainStatus.VERIFIED;
    }

    public Instant createdAt() {
        return Instant.ofEpochMilli(createdAt);
    }

    public Instant verifiedAt() {
        return verifiedAt == null ? null : Instant.ofEpochMilli(verifiedAt);
    }
}
