package dev.authbroker.core.deletion;

import dev.authbroker.core.crypto.RandomToken;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * A Data Deletion request from Meta and what the broker did about it. Keeps the app, a hash of the user id, the
 * times and how many connections were removed — nothing else about the person. The confirmation code is public
 * (Meta shows it to the user) and unguessable (256 random bits).
 */
@Entity
@Table(name = "deletion_request")
public class DeletionRequest {

    @Id
    @Column(name = "confirmation_code", length = 64)
    private String confirmationCode;

    /** SHA-256 of the signed_request: the same request posted twice finds this row again. */
    @Column(name = "request_hash", nullable = false, unique = true, length = 64)
    private String requestHash;

    @Column(name = "client_id", nullable = false, length = 100)
    private String clientId;

    @Column(name = "tenant_id", length = 36)
    private String tenantId;

    @Column(name = "user_hash", nullable = false, length = 64)
    private String userHash;

    @Column(name = "connections_removed", nullable = false)
    private int connectionsRemoved;

    @Column(name = "received_at", nullable = false)
    private long receivedAt;

    @Column(name = "completed_at")
    private Long completedAt;

    protected DeletionRequest() {
    }

    public static DeletionRequest receive(String signedRequest, String clientId, String tenantId, String userId, Instant now) {
        DeletionRequest r = new DeletionRequest();
        r.confirmationCode = RandomToken.create("", 32).replace('-', 'x').replace('_', 'y');
        r.requestHash = hashOf(signedRequest);
        r.clientId = Objects.requireNonNull(clientId, "clientId");
        r.tenantId = tenantId;
        r.userHash = RandomToken.sha256Hex(clientId + ":" + userId);
        r.receivedAt = now.toEpochMilli();
        return r;
    }

    public static String hashOf(String signedRequest) {
        return RandomToken.sha256Hex(signedRequest);
    }

    public void complete(int removed, Instant now) {
        this.connectionsRemoved = removed;
        this.completedAt = now.toEpochMilli();
    }

    public String confirmationCode() {
        return confirmationCode;
    }

    public int connectionsRemoved() {
        return connectionsRemoved;
    }

    public Instant receivedAt() {
        return Instant.ofEpochMilli(receivedAt);
    }

    public Instant completedAt() {
        return completedAt == null ? null : Instant.ofEpochMilli(completedAt);
    }

    public boolean isCompleted() {
        return completedAt != null;
    }
}
