package dev.authbroker.core.tenant;

import dev.authbroker.core.crypto.RandomToken;
import dev.authbroker.core.error.BrokerException;
import dev.authbroker.core.error.ErrorCode;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A customer app of the platform. Identified publicly by its API key; administered with its secret, of which the
 * broker keeps only a SHA-256 hash.
 */
@Entity
@Table(name = "tenant")
public class Tenant {

    public static final int MAX_NAME_CODE_POINTS = 200;
    public static final int MAX_ORIGINS = 50;

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "name", nullable = false, length = 400)
    private String name;

    @Column(name = "api_key", nullable = false, unique = true, length = 64)
    private String apiKey;

    @Column(name = "secret_hash", nullable = false, length = 64)
    private String secretHash;

    /** Allowed picker origins, one per line: a handful per tenant, always read and written as a whole. */
    @Column(name = "origins", nullable = false, length = 16000)
    private String origins;

    /**
     * The same origins, one row each in {@code tenant_origin}, indexed: a CORS preflight finds the tenants allowing
     * an origin by equality, however many tenants there are. Written with {@link #origins}, never read in full.
     */
    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "tenant_origin", joinColumns = @JoinColumn(name = "tenant_id"))
    @Column(name = "origin", nullable = false, length = 2000)
    private Set<String> originIndex = new HashSet<>();

    @Column(name = "status", nullable = false, length = 16)
    private String status;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    @Column(name = "updated_at", nullable = false)
    private long updatedAt;

    protected Tenant() {
    }

    /** Creates a tenant and returns it with its secret in plain text, which exists nowhere else afterwards. */
    public static Created create(String name, List<Origin> origins, Instant now) {
        Tenant tenant = new Tenant();
        tenant.id = UUID.randomUUID().toString();
        tenant.apiKey = RandomToken.create("pk_", 18);
        tenant.rename(name, now);
        tenant.replaceOrigins(origins, now);
        tenant.status = TenantStatus.ACTIVE.name();
        tenant.createdAt = now.toEpochMilli();
        String secret = tenant.rotateSecret(now);
        return new Created(tenant, secret);
    }

    /** A new tenant with the only plain-text copy of its secret. */
    public record Created(Tenant tenant, String secret) {
        @Override
        public String toString() {
            return "Created[tenant=" + tenant.id() + "]";
        }
    }

    public static String validName(String name) {
        if (name == null || name.isEmpty()) {
            throw new BrokerException(ErrorCode.INVALID_NAME, "name must be 1 to " + MAX_NAME_CODE_POINTS + " characters");
        }
        int codePoints = name.codePointCount(0, name.length());
        if (codePoints > MAX_NAME_CODE_POINTS) {
            throw new BrokerException(ErrorCode.INVALID_NAME, "name must be 1 to " + MAX_NAME_CODE_POINTS + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c)) {
                throw new BrokerException(ErrorCode.INVALID_NAME, "name must not contain control characters");
            }
            if (Character.isHighSurrogate(c) && (i + 1 >= name.length() || !Character.isLowSurrogate(name.charAt(i + 1)))
                    || Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(name.charAt(i - 1)))) {
                throw new BrokerException(ErrorCode.INVALID_NAME, "name must be valid Unicode text");
            }
        }
        return name;
    }

    public void rename(String newName, Instant now) {
        this.name = validName(newName);
        touch(now);
    }

    public void replaceOrigins(List<Origin> newOrigins, Instant now) {
        Objects.requireNonNull(newOrigins, "origins");
        if (newOrigins.size() > MAX_ORIGINS) {
            throw new BrokerException(ErrorCode.INVALID_ORIGIN, "at most " + MAX_ORIGINS + " origins per tenant");
        }
        LinkedHashSet<String> unique = new LinkedHashSet<>();
        newOrigins.forEach(o -> unique.add(o.value()));
        this.origins = String.join("\n", unique);
        originIndex.retainAll(unique);
        originIndex.addAll(unique);
        touch(now);
    }

    /** Replaces the admin secret; the previous one stops working. Returns the new secret in plain text. */
    public String rotateSecret(Instant now) {
        String secret = RandomToken.create("sk_", 32);
        this.secretHash = RandomToken.sha256Hex(secret);
        touch(now);
        return secret;
    }

    public boolean secretMatches(String presented) {
        return presented != null && RandomToken.constantTimeEquals(secretHash, RandomToken.sha256Hex(presented));
    }

    public void disable(Instant now) {
        status = TenantStatus.DISABLED.name();
        touch(now);
    }

    public void enable(Instant now) {
        status = TenantStatus.ACTIVE.name();
        touch(now);
    }

    public boolean allowsOrigin(String origin) {
        return origin != null && origins().contains(origin);
    }

    private void touch(Instant now) {
        updatedAt = now.toEpochMilli();
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String apiKey() {
        return apiKey;
    }

    public List<String> origins() {
        return origins == null || origins.isEmpty() ? List.of() : List.copyOf(Arrays.asList(origins.split("\n")));
    }

    public TenantStatus status() {
        return TenantStatus.valueOf(status);
    }

    public boolean isActive() {
        return status() == TenantStatus.ACTIVE;
    }

    public Instant createdAt() {
        return Instant.ofEpochMilli(createdAt);
    }

    public Instant updatedAt() {
        return Instant.ofEpochMilli(updatedAt);
    }

    @Override
    public String toString() {
        return "Tenant[" + id + "]";
    }
}
