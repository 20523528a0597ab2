package dev.authbroker.it;

import static dev.authbroker.it.support.Broker.admin;
import static dev.authbroker.it.support.Broker.createTenant;
import static dev.authbroker.it.support.Popup.enc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.authbroker.it.support.Broker;
import dev.authbroker.it.support.Broker.TestTenant;
import dev.authbroker.it.support.Deployments;
import dev.authbroker.it.support.Http;
import dev.authbroker.it.support.OtherBroker;
import dev.authbroker.it.support.Pause;
import dev.authbroker.it.support.Popup;
import dev.authbroker.it.support.Simulator;
import dev.authbroker.it.support.TestDb;
import dev.authbroker.it.support.TestDns;
import dev.authbroker.it.support.TestPostgres;
import dev.authbroker.simulator.InstagramSimulator;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Several brokers on one PostgreSQL (issue 17): the broker Arquillian deployed and a second Payara Micro with the same
 * WAR and configuration, both answering for the same public URL as they would behind one proxy.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeveralBrokersIT {

    private static final int OTHER_PORT = Integer.getInteger("it.broker.port", 18080) + 100;
    private static OtherBroker other;
    private final InstagramSimulator instagram = Simulator.get();
    private final TestDns dns = TestDns.get();
    private String userId;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.broker();
    }

    @BeforeAll
    static void aSecondBrokerOnTheSameDatabase() {
        assumeTrue(!TestDb.isH2(), "several brokers share a PostgreSQL database; H2 serves one");
        assumeTrue(System.getProperty("payara.microJar") != null, "the second broker is a Payara Micro");
        other = OtherBroker.start(OTHER_PORT, Path.of(System.getProperty("it.server.log")).resolveSibling("server-other.log"));
    }

    @AfterAll
    static void stopTheSecondBroker() {
        if (other != null) {
            other.close();
        }
    }

    @BeforeEach
    void aFreshInstagramUser() {
        userId = Long.toString(17_841_300_000_000L + (long) (Math.random() * 1e12));
        instagram.registerUser(userId, "multi_" + userId.substring(10), 1);
    }

    private static String query(TestTenant tenant) {
        return "apikey=" + enc(tenant.apiKey()) + "&origin=" + enc(tenant.origin());
    }

    @Test
    void aSignInStartedOnOneBrokerIsCompletedOnTheOther() {
        TestTenant tenant = createTenant();
        Popup popup = new Popup();
        String callback = popup.consent(popup.open(query(tenant)), userId, true);
        int tokenCalls = instagram.calls("token");

        Http.Reply page = other.via("GET", callback).header("Cookie", "authbroker_browser=" + popup.cookie()).send();

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("\"status\":\"connected\"");
        assertThat(instagram.calls("token")).isEqualTo(tokenCalls + 1);
        Http.Reply me = other.via("GET", Broker.url("/api/client/instagram/me")).bearer(Popup.session(page)).send();
        assertThat(me.json().getBoolean("connected")).isTrue();
        assertThat(Http.get(Broker.url("/api/client/instagram/me")).bearer(Popup.session(page)).send().json()
                .getBoolean("connected")).as("the same session on the first broker").isTrue();
    }

    /** Polls {@code probe} on the other broker until it answers {@code status}; answers the milliseconds it took. */
    private static long millisUntil(int status, Supplier<Http.Reply> probe) {
        long started = System.nanoTime();
        while (System.nanoTime() - started < 10_000_000_000L) {
            if (probe.get().status() == status) {
                return (System.nanoTime() - started) / 1_000_000;
            }
            Pause.millis(20);
        }
        return Long.MAX_VALUE;
    }

    @Test
    void aTenantDisabledOnOneBrokerIsRefusedByTheOtherWithinOneSecond() {
        TestTenant tenant = createTenant();
        Supplier<Http.Reply> signInOnTheOther =
                () -> other.via("GET", Broker.url("/api/client/instagram/auth/open?" + query(tenant))).send();
        assertThat(signInOnTheOther.get().status()).as("the other broker has the tenant in memory").isEqualTo(302);

        assertThat(admin("PATCH", "/tenants/" + tenant.id()).json("{\"status\":\"disabled\"}").send().status()).isEqualTo(200);
        long took = millisUntil(403, signInOnTheOther);

        System.out.printf("tenant disabled on one broker, refused by the other after %d ms%n", took);
        assertThat(took).isLessThan(1_000);
    }

    @Test
    void customAuthSavedOnOneBrokerIsUsedByTheOtherWithinOneSecond() {
        TestTenant tenant = createTenant();
        String openUrl = Broker.url("/api/client/instagram/auth/open?" + query(tenant));
        assertThat(Popup.query(URI.create(other.via("GET", openUrl).send().header("Location"))).get("client_id"))
                .isEqualTo("shared-app");
        assertThat(Popup.query(URI.create(Http.get(openUrl).send().header("Location"))).get("client_id"))
                .as("this broker has the tenant without Custom Auth in memory").isEqualTo("shared-app");

        Http.Reply saved = other.via("PUT", Broker.url("/api/admin/tenants/" + tenant.id() + "/apps/instagram"))
                .bearer(Broker.operatorToken()).json("{\"clientId\":\"7700123\",\"clientSecret\":\"custom-secret-0123456789\"}").send();
        assertThat(saved.status()).as("saved on the other broker").isEqualTo(200);
        long started = System.nanoTime();
        String clientId = "shared-app";
        while (!"7700123".equals(clientId) && System.nanoTime() - started < 10_000_000_000L) {
            Pause.millis(20);
            clientId = Popup.query(URI.create(Http.get(openUrl).send().header("Location"))).get("client_id");
        }
        long took = (System.nanoTime() - started) / 1_000_000;

        System.out.printf("Custom Auth saved on one broker, used by the other after %d ms%n", took);
        assertThat(clientId).isEqualTo("7700123");
        assertThat(took).isLessThan(1_000);
    }

    @Test
    void theDomainRecheckRunsOnOneBrokerAtATime() {
        TestTenant tenant = createTenant();
        String hostname = "files-" + UUID.randomUUID().toString().substring(0, 8) + ".multi.test";
        Http.Reply added = admin("POST", "/tenants/" + tenant.id() + "/domains").json("{\"hostname\":\"" + hostname + "\"}").send();
        assertThat(added.status()).isEqualTo(201);
        String txtName = added.json().getString("txtName");
        dns.setTxt(txtName, added.json().getString("txtValue"));
        assertThat(admin("POST", "/tenants/" + tenant.id() + "/domains/" + hostname + "/verify").send().status()).isEqualTo(200);

        int before = dns.queries(txtName);
        Pause.millis(6_000);
        int lookups = dns.queries(txtName) - before;

        // authbroker.domains.recheck-interval is PT1S here: one broker looks the record up about once a second, two
        // would double that
        System.out.printf("re-check lookups of one domain in 6 s with two brokers: %d%n", lookups);
        assertThat(lookups).isBetween(3, 8);
        List<Map<String, Object>> lease = TestDb.query("SELECT holder, expires_at FROM job_lease WHERE name = ?", "domain-recheck");
        assertThat((String) lease.get(0).get("holder")).isNotBlank();
        assertThat(((Number) lease.get(0).get("expires_at")).longValue()).isGreaterThan(System.currentTimeMillis());
    }

    /** A request of the picker (needs the database for the session) to the first broker or, via the proxy's Host, the other. */
    private static Http.Reply me(boolean onTheOther, String session) {
        String url = Broker.url("/api/client/instagram/me");
        return (onTheOther ? other.via("GET", url) : Http.get(url)).bearer(session).send();
    }

    private static String logSince(Path log, long offset) throws IOException {
        byte[] all = Files.readAllBytes(log);
        return new String(all, (int) Math.min(offset, all.length), (int) Math.max(0, all.length - offset), StandardCharsets.UTF_8);
    }

    @Test
    @Order(Integer.MAX_VALUE - 1)
    void aDatabaseOutageIsAnswered503WithinTwoSecondsQuietlyAndBothBrokersRecover() throws Exception {
        assumeTrue(TestPostgres.controllable(), "bin/test names the cluster's pg_ctl (it.postgresql.*)");
        TestTenant tenant = createTenant();
        String session = Popup.session(new Popup().signIn(query(tenant), userId));
        Path logA = Path.of(System.getProperty("it.server.log"));
        Path logB = logA.resolveSibling("server-other.log");
        long offsetA = Files.size(logA);
        long offsetB = Files.size(logB);

        TestPostgres.stop();
        long slowest = 0;
        int answered = 0;
        try {
            long until = System.nanoTime() + 12_000_000_000L;
            while (System.nanoTime() < until) {
                for (boolean onTheOther : new boolean[] {false, true}) {
                    long started = System.nanoTime();
                    Http.Reply reply = me(onTheOther, session);
                    Http.Reply admin = onTheOther
                            ? other.via("GET", Broker.url("/api/admin/tenants")).bearer(Broker.operatorToken()).send()
                            : admin("GET", "/tenants").send();
                    slowest = Math.max(slowest, (System.nanoTime() - started) / 2_000_000);
                    assertThat(reply.status()).as("picker call, database down").isEqualTo(503);
                    assertThat(reply.json().getString("error")).isEqualTo("service_unavailable");
                    assertThat(admin.status()).as("admin call, database down").isEqualTo(503);
                    answered += 2;
                }
                Pause.millis(200);
            }
        } finally {
            TestPostgres.start();
        }
        System.out.printf("database down for 12 s: %d calls answered 503, the slowest in %d ms%n", answered, slowest);
        assertThat(slowest).isLessThan(2_000);

        long started = System.nanoTime();
        while ((me(false, session).status() != 200 || me(true, session).status() != 200)
                && System.nanoTime() - started < 20_000_000_000L) {
            Pause.millis(200);
        }
        System.out.printf("both brokers answering again %d ms after the database came back%n", (System.nanoTime() - started) / 1_000_000);
        assertThat(me(false, session).status()).isEqualTo(200);
        assertThat(me(true, session).status()).isEqualTo(200);

        for (String log : new String[] {logSince(logA, offsetA), logSince(logB, offsetB)}) {
            long stackFrames = log.lines().filter(line -> line.matches("\\s+at [\\w$.]+\\(.*")).count();
            long warnings = log.lines().filter(line -> line.contains("WARNING") || line.contains("SEVERE")).count();
            System.out.printf("outage log of a broker: %d warning lines, %d stack frames%n", warnings, stackFrames);
            assertThat(stackFrames).as("no stack traces").isZero();
            // a warning per kind of failure per 10 s: requests, jobs, change notices — over some 14 s
            assertThat(warnings).as(log).isLessThanOrEqualTo(12);
        }
    }

    /** Who holds {@code job}'s lease now (the holder names itself in its log when it takes a job). */
    private static String holderOf(String job) {
        return (String) TestDb.query("SELECT holder FROM job_lease WHERE name = ?", job).get(0).get("holder");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void theJobsOfAKilledBrokerAreTakenOverWhenItsLeaseExpires() throws Exception {
        TestTenant tenant = createTenant();
        String hostname = "files-" + UUID.randomUUID().toString().substring(0, 8) + ".failover.test";
        Http.Reply added = admin("POST", "/tenants/" + tenant.id() + "/domains").json("{\"hostname\":\"" + hostname + "\"}").send();
        String txtName = added.json().getString("txtName");
        dns.setTxt(txtName, added.json().getString("txtValue"));
        assertThat(admin("POST", "/tenants/" + tenant.id() + "/domains/" + hostname + "/verify").send().status()).isEqualTo(200);
        // the other broker must be the one running the re-check: the lease is handed to it, as if it had taken it
        // (freeing the lease for the two to race for can go to the same broker for as long as their timers line up)
        Path otherLog = Path.of(System.getProperty("it.server.log")).resolveSibling("server-other.log");
        Matcher identity = Pattern.compile("this broker holds their leases as (\\S+) ").matcher(Files.readString(otherLog));
        assertThat(identity.find()).as("the other broker's lease identity in its log").isTrue();
        String killed = identity.group(1);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!Files.readString(otherLog).contains("job domain-recheck runs on this broker (" + killed + ")")
                && System.nanoTime() < deadline) {
            TestDb.update("UPDATE job_lease SET holder = ?, expires_at = ? WHERE name = ?",
                    killed, System.currentTimeMillis() + 3_000, "domain-recheck");
            Pause.millis(1_500);
        }
        assertThat(Files.readString(otherLog)).contains("job domain-recheck runs on this broker (" + killed + ")");

        other.kill();
        long killedAt = System.nanoTime();
        int before = dns.queries(txtName);
        while (dns.queries(txtName) == before && System.nanoTime() - killedAt < 20_000_000_000L) {
            Pause.millis(100);
        }
        long tookOver = (System.nanoTime() - killedAt) / 1_000_000;

        // authbroker.jobs.lease-ttl is PT3S here, the re-check interval PT1S
        System.out.printf("re-check taken over %d ms after the broker running it was killed%n", tookOver);
        assertThat(dns.queries(txtName)).isGreaterThan(before);
        assertThat(tookOver).isLessThan(6_000);
        assertThat(holderOf("domain-recheck")).isNotEqualTo(killed);
    }
}
