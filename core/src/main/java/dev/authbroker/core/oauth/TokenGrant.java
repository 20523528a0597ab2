package dev.authbroker.core.oauth;

import java.time.Instant;
import java.util.Objects;

/** An access token as a provider granted it, with the user it belongs to. {@link #toString()} hides the token. */
public record TokenGrant(String accessToken, String userId, Instant expiresAt) {

    public TokenGrant {
        Objects.requireNonNull(accessToken, "accessToken");
    }

    @Override
    public String toString() {
        return "TokenGrant[userId=" + userId + ", expiresAt=" + expiresAt + ", accessToken=***]";
    }
}
