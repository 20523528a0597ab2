package dev.authbroker.it;

import static dev.authbroker.it.support.Broker.admin;
import static dev.authbroker.it.support.Broker.createTenant;
import static dev.authbroker.it.support.Popup.enc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authbroker.it.support.Broker;
import dev.authbroker.it.support.Broker.TestTenant;
import dev.authbroker.it.support.CaddyEdge;
import dev.authbroker.it.support.Deployments;
import dev.authbroker.it.support.Popup;
import dev.authbroker.it.support.Simulator;
import dev.authbroker.it.support.TestDb;
import dev.authbroker.it.support.TestDns;
import dev.authbroker.simulator.InstagramSimulator;
import jakarta.json.JsonObject;
import java.net.URI;
import java.util.UUID;
import javax.net.ssl.SSLException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A customer's CNAME served over HTTPS by Caddy in front of the broker (issue 16, deploy/Caddyfile's set-up): a full
 * sign-in on {@code https://files.….test}, certificates only for names the broker allows.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CaddyEdgeIT {

    private static CaddyEdge caddy;
    private final InstagramSimulator instagram = Simulator.get();
    private final TestDns dns = TestDns.get();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.broker();
    }

    @BeforeAll
    static void startCaddy() throws Exception {
        caddy = CaddyEdge.start(Integer.getInteger("it.caddy.port", 18443), Integer.getInteger("it.caddy.relay.port", 18444));
    }

    @AfterAll
    static void stopCaddy() {
        if (caddy != null) {
            caddy.close();
        }
    }

    private String verifiedDomain(TestTenant tenant, String hostname) {
        JsonObject added = admin("POST", "/tenants/" + tenant.id() + "/domains").json("{\"hostname\":\"" + hostname + "\"}")
                .send().json();
        dns.setTxt(added.getString("txtName"), added.getString("txtValue"));
        assertThat(admin("POST", "/tenants/" + tenant.id() + "/domains/" + hostname + "/verify").send().status()).isEqualTo(200);
        String clientId = "89" + (long) (Math.random() * 1e12);
        instagram.registerApp(clientId, "secret-" + clientId, "https://" + hostname + "/api/client/instagram/authCallback/open");
        Broker.setCustomAuth(tenant, clientId, "secret-" + clientId);
        return clientId;
    }

    @Test
    void aFullSignInOverHttpsOnAVerifiedCustomDomain() throws Exception {
        TestTenant tenant = createTenant();
        String domain = "files-" + UUID.randomUUID().toString().substring(0, 8) + ".caddy.test";
        String clientId = verifiedDomain(tenant, domain);
        String userId = Long.toString(17_846_000_000_000L + (long) (Math.random() * 1e12));
        instagram.registerUser(userId, "tls_" + userId.substring(12), 2);

        CaddyEdge.Reply open = caddy.get(domain, "/api/client/instagram/auth/open?origin=" + enc(tenant.origin()), null);
        assertThat(open.status()).as(open.body()).isEqualTo(302);
        String location = open.header("Location");
        assertThat(Popup.query(URI.create(location))).containsEntry("client_id", clientId)
                .containsEntry("redirect_uri", "https://" + domain + "/api/client/instagram/authCallback/open");
        String setCookie = open.headers().get("set-cookie").stream().filter(c -> c.startsWith("authbroker_browser="))
                .findFirst().orElseThrow();
        assertThat(setCookie).contains("HttpOnly").containsIgnoringCase("Secure");

        String callback = Popup.consent(location, userId, true);
        assertThat(callback).startsWith("https://" + domain + "/api/client/instagram/authCallback/open?");
        URI back = URI.create(callback);
        CaddyEdge.Reply page = caddy.get(domain, back.getRawPath() + "?" + back.getRawQuery(),
                setCookie.substring(0, setCookie.indexOf(';')));
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("\"status\":\"connected\"");
        assertThat(TestDb.count("SELECT COUNT(*) FROM connection WHERE tenant_id = ?", tenant.id())).isEqualTo(1);
    }

    @Test
    void aPendingDomainAndAnUnknownNameGetNoCertificate() {
        TestTenant tenant = createTenant();
        String pending = "pending-" + UUID.randomUUID().toString().substring(0, 8) + ".caddy.test";
        assertThat(admin("POST", "/tenants/" + tenant.id() + "/domains").json("{\"hostname\":\"" + pending + "\"}")
                .send().status()).isEqualTo(201);

        assertThatThrownBy(() -> caddy.get(pending, "/api/client/instagram/auth/open", null)).isInstanceOf(SSLException.class);
        assertThatThrownBy(() -> caddy.get("unknown-" + pending, "/", null)).isInstanceOf(SSLException.class);
    }
}
