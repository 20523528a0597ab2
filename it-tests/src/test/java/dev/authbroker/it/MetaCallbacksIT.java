package dev.authbroker.it;

import static dev.authbroker.it.support.Broker.createTenant;
import static dev.authbroker.it.support.Popup.enc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.authbroker.it.support.Broker;
import dev.authbroker.it.support.Broker.TestTenant;
import dev.authbroker.it.support.Deployments;
import dev.authbroker.it.support.Http;
import dev.authbroker.it.support.Pause;
import dev.authbroker.it.support.Popup;
import dev.authbroker.it.support.Simulator;
import dev.authbroker.it.support.TestDb;
import dev.authbroker.simulator.InstagramSimulator;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Meta's Deauthorize and Data Deletion callbacks, verified with exactly one app's secret and honoured. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MetaCallbacksIT {

    private static final String SHARED_SECRET = "shared-app-secret";
    private final InstagramSimulator instagram = Simulator.get();
    private String userId;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.broker();
    }

    @BeforeEach
    void aFreshInstagramUser() {
        userId = Long.toString(17_841_000_000_000L + (long) (Math.random() * 1e12));
        instagram.registerUser(userId, "meta_" + userId.substring(10), 3);
    }

    static String signedRequest(String payloadJson, String secret, boolean padded) {
        Base64.Encoder encoder = padded ? Base64.getUrlEncoder() : Base64.getUrlEncoder().withoutPadding();
        String payload = encoder.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return encoder.encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII))) + "." + payload;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String signedFor(String user, String secret) {
        return signedRequest("{\"algorithm\":\"HMAC-SHA256\",\"issued_at\":" + System.currentTimeMillis() / 1000
                + ",\"user_id\":\"" + user + "\",\"nonce\":\"" + UUID.randomUUID() + "\"}", secret, false);
    }

    private static Http.Reply post(String path, String signedRequest) {
        return Http.post(Broker.url("/api/client/instagram/" + path)).form("signed_request=" + enc(signedRequest)).send();
    }

    private String connect(TestTenant tenant) {
        Http.Reply page = new Popup().signIn("apikey=" + enc(tenant.apiKey()) + "&origin=" + enc(tenant.origin()), userId);
        assertThat(page.body()).contains("\"status\":\"connected\"");
        return Popup.session(page);
    }

    private static long connections(TestTenant tenant) {
        return TestDb.count("SELECT COUNT(*) FROM connection WHERE tenant_id = ?", tenant.id());
    }

    private TestTenant customTenant(String clientId, String secret) {
        TestTenant tenant = createTenant();
        instagram.registerApp(clientId, secret, Broker.url("/api/client/instagram/authCallback/open"));
        Broker.setCustomAuth(tenant, clientId, secret);
        return tenant;
    }

    @Test
    void deauthorizeOnSharedAppThenOnlySharedAppConnectionsOfThatUserGo() {
        TestTenant sharedA = createTenant();
        TestTenant sharedC = createTenant();
        String customId = "77" + (long) (Math.random() * 1e12);
        TestTenant customB = customTenant(customId, "custom-secret-" + customId);
        String sessionA = connect(sharedA);
        connect(sharedC);
        String sessionB = connect(customB);

        Http.Reply reply = post("deauthorize", signedFor(userId, SHARED_SECRET));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(connections(sharedA)).isZero();
        assertThat(connections(sharedC)).isZero();
        assertThat(connections(customB)).isEqualTo(1);
        assertThat(Http.get(Broker.url("/api/client/instagram/me")).bearer(sessionA).send().status()).isEqualTo(401);
        assertThat(Http.get(Broker.url("/api/client/instagram/me")).bearer(sessionB).send().status()).isEqualTo(200);
        assertThat(TestDb.count("SELECT COUNT(*) FROM picker_session WHERE tenant_id = ?", sharedA.id())).isZero();
    }

    @Test
    void deauthorizeOnCustomAppThroughApiKeyThenOnlyThatAppsConnectionsGo() {
        TestTenant shared = createTenant();
        String customId = "78" + (long) (Math.random() * 1e12);
        TestTenant custom = customTenant(customId, "custom-secret-" + customId);
        connect(shared);
        String customSession = connect(custom);

        Http.Reply wrongSecret = post("deauthorize/" + custom.apiKey(), signedFor(userId, SHARED_SECRET));
        assertThat(wrongSecret.status()).isEqualTo(400);
        assertThat(wrongSecret.json().getString("error")).isEqualTo("invalid_signed_request");
        assertThat(connections(custom)).isEqualTo(1);

        Http.Reply reply = post("deauthorize/" + custom.apiKey(), signedFor(userId, "custom-secret-" + customId));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(connections(custom)).isZero();
        assertThat(connections(shared)).isEqualTo(1);
        assertThat(Http.get(Broker.url("/api/client/instagram/me")).bearer(customSession).send().status()).isEqualTo(401);
    }

    @Test
    void paddedAndUnpaddedSignaturesThenBothAccepted() {
        TestTenant tenant = createTenant();
        connect(tenant);
        String json = "{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"" + userId + "\",\"n\":\"ab\"}";
        String padded = signedRequest(json, SHARED_SECRET, true);
        assertThat(padded).contains("=");
        assertThat(post("deauthorize", padded).status()).isEqualTo(200);
        assertThat(connections(tenant)).isZero();
        assertThat(post("deauthorize", signedRequest(json + " ", SHARED_SECRET, false)).status()).isEqualTo(200);
    }

    @Test
    void badSignedRequestsThen400AndNothingDeleted() {
        TestTenant tenant = createTenant();
        connect(tenant);
        String good = signedFor(userId, SHARED_SECRET);
        String[] parts = good.split("\\.");
        List<String> bad = List.of("", "x".repeat(9000), "onepart", good + ".third", "!!!." + parts[1],
                "AAAA." + parts[1], parts[0] + ".@@@",
                signedRequest("[1]", SHARED_SECRET, false), signedRequest("not json", SHARED_SECRET, false),
                signedRequest("{\"user_id\":\"" + userId + "\",\"algorithm\":\"HMAC-SHA1\"}", SHARED_SECRET, false),
                signedRequest("{\"user_id\":\"" + userId + "\"}", SHARED_SECRET, false),
                signedRequest("{\"algorithm\":\"HMAC-SHA256\"}", SHARED_SECRET, false),
                signedFor(userId, "another-apps-secret"),
                parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                        ("{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"" + userId + "1\"}").getBytes(StandardCharsets.UTF_8)));
        for (String path : List.of("deauthorize", "data_deletion")) {
            for (String signed : bad) {
                Http.Reply reply = post(path, signed);
                assertThat(reply.status()).as(path + " " + signed.substring(0, Math.min(30, signed.length()))).isEqualTo(400);
                assertThat(reply.json().getString("error")).isEqualTo("invalid_signed_request");
            }
            Http.Reply missing = Http.post(Broker.url("/api/client/instagram/" + path)).form("other=1").send();
            assertThat(missing.status()).isEqualTo(400);
            Http.Reply json = Http.post(Broker.url("/api/client/instagram/" + path)).json("{\"signed_request\":\"" + good + "\"}").send();
            assertThat(json.status()).isEqualTo(415);
            Http.Reply get = Http.get(Broker.url("/api/client/instagram/" + path)).send();
            assertThat(get.status()).isEqualTo(405);
        }
        assertThat(connections(tenant)).isEqualTo(1);
        assertThat(post("deauthorize/pk_unknown", good).status()).isEqualTo(404);
    }

    private static Http.Reply picker(String session) {
        return Http.get(Broker.url("/api/client/instagram/me")).bearer(session).send();
    }

    @Test
    void aConnectionStoresBothInstagramIds() {
        TestTenant tenant = createTenant();
        connect(tenant);
        var row = TestDb.query("SELECT provider_user_id, app_scoped_id FROM connection WHERE tenant_id = ?", tenant.id()).get(0);
        assertThat(row.get("provider_user_id")).isEqualTo(userId);
        assertThat(row.get("app_scoped_id")).isEqualTo(instagram.appScopedId("shared-app", userId)).isNotEqualTo(userId);

        JsonObject listed = Broker.admin("GET", "/tenants/" + tenant.id() + "/connections").send().jsonArray().getJsonObject(0);
        assertThat(listed.getString("accountId")).isEqualTo(userId);
        assertThat(listed.getString("appScopedId")).isEqualTo(instagram.appScopedId("shared-app", userId));
    }

    @Test
    void dataDeletionAndDeauthorizeNamingAnAppScopedIdRemoveThatAppsConnectionOnly() {
        TestTenant shared = createTenant();
        String customId = "82" + (long) (Math.random() * 1e12);
        TestTenant custom = customTenant(customId, "custom-secret-" + customId);
        String sharedSession = connect(shared);
        String customSession = connect(custom);
        String sharedScoped = instagram.appScopedId("shared-app", userId);
        String customScoped = instagram.appScopedId(customId, userId);
        assertThat(sharedScoped).isNotEqualTo(customScoped);

        // another app's app-scoped id names nobody of this app
        assertThat(post("data_deletion", signedFor(customScoped, SHARED_SECRET)).status()).isEqualTo(200);
        assertThat(post("deauthorize", signedFor(customScoped, SHARED_SECRET)).status()).isEqualTo(200);
        assertThat(connections(shared)).isEqualTo(1);
        assertThat(connections(custom)).isEqualTo(1);

        Http.Reply deletion = post("data_deletion", signedFor(sharedScoped, SHARED_SECRET));
        assertThat(deletion.status()).isEqualTo(200);
        assertThat(connections(shared)).isZero();
        assertThat(picker(sharedSession).status()).isEqualTo(401);
        assertThat(connections(custom)).as("the same person through another app").isEqualTo(1);
        assertThat(picker(customSession).status()).isEqualTo(200);
        var request = TestDb.query("SELECT connections_removed FROM deletion_request WHERE confirmation_code = ?",
                deletion.json().getString("confirmation_code")).get(0);
        assertThat(((Number) request.get("connections_removed")).intValue()).isEqualTo(1);

        assertThat(post("deauthorize/" + custom.apiKey(), signedFor(customScoped, "custom-secret-" + customId)).status())
                .isEqualTo(200);
        assertThat(connections(custom)).isZero();
        assertThat(picker(customSession).status()).isEqualTo(401);
    }

    @Test
    void deauthorizeNamingTheAppScopedIdAndDataDeletionNamingTheAccountIdEachRemoveOnlyTheirAppsConnection() {
        TestTenant shared = createTenant();
        String customId = "83" + (long) (Math.random() * 1e12);
        TestTenant custom = customTenant(customId, "custom-secret-" + customId);
        String sharedSession = connect(shared);
        String customSession = connect(custom);

        assertThat(post("deauthorize", signedFor(instagram.appScopedId("shared-app", userId), SHARED_SECRET)).status())
                .isEqualTo(200);
        assertThat(connections(shared)).isZero();
        assertThat(picker(sharedSession).status()).isEqualTo(401);
        assertThat(connections(custom)).isEqualTo(1);

        connect(shared);
        assertThat(post("data_deletion/" + custom.apiKey(), signedFor(userId, "custom-secret-" + customId)).status())
                .isEqualTo(200);
        assertThat(connections(custom)).isZero();
        assertThat(picker(customSession).status()).isEqualTo(401);
        assertThat(connections(shared)).as("the account id of another app's user names only this app's").isEqualTo(1);
    }

    @Test
    void aConnectionStoredBeforeTheMigrationIsFoundByItsAccountIdAtOnceAndByItsAppScopedIdAfterTheBackfill() {
        TestTenant shared = createTenant();
        String customId = "84" + (long) (Math.random() * 1e12);
        TestTenant custom = customTenant(customId, "custom-secret-" + customId);
        connect(shared);
        connect(custom);
        // as the V10 migration leaves rows stored before it: no app-scoped id
        TestDb.update("UPDATE connection SET app_scoped_id = NULL WHERE tenant_id IN (?, ?)", shared.id(), custom.id());

        assertThat(post("deauthorize", signedFor(userId, SHARED_SECRET)).status()).isEqualTo(200);
        assertThat(connections(shared)).as("found by the account id at once").isZero();
        assertThat(connections(custom)).isEqualTo(1);

        String scoped = instagram.appScopedId(customId, userId);
        long deadline = System.currentTimeMillis() + 30_000;
        while (TestDb.count("SELECT COUNT(*) FROM connection WHERE tenant_id = ? AND app_scoped_id = ?", custom.id(), scoped) == 0
                && System.currentTimeMillis() < deadline) {
            Pause.millis(200);
        }
        assertThat(TestDb.count("SELECT COUNT(*) FROM connection WHERE tenant_id = ? AND app_scoped_id = ?", custom.id(), scoped))
                .as("filled in by the backfill, without a sign-in").isEqualTo(1);
        assertThat(post("data_deletion/" + custom.apiKey(), signedFor(scoped, "custom-secret-" + customId)).status())
                .isEqualTo(200);
        assertThat(connections(custom)).isZero();
    }

    @Test
    void replacingCustomAuthRemovesTheOldAppsConnectionsSoNothingOutlivesItsCallbacks() {
        String oldId = "79" + (long) (Math.random() * 1e12);
        String oldSecret = "custom-secret-" + oldId;
        TestTenant custom = customTenant(oldId, oldSecret);
        TestTenant shared = createTenant();
        String customSession = connect(custom);
        connect(shared);

        String newId = "80" + (long) (Math.random() * 1e12);
        instagram.registerApp(newId, "custom-secret-" + newId, Broker.url("/api/client/instagram/authCallback/open"));
        Broker.setCustomAuth(custom, newId, "custom-secret-" + newId);

        assertThat(connections(custom)).isZero();
        assertThat(TestDb.count("SELECT COUNT(*) FROM connection WHERE provider_user_id = ? AND client_id = ?", userId, oldId))
                .isZero();
        assertThat(Http.get(Broker.url("/api/client/instagram/me")).bearer(customSession).send().status()).isEqualTo(401);
        assertThat(connections(shared)).as("the same user's connection through another app stays").isEqualTo(1);
        assertThat(TestDb.count("SELECT COUNT(*) FROM audit_event WHERE tenant_id = ? AND action = ? AND detail = ?",
                custom.id(), "app.instagram.connections_removed", "clientId=" + oldId + ", connections=1")).isEqualTo(1);

        // Meta's Data Deletion for the old app can no longer be verified here, and nothing of the user is left to delete.
        assertThat(post("data_deletion/" + custom.apiKey(), signedFor(userId, oldSecret)).status()).isEqualTo(400);
        assertThat(TestDb.count("SELECT COUNT(*) FROM connection WHERE tenant_id = ?", custom.id())).isZero();
    }

    @Test
    void aNewSecretForTheSameAppKeepsItsConnectionsAndRemovingCustomAuthRemovesThem() {
        String clientId = "81" + (long) (Math.random() * 1e12);
        TestTenant custom = customTenant(clientId, "custom-secret-" + clientId);
        connect(custom);

        instagram.registerApp(clientId, "rotated-secret-" + clientId, Broker.url("/api/client/instagram/authCallback/open"));
        Broker.setCustomAuth(custom, clientId, "rotated-secret-" + clientId);
        assertThat(connections(custom)).as("same app, new secret").isEqualTo(1);

        assertThat(Broker.admin("DELETE", "/tenants/" + custom.id() + "/apps/instagram").send().status()).isEqualTo(204);
        assertThat(connections(custom)).isZero();
        assertThat(TestDb.count("SELECT COUNT(*) FROM audit_event WHERE tenant_id = ? AND action = ? AND detail = ?",
                custom.id(), "app.instagram.connections_removed", "clientId=" + clientId + ", connections=1")).isEqualTo(1);
    }

    @Test
    void dataDeletionThenConnectionsGoneAndSameRequestSameCodeAndStatusPage() {
        TestTenant tenant = createTenant();
        connect(tenant);
        String signed = signedFor(userId, SHARED_SECRET);

        Http.Reply first = post("data_deletion", signed);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("Content-Type")).startsWith("application/json");
        JsonObject body = first.json();
        String code = body.getString("confirmation_code");
        assertThat(code).hasSizeGreaterThanOrEqualTo(22);
        assertThat(body.getString("url")).isEqualTo(Broker.url("/api/client/instagram/data_deletion/status/" + code));
        assertThat(connections(tenant)).isZero();

        connect(tenant);
        Http.Reply again = post("data_deletion", signed);
        assertThat(again.json().getString("confirmation_code")).isEqualTo(code);
        assertThat(connections(tenant)).as("the same request deletes nothing twice").isEqualTo(1);

        var row = TestDb.query("SELECT * FROM deletion_request WHERE confirmation_code = ?", code).get(0);
        assertThat(((Number) row.get("connections_removed")).intValue()).isEqualTo(1);
        assertThat(row.values().toString()).doesNotContain(userId);

        Http.Reply page = Http.get(body.getString("url")).send();
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.header("Cache-Control")).contains("no-store");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
        assertThat(page.body()).contains(code, "Completed").doesNotContain(userId);

        Http.Reply json = Http.get(body.getString("url")).header("Accept", "application/json").send();
        assertThat(json.json().getString("status")).isEqualTo("completed");
        assertThat(json.json().getString("confirmation_code")).isEqualTo(code);
    }

    @Test
    void dataDeletionForUnknownUserThenStillACode() {
        Http.Reply reply = post("data_deletion", signedFor("99999999999", SHARED_SECRET));
        assertThat(reply.status()).isEqualTo(200);
        String code = reply.json().getString("confirmation_code");
        assertThat(Http.get(reply.json().getString("url")).send().status()).isEqualTo(200);
        assertThat(TestDb.query("SELECT connections_removed FROM deletion_request WHERE confirmation_code = ?", code)
                .get(0).get("connections_removed")).isEqualTo(0);
    }

    @Test
    void unknownStatusCodeThen404() {
        Http.Reply page = Http.get(Broker.url("/api/client/instagram/data_deletion/status/" + "Z".repeat(43))).send();
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
        Http.Reply json = Http.get(Broker.url("/api/client/instagram/data_deletion/status/nope")).header("Accept", "application/json").send();
        assertThat(json.status()).isEqualTo(404);
        assertThat(json.json().getString("error")).isEqualTo("not_found");
    }
}
