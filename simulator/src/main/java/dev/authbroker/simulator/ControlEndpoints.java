package dev.authbroker.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code /_control/*}: the in-process API over HTTP, for the local run and for tests in another JVM. JSON in and out.
 * Control calls are not counted and never faulted.
 */
final class ControlEndpoints implements HttpHandler {

    static final String PREFIX = "/_control/";

    private final InstagramSimulator simulator;

    ControlEndpoints(InstagramSimulator simulator) {
        this.simulator = simulator;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            try {
                switch (route) {
                    case "POST /_control/apps" -> registerApp(exchange);
                    case "POST /_control/users" -> registerUser(exchange);
                    case "GET /_control/calls" -> calls(exchange);
                    case "POST /_control/reset" -> reset(exchange);
                    default -> Http.json(exchange, 404, error("no such control endpoint: " + route));
                }
            } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
                if (!Http.answered(exchange)) {
                    Http.json(exchange, 400, error(String.valueOf(e.getMessage())));
                }
            }
        }
    }

    private void registerApp(HttpExchange exchange) throws IOException {
        Map<String, Object> body = Json.parseObject(Http.body(exchange));
        String clientId = (String) required(body, "clientId");
        List<String> redirectUris = new ArrayList<>();
        for (Object uri : (List<?>) required(body, "redirectUris")) {
            redirectUris.add((String) uri);
        }
        simulator.registerApp(clientId, (String) required(body, "clientSecret"), redirectUris.toArray(String[]::new));
        Http.json(exchange, 200, Json.object().put("registered", clientId).toString());
    }

    private void registerUser(HttpExchange exchange) throws IOException {
        Map<String, Object> body = Json.parseObject(Http.body(exchange));
        String userId = (String) required(body, "userId");
        int mediaCount = ((BigDecimal) required(body, "mediaCount")).intValueExact();
        simulator.registerUser(userId, (String) required(body, "username"), mediaCount);
        Http.json(exchange, 200, Json.object().put("registered", userId).toString());
    }

    private void calls(HttpExchange exchange) throws IOException {
        Json.ObjectWriter out = Json.object();
        simulator.callCounts().forEach(out::put);
        Http.json(exchange, 200, out.toString());
    }

    /** Counters, seen values and queued faults: everything a test run may have left behind, but not apps or users. */
    private void reset(HttpExchange exchange) throws IOException {
        simulator.resetCounters();
        simulator.clearFaults();
        Http.json(exchange, 200, Json.object().put("reset", true).toString());
    }

    private static Object required(Map<String, Object> body, String name) {
        Object value = body.get(name);
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    private static String error(String message) {
        return Json.object().put("error", message).toString();
    }
}
