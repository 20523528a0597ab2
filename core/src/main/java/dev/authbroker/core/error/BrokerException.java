package dev.authbroker.core.error;

import java.util.Objects;

/**
 * The one exception the broker throws on purpose. Its message is shown to API clients and users, so it never
 * carries a secret, token or authorization code.
 */
public class BrokerException extends RuntimeException {

    private final ErrorCode code;

    public BrokerException(ErrorCode code, String message) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.code = Objects.requireNonNull(code, "code");
    }

    public BrokerException(ErrorCode code, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause, false, false);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }
}
