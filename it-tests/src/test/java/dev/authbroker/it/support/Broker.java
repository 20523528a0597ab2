package dev.authbroker.it.support;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.UUID;

/** The broker under test and its admin API. */
public final class Broker {

    private Broker() {
    }

    /** The platform origin, as configured in authbroker.public-base-url. */
    public static String base() {
        return "http://localhost:" + System.getProperty("it.broker.port", "18080");
    }

    public static String url(String path) {
        return base() + path;
    }

    /**
     * A MicroProfile Health URL ({@code /health/ready}, {@code /health/live}): on Payara Micro at the broker's own
     * address, on WildFly on its management interface ({@code it.health.base}).
     */
    public static String healthUrl(String path) {
        return System.getProperty("it.health.base", base()) + path;
    }

    public static String operatorToken() {
        return System.getProperty("it.operator.token");
    }

    public static Http admin(String method, String path) {
        return Http.method(method, url("/api/admin" + path)).bearer(operatorToken());
    }

    /** A created tenant with its secret, as the create call answered it. */
    public record TestTenant(String id, String apiKey, String secret, String name, String origin) {
    }

    public static TestTenant createTenant(String... origins) {
        String name = "it-" + UUID.randomUUID();
        JsonArrayBuilder list = Json.createArrayBuilder();
        String first = origins.length == 0 ? "https://app-" + UUID.randomUUID().toString().substring(0, 8) + ".test" : origins[0];
        list.add(first);
        for (int i = 1; i < origins.length; i++) {
            list.add(origins[i]);
        }
        Http.Reply reply = admin("POST", "/tenants")
                .json(Json.createObjectBuilder().add("name", name).add("origins", list).build().toString())
                .send();
        if (reply.status() != 201) {
            throw new AssertionError("tenant not created: " + reply);
        }
        JsonObject body = reply.json();
        return new TestTenant(body.getString("id"), body.getString("apikey"), body.getString("secret"), name, first);
    }

    public static void setCustomAuth(TestTenant tenant, String clientId, String clientSecret) {
        Http.Reply reply = admin("PUT", "/tenants/" + tenant.id() + "/apps/instagram")
                .json(Json.createObjectBuilder().add("clientId", clientId).add("clientSecret", clientSecret).build().toString())
                .send();
        if (reply.status() != 200) {
            throw new AssertionError("custom auth not set: " + reply);
        }
    }
}
