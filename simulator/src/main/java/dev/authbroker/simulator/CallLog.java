package dev.authbroker.simulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the simulator received, so tests can assert on observable traffic: how many calls each endpoint got (a code
 * exchange must happen exactly once) and which client_id and redirect_uri the broker sent (the right app for the
 * right tenant).
 */
final class CallLog {

    /** Every endpoint name tests may count or fault, in a stable order. */
    static final List<String> ENDPOINTS = List.of("authorize", "authorize_submit", "token", "exchange", "refresh", "me",
            "media_list", "media_item", "cdn");

    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final Map<String, List<String>> clientIds = new ConcurrentHashMap<>();
    private final Map<String, List<String>> redirectUris = new ConcurrentHashMap<>();

    CallLog() {
        for (String endpoint : ENDPOINTS) {
            counts.put(endpoint, new AtomicInteger());
        }
    }

    static void requireKnown(String endpoint) {
        if (!ENDPOINTS.contains(endpoint)) {
            throw new IllegalArgumentException("unknown endpoint '" + endpoint + "'; known: " + ENDPOINTS);
        }
    }

    void count(String endpoint) {
        counts.get(endpoint).incrementAndGet();
    }

    int calls(String endpoint) {
        requireKnown(endpoint);
        return counts.get(endpoint).get();
    }

    /** Values may be null: a request that lacked the parameter is recorded as such. */
    void recordClient(String endpoint, String clientId, String redirectUri) {
        clientIds.computeIfAbsent(endpoint, e -> new CopyOnWriteArrayList<>()).add(String.valueOf(clientId));
        redirectUris.computeIfAbsent(endpoint, e -> new CopyOnWriteArrayList<>()).add(String.valueOf(redirectUri));
    }

    List<String> clientIds(String endpoint) {
        requireKnown(endpoint);
        return Collections.unmodifiableList(new ArrayList<>(clientIds.getOrDefault(endpoint, List.of())));
    }

    List<String> redirectUris(String endpoint) {
        requireKnown(endpoint);
        return Collections.unmodifiableList(new ArrayList<>(redirectUris.getOrDefault(endpoint, List.of())));
    }

    Map<String, Integer> snapshot() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String endpoint : ENDPOINTS) {
            out.put(endpoint, counts.get(endpoint).get());
        }
        return out;
    }

    void reset() {
        counts.values().forEach(count -> count.set(0));
        clientIds.clear();
        redirectUris.clear();
    }
}
