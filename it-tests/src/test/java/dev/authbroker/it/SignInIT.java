package dev.authbroker.it;

import static dev.authbroker.it.support.Broker.createTenant;
import static dev.authbroker.it.support.Popup.enc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.authbroker.core.authorization.AuthorizationState;
import dev.authbroker.core.crypto.SecretBox;
import dev.authbroker.it.support.Broker;
import dev.authbroker.it.support.Broker.TestTenant;
import dev.authbroker.it.support.Deployments;
import dev.authbroker.it.support.Http;
import dev.authbroker.it.support.Popup;
import dev.authbroker.it.support.Simulator;
import dev.authbroker.it.support.TestDb;
import dev.authbroker.it.support.TestEnvironment;
import dev.authbroker.simulator.Fault;
import dev.authbroker.simulator.InstagramSimulator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Instagram sign-in popup, end to end against the simulator. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SignInIT {

    private final InstagramSimulator instagram = Simulator.get();
    private String userId;
    private String username;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.broker();
    }

    @BeforeEach
    void aFreshInstagramUser() {
        userId = "1784" + (long) (Math.random() * 1e11);
        username = "user_" + UUID.randomUUID().toString().substring(0, 8);
        instagram.registerUser(userId, username, 5);
    }

    private static String query(TestTenant tenant) {
        return "apikey=" + enc(tenant.apiKey()) + "&origin=" + enc(tenant.origin());
    }

    @Test
    void signInOnSharedAppThenConnectionStoredAndSessionWorks() {
        TestTenant tenant = createTenant();
        int tokenCalls = instagram.calls("token");
        long started = System.nanoTime();

        Popup popup = new Popup();
        Http.Reply page = popup.signIn(query(tenant), userId);
        System.out.printf("full sign-in end to end: %.1f ms%n", (System.nanoTime() - started) / 1e6);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("\"status\":\"connected\"", "\"type\":\"authbroker\"", "\"provider\":\"instagram\"");
        assertThat(page.body()).contains(Json.string(tenant.origin()));
        assertPopupHeaders(page);
        assertThat(instagram.calls("token")).isEqualTo(tokenCalls + 1);
        assertThat(last(instagram.clientIdsSeen("authorize"))).isEqualTo("shared-app");
        assertThat(last(instagram.clientIdsSeen("token"))).isEqualTo("shared-app");
        assertThat(last(instagram.redirectUrisSeen("token"))).isEqualTo(Broker.url("/api/client/instagram/authCallback/open"));

        List<Map<String, Object>> rows = TestDb.query("SELECT * FROM connection WHERE tenant_id = ?", tenant.id());
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("client_id")).isEqualTo("shared-app");
        assertThat(rows.get(0).get("app_id")).isNull();
        assertThat(rows.get(0).get("provider_user_id")).isEqualTo(userId);
        assertThat(rows.get(0).get("username")).isEqualTo(username);
        assertThat((String) rows.get(0).get("access_token")).startsWith("v1.it.");
        assertThat(((Number) rows.get(0).get("token_expires_at")).longValue()).isGreaterThan(System.currentTimeMillis() + 50L * 86_400_000);

        Http.Reply me = Http.get(Broker.url("/api/client/instagram/me")).bearer(Popup.session(page)).send();
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().getString("username")).isEqualTo(username);
        assertThat(me.json().getBoolean("connected")).isTrue();
        assertThat(TestDb.count("SELECT COUNT(*) FROM spent_state WHERE tenant_id = ?", tenant.id())).isEqualTo(1);
    }

    @Test
    void signInOnCustomAuthAppThenSimulatorSawTheTenantsClientId() {
        TestTenant tenant = createTenant();
        String clientId = "1" + (long) (Math.random() * 1e14);
        instagram.registerApp(clientId, "tenant-secret-" + clientId, Broker.url("/api/client/instagram/authCallback/open"));
        Broker.setCustomAuth(tenant, clientId, "tenant-secret-" + clientId);

        Http.Reply page = new Popup().signIn(query(tenant), userId);

        assertThat(page.body()).contains("\"status\":\"connected\"");
        assertThat(last(instagram.clientIdsSeen("authorize"))).isEqualTo(clientId);
        assertThat(last(instagram.clientIdsSeen("token"))).isEqualTo(clientId);
        Map<String, Object> row = TestDb.query("SELECT * FROM connection WHERE tenant_id = ?", tenant.id()).get(0);
        assertThat(row.get("client_id")).isEqualTo(clientId);
        assertThat(row.get("app_id")).isNotNull();
    }

    @Test
    void customAuthSavedAfterAStartThenTheNextStartUsesIt() {
        TestTenant tenant = createTenant();
        Popup before = new Popup();
        assertThat(Popup.query(URI.create(before.open(query(tenant)).header("Location"))).get("client_id")).isEqualTo("shared-app");
        String clientId = "1" + (long) (Math.random() * 1e14);
        Broker.setCustomAuth(tenant, clientId, "tenant-secret-" + clientId);

        Http.Reply after = new Popup().open(query(tenant));

        assertThat(Popup.query(URI.create(after.header("Location"))).get("client_id")).isEqualTo(clientId);
    }

    @Test
    void signInTwiceThenConnectionUpdatedNotDuplicated() {
        TestTenant tenant = createTenant();
        new Popup().signIn(query(tenant), userId);
        Http.Reply second = new Popup().signIn(query(tenant), userId);

        assertThat(second.body()).contains("\"status\":\"connected\"");
        assertThat(TestDb.count("SELECT COUNT(*) FROM connection WHERE tenant_id = ?", tenant.id())).isEqualTo(1);
        assertThat(TestDb.count("SELECT COUNT(*) FROM picker_session WHERE tenant_id = ?", tenant.id())).isEqualTo(2);
    }

    @Test
    void replayedCallbackThenRejectedAndTokenEndpointCalledOnce() {
        TestTenant tenant = createTenant();
        Popup popup = new Popup();
        String callback = popup.consent(popup.open(query(tenant)), userId, true);
        int before = instagram.calls("token");

        assertThat(popup.callback(callback).status()).isEqualTo(200);
        Http.Reply replay = popup.callback(callback);

        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.body()).contains("invalid_state");
        assertPopupHeaders(replay);
        assertThat(instagram.calls("token")).isEqualTo(before + 1);
    }

    @Test
    void callbackWithoutOrWithAnotherBrowsersCookieThenRejectedWithoutTokenCall() {
        TestTenant tenant = createTenant();
        Popup victim = new Popup();
        String callback = victim.consent(victim.open(query(tenant)), userId, true);
        Popup attacker = new Popup();
        attacker.open(query(tenant));
        int before = instagram.calls("token");

        Http.Reply noCookie = new Popup().callback(callback);
        assertThat(noCookie.status()).isEqualTo(400);
        assertThat(noCookie.body()).contains("invalid_state");

        Popup victim2 = new Popup();
        String callback2 = victim2.consent(victim2.open(query(tenant)), userId, true);
        Http.Reply otherCookie = attacker.callback(callback2);
        assertThat(otherCookie.status()).isEqualTo(400);
        assertThat(otherCookie.body()).contains("another browser");

        assertThat(instagram.calls("token")).isEqualTo(before);
        assertThat(TestDb.count("SELECT COUNT(*) FROM connection WHERE tenant_id = ?", tenant.id())).isZero();
    }

    @Test
    void aCallbackWithAValidStateButNoCodeAnswers400WithAnIntactPageThatTellsThePicker() {
        TestTenant tenant = createTenant();
        Popup popup = new Popup();
        String callback = popup.consent(popup.open(query(tenant)), userId, true);
        String state = Popup.query(URI.create(callback)).get("state");

        Http.Reply page = popup.callback(Broker.url("/api/client/instagram/authCallback/open?state=" + enc(state)));

        assertThat(page.status()).isEqualTo(400);
        assertPopupHeaders(page);
        // served as HTML, not escaped into text (RESTEasy sanitises 400 bodies unless told not to)
        assertThat(page.body()).startsWith("<!doctype html>").doesNotContain("&lt;").contains("<script nonce=\"")
                .contains("\"status\":\"error\"", "\"error\":\"invalid_request\"", "window.close()");
    }

    @Test
    void aCallbackFromAnotherBrowserDoesNotBurnTheVictimsSignIn() {
        TestTenant tenant = createTenant();
        Popup victim = new Popup();
        String callback = victim.consent(victim.open(query(tenant)), userId, true);
        Popup attacker = new Popup();
        attacker.open(query(tenant));

        assertThat(attacker.callback(callback).status()).isEqualTo(400);
        assertThat(new Popup().callback(callback).status()).isEqualTo(400);

        int before = instagram.calls("token");
        Http.Reply own = victim.callback(callback);
        assertThat(own.body()).contains("\"status\":\"connected\"");
        assertThat(instagram.calls("token")).isEqualTo(before + 1);
        assertThat(TestDb.count("SELECT COUNT(*) FROM connection WHERE tenant_id = ?", tenant.id())).isEqualTo(1);
    }

    @Test
    void unknownMissingOrExpiredStateThenNoTokenCall() {
        TestTenant tenant = createTenant();
        int before = instagram.calls("token");

        Http.Reply missing = Http.get(Broker.url("/api/client/instagram/authCallback/open?code=abc")).send();
        Http.Reply unknown = Http.get(Broker.url("/api/client/instagram/authCallback/open?code=abc&state=" + "A".repeat(43))).send();

        Popup popup = new Popup();
        String callback = popup.consent(popup.open(query(tenant)), userId, true);
        String state = Popup.query(URI.create(callback)).get("state");
        SecretBox dataKey = SecretBox.fromSpec(System.getProperty("it.keys"), "it");
        SecretBox box = dataKey.derive(AuthorizationState.KEY_PURPOSE);
        AuthorizationState genuine = AuthorizationState.open(state, box).orElseThrow();
        // states have their own key: one sealed with the key of stored tokens is not a state
        String underDataKey = AuthorizationState.start(genuine.binding(), popup.cookie(), Instant.now(),
                Duration.ofMinutes(10), dataKey).token();
        Http.Reply wrongKey = popup.callback(callback.replace(enc(state), enc(underDataKey)));
        String stale = AuthorizationState.start(genuine.binding(), popup.cookie(), Instant.now().minus(Duration.ofMinutes(11)),
                Duration.ofMinutes(10), box).token();
        Http.Reply expired = popup.callback(callback.replace(enc(state), enc(stale)));
        int middle = state.length() / 2;
        String altered = state.substring(0, middle) + (state.charAt(middle) == 'A' ? 'B' : 'A') + state.substring(middle + 1);
        Http.Reply tampered = popup.callback(callback.replace(enc(state), enc(altered)));
        String foreign = SecretBox.fromSpec("other:" + Base64.getEncoder().encodeToString(new byte[32]), "other")
                .seal("s1\n" + tenant.id(), "authorization_state");
        Http.Reply forged = popup.callback(callback.replace(enc(state), enc(foreign)));

        for (Http.Reply reply : List.of(missing, unknown, expired, tampered, forged, wrongKey)) {
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.body()).contains("invalid_state");
            assertPopupHeaders(reply);
        }
        assertThat(expired.body()).contains("expired");
        assertThat(instagram.calls("token")).isEqualTo(before);
        assertThat(popup.callback(callback).status()).as("the genuine state still works").isEqualTo(200);
        assertThat(instagram.calls("token")).isEqualTo(before + 1);
    }

    @Test
    void tenantDeletedDuringTheSignInThenRemovedPageAndNoTokenCall() {
        TestTenant tenant = createTenant();
        Popup popup = new Popup();
        String callback = popup.consent(popup.open(query(tenant)), userId, true);
        assertThat(Broker.admin("DELETE", "/tenants/" + tenant.id()).send().status()).isEqualTo(204);
        int before = instagram.calls("token");

        Http.Reply reply = popup.callback(callback);

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.body()).contains("tenant_disabled").contains("removed");
        assertPopupHeaders(reply);
        assertThat(instagram.calls("token")).isEqualTo(before);
        assertThat(TestDb.count("SELECT COUNT(*) FROM connection WHERE tenant_id = ?", tenant.id())).isZero();
    }

    @Test
    void stateStartedForTenantACannotCompleteAsTenantB() {
        TestTenant a = createTenant();
        TestTenant b = createTenant();
        Popup browserA = new Popup();
        String callbackA = browserA.consent(browserA.open(query(a)), userId, true);
        Popup browserB = new Popup();
        browserB.open(query(b));
        int before = instagram.calls("token");

        Http.Reply asB = browserB.callback(callbackA);

        assertThat(asB.status()).isEqualTo(400);
        assertThat(instagram.calls("token")).isEqualTo(before);
        assertThat(TestDb.count("SELECT COUNT(*) FROM connection WHERE tenant_id IN (?, ?)", a.id(), b.id())).isZero();
    }

    @Test
    void originNotExactlyAllowedThen400AndNoRedirect() {
        TestTenant tenant = createTenant("https://app.a.test");
        for (String origin : List.of("https://evil.test", "//evil.test", "https://app.a.test.evil.test",
                "https://app.a.test@evil.test", "javascript:alert(1)", "https://app.a.test/", "HTTPS://APP.A.TEST",
                "https%3A%2F%2Fevil.test", "")) {
            for (String encoded : List.of(enc(origin), enc(enc(origin)))) {
                Http.Reply reply = new Popup().open("apikey=" + enc(tenant.apiKey()) + "&origin=" + encoded);
                assertThat(reply.status()).as(origin).isEqualTo(400);
                assertThat(reply.header("Location")).as(origin).isNull();
                assertThat(reply.body()).contains("invalid_origin").doesNotContain("postMessage");
            }
        }
    }

    @Test
    void unknownApiKeyOrDisabledTenantThenErrorPageAndNoRedirect() {
        Http.Reply unknown = new Popup().open("apikey=pk_nope&origin=" + enc("https://app.test"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("tenant_not_found");

        TestTenant tenant = createTenant();
        assertThat(new Popup().open(query(tenant)).status()).as("started once, so the tenant is in the lookups").isEqualTo(302);
        Broker.admin("PATCH", "/tenants/" + tenant.id()).json("{\"status\":\"disabled\"}").send();
        Http.Reply disabled = new Popup().open(query(tenant));
        assertThat(disabled.status()).isEqualTo(403);
        assertThat(disabled.body()).contains("tenant_disabled");
        assertThat(disabled.header("Location")).isNull();
        assertPopupHeaders(disabled);
    }

    @Test
    void userCancelsThenDeniedAndNoTokenCall() {
        TestTenant tenant = createTenant();
        Popup popup = new Popup();
        String callback = popup.consent(popup.open(query(tenant)), userId, false);
        int before = instagram.calls("token");

        Http.Reply page = popup.callback(callback);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("\"status\":\"denied\"");
        assertThat(instagram.calls("token")).isEqualTo(before);
    }

    @Test
    void twentyParallelCallbacksWithOneStateThenExactlyOneConnectionAndOneTokenCall() throws Exception {
        TestTenant tenant = createTenant();
        Popup popup = new Popup();
        String callback = popup.consent(popup.open(query(tenant)), userId, true);
        int before = instagram.calls("token");

        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            results.add(pool.submit((Callable<Integer>) () -> {
                go.await();
                return popup.callback(callback).status();
            }));
        }
        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : results) {
            statuses.add(f.get(60, TimeUnit.SECONDS));
        }
        pool.shutdownNow();

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 400).hasSize(19);
        assertThat(instagram.calls("token")).isEqualTo(before + 1);
        assertThat(TestDb.count("SELECT COUNT(*) FROM connection WHERE tenant_id = ?", tenant.id())).isEqualTo(1);
        // the race is expected: on PostgreSQL the losers' spends do nothing, on H2 they wait their turn; nothing logs it
        assertThat(TestEnvironment.serverLogText()).doesNotContain("spent_state_pkey").doesNotContain("duplicate key")
                .doesNotContainIgnoringCase("SPENT_STATE(SPEND_KEY)");
    }

    @Test
    void providerFaultsThenErrorPageNoConnectionAndNoRetryOfTheCode() {
        TestTenant tenant = createTenant();
        record Case(String endpoint, Fault fault, String code) {
        }
        List<Case> cases = List.of(
                new Case("token", Fault.status(500), "provider_unavailable"),
                new Case("token", Fault.status(503), "provider_unavailable"),
                new Case("token", Fault.html(), "provider_error"),
                new Case("token", Fault.emptyJson(), "provider_error"),
                new Case("token", Fault.truncatedJson(), "provider_error"),
                new Case("token", Fault.dropConnection(), "provider_unavailable"),
                new Case("token", Fault.delay(4000), "provider_unavailable"),
                new Case("exchange", Fault.status(500), "provider_unavailable"),
                new Case("exchange", Fault.emptyJson(), "provider_error"),
                new Case("me", Fault.html(), "provider_error"));
        for (Case c : cases) {
            Popup popup = new Popup();
            String callback = popup.consent(popup.open(query(tenant)), userId, true);
            int before = instagram.calls("token");
            instagram.injectFault(c.endpoint(), c.fault(), 1);

            Http.Reply page = popup.callback(callback);

            assertThat(page.status()).as(c.toString()).isIn(502, 503);
            assertThat(Popup.postedError(page)).as(c.toString()).isEqualTo(c.code());
            assertPopupHeaders(page);
            assertThat(instagram.calls("token")).as(c.toString()).isEqualTo(before + 1);
            assertThat(TestDb.count("SELECT COUNT(*) FROM connection WHERE tenant_id = ?", tenant.id())).as(c.toString()).isZero();
            assertThat(popup.callback(callback).status()).as("state stays consumed").isEqualTo(400);
        }
    }

    @Test
    void canaryTokenThenNowhereInTablesOrLog() throws Exception {
        TestTenant tenant = createTenant();
        String canary = "IGCANARY" + UUID.randomUUID().toString().replace("-", "");
        instagram.setNextAccessToken(canary);
        Popup popup = new Popup();
        Http.Reply open = popup.open(query(tenant));
        String callback = popup.consent(open, userId, true);
        String code = Popup.query(URI.create(callback)).get("code");
        instagram.setNextAccessToken(canary + "LL");
        // the short-lived token takes the first canary, the long-lived one the second
        Http.Reply page = popup.callback(callback);
        assertThat(page.body()).contains("\"status\":\"connected\"");

        String tables = TestDb.everything();
        String log = TestEnvironment.serverLogText();
        for (String secret : List.of(canary, canary + "LL", code, "shared-app-secret")) {
            for (String form : AdminApiIT.encodings(secret)) {
                assertThat(tables).doesNotContain(form);
                assertThat(log).doesNotContain(form);
            }
        }
        assertThat(page.body()).doesNotContain(canary);
    }

    static void assertPopupHeaders(Http.Reply page) {
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.header("Cache-Control")).contains("no-store");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
        assertThat(page.body()).doesNotContain("http://", "https://cdn", "<script src", "<link");
    }

    private static String last(List<String> values) {
        assertThat(values).isNotEmpty();
        return values.get(values.size() - 1);
    }

    /** JSON string quoting for simple values, to look for them in a page. */
    static final class Json {
        static String string(String value) {
            return jakarta.json.Json.createValue(value).toString();
        }
    }
}
