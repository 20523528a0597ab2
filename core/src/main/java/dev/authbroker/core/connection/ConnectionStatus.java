package dev.authbroker.core.connection;

/** ACTIVE connections can call the provider; RECONNECT_REQUIRED ones need the user to sign in again. */
public enum ConnectionStatus {
    ACTIVE, RECONNECT_REQUIRED
}
