package dev.authbroker.web.error;

import dev.authbroker.core.log.WarningThrottle;
import dev.authbroker.persistence.Database;
import dev.authbroker.core.error.ErrorCode;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Everything that is not a {@link dev.authbroker.core.error.BrokerException}: JAX-RS's own 404/405/415 get their
 * stable codes; anything else is a bug, logged under an incident id (type and message only, which our code keeps
 * free of secrets) and answered without a stack trace.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable e) {
        if (e instanceof NotFoundException) {
            return ErrorResponses.json(ErrorCode.NOT_FOUND, "no such resource");
        }
        if (e instanceof NotAllowedException) {
            Response r = ErrorResponses.json(ErrorCode.METHOD_NOT_ALLOWED, "method not allowed on this resource");
            String allow = ((NotAllowedException) e).getResponse().getHeaderString("Allow");
            return allow == null ? r : Response.fromResponse(r).header("Allow", allow).build();
        }
        if (e instanceof NotSupportedException) {
            return ErrorResponses.json(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "send application/json");
        }
        if (e instanceof WebApplicationException wae && wae.getResponse().getStatus() < 500) {
            int status = wae.getResponse().getStatus();
            return ErrorResponses.json(status, status == 406 ? "not_acceptable" : "invalid_request",
                    "the request was not understood (HTTP " + status + ")");
        }
        if (Database.isDatabaseFailure(e)) {
            // every request fails alike in an outage: one line per 10 s, not one per request
            WarningThrottle.SHARED.warn(LOG, "database-unavailable", "database unavailable: " + e.getClass().getName());
            return ErrorResponses.json(ErrorCode.SERVICE_UNAVAILABLE, "the database is unavailable; try again shortly");
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "unexpected error, incident " + incident + ": " + e.getClass().getName());
        return ErrorResponses.json(ErrorCode.INTERNAL_ERROR, "internal error, incident " + incident);
    }
}
