package dev.authbroker.core.crypto;

/** A stored secret could not be opened. The message names the reason, never the secret. */
public class SecretBoxException extends RuntimeException {
    public SecretBoxException(String message) {
        super(message, null, false, false);
    }
}
