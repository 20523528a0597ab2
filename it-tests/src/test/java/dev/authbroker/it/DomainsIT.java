package dev.authbroker.it;

import static dev.authbroker.it.support.Broker.admin;
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
import dev.authbroker.it.support.TestDns;
import dev.authbroker.simulator.InstagramSimulator;
import jakarta.json.JsonObject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Custom domains: DNS proof, serving by host, Custom Auth required there, and the Meta setup URLs. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DomainsIT {

    private final InstagramSimulator instagram = Simulator.get();
    private final TestDns dns = TestDns.get();
    private TestTenant tenant;
    private String domain;
    private String userId;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.broker();
    }

    @BeforeEach
    void aTenantAndAFreshHostName() {
        tenant = createTenant();
        domain = "files-" + UUID.randomUUID().toString().substring(0, 8) + ".acme.test";
        userId = Long.toString(17_843_000_000_000L + (long) (Math.random() * 1e12));
        instagram.registerUser(userId, "domain_" + userId.substring(12), 3);
    }

    private Http.Reply addDomain(TestTenant owner, String hostname) {
        return admin("POST", "/tenants/" + owner.id() + "/domains").json("{\"hostname\":\"" + hostname + "\"}").send();
    }

    private Http.Reply verify(TestTenant owner, String hostname) {
        return admin("POST", "/tenants/" + owner.id() + "/domains/" + hostname + "/verify").send();
    }

    /** Adds, publishes the TXT record, verifies; answers the domain's representation. */
    private JsonObject verifiedDomain(TestTenant owner, String hostname) {
        JsonObject added = addDomain(owner, hostname).json();
        dns.setTxt(added.getString("txtName"), "unrelated=1", added.getString("txtValue"));
        Http.Reply verified = verify(owner, hostname);
        assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
        return added;
    }

    private String customAuth(TestTenant owner, String hostname) {
        String clientId = "88" + (long) (Math.random() * 1e12);
        instagram.registerApp(clientId, "secret-" + clientId, "https://" + hostname + "/api/client/instagram/authCallback/open");
        Broker.setCustomAuth(owner, clientId, "secret-" + clientId);
        return clientId;
    }

    @Test
    void addThenPendingAndVerifyBeforeRecordThen409StillPending() {
        Http.Reply added = addDomain(tenant, domain.toUpperCase() + ".");
        assertThat(added.status()).isEqualTo(201);
        JsonObject body = added.json();
        assertThat(body.getString("hostname")).isEqualTo(domain);
        assertThat(body.getString("status")).isEqualTo("pending");
        assertThat(body.getString("txtName")).isEqualTo("_authbroker-challenge." + domain);
        assertThat(body.getString("txtValue")).hasSizeGreaterThanOrEqualTo(40);

        Http.Reply early = verify(tenant, domain);
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.json().getString("error")).isEqualTo("domain_not_verified");
        dns.setTxt(body.getString("txtName"), "wrong-value");
        assertThat(verify(tenant, domain).status()).isEqualTo(409);

        JsonObject listed = admin("GET", "/tenants/" + tenant.id() + "/domains").send().jsonArray().getJsonObject(0);
        assertThat(listed.getString("status")).isEqualTo("pending");
        assertThat(new Popup(domain).open("origin=" + enc(tenant.origin())).status()).as("a pending domain is not served").isEqualTo(404);
    }

    @Test
    void signInOnVerifiedDomainThenCustomAppAndTheDomainsRedirectUri() {
        verifiedDomain(tenant, domain);
        String clientId = customAuth(tenant, domain);
        String redirectUri = "https://" + domain + "/api/client/instagram/authCallback/open";

        Popup popup = new Popup(domain);
        Http.Reply open = popup.open("origin=" + enc(tenant.origin()));
        assertThat(open.status()).isEqualTo(302);
        assertThat(Popup.query(URI.create(open.header("Location"))).get("redirect_uri")).isEqualTo(redirectUri);
        Http.Reply page = popup.callback(popup.consent(open, userId, true));

        assertThat(page.body()).contains("\"status\":\"connected\"");
        List<String> seen = instagram.redirectUrisSeen("token");
        assertThat(seen.get(seen.size() - 1)).isEqualTo(redirectUri);
        List<String> clients = instagram.clientIdsSeen("token");
        assertThat(clients.get(clients.size() - 1)).isEqualTo(clientId);

        String session = Popup.session(page);
        Http.Reply me = Http.get(Broker.url("/api/client/instagram/me")).header("Host", domain).bearer(session).send();
        assertThat(me.status()).isEqualTo(200);
    }

    @Test
    void verifiedDomainWithoutCustomAuthThenCustomAuthRequiredPage() {
        verifiedDomain(tenant, domain);
        Http.Reply open = new Popup(domain).open("origin=" + enc(tenant.origin()));
        assertThat(open.status()).isEqualTo(409);
        assertThat(open.header("Location")).isNull();
        assertThat(open.body()).contains("custom_auth_required", "App ID", "App Secret");
        assertThat(open.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
    }

    @Test
    void stateStartedOnOneHostThenRejectedOnAnotherWithoutTokenCall() {
        verifiedDomain(tenant, domain);
        customAuth(tenant, domain);
        Popup onDomain = new Popup(domain);
        String callback = onDomain.consent(onDomain.open("origin=" + enc(tenant.origin())), userId, true);
        URI uri = URI.create(callback);
        int before = instagram.calls("token");

        Http.Reply onPlatform = new Popup().withCookie(onDomain.cookie()).callback(Broker.base() + uri.getRawPath() + "?" + uri.getRawQuery());

        assertThat(onPlatform.status()).isEqualTo(400);
        assertThat(onPlatform.body()).contains("invalid_state", "another host");
        assertThat(instagram.calls("token")).isEqualTo(before);
    }

    @Test
    void hostVariantsResolveAndLookalikesDoNot() {
        verifiedDomain(tenant, domain);
        customAuth(tenant, domain);
        for (String variant : List.of(domain.toUpperCase(), domain + ".", domain + ":8080")) {
            assertThat(new Popup(variant).open("origin=" + enc(tenant.origin())).status()).as(variant).isEqualTo(302);
        }
        Http.Reply lookalike = new Popup(domain + ".evil").open("origin=" + enc(tenant.origin()));
        assertThat(lookalike.status()).isEqualTo(404);
        assertThat(lookalike.body()).doesNotContain(tenant.name(), tenant.apiKey(), tenant.id());
        assertThat(Http.get(Broker.url("/api/client/instagram/me")).header("Host", "unknown.test").send().status()).isEqualTo(404);
    }

    @Test
    void apikeyOfAnotherTenantOnACustomDomainThen404() {
        verifiedDomain(tenant, domain);
        customAuth(tenant, domain);
        TestTenant other = createTenant();
        Http.Reply open = new Popup(domain).open("apikey=" + enc(other.apiKey()) + "&origin=" + enc(other.origin()));
        assertThat(open.status()).isEqualTo(404);
        assertThat(new Popup(domain).open("apikey=" + enc(tenant.apiKey()) + "&origin=" + enc(tenant.origin())).status()).isEqualTo(302);
    }

    @Test
    void recordRemovedPastGraceThenSuspendedAuditedAndNotServedAndRestoredWhenItIsBack() throws Exception {
        JsonObject added = verifiedDomain(tenant, domain);
        customAuth(tenant, domain);
        assertThat(new Popup(domain).open("origin=" + enc(tenant.origin())).status()).isEqualTo(302);
        dns.removeTxt(added.getString("txtName"));

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Object status = null;
        while (System.nanoTime() < deadline) {
            // Keeps the served domain in the broker's lookups, so the suspension must clear them to take effect.
            new Popup(domain).open("origin=" + enc(tenant.origin()));
            status = TestDb.query("SELECT status FROM custom_domain WHERE hostname = ?", domain).get(0).get("status");
            if ("SUSPENDED".equals(status)) {
                break;
            }
            Thread.sleep(250);
        }
        assertThat(status).isEqualTo("SUSPENDED");
        // the job commits, then tells the broker's lookups (PRODUCT.md: within a second)
        assertThat(popupStatusWithinASecond(domain, 404)).isEqualTo(404);
        assertThat(admin("GET", "/tenants/" + tenant.id() + "/audit").send().body()).contains("domain.suspended");

        // the owner puts the record back: the next re-check serves the domain again
        dns.setTxt(added.getString("txtName"), added.getString("txtValue"));
        deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline && !"VERIFIED".equals(status)) {
            Thread.sleep(250);
            status = TestDb.query("SELECT status FROM custom_domain WHERE hostname = ?", domain).get(0).get("status");
        }
        assertThat(status).isEqualTo("VERIFIED");
        assertThat(popupStatusWithinASecond(domain, 302)).isEqualTo(302);
        assertThat(admin("GET", "/tenants/" + tenant.id() + "/audit").send().body()).contains("domain.restored");
    }

    @Test
    void deleteThenNotServedAtOnce() {
        verifiedDomain(tenant, domain);
        customAuth(tenant, domain);
        assertThat(new Popup(domain).open("origin=" + enc(tenant.origin())).status()).isEqualTo(302);

        assertThat(admin("DELETE", "/tenants/" + tenant.id() + "/domains/" + domain).send().status()).isEqualTo(204);

        assertThat(new Popup(domain).open("origin=" + enc(tenant.origin())).status()).isEqualTo(404);
        assertThat(admin("DELETE", "/tenants/" + tenant.id() + "/domains/" + domain).send().status()).isEqualTo(404);
    }

    @Test
    void hostnameOfAnotherTenantThen409WithoutNamingIt() {
        addDomain(tenant, domain);
        TestTenant other = createTenant();
        Http.Reply taken = addDomain(other, domain);
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.json().getString("error")).isEqualTo("hostname_taken");
        assertThat(taken.body()).doesNotContain(tenant.id(), tenant.name(), tenant.apiKey());

        verifiedDomain(createTenant(), "v-" + domain);
        assertThat(addDomain(other, "V-" + domain.toUpperCase()).status()).isEqualTo(409);
        assertThat(addDomain(tenant, domain).json().getString("error")).isEqualTo("conflict");
    }

    @Test
    void aClaimNotVerifiedWithinThePendingTtlLapsesAndNoLongerHoldsTheName() {
        assertThat(addDomain(tenant, domain).status()).isEqualTo(201);
        TestTenant other = createTenant();
        Http.Reply taken = addDomain(other, domain);
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.json().getString("error")).isEqualTo("hostname_taken");

        TestDb.update("UPDATE custom_domain SET created_at = ? WHERE hostname = ?",
                System.currentTimeMillis() - java.time.Duration.ofDays(7).plusMinutes(1).toMillis(), domain);
        Http.Reply lapsed = verify(tenant, domain);
        assertThat(lapsed.status()).isEqualTo(404);
        assertThat(lapsed.json().getString("error")).isEqualTo("not_found");

        assertThat(addDomain(other, domain).status()).isEqualTo(201);
        assertThat(TestDb.query("SELECT tenant_id FROM custom_domain WHERE hostname = ?", domain).get(0).get("tenant_id"))
                .isEqualTo(other.id());
        assertThat(TestDb.count("SELECT COUNT(*) FROM audit_event WHERE tenant_id = ? AND action = 'domain.claim_expired'",
                tenant.id())).isEqualTo(1);
    }

    @Test
    void atMostTwentyPendingClaimsPerTenantWhileVerifiedOnesDoNotCount() {
        verifiedDomain(tenant, "v-" + domain);
        for (int i = 0; i < 20; i++) {
            assertThat(addDomain(tenant, "p" + i + "-" + domain).status()).as("claim " + i).isEqualTo(201);
        }
        Http.Reply refused = addDomain(tenant, "p20-" + domain);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().getString("error")).isEqualTo("too_many_pending_domains");
        assertThat(TestDb.count("SELECT COUNT(*) FROM custom_domain WHERE tenant_id = ?", tenant.id())).isEqualTo(21);

        assertThat(admin("DELETE", "/tenants/" + tenant.id() + "/domains/p0-" + domain).send().status()).isEqualTo(204);
        assertThat(addDomain(tenant, "p20-" + domain).status()).isEqualTo(201);
    }

    @Test
    void reservedOrInvalidNamesThen400() {
        for (String name : List.of("localhost", "sub.localhost", "127.0.0.1", "[::1]", "*.acme.test", "acme",
                "bad_name.acme.test", "a..acme.test", "localhost:18080", "https://x.acme.test", "-x.acme.test", "")) {
            Http.Reply reply = addDomain(tenant, name);
            assertThat(reply.status()).as(name).isEqualTo(400);
            assertThat(reply.json().getString("error")).as(name).isEqualTo("invalid_hostname");
        }
        assertThat(TestDb.count("SELECT COUNT(*) FROM custom_domain WHERE tenant_id = ?", tenant.id())).isZero();
    }

    @Test
    void untrustedForwardedHostThenNoTraceOfIt() {
        Http.Reply open = Http.get(Broker.url("/api/client/instagram/auth/open?apikey=" + enc(tenant.apiKey())
                + "&origin=" + enc(tenant.origin()))).header("X-Forwarded-Host", "evil.test").header("X-Forwarded-Proto", "https").send();
        assertThat(open.status()).isEqualTo(302);
        assertThat(open.header("Location")).doesNotContain("evil.test");
        assertThat(Popup.query(URI.create(open.header("Location"))).get("redirect_uri"))
                .isEqualTo(Broker.url("/api/client/instagram/authCallback/open"));

        Http.Reply deletion = Http.post(Broker.url("/api/client/instagram/data_deletion")).header("X-Forwarded-Host", "evil.test")
                .form("signed_request=" + enc(MetaCallbacksIT.signedRequest(
                        "{\"algorithm\":\"HMAC-SHA256\",\"user_id\":\"42\",\"n\":\"" + UUID.randomUUID() + "\"}", "shared-app-secret", false)))
                .send();
        assertThat(deletion.status()).isEqualTo(200);
        assertThat(deletion.body()).doesNotContain("evil.test");
        assertThat(deletion.json().getString("url")).startsWith(Broker.base());
    }

    @Test
    void forwardedHostFromATrustedProxyThenCountsForThatDomain() throws Exception {
        verifiedDomain(tenant, domain);
        String clientId = customAuth(tenant, domain);
        String answer = openViaTrustedProxy(domain);
        assertThat(answer).startsWith("HTTP/1.1 302");
        assertThat(answer).contains("client_id=" + clientId, enc("https://" + domain + "/api/client/instagram/authCallback/open"));

        // Behind a proxy that appends, earlier values come from the client: the last one (the nearest proxy's) counts.
        assertThat(openViaTrustedProxy("evil.test, " + domain)).startsWith("HTTP/1.1 302").contains("client_id=" + clientId);
        assertThat(openViaTrustedProxy(domain + ", evil.test")).startsWith("HTTP/1.1 404").doesNotContain(clientId);
    }

    /** The popup's status on {@code host}, asked until it is {@code expected} or a second has passed. */
    private int popupStatusWithinASecond(String host, int expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        int status = new Popup(host).open("origin=" + enc(tenant.origin())).status();
        while (status != expected && System.nanoTime() < deadline) {
            Pause.millis(50);
            status = new Popup(host).open("origin=" + enc(tenant.origin())).status();
        }
        return status;
    }

    private String openViaTrustedProxy(String forwardedHost) throws Exception {
        String request = "GET /api/client/instagram/auth/open?origin=" + enc(tenant.origin()) + " HTTP/1.1\r\n"
                + "Host: localhost:" + System.getProperty("it.broker.port") + "\r\nX-Forwarded-Host: " + forwardedHost
                + "\r\nX-Forwarded-Proto: https\r\nConnection: close\r\n\r\n";
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress("127.0.0.2", 0));
            socket.connect(new InetSocketAddress("127.0.0.1", Integer.getInteger("it.broker.port")), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void setupHelperThenExactUrlsPerHostAndWarnings() {
        TestTenant two = createTenant();
        String verified = "a-" + domain;
        String pending = "b-" + domain;
        verifiedDomain(two, verified);
        addDomain(two, pending);

        JsonObject before = admin("GET", "/tenants/" + two.id() + "/apps/instagram/setup").send().json();
        assertThat(before.getJsonArray("warnings").getValuesAs(JsonObject.class)).extracting(w -> w.getString("code"))
                .contains("custom_auth_required", "domain_pending");

        String clientId = customAuth(two, verified);
        Http.Reply setup = admin("GET", "/tenants/" + two.id() + "/apps/instagram/setup").send();
        assertThat(setup.status()).isEqualTo(200);
        List<JsonObject> hosts = setup.json().getJsonArray("hosts").getValuesAs(JsonObject.class);
        assertThat(hosts).extracting(h -> h.getString("host")).containsExactly("localhost", verified, pending);

        JsonObject platform = hosts.get(0);
        assertThat(platform.getString("app")).isEqualTo("custom");
        assertThat(platform.getString("clientId")).isEqualTo(clientId);
        assertThat(platform.getString("redirectUri")).isEqualTo(Broker.url("/api/client/instagram/authCallback/open"));
        assertThat(platform.getString("deauthorizeUrl")).isEqualTo(Broker.url("/api/client/instagram/deauthorize/" + two.apiKey()));
        assertThat(platform.getString("dataDeletionUrl")).isEqualTo(Broker.url("/api/client/instagram/data_deletion/" + two.apiKey()));

        JsonObject custom = hosts.get(1);
        assertThat(custom.getString("kind")).isEqualTo("custom");
        assertThat(custom.getString("status")).isEqualTo("verified");
        assertThat(custom.getString("redirectUri")).isEqualTo("https://" + verified + "/api/client/instagram/authCallback/open");
        assertThat(custom.getString("deauthorizeUrl")).isEqualTo("https://" + verified + "/api/client/instagram/deauthorize");
        assertThat(custom.getString("dataDeletionUrl")).isEqualTo("https://" + verified + "/api/client/instagram/data_deletion");
        assertThat(hosts.get(2).getString("redirectUri")).isEqualTo("https://" + pending + "/api/client/instagram/authCallback/open");
        assertThat(setup.json().getJsonArray("warnings").getValuesAs(JsonObject.class)).extracting(w -> w.getString("code"))
                .containsExactly("domain_pending");
        assertThat(setup.body()).doesNotContain("secret-" + clientId);
    }

    @Test
    void connectionsListedWithoutTokensAndDeletable() {
        Http.Reply page = new Popup().signIn("apikey=" + enc(tenant.apiKey()) + "&origin=" + enc(tenant.origin()), userId);
        String session = Popup.session(page);
        Http.Reply list = admin("GET", "/tenants/" + tenant.id() + "/connections").send();
        assertThat(list.status()).isEqualTo(200);
        JsonObject connection = list.jsonArray().getJsonObject(0);
        assertThat(connection.getString("providerUserId")).isEqualTo(userId);
        assertThat(connection.getString("app")).isEqualTo("shared");
        assertThat(list.body()).doesNotContain("IGAA", "access_token", "v1.it.");

        Http.Reply deleted = Http.delete(Broker.url("/api/admin/tenants/" + tenant.id() + "/connections/" + connection.getString("id")))
                .bearer(tenant.secret()).send();
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(Http.get(Broker.url("/api/client/instagram/me")).bearer(session).send().status()).isEqualTo(401);
    }
}
