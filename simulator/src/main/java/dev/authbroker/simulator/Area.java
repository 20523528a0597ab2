package dev.authbroker.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/**
 * One group of endpoints under a path prefix. The simulator asks it which counted endpoint a request is, then counts
 * the call and plays any queued fault before the area handles it, so every area gets counting and faults alike.
 */
interface Area {

    /** The endpoint name (one of {@link CallLog#ENDPOINTS}) for this request, or null when no endpoint matches. */
    String endpoint(String method, String path);

    void handle(String endpoint, HttpExchange exchange) throws IOException;
}
