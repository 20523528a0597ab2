package dev.authbroker.core.app;

import dev.authbroker.core.crypto.SecretBox;
import dev.authbroker.core.error.BrokerException;
import dev.authbroker.core.error.ErrorCode;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A tenant's own app at a provider ("Custom Auth"): its client id and its client secret, sealed with
 * {@link SecretBox} under a context naming this row, so the ciphertext is useless anywhere else.
 */
@Entity
@Table(name = "provider_app")
public class ProviderApp {

    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final Pattern CLIENT_SECRET = Pattern.compile("[\\x21-\\x7e]{1,200}");

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "tenant_id", nullable = false, length = 36)
    private String tenantId;

    @Column(name = "provider", nullable = false, length = 32)
    private String provider;

    @Column(name = "client_id", nullable = false, length = 100)
    private String clientId;

    @Column(name = "client_secret", nullable = false, length = 1000)
    private String sealedClientSecret;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    @Column(name = "updated_at", nullable = false)
    private long updatedAt;

    protected ProviderApp() {
    }

    public static ProviderApp create(String tenantId, String provider, ClientCredentials credentials, SecretBox box, Instant now) {
        ProviderApp app = new ProviderApp();
        app.id = UUID.randomUUID().toString();
        app.tenantId = Objects.requireNonNull(tenantId, "tenantId");
        app.provider = Objects.requireNonNull(provider, "provider");
        app.createdAt = now.toEpochMilli();
        app.replaceCredentials(credentials, box, now);
        return app;
    }

    public void replaceCredentials(ClientCredentials credentials, SecretBox box, Instant now) {
        this.clientId = credentials.clientId();
        this.sealedClientSecret = box.seal(credentials.clientSecret(), secretContext());
        this.updatedAt = now.toEpochMilli();
    }

    /** The credentials in plain text, for the one moment they are sent to the provider. */
    public ClientCredentials credentials(SecretBox box) {
        return new ClientCredentials(clientId, box.open(sealedClientSecret, secretContext()));
    }

    /** Re-encrypts the secret with the active key; returns false when it already was. */
    /** The secret sealed with the box's active key, to write only if the row is unchanged; empty when it already is. */
    public java.util.Optional<dev.authbroker.core.crypto.SealedRewrite> rewrapped(SecretBox box) {
        if (box.isSealedWithActiveKey(sealedClientSecret)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new dev.authbroker.core.crypto.SealedRewrite(id, sealedClientSecret,
                box.rewrap(sealedClientSecret, secretContext())));
    }

    private String secretContext() {
        return "provider_app.client_secret/" + id;
    }

    public static ClientCredentials validCredentials(String clientId, String clientSecret) {
        if (clientId == null || !CLIENT_ID.matcher(clientId).matches()) {
            throw new BrokerException(ErrorCode.INVALID_CLIENT_CREDENTIALS,
                    "clientId must be 1 to 100 characters of letters, digits, '.', '_' or '-'");
        }
        if (clientSecret == null || !CLIENT_SECRET.matcher(clientSecret).matches()) {
            throw new BrokerException(ErrorCode.INVALID_CLIENT_CREDENTIALS,
                    "clientSecret must be 1 to 200 printable ASCII characters without spaces");
        }
        return new ClientCredentials(clientId, clientSecret);
    }

    public String id() {
        return id;
    }

    public String tenantId() {
        return tenantId;
    }

    public String provider() {
        return provider;
    }

    public String clientId() {
        return clientId;
    }

    public Instant createdAt() {
        return Instant.ofEpochMilli(createdAt);
    }

    public Instant updatedAt() {
        return Instant.ofEpochMilli(updatedAt);
    }

    @Override
    public String toString() {
        return "ProviderApp[" + id + ", " + provider + ", clientId=" + clientId + "]";
    }
}
