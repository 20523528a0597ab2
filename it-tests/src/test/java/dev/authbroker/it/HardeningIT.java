package dev.authbroker.it;

import static dev.authbroker.it.support.Broker.createTenant;
import static dev.authbroker.it.support.Popup.enc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.authbroker.it.support.Broker;
import dev.authbroker.it.support.Broker.TestTenant;
import dev.authbroker.it.support.Deployments;
import dev.authbroker.it.support.Http;
import dev.authbroker.it.support.Popup;
import dev.authbroker.it.support.Simulator;
import dev.authbroker.it.support.TestDb;
import dev.authbroker.simulator.InstagramSimulator;
import java.net.URI;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Hostile input and who may change what (issue 12): every refusal is a 4xx with a stable code, nothing is lost. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HardeningIT {

    private static final String FORM = "application/x-www-form-urlencoded";
    private final InstagramSimulator instagram = Simulator.get();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.broker();
    }

    private static void assertError(Http.Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.json().getString("error")).isEqualTo(code);
    }

    // 1. Bodies are capped by the bytes read, whatever their framing.

    @Test
    void aChunkedBodyOver64KiBOnThePublicMetaCallbackIs413() {
        Http.Reply reply = Http.post(Broker.url("/api/client/instagram/data_deletion"))
                .chunked(FORM, "signed_request=", 4L * 1024 * 1024, 'a').send();
        assertError(reply, 413, "payload_too_large");
    }

    @Test
    void aChunkedBodyJustOver64KiBOnTheAdminApiIs413() {
        Http.Reply reply = Broker.admin("POST", "/tenants")
                .chunked("application/json", "{\"name\":\"", 64 * 1024, 'n').send();
        assertError(reply, 413, "payload_too_large");
    }

    @Test
    void aSmallChunkedBodyIsReadAsUsual() {
        Http.Reply reply = Broker.admin("POST", "/tenants")
                .chunked("application/json", "{\"name\":\"chunked tenant\",\"origins\":[\"https://chunked.test\"]", 0, ' ')
                .header("X-Unused", "x").send();
        // the JSON above lacks its closing brace on purpose: the body arrived whole and was parsed (400, not 413)
        assertError(reply, 400, "invalid_json");
        Http.Reply created = Broker.admin("POST", "/tenants")
                .chunked("application/json", "{\"name\":\"chunked tenant\",\"origins\":[\"https://chunked.test\"]}", 0, ' ')
                .send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().getString("name")).isEqualTo("chunked tenant");
    }

    @Test
    void aSmallChunkedFormReachesTheMetaCallback() {
        Http.Reply reply = Http.post(Broker.url("/api/client/instagram/deauthorize"))
                .chunked(FORM, "signed_request=not.valid", 0, ' ').send();
        assertError(reply, 400, "invalid_signed_request");
    }

    @Test
    void aMalformedContentLengthIs400() {
        String url = Broker.url("/api/client/instagram/data_deletion");
        String path = URI.create(url).getPath();
        String head = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + FORM;
        assertThat(Http.rawStatus(url, head + "\r\nContent-Length: 12abc", "signed_request")).isEqualTo(400);
        assertThat(Http.rawStatus(url, head + "\r\nContent-Length: -5", "")).isEqualTo(400);
        assertThat(Http.rawStatus(url, head + "\r\nContent-Length: 5\r\nContent-Length: 6", "abcdef")).isEqualTo(400);
    }

    @Test
    void aContentLengthBeyondTwoToThe31Is413() {
        String url = Broker.url("/api/client/instagram/data_deletion");
        String head = "POST " + URI.create(url).getPath() + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + FORM;
        // a client that waits for the go-ahead before sending gets the refusal at once; on WildFly, Undertow refuses a
        // declared length over its max-post-size (10 MB by default) itself, with 400, before the broker sees it
        int refused = "wildfly".equals(System.getProperty("it.server")) ? 400 : 413;
        assertThat(Http.rawStatus(url, head + "\r\nExpect: 100-continue\r\nContent-Length: 3000000000", "")).isEqualTo(refused);
        assertThat(Http.rawStatus(url, head + "\r\nContent-Length: 200000", "s".repeat(200_000))).isEqualTo(413);
    }

    // 5. Nesting depth.

    @Test
    void jsonNestedDeeperThan64LevelsIs400() {
        String deep = "{\"name\":" + "[".repeat(999) + "]".repeat(999) + "}";
        assertError(Broker.admin("POST", "/tenants").json(deep).send(), 400, "invalid_json");
        String limit = "{\"name\":" + "[".repeat(64) + "]".repeat(64) + "}";
        assertError(Broker.admin("POST", "/tenants").json(limit).send(), 400, "invalid_json");
        String fine = "{\"name\":\"ok\",\"origins\":[\"https://depth.test\"]}";
        assertThat(Broker.admin("POST", "/tenants").json(fine).send().status()).isEqualTo(201);
    }

    // 2. Status is the operator's; a disabled tenant is disabled everywhere.

    @Test
    void aTenantSecretCannotChangeItsStatus() {
        TestTenant tenant = createTenant();
        Http.Reply reply = Http.patch(Broker.url("/api/admin/tenants/" + tenant.id())).bearer(tenant.secret())
                .json("{\"status\":\"disabled\"}").send();
        assertError(reply, 403, "forbidden");
        assertThat(Broker.admin("GET", "/tenants/" + tenant.id()).send().json().getString("status")).isEqualTo("active");
    }

    @Test
    void aDisabledTenantCannotLiftItsOwnSuspensionOrChangeAnything() {
        TestTenant tenant = createTenant();
        assertThat(Broker.admin("PATCH", "/tenants/" + tenant.id()).json("{\"status\":\"disabled\"}").send().status())
                .isEqualTo(200);
        String self = Broker.url("/api/admin/tenants/" + tenant.id());

        assertError(Http.patch(self).bearer(tenant.secret()).json("{\"status\":\"active\"}").send(), 403, "forbidden");
        assertError(Http.patch(self).bearer(tenant.secret()).json("{\"name\":\"renamed\"}").send(), 403, "tenant_disabled");
        assertError(Http.post(self + "/secret").bearer(tenant.secret()).send(), 403, "tenant_disabled");
        assertError(Http.put(self + "/apps/instagram").bearer(tenant.secret())
                .json("{\"clientId\":\"123456\",\"clientSecret\":\"abcdef0123456789\"}").send(), 403, "tenant_disabled");
        assertError(Http.post(self + "/domains").bearer(tenant.secret()).json("{\"hostname\":\"files.disabled.test\"}").send(),
                403, "tenant_disabled");
        assertError(Http.delete(self).bearer(tenant.secret()).send(), 403, "tenant_disabled");

        Http.Reply read = Http.get(self).bearer(tenant.secret()).send();
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().getString("status")).isEqualTo("disabled");
        assertThat(read.json().getString("name")).isEqualTo(tenant.name());
        assertThat(TestDb.count("SELECT COUNT(*) FROM custom_domain WHERE tenant_id = ?", tenant.id())).isZero();
        assertThat(TestDb.count("SELECT COUNT(*) FROM provider_app WHERE tenant_id = ?", tenant.id())).isZero();
    }

    @Test
    void aDisabledTenantsPickerSessionsAnswer403AndMayStillDisconnect() {
        TestTenant tenant = createTenant();
        String userId = Long.toString(17_843_000_000_000L + (long) (Math.random() * 1e12));
        instagram.registerUser(userId, "hard_" + userId.substring(12), 3);
        Http.Reply page = new Popup().signIn("apikey=" + enc(tenant.apiKey()) + "&origin=" + enc(tenant.origin()), userId);
        String session = Popup.session(page);
        assertThat(picker("/media", session).status()).isEqualTo(200);

        Broker.admin("PATCH", "/tenants/" + tenant.id()).json("{\"status\":\"disabled\"}").send();
        assertError(picker("/media", session), 403, "tenant_disabled");
        assertError(picker("/me", session), 403, "tenant_disabled");

        Broker.admin("PATCH", "/tenants/" + tenant.id()).json("{\"status\":\"active\"}").send();
        assertThat(picker("/me", session).status()).isEqualTo(200);
        Broker.admin("PATCH", "/tenants/" + tenant.id()).json("{\"status\":\"disabled\"}").send();
        Http.Reply logout = Http.post(Broker.url("/api/client/instagram/logout")).bearer(session).send();
        assertThat(logout.status()).isEqualTo(204);
        assertThat(TestDb.count("SELECT COUNT(*) FROM connection WHERE tenant_id = ?", tenant.id())).isZero();
    }

    private static Http.Reply picker(String path, String session) {
        return Http.get(Broker.url("/api/client/instagram" + path)).bearer(session).send();
    }

    // 7. Rate limits: 429 with Retry-After, per client address (the trusted proxy's forwarded one), per tenant, per session.

    /** A request through the trusted proxy (127.0.0.2) for {@code forwardedFor}; answers the whole response. */
    private static String viaProxy(String forwardedFor, String method, String path, String... headers) {
        String[] all = java.util.Arrays.copyOf(headers, headers.length + 1);
        all[headers.length] = "X-Forwarded-For: " + forwardedFor;
        return Http.viaTrustedProxy(method, path, all);
    }

    private static String someAddress() {
        return "198.51.100." + (1 + (int) (Math.random() * 250));
    }

    @Test
    void signInStartsOverTheLimitFromOneAddressAre429WithRetryAfter() {
        TestTenant tenant = createTenant();
        String path = "/api/client/instagram/auth/open?apikey=" + enc(tenant.apiKey()) + "&origin=" + enc(tenant.origin());
        String address = "203.0.113." + (1 + (int) (Math.random() * 250));
        for (int i = 0; i < 600; i++) {
            // what the client itself put in front of the header counts for nothing
            assertThat(viaProxy("10.9.9." + (i % 250) + ", " + address, "GET", path)).as("start " + i).startsWith("HTTP/1.1 302");
        }
        String refused = viaProxy(address, "GET", path);
        assertThat(refused).startsWith("HTTP/1.1 429").containsIgnoringCase("Retry-After: ").contains("rate_limited")
                .contains("<!doctype html>").doesNotContain("Location:");
        assertThat(viaProxy(someAddress(), "GET", path)).as("another address").startsWith("HTTP/1.1 302");
    }

    @Test
    void repeatedFailedAdminAuthenticationFromOneAddressIs429EvenWithTheRightToken() {
        String address = "192.0.2." + (1 + (int) (Math.random() * 250));
        for (int i = 0; i < 20; i++) {
            assertThat(viaProxy(address, "GET", "/api/admin/tenants", "Authorization: Bearer wrong-" + i))
                    .startsWith("HTTP/1.1 401");
        }
        String refused = viaProxy(address, "GET", "/api/admin/tenants", "Authorization: Bearer " + Broker.operatorToken());
        assertThat(refused).startsWith("HTTP/1.1 429").containsIgnoringCase("Retry-After: ").contains("\"rate_limited\"");
        assertThat(viaProxy(someAddress(), "GET", "/api/admin/tenants", "Authorization: Bearer " + Broker.operatorToken()))
                .startsWith("HTTP/1.1 200");
    }

    @Test
    void domainVerificationsOverThePerTenantLimitAre429() {
        TestTenant tenant = createTenant();
        String hostname = "files-" + java.util.UUID.randomUUID().toString().substring(0, 8) + ".ratelimit.test";
        assertThat(Broker.admin("POST", "/tenants/" + tenant.id() + "/domains").json("{\"hostname\":\"" + hostname + "\"}")
                .send().status()).isEqualTo(201);
        String verify = "/tenants/" + tenant.id() + "/domains/" + hostname + "/verify";
        for (int i = 0; i < 30; i++) {
            assertError(Broker.admin("POST", verify).send(), 409, "domain_not_verified");
        }
        Http.Reply refused = Broker.admin("POST", verify).send();
        assertError(refused, 429, "rate_limited");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 3600L);
        TestTenant other = createTenant();
        Broker.admin("POST", "/tenants/" + other.id() + "/domains").json("{\"hostname\":\"b-" + hostname + "\"}").send();
        assertError(Broker.admin("POST", "/tenants/" + other.id() + "/domains/b-" + hostname + "/verify").send(),
                409, "domain_not_verified");
    }

    @Test
    void aSessionStreamsAtMostEightFilesAtOnce() throws Exception {
        TestTenant tenant = createTenant();
        String userId = Long.toString(17_844_000_000_000L + (long) (Math.random() * 1e12));
        instagram.registerUser(userId, "streams_" + userId.substring(12), 12);
        String session = Popup.session(new Popup().signIn("apikey=" + enc(tenant.apiKey()) + "&origin=" + enc(tenant.origin()), userId));
        java.util.List<String> images = picker("/media?limit=20", session).json().getJsonArray("items")
                .getValuesAs(jakarta.json.JsonObject.class).stream().filter(i -> i.getString("type").equals("IMAGE"))
                .map(i -> i.getString("id")).toList();
        assertThat(images.size()).isGreaterThanOrEqualTo(2);

        int before = instagram.calls("cdn");
        // 2 s: slow, yet under the broker's 3 s read timeout in these tests
        instagram.injectFault("cdn", dev.authbroker.simulator.Fault.delay(2000), 8);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<Http.Reply>> slow = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String id = images.get(i % images.size());
                slow.add(pool.submit(() -> picker("/media/" + id + "/content", session)));
            }
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
            while (instagram.calls("cdn") < before + 8 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(instagram.calls("cdn")).as("eight streams under way").isEqualTo(before + 8);

            Http.Reply ninth = picker("/media/" + images.get(0) + "/content", session);
            assertError(ninth, 429, "rate_limited");
            assertThat(ninth.header("Retry-After")).isEqualTo("1");

            for (var reply : slow) {
                assertThat(reply.get(30, java.util.concurrent.TimeUnit.SECONDS).status()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
            instagram.clearFaults();
        }
        assertThat(picker("/media/" + images.get(0) + "/content", session).status()).as("slots given back").isEqualTo(200);
    }
}
