package dev.authbroker.web.error;

import dev.authbroker.core.error.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/**
 * No API takes a body over 64 KiB: refuse larger declared bodies before anything reads them. Bodies without a
 * declared length are capped where they are read.
 */
@Provider
@PreMatching
public class RequestSizeLimit implements ContainerRequestFilter {

    public static final int MAX_BODY_BYTES = 64 * 1024;
    private static final long DRAIN_LIMIT = 4L * 1024 * 1024;

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > MAX_BODY_BYTES) {
            drain(request);
            request.abortWith(ErrorResponses.json(ErrorCode.PAYLOAD_TOO_LARGE, "the body exceeds 64 KiB"));
        }
    }

    /**
     * Reads (and drops) a bounded amount of the refused body, so clients that finish sending before they read the
     * answer (java.net.http among them) see the 413 instead of a stalled connection.
     */
    private static void drain(ContainerRequestContext request) {
        byte[] buffer = new byte[8192];
        long left = DRAIN_LIMIT;
        try (InputStream in = request.getEntityStream()) {
            int n;
            while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                left -= n;
            }
        } catch (IOException e) {
            // the client went away; the answer no longer matters
        }
    }
}
