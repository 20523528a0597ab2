package dev.authbroker.it;

import static dev.authbroker.it.support.Broker.admin;
import static dev.authbroker.it.support.Broker.createTenant;
import static dev.authbroker.it.support.Popup.enc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.authbroker.it.support.Broker;
import dev.authbroker.it.support.Broker.TestTenant;
import dev.authbroker.it.support.Deployments;
import dev.authbroker.it.support.Http;
import dev.authbroker.it.support.TestDb;
import dev.authbroker.it.support.TestDns;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Serving custom domains over HTTPS (issue 16): the proxy's certificate question, the domain list, forwarded https. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EdgeIT {

    private static final String ASK = "/api/edge/certificate-allowed?domain=";
    private final TestDns dns = TestDns.get();
    private TestTenant tenant;
    private String domain;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.broker();
    }

    @BeforeEach
    void aTenantAndAFreshHostName() {
        tenant = createTenant();
        domain = "files-" + UUID.randomUUID().toString().substring(0, 8) + ".edge.test";
    }

    private JsonObject claim(String hostname) {
        Http.Reply added = admin("POST", "/tenants/" + tenant.id() + "/domains").json("{\"hostname\":\"" + hostname + "\"}").send();
        assertThat(added.status()).isEqualTo(201);
        return added.json();
    }

    private JsonObject verified(String hostname) {
        JsonObject added = claim(hostname);
        dns.setTxt(added.getString("txtName"), added.getString("txtValue"));
        assertThat(admin("POST", "/tenants/" + tenant.id() + "/domains/" + hostname + "/verify").send().status()).isEqualTo(200);
        return added;
    }

    /** The proxy's question, asked as Caddy asks it: from its own address, with the Host of the ask URL. */
    private static String ask(String encodedName) {
        return Http.viaTrustedProxy("GET", ASK + encodedName, "Host: 127.0.0.1:" + System.getProperty("it.broker.port"));
    }

    @Test
    void aVerifiedDomainAndThePlatformHostGetACertificateNothingElseDoes() {
        verified(domain);
        String pending = "p-" + domain;
        claim(pending);

        assertThat(ask(enc(domain))).startsWith("HTTP/1.1 200");
        assertThat(ask(enc(domain.toUpperCase() + "."))).as("normalised like a Host header").startsWith("HTTP/1.1 200");
        assertThat(ask("localhost")).as("the platform host").startsWith("HTTP/1.1 200");
        assertThat(ask(enc(pending))).startsWith("HTTP/1.1 404").doesNotContain(tenant.id());
        assertThat(ask("unknown-" + domain)).startsWith("HTTP/1.1 404");

        assertThat(admin("DELETE", "/tenants/" + tenant.id() + "/domains/" + domain).send().status()).isEqualTo(204);
        assertThat(ask(enc(domain))).as("deleted: refused at once").startsWith("HTTP/1.1 404");
    }

    @Test
    void aSuspendedDomainGetsNoCertificate() throws InterruptedException {
        JsonObject added = verified(domain);
        assertThat(ask(enc(domain))).startsWith("HTTP/1.1 200");
        // the owner removes the record: past the grace period the re-check suspends the domain
        dns.removeTxt(added.getString("txtName"));
        long deadline = System.currentTimeMillis() + 30_000;
        while (!"SUSPENDED".equals(TestDb.query("SELECT status FROM custom_domain WHERE hostname = ?", domain).get(0).get("status"))
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
        }
        assertThat(TestDb.query("SELECT status FROM custom_domain WHERE hostname = ?", domain).get(0).get("status"))
                .isEqualTo("SUSPENDED");
        // the job commits, then tells the served names (PRODUCT.md: within a second)
        long answerBy = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        String answer = ask(enc(domain));
        while (!answer.startsWith("HTTP/1.1 404") && System.nanoTime() < answerBy) {
            Thread.sleep(50);
            answer = ask(enc(domain));
        }
        assertThat(answer).startsWith("HTTP/1.1 404");
    }

    @Test
    void malformedOrMissingNamesAre404NeverAnError() {
        verified(domain);
        List<String> bad = new ArrayList<>(List.of("", "127.0.0.1", "%5B%3A%3A1%5D", "a..b", "x".repeat(300) + ".test",
                enc(domain) + "%3A443", enc(domain) + "%2Fpath", "%00", "%E2%98%83%E2%98%83.%FF", enc("xn--" + "a".repeat(70) + ".test"),
                enc(" " + domain), "*." + domain, enc("user@" + domain)));
        for (String name : bad) {
            assertThat(ask(name)).as(name).startsWith("HTTP/1.1 404");
        }
        assertThat(Http.viaTrustedProxy("GET", "/api/edge/certificate-allowed")).startsWith("HTTP/1.1 404");
    }

    @Test
    void callersOutsideTheTrustedProxiesGet404WhateverTheName() {
        verified(domain);
        Http.Reply direct = Http.get(Broker.url(ASK + enc(domain))).send();
        assertThat(direct.status()).isEqualTo(404);
        assertThat(direct.body()).doesNotContain(tenant.id());
        assertThat(Http.get(Broker.url(ASK + "localhost")).send().status()).isEqualTo(404);
    }

    @Test
    void theOperatorListsEveryTenantsDomainsAPageAtATime() {
        verified(domain);
        for (int i = 0; i < 3; i++) {
            claim("p" + i + "-" + domain);
        }
        JsonObject first = admin("GET", "/domains?status=pending&limit=2").send().json();
        assertThat(first.getJsonArray("items")).hasSize(2);
        List<String> pending = new ArrayList<>();
        String after = null;
        for (int page = 0; page < 10_000; page++) {
            JsonObject body = admin("GET", "/domains?status=pending&limit=500" + (after == null ? "" : "&after=" + enc(after)))
                    .send().json();
            body.getJsonArray("items").getValuesAs(JsonObject.class).forEach(d -> {
                assertThat(d.getString("status")).isEqualTo("pending");
                pending.add(d.getString("hostname"));
            });
            if (body.isNull("next")) {
                break;
            }
            after = body.getString("next");
        }
        assertThat(pending).contains("p0-" + domain, "p1-" + domain, "p2-" + domain).doesNotContain(domain).isSorted();

        JsonObject verifiedPage = admin("GET", "/domains?status=verified&after=" + enc(domain.substring(0, domain.length() - 1))
                + "&limit=1").send().json();
        JsonObject item = verifiedPage.getJsonArray("items").getJsonObject(0);
        assertThat(item.getString("hostname")).isEqualTo(domain);
        assertThat(item.getString("tenantId")).isEqualTo(tenant.id());
        assertThat(item.getString("verifiedAt")).isNotBlank();

        Http.Reply asTenant = Http.get(Broker.url("/api/admin/domains")).bearer(tenant.secret()).send();
        assertThat(asTenant.status()).isEqualTo(403);
        assertThat(admin("GET", "/domains?status=gone").send().status()).isEqualTo(400);
        assertThat(admin("GET", "/domains?limit=0").send().status()).isEqualTo(400);
    }

    @Test
    void forwardedHttpsFromTheTrustedProxyMakesTheBrowserCookieSecure() {
        String open = "/api/client/instagram/auth/open?apikey=" + enc(tenant.apiKey()) + "&origin=" + enc(tenant.origin());
        String viaProxy = Http.viaTrustedProxy("GET", open, "X-Forwarded-Proto: https");
        assertThat(viaProxy).startsWith("HTTP/1.1 302");
        assertThat(cookie(viaProxy)).contains("HttpOnly").containsIgnoringCase("Secure");

        String plain = Http.viaTrustedProxy("GET", open, "X-Forwarded-Proto: http");
        assertThat(cookie(plain)).doesNotContainIgnoringCase("Secure");
        Http.Reply untrusted = Http.get(Broker.url(open)).header("X-Forwarded-Proto", "https").send();
        assertThat(untrusted.headers("Set-Cookie")).isNotEmpty().noneMatch(c -> c.toLowerCase().contains("secure"));
    }

    private static String cookie(String response) {
        return response.lines().filter(l -> l.regionMatches(true, 0, "Set-Cookie:", 0, 11))
                .filter(l -> l.contains("authbroker_browser=")).findFirst().orElseThrow();
    }
}
