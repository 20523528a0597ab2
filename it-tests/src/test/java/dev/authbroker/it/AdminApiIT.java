package dev.authbroker.it;

import static dev.authbroker.it.support.Broker.admin;
import static dev.authbroker.it.support.Broker.createTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.authbroker.core.crypto.SecretBox;
import dev.authbroker.it.support.Broker;
import dev.authbroker.it.support.Broker.TestTenant;
import dev.authbroker.it.support.Deployments;
import dev.authbroker.it.support.Http;
import dev.authbroker.it.support.Popup;
import dev.authbroker.it.support.Simulator;
import dev.authbroker.it.support.TestDb;
import dev.authbroker.it.support.TestEnvironment;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The admin API of PRODUCT.md, black-box over HTTP, plus what ends up in the database and the server log. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminApiIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.broker();
    }

    @Test
    void createTenantThenAnswers201WithSecretOnceAndNameExactlyAsSent() {
        String name = "Ünïcode 名前 😀 " + UUID.randomUUID();
        Http.Reply created = admin("POST", "/tenants")
                .json("{\"name\":\"" + name + "\",\"origins\":[\"https://app.acme.test\",\"http://localhost:3000\"]}").send();

        assertThat(created.status()).isEqualTo(201);
        JsonObject body = created.json();
        assertThat(body.getString("name")).isEqualTo(name);
        assertThat(body.getString("apikey")).isNotBlank();
        assertThat(body.getString("secret")).isNotBlank();
        assertThat(body.getJsonArray("origins").getValuesAs(jakarta.json.JsonString.class))
                .extracting(jakarta.json.JsonString::getString)
                .containsExactly("https://app.acme.test", "http://localhost:3000");
        assertThat(body.getString("createdAt")).isNotBlank();

        JsonObject fetched = admin("GET", "/tenants/" + body.getString("id")).send().json();
        assertThat(fetched.getString("name")).isEqualTo(name);
        assertThat(fetched.containsKey("secret")).isFalse();
        assertThat(TestDb.count("SELECT COUNT(*) FROM tenant WHERE id = ?", body.getString("id"))).isEqualTo(1);
    }

    @Test
    void listTenantsAsOperatorThenContainsNewTenantAndAsTenantThen403() {
        TestTenant tenant = createTenant();
        // oldest first: walk the pages to the newest (a database reused by earlier runs holds thousands of tenants)
        List<String> ids = new ArrayList<>();
        for (int offset = 0; offset < 1_000_000; offset += 1000) {
            Http.Reply page = admin("GET", "/tenants?limit=1000&offset=" + offset).send();
            assertThat(page.status()).isEqualTo(200);
            page.jsonArray().getValuesAs(JsonObject.class).forEach(o -> ids.add(o.getString("id")));
            if (page.jsonArray().size() < 1000) {
                break;
            }
        }
        assertThat(ids).contains(tenant.id()).doesNotHaveDuplicates();

        assertError(admin("GET", "/tenants?limit=abc").send(), 400, "invalid_request");
        assertError(admin("GET", "/tenants?limit=0").send(), 400, "invalid_request");
        assertError(admin("GET", "/tenants/" + tenant.id() + "/audit?limit=-1").send(), 400, "invalid_request");

        Http.Reply asTenant = Http.get(Broker.url("/api/admin/tenants")).bearer(tenant.secret()).send();
        assertThat(asTenant.status()).isEqualTo(403);
        assertThat(asTenant.json().getString("error")).isEqualTo("forbidden");
    }

    @Test
    void badCredentialsThen401() {
        TestTenant tenant = createTenant();
        Http.Reply none = Http.get(Broker.url("/api/admin/tenants/" + tenant.id())).send();
        Http.Reply wrong = Http.get(Broker.url("/api/admin/tenants/" + tenant.id())).bearer("nope").send();
        Http.Reply basic = Http.get(Broker.url("/api/admin/tenants/" + tenant.id())).header("Authorization", "Basic Zm9vOmJhcg==").send();

        for (Http.Reply reply : List.of(none, wrong, basic)) {
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.json().getString("error")).isEqualTo("unauthorized");
            assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
        }
    }

    @Test
    void malformedBodiesThenClear4xxAndNothingCreated() {
        long before = TestDb.count("SELECT COUNT(*) FROM tenant");
        assertError(admin("POST", "/tenants").json("{\"name\":").send(), 400, "invalid_json");
        assertError(admin("POST", "/tenants").json("[\"a\"]").send(), 400, "invalid_json");
        assertError(admin("POST", "/tenants").json("\"a\"").send(), 400, "invalid_json");
        assertError(admin("POST", "/tenants").json("").send(), 400, "invalid_json");
        assertError(admin("POST", "/tenants").body("text/plain", "{\"name\":\"x\"}").send(), 415, "unsupported_media_type");
        assertError(admin("POST", "/tenants").send(), 415, "unsupported_media_type");
        assertError(admin("POST", "/tenants").json("{\"name\":\"" + "x".repeat(70_000) + "\"}").send(), 413, "payload_too_large");
        assertError(admin("POST", "/tenants").json("{}").send(), 400, "invalid_request");
        assertError(admin("POST", "/tenants").json("{\"name\":42}").send(), 400, "invalid_request");
        assertError(admin("POST", "/tenants").json("{\"name\":\"a\",\"bogus\":1}").send(), 400, "invalid_request");
        assertError(admin("POST", "/tenants").json("{\"name\":\"\"}").send(), 400, "invalid_name");
        assertError(admin("POST", "/tenants").json("{\"name\":\"" + "é".repeat(201) + "\"}").send(), 400, "invalid_name");
        assertError(admin("POST", "/tenants").json("{\"name\":\"a\\u0000b\"}").send(), 400, "invalid_name");
        assertError(admin("POST", "/tenants").json("{\"name\":\"a\\ud800\"}").send(), 400, "invalid_name");
        assertThat(TestDb.count("SELECT COUNT(*) FROM tenant")).isEqualTo(before);

        Http.Reply longest = admin("POST", "/tenants").json("{\"name\":\"" + "😀".repeat(200) + "\"}").send();
        assertThat(longest.status()).isEqualTo(201);
        assertThat(longest.json().getString("name")).isEqualTo("😀".repeat(200));
    }

    @Test
    void invalidOriginsThen400() {
        for (String origin : List.of("https://app.test/path", "https://app.test?q=1", "https://user@app.test",
                "ftp://app.test", "https://*.app.test", "app.test", "//app.test", "javascript:alert(1)",
                "https://app.test#x", "https://", "https://app.test:99999")) {
            Http.Reply reply = admin("POST", "/tenants")
                    .json("{\"name\":\"o\",\"origins\":[\"" + origin + "\"]}").send();
            assertThat(reply.status()).as(origin).isEqualTo(400);
            assertThat(reply.json().getString("error")).as(origin).isEqualTo("invalid_origin");
        }
    }

    @Test
    void patchThenChangesNameOriginsAndStatus() {
        TestTenant tenant = createTenant();
        Http.Reply patched = admin("PATCH", "/tenants/" + tenant.id())
                .json("{\"name\":\"Renamed\",\"origins\":[\"https://new.test:8443\"],\"status\":\"disabled\"}").send();
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().getString("name")).isEqualTo("Renamed");
        assertThat(patched.json().getString("status")).isEqualTo("disabled");
        assertThat(patched.json().getJsonArray("origins").getString(0)).isEqualTo("https://new.test:8443");

        assertError(admin("PATCH", "/tenants/" + tenant.id()).json("{\"status\":\"gone\"}").send(), 400, "invalid_request");
        assertThat(admin("GET", "/tenants/" + tenant.id()).send().json().getString("name")).isEqualTo("Renamed");
    }

    @Test
    void unknownTenantThen404() {
        String unknown = UUID.randomUUID().toString();
        assertError(admin("GET", "/tenants/" + unknown).send(), 404, "tenant_not_found");
        assertError(admin("PATCH", "/tenants/" + unknown).json("{\"name\":\"x\"}").send(), 404, "tenant_not_found");
        assertError(admin("DELETE", "/tenants/" + unknown).send(), 404, "tenant_not_found");
        assertError(admin("PUT", "/tenants/" + unknown + "/apps/instagram").json("{\"clientId\":\"1\",\"clientSecret\":\"s\"}").send(),
                404, "tenant_not_found");
    }

    @Test
    void tenantSecretOnAnotherTenantThen404AndOtherUnchanged() {
        TestTenant a = createTenant();
        TestTenant b = createTenant();
        String path = "/api/admin/tenants/" + b.id();

        assertError(Http.get(Broker.url(path)).bearer(a.secret()).send(), 404, "tenant_not_found");
        assertError(Http.patch(Broker.url(path)).bearer(a.secret()).json("{\"name\":\"hijacked\"}").send(), 404, "tenant_not_found");
        assertError(Http.put(Broker.url(path + "/apps/instagram")).bearer(a.secret())
                .json("{\"clientId\":\"123\",\"clientSecret\":\"evil\"}").send(), 404, "tenant_not_found");
        assertError(Http.post(Broker.url(path + "/secret")).bearer(a.secret()).send(), 404, "tenant_not_found");
        assertError(Http.delete(Broker.url(path)).bearer(a.secret()).send(), 404, "tenant_not_found");
        assertError(Http.get(Broker.url(path + "/audit")).bearer(a.secret()).send(), 404, "tenant_not_found");

        JsonObject stillB = admin("GET", "/tenants/" + b.id()).send().json();
        assertThat(stillB.getString("name")).isEqualTo(b.name());
        assertThat(TestDb.count("SELECT COUNT(*) FROM provider_app WHERE tenant_id = ?", b.id())).isZero();

        Http.Reply own = Http.get(Broker.url("/api/admin/tenants/" + a.id())).bearer(a.secret()).send();
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().getString("id")).isEqualTo(a.id());
    }

    @Test
    void rotateSecretThenOldStopsAndNewWorks() {
        TestTenant tenant = createTenant();
        Http.Reply rotated = Http.post(Broker.url("/api/admin/tenants/" + tenant.id() + "/secret")).bearer(tenant.secret()).send();
        assertThat(rotated.status()).isEqualTo(200);
        String fresh = rotated.json().getString("secret");
        assertThat(fresh).isNotEqualTo(tenant.secret());

        assertThat(Http.get(Broker.url("/api/admin/tenants/" + tenant.id())).bearer(tenant.secret()).send().status()).isEqualTo(401);
        assertThat(Http.get(Broker.url("/api/admin/tenants/" + tenant.id())).bearer(fresh).send().status()).isEqualTo(200);
    }

    @Test
    void customAuthSetGetDeleteThenSecretWriteOnly() {
        TestTenant tenant = createTenant();
        String path = "/tenants/" + tenant.id() + "/apps/instagram";
        assertError(admin("GET", path).send(), 404, "not_found");

        Http.Reply put = admin("PUT", path).json("{\"clientId\":\"990011223344\",\"clientSecret\":\"s3cr3t-value\"}").send();
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().getString("provider")).isEqualTo("instagram");
        assertThat(put.json().getString("clientId")).isEqualTo("990011223344");
        assertThat(put.json().getBoolean("clientSecretSet")).isTrue();
        assertThat(put.body()).doesNotContain("s3cr3t-value");

        Http.Reply replaced = admin("PUT", path).json("{\"clientId\":\"990011223355\",\"clientSecret\":\"other\"}").send();
        assertThat(replaced.json().getString("clientId")).isEqualTo("990011223355");
        assertThat(TestDb.count("SELECT COUNT(*) FROM provider_app WHERE tenant_id = ?", tenant.id())).isEqualTo(1);

        assertError(admin("PUT", path).json("{\"clientId\":\"\",\"clientSecret\":\"x\"}").send(), 400, "invalid_client_credentials");
        assertError(admin("PUT", path).json("{\"clientId\":\"123\"}").send(), 400, "invalid_request");

        assertThat(admin("DELETE", path).send().status()).isEqualTo(204);
        assertError(admin("GET", path).send(), 404, "not_found");
        assertThat(TestDb.count("SELECT COUNT(*) FROM provider_app WHERE tenant_id = ?", tenant.id())).isZero();
    }

    @Test
    void canarySecretThenNowhereInResponsesAuditLogOrTables() throws Exception {
        String canary = "CANARY" + UUID.randomUUID().toString().replace("-", "");
        TestTenant tenant = createTenant();
        String path = "/tenants/" + tenant.id() + "/apps/instagram";

        StringBuilder answers = new StringBuilder();
        answers.append(admin("PUT", path).json("{\"clientId\":\"1234567890\",\"clientSecret\":\"" + canary + "\"}").send().body());
        answers.append(admin("GET", path).send().body());
        answers.append(admin("GET", "/tenants/" + tenant.id()).send().body());
        answers.append(admin("GET", "/tenants?limit=1000").send().body());
        answers.append(admin("GET", "/tenants/" + tenant.id() + "/audit").send().body());
        answers.append(admin("POST", "/keys/rewrap").send().body());

        assertThat(answers.toString()).doesNotContain(canary);
        assertThat(admin("GET", "/tenants/" + tenant.id() + "/audit").send().jsonArray()).isNotEmpty();
        String tables = TestDb.everything();
        assertThat(tables).contains("1234567890");
        for (String form : encodings(canary)) {
            assertThat(tables).doesNotContain(form);
        }
        String log = TestEnvironment.serverLogText();
        assertThat(log).contains("authbroker started");
        for (String form : encodings(canary)) {
            assertThat(log).doesNotContain(form);
        }
        // nor the broker's own secrets: the operator token and the encryption keys
        assertThat(log).doesNotContain(Broker.operatorToken());
        for (String key : System.getProperty("it.keys").split(",")) {
            assertThat(log).doesNotContain(key.substring(key.indexOf(':') + 1));
        }
    }

    @Test
    void auditListsChangesWithActorAndNoSecrets() {
        TestTenant tenant = createTenant();
        Http.put(Broker.url("/api/admin/tenants/" + tenant.id() + "/apps/instagram")).bearer(tenant.secret())
                .json("{\"clientId\":\"5550001\",\"clientSecret\":\"auditsecret\"}").send();
        Http.Reply audit = Http.get(Broker.url("/api/admin/tenants/" + tenant.id() + "/audit")).bearer(tenant.secret()).send();

        assertThat(audit.status()).isEqualTo(200);
        List<JsonObject> events = audit.jsonArray().getValuesAs(JsonObject.class);
        assertThat(events).extracting(e -> e.getString("action")).containsExactly("app.instagram.set", "tenant.created");
        assertThat(events.get(0).getString("actor")).isEqualTo("tenant:" + tenant.id());
        assertThat(events.get(1).getString("actor")).isEqualTo("operator");
        assertThat(audit.body()).doesNotContain("auditsecret");
    }

    @Test
    void deleteTenantThenEverythingItOwnsIsGoneAndItsSecretStopsWorking() {
        TestTenant tenant = createTenant();
        String user = "1784" + (long) (Math.random() * 1e11);
        Simulator.get().registerUser(user, "doomed_user", 2);
        String session = Popup.session(new Popup().signIn("apikey=" + Popup.enc(tenant.apiKey()) + "&origin="
                + Popup.enc(tenant.origin()), user));
        new Popup().open("apikey=" + Popup.enc(tenant.apiKey()) + "&origin=" + Popup.enc(tenant.origin()));
        admin("POST", "/tenants/" + tenant.id() + "/domains").json("{\"hostname\":\"doomed-" + tenant.id().substring(0, 8) + ".test\"}").send();
        Broker.setCustomAuth(tenant, "777000111", "doomed-secret");
        for (String table : List.of("provider_app", "connection", "picker_session", "custom_domain", "spent_state")) {
            assertThat(TestDb.count("SELECT COUNT(*) FROM " + table + " WHERE tenant_id = ?", tenant.id())).as(table).isPositive();
        }

        assertThat(admin("DELETE", "/tenants/" + tenant.id()).send().status()).isEqualTo(204);

        for (String table : List.of("provider_app", "connection", "picker_session", "custom_domain", "spent_state", "audit_event")) {
            assertThat(TestDb.count("SELECT COUNT(*) FROM " + table + " WHERE tenant_id = ?", tenant.id())).as(table).isZero();
        }
        assertThat(Http.get(Broker.url("/api/client/instagram/me")).bearer(session).send().status()).isEqualTo(401);

        assertThat(TestDb.count("SELECT COUNT(*) FROM tenant WHERE id = ?", tenant.id())).isZero();
        assertThat(TestDb.count("SELECT COUNT(*) FROM provider_app WHERE tenant_id = ?", tenant.id())).isZero();
        assertThat(Http.get(Broker.url("/api/admin/tenants/" + tenant.id())).bearer(tenant.secret()).send().status()).isEqualTo(401);
        assertError(admin("GET", "/tenants/" + tenant.id()).send(), 404, "tenant_not_found");
    }

    @Test
    void rewrapThenRowsSealedWithOldKeyMoveToActiveKeyAndStillDecrypt() {
        TestTenant tenant = createTenant();
        Broker.setCustomAuth(tenant, "424242", "rotating-secret");
        Map<String, Object> row = TestDb.query("SELECT id, client_secret FROM provider_app WHERE tenant_id = ?", tenant.id()).get(0);
        String appId = (String) row.get("id");
        String context = "provider_app.client_secret/" + appId;
        assertThat((String) row.get("client_secret")).startsWith("v1.it.");

        // An older broker wrote this row while "old" was the active key.
        SecretBox oldActive = SecretBox.fromSpec(System.getProperty("it.keys"), "old");
        TestDb.update("UPDATE provider_app SET client_secret = ? WHERE id = ?", oldActive.seal("rotating-secret", context), appId);

        Http.Reply rewrap = admin("POST", "/keys/rewrap").send();
        assertThat(rewrap.status()).isEqualTo(200);
        assertThat(rewrap.json().getString("activeKey")).isEqualTo("it");
        assertThat(rewrap.json().getJsonNumber("rewrapped").longValue()).isGreaterThanOrEqualTo(1);

        String sealed = (String) TestDb.query("SELECT client_secret FROM provider_app WHERE id = ?", appId).get(0).get("client_secret");
        assertThat(sealed).startsWith("v1.it.");
        SecretBox current = SecretBox.fromSpec(System.getProperty("it.keys"), "it");
        assertThat(current.open(sealed, context)).isEqualTo("rotating-secret");

        Http.Reply again = admin("POST", "/keys/rewrap").send();
        assertThat(again.json().getJsonNumber("rewrapped").longValue()).isZero();

        Http.Reply asTenant = Http.post(Broker.url("/api/admin/keys/rewrap")).bearer(tenant.secret()).send();
        assertThat(asTenant.status()).isEqualTo(403);
    }

    @Test
    void rewrapRunningWhileSignInsAndAppChangesWriteKeepsTheLatestValues() throws Exception {
        var instagram = Simulator.get();
        String callback = Broker.url("/api/client/instagram/authCallback/open");
        TestTenant signing = createTenant();
        String clientId = "61" + (long) (Math.random() * 1e12);
        instagram.registerApp(clientId, "stable-secret", callback);
        Broker.setCustomAuth(signing, clientId, "stable-secret");
        TestTenant changing = createTenant();
        List<String> users = List.of("1", "2", "3").stream()
                .map(n -> Long.toString(17_845_000_000_000L + (long) (Math.random() * 1e12))).toList();
        users.forEach(u -> instagram.registerUser(u, "rewrap_" + u.substring(12), 1));

        SecretBox oldActive = SecretBox.fromSpec(System.getProperty("it.keys"), "old");
        SecretBox current = SecretBox.fromSpec(System.getProperty("it.keys"), "it");
        // rows of another tenant under the old key, so that each rewrap has several batches of work (not ACTIVE: their
        // tokens are not Instagram's, and no background job should call Instagram with them)
        TestTenant filler = createTenant();
        try (var db = TestDb.connect(); var insert = db.prepareStatement("INSERT INTO connection (id, tenant_id, provider, "
                + "client_id, provider_user_id, username, access_token, token_issued_at, token_expires_at, status, created_at, "
                + "updated_at) VALUES (?, ?, 'instagram', 'shared-app', ?, 'filler', ?, 0, 9000000000000, 'RECONNECT_REQUIRED', 0, 0)")) {
            for (int i = 0; i < 600; i++) {
                String id = UUID.randomUUID().toString();
                insert.setString(1, id);
                insert.setString(2, filler.id());
                insert.setString(3, "filler-" + i + "-" + id);
                insert.setString(4, oldActive.seal("filler-token", "connection.access_token/" + id));
                insert.addBatch();
            }
            insert.executeBatch();
        }

        var pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            for (int round = 0; round < 4; round++) {
                // every stored secret back under the old key, as after a key change
                for (Map<String, Object> row : TestDb.query("SELECT id, access_token FROM connection WHERE tenant_id IN (?, ?)",
                        signing.id(), filler.id())) {
                    String context = "connection.access_token/" + row.get("id");
                    TestDb.update("UPDATE connection SET access_token = ? WHERE id = ?",
                            oldActive.seal(current.open((String) row.get("access_token"), context), context), row.get("id"));
                }
                int r = round;
                var rewraps = pool.submit(() -> {
                    for (int i = 0; i < 3; i++) {
                        assertThat(admin("POST", "/keys/rewrap").send().status()).isEqualTo(200);
                    }
                });
                var appChanges = pool.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        Broker.setCustomAuth(changing, "62424242", "secret-" + r + "-" + i);
                    }
                });
                var signIns = pool.submit(() -> {
                    for (String user : users) {
                        instagram.setNextAccessToken("short-" + r + "-" + user);
                        instagram.setNextAccessToken("long-" + r + "-" + user);
                        Http.Reply page = new Popup().signIn("apikey=" + Popup.enc(signing.apiKey()) + "&origin="
                                + Popup.enc(signing.origin()), user);
                        assertThat(page.body()).contains("\"status\":\"connected\"");
                    }
                });
                rewraps.get(120, java.util.concurrent.TimeUnit.SECONDS);
                appChanges.get(120, java.util.concurrent.TimeUnit.SECONDS);
                signIns.get(120, java.util.concurrent.TimeUnit.SECONDS);

                Map<String, Object> app = TestDb.query("SELECT id, client_secret FROM provider_app WHERE tenant_id = ?",
                        changing.id()).get(0);
                assertThat(current.open((String) app.get("client_secret"), "provider_app.client_secret/" + app.get("id")))
                        .as("round " + r + ": the last secret saved").isEqualTo("secret-" + r + "-9");
                for (String user : users) {
                    Map<String, Object> row = TestDb.query("SELECT id, access_token FROM connection WHERE tenant_id = ? "
                            + "AND provider_user_id = ?", signing.id(), user).get(0);
                    String sealed = (String) row.get("access_token");
                    assertThat(current.open(sealed, "connection.access_token/" + row.get("id")))
                            .as("round " + r + ": the token of the last sign-in").isEqualTo("long-" + r + "-" + user);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(TestDb.count("SELECT COUNT(*) FROM connection WHERE tenant_id = ? AND access_token LIKE 'v1.old.%'",
                filler.id())).as("the rewraps did their work").isZero();
    }

    @Test
    void healthReadyThenUpAndOpenApiDescribesAdminApi() {
        Http.Reply ready = Http.get(Broker.healthUrl("/health/ready")).send();
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body()).contains("\"UP\"");
        assertThat(Http.get(Broker.healthUrl("/health/live")).send().status()).isEqualTo(200);

        Http.Reply openapi = Http.get(Broker.url("/openapi")).send();
        assertThat(openapi.status()).isEqualTo(200);
        assertThat(openapi.body()).contains("/api/admin/tenants/{id}/apps/instagram", "/api/admin/keys/rewrap");
    }

    @Test
    void databaseUnreachableThenReadyIsDownAndComesBack() throws Exception {
        assumeTrue(TestDb.isH2(), "the H2 server is the one database this test can stop and start");
        TestEnvironment.stopH2();
        try {
            Http.Reply down = Http.get(Broker.healthUrl("/health/ready")).send();
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.body()).contains("\"DOWN\"");
            for (int i = 0; i < 3; i++) {
                long started = System.nanoTime();
                Http.Reply admin = admin("GET", "/tenants").send();
                long millis = (System.nanoTime() - started) / 1_000_000;
                assertError(admin, 503, "service_unavailable");
                assertThat(millis).as("503 within 2 s, no hidden retries").isLessThan(2_000);
            }
        } finally {
            TestEnvironment.startH2();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int status = 0;
        while (System.nanoTime() < deadline && status != 200) {
            status = Http.get(Broker.healthUrl("/health/ready")).send().status();
            Thread.sleep(200);
        }
        assertThat(status).isEqualTo(200);
    }

    static void assertError(Http.Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.json().getString("error")).as(reply.toString()).isEqualTo(code);
        assertThat(reply.json().getString("error_description")).isNotBlank();
        assertThat(reply.body()).doesNotContain("Exception", "\tat ");
    }

    static List<String> encodings(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        return List.of(secret,
                Base64.getEncoder().encodeToString(bytes),
                Base64.getEncoder().withoutPadding().encodeToString(bytes),
                Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }
}
