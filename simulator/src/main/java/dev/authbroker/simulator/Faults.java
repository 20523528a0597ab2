package dev.authbroker.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Faults queued per endpoint; each call to the endpoint takes (at most) the next one. */
final class Faults {

    private final Map<String, Queue<Fault>> queued = new ConcurrentHashMap<>();

    void inject(String endpoint, Fault fault, int times) {
        CallLog.requireKnown(endpoint);
        if (fault == null || times < 1) {
            throw new IllegalArgumentException("a fault and times >= 1 are required");
        }
        Queue<Fault> queue = queued.computeIfAbsent(endpoint, e -> new ConcurrentLinkedQueue<>());
        for (int i = 0; i < times; i++) {
            queue.add(fault);
        }
    }

    Fault next(String endpoint) {
        Queue<Fault> queue = queued.get(endpoint);
        return queue == null ? null : queue.poll();
    }

    void clear() {
        queued.clear();
    }

    /** Plays the fault; true when it took the place of the normal answer, false when normal handling follows. */
    static boolean play(Fault fault, HttpExchange exchange) throws IOException {
        switch (fault.kind()) {
            case DELAY -> {
                sleep(fault.delayMillis());
                return false;
            }
            case STATUS -> {
                if (fault.retryAfter() != null) {
                    exchange.getResponseHeaders().set("Retry-After", fault.retryAfter());
                }
                Http.json(exchange, fault.status(), GraphError.forStatus(fault.status()));
            }
            case HTML_BODY -> Http.send(exchange, 200, "text/html", "<html>oops</html>");
            case EMPTY_JSON -> Http.json(exchange, 200, "{}");
            case TRUNCATED_JSON -> Http.json(exchange, 200, "{\"access_token\":\"abc");
            // Closing an exchange before any header is sent makes the JDK server close the socket itself, so the
            // client sees the connection end with no status line at all (not an empty 200).
            case DROP_CONNECTION -> exchange.close();
            default -> throw new IllegalStateException("unhandled fault " + fault.kind());
        }
        return true;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
