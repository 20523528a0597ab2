package dev.authbroker.web.error;

import dev.authbroker.core.error.BrokerException;
import dev.authbroker.core.error.ErrorCode;
import dev.authbroker.web.limits.RateLimitedException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * The single place where a {@link BrokerException} becomes JSON for the APIs. The sign-in popup renders its
 * errors as pages itself, because it must also tell the opener window.
 */
@Provider
public class BrokerExceptionMapper implements ExceptionMapper<BrokerException> {

    @Override
    public Response toResponse(BrokerException e) {
        if (e.code() == ErrorCode.UNAUTHORIZED) {
            return Response.fromResponse(ErrorResponses.json(e.code(), e.getMessage()))
                    .header("WWW-Authenticate", "Bearer realm=\"authbroker\"").build();
        }
        if (e instanceof RateLimitedException limited) {
            return Response.fromResponse(ErrorResponses.json(e.code(), e.getMessage()))
                    .header("Retry-After", limited.retryAfterSeconds()).build();
        }
        return ErrorResponses.json(e.code(), e.getMessage());
    }
}
