package dev.authbroker.core.app;

import java.util.Objects;

/** An OAuth client id and secret. {@link #toString()} never prints the secret. */
public record ClientCredentials(String clientId, String clientSecret) {

    public ClientCredentials {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
    }

    @Override
    public String toString() {
        return "ClientCredentials[clientId=" + clientId + ", clientSecret=***]";
    }
}
