package dev.authbroker.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The test accounts a person can "log in as" on the consent page, in registration order. */
final class Users {

    record User(String id, String username) {

        User {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(username, "username");
            if (!id.matches("[0-9]+")) {
                throw new IllegalArgumentException("Instagram user ids are digits, got " + id);
            }
        }
    }

    // Insertion order is what the consent page lists, so a plain synchronized LinkedHashMap rather than a
    // ConcurrentHashMap; the consent page copies it under the lock.
    private final Map<String, User> byId = new LinkedHashMap<>();

    synchronized void register(User user) {
        byId.put(user.id(), user);
    }

    synchronized User find(String id) {
        return id == null ? null : byId.get(id);
    }

    synchronized List<User> all() {
        return new ArrayList<>(byId.values());
    }
}
