package dev.authbroker.core.error;

/**
 * Stable, snake_case error codes. Clients branch on these; the human message beside them may change.
 * Each code carries the HTTP status it maps to, so the web layer decides nothing per call site.
 */
public enum ErrorCode {
    INVALID_REQUEST(400),
    INVALID_JSON(400),
    INVALID_NAME(400),
    INVALID_ORIGIN(400),
    INVALID_HOSTNAME(400),
    INVALID_CLIENT_CREDENTIALS(400),
    INVALID_STATE(400),
    INVALID_SIGNED_REQUEST(400),
    UNAUTHORIZED(401),
    RECONNECT_REQUIRED(401),
    FORBIDDEN(403),
    TENANT_DISABLED(403),
    NOT_FOUND(404),
    TENANT_NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    CONFLICT(409),
    HOSTNAME_TAKEN(409),
    DOMAIN_NOT_VERIFIED(409),
    NO_APP_CONFIGURED(409),
    CUSTOM_AUTH_REQUIRED(409),
    TOO_MANY_PENDING_DOMAINS(409),
    PAYLOAD_TOO_LARGE(413),
    UNSUPPORTED_MEDIA_TYPE(415),
    RATE_LIMITED(429),
    PROVIDER_ERROR(502),
    MEDIA_UNAVAILABLE(502),
    ADMIN_API_DISABLED(503),
    PROVIDER_UNAVAILABLE(503),
    SERVICE_UNAVAILABLE(503),
    INTERNAL_ERROR(500);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The wire form, e.g. {@code custom_auth_required}. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
