package dev.authbroker.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.authbroker.core.app.ClientCredentials;
import dev.authbroker.core.app.ProviderApp;
import dev.authbroker.core.authorization.AuthorizationState;
import dev.authbroker.core.connection.Connection;
import dev.authbroker.core.connection.PickerSession;
import dev.authbroker.core.crypto.SecretBox;
import dev.authbroker.core.tenant.Origin;
import dev.authbroker.core.tenant.Tenant;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Flyway schema and the JPA repositories on a real (in-memory) H2, through EclipseLink as on Payara. */
class RepositoriesTest {

    private static final SecretBox BOX = SecretBox.fromSpec("k:" + Base64.getEncoder().encodeToString(new byte[32]), null);
    private static Database db;
    private static JpaTenantRepository tenants;
    private static JpaProviderAppRepository apps;
    private static JpaAuthorizationStateRepository states;
    private static JpaConnectionRepository connections;

    @BeforeAll
    static void open() {
        db = Database.open(new DatabaseSettings("jdbc:h2:mem:repo-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 4));
        tenants = new JpaTenantRepository(db);
        apps = new JpaProviderAppRepository(db);
        states = new JpaAuthorizationStateRepository(db);
        connections = new JpaConnectionRepository(db);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static boolean bool(java.util.function.Supplier<Boolean> f) {
        return db.transaction(em -> f.get());
    }

    private static java.util.Optional<?> opt(java.util.function.Supplier<java.util.Optional<?>> f) {
        return db.transaction(em -> f.get());
    }

    private static List<?> list(java.util.function.Supplier<List<?>> f) {
        return db.transaction(em -> f.get());
    }

    private static int number(java.util.function.Supplier<Integer> f) {
        return db.transaction(em -> f.get());
    }

    private static Tenant tenant() {
        Tenant tenant = Tenant.create("t", List.of(Origin.parse("https://app.test")), Instant.now()).tenant();
        db.run(() -> tenants.add(tenant));
        return tenant;
    }

    private static AuthorizationState state(Tenant tenant, Instant now) {
        return AuthorizationState.start(new AuthorizationState.Binding(tenant.id(), null, "shared", "localhost",
                "http://localhost/cb", "https://app.test"), "browser", now, Duration.ofMinutes(10), BOX).state();
    }

    private static Connection connection(Tenant tenant, String user) {
        Connection c = Connection.create(tenant.id(), "instagram", null, "shared", user);
        Instant now = Instant.now();
        c.replaceToken("token-" + user, now, now.plus(Duration.ofDays(60)), BOX, now);
        db.run(() -> connections.add(c));
        return c;
    }

    @Test
    void connectionsDueForRefreshComePageByPageEachOnce() {
        Tenant tenant = tenant();
        Instant now = Instant.now();
        Instant expiry = now.plus(Duration.ofDays(3)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        for (int i = 0; i < 3; i++) {
            Connection c = Connection.create(tenant.id(), "instagram", null, "shared", "due-" + i);
            c.replaceToken("token-due-" + i, now.minus(Duration.ofDays(2)), expiry, BOX, now);
            db.run(() -> connections.add(c));
        }

        List<Connection> first = db.transaction(em -> connections.dueForRefresh(now, Duration.ofDays(7), null, 2));
        List<Connection> second = db.transaction(em -> connections.dueForRefresh(now, Duration.ofDays(7), first.get(1), 2));
        List<Connection> third = db.transaction(em -> connections.dueForRefresh(now, Duration.ofDays(7), second.get(0), 2));

        assertThat(first).hasSize(2);
        assertThat(second).hasSize(1);
        assertThat(third).isEmpty();
        assertThat(java.util.stream.Stream.concat(first.stream(), second.stream()).map(Connection::providerUserId))
                .containsExactlyInAnyOrder("due-0", "due-1", "due-2");
    }

    @Test
    void aJobLeaseIsHeldByOneBrokerUntilItExpiresOrIsReleased() {
        JobLeases leases = new JobLeases(db);
        Instant now = Instant.now();
        assertThat(leases.tryAcquire("housekeeping", "broker-a", now, now.plusSeconds(30))).isTrue();
        assertThat(leases.tryAcquire("housekeeping", "broker-b", now, now.plusSeconds(30))).as("held by a").isFalse();
        assertThat(leases.tryAcquire("housekeeping", "broker-a", now, now.plusSeconds(30))).as("a renews").isTrue();
        assertThat(leases.tryAcquire("housekeeping", "broker-b", now.plusSeconds(31), now.plusSeconds(61))).as("expired").isTrue();
        assertThat(leases.tryAcquire("housekeeping", "broker-a", now.plusSeconds(32), now.plusSeconds(62))).isFalse();
        leases.release("housekeeping", "broker-a");
        assertThat(leases.tryAcquire("housekeeping", "broker-a", now.plusSeconds(33), now.plusSeconds(63))).as("not a's to release").isFalse();
        leases.release("housekeeping", "broker-b");
        assertThat(leases.tryAcquire("housekeeping", "broker-a", now.plusSeconds(34), now.plusSeconds(64))).isTrue();
    }

    @Test
    void tenantByApiKeyAndOriginLookup() {
        Tenant tenant = tenant();
        assertThat(opt(() -> tenants.findByApiKey(tenant.apiKey()))).isPresent();
        assertThat(bool(() -> tenants.anyTenantAllowsOrigin("https://app.test"))).isTrue();
        assertThat(bool(() -> tenants.anyTenantAllowsOrigin("https://app.tes"))).isFalse();
        assertThat(bool(() -> tenants.anyTenantAllowsOrigin("https://app_test"))).isFalse();
    }

    @Test
    void anOriginIsFoundByEqualityWhateverManyTenantsHaveSimilarOnes() {
        String origin = "https://similar-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        for (int i = 0; i < 60; i++) {
            Tenant lookalike = Tenant.create("l" + i, List.of(Origin.parse(origin + ":" + (8000 + i))), Instant.now()).tenant();
            db.run(() -> tenants.add(lookalike));
        }
        assertThat(bool(() -> tenants.anyTenantAllowsOrigin(origin))).isFalse();
        Tenant exact = Tenant.create("exact", List.of(Origin.parse(origin)), Instant.now()).tenant();
        db.run(() -> tenants.add(exact));
        assertThat(bool(() -> tenants.anyTenantAllowsOrigin(origin))).isTrue();

        db.run(() -> tenants.find(exact.id()).orElseThrow().replaceOrigins(List.of(Origin.parse("https://moved.test")), Instant.now()));
        assertThat(bool(() -> tenants.anyTenantAllowsOrigin(origin))).isFalse();
        assertThat(bool(() -> tenants.anyTenantAllowsOrigin("https://moved.test"))).isTrue();
        db.run(() -> tenants.delete(tenants.find(exact.id()).orElseThrow()));
        assertThat(bool(() -> tenants.anyTenantAllowsOrigin("https://moved.test"))).isFalse();
    }

    @Test
    void spendStateTwiceThenOnlyTheFirstGetsIt() {
        Tenant tenant = tenant();
        AuthorizationState state = state(tenant, Instant.now());

        assertThat(states.spend(state)).isTrue();
        assertThat(states.spend(state)).isFalse();
        assertThat(states.spend(state(tenant, Instant.now()))).isTrue();
    }

    @Test
    void spendSameStateFromManyThreadsThenExactlyOneGetsIt() throws Exception {
        AuthorizationState state = state(tenant(), Instant.now());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> states.spend(state)));
            }
            int winners = 0;
            for (Future<Boolean> result : results) {
                winners += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void purgeThenOnlyExpiredSpentStatesAndSessionsGo() {
        Tenant tenant = tenant();
        Instant now = Instant.now();
        AuthorizationState old = state(tenant, now.minus(Duration.ofHours(1)));
        AuthorizationState fresh = state(tenant, now);
        states.spend(old);
        states.spend(fresh);
        Connection c = connection(tenant, "1001");
        PickerSession.Issued expired = PickerSession.issue(c, now.minus(Duration.ofDays(2)), Duration.ofHours(12));
        PickerSession.Issued live = PickerSession.issue(c, now, Duration.ofHours(12));
        db.run(() -> {
            connections.addSession(expired.session());
            connections.addSession(live.session());
        });

        assertThat(number(() -> states.purgeExpired(now))).isGreaterThanOrEqualTo(1);
        assertThat(number(() -> connections.purgeExpiredSessions(now))).isGreaterThanOrEqualTo(1);

        assertThat(states.spend(fresh)).isFalse();
        assertThat(states.spend(old)).isTrue();
        assertThat(opt(() -> connections.findSession(expired.session().tokenHash()))).isEmpty();
        assertThat(opt(() -> connections.findSession(live.session().tokenHash()))).isPresent();
    }

    @Test
    void refreshLeaseThenOneHolderUntilReleasedOrExpired() {
        Connection c = connection(tenant(), "1002");
        Instant now = Instant.now();
        assertThat(bool(() -> connections.tryLease(c.id(), now, now.plusSeconds(30)))).isTrue();
        assertThat(bool(() -> connections.tryLease(c.id(), now, now.plusSeconds(30)))).isFalse();
        assertThat(bool(() -> connections.tryLease(c.id(), now.plusSeconds(31), now.plusSeconds(60))))
                .as("an expired lease is taken over").isTrue();
        db.run(() -> connections.releaseLease(c.id()));
        assertThat(bool(() -> connections.tryLease(c.id(), now, now.plusSeconds(30)))).isTrue();
    }

    @Test
    void rewrapWritesOnlyOverTheValueItReadSoAConcurrentRefreshWins() {
        SecretBox old = SecretBox.fromSpec("old:" + Base64.getEncoder().encodeToString(new byte[32]), null);
        SecretBox rotated = SecretBox.fromSpec("old:" + Base64.getEncoder().encodeToString(new byte[32]) + ",new:"
                + Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
                17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}), "new");
        Tenant tenant = tenant();
        Connection c = Connection.create(tenant.id(), "instagram", null, "shared", "rewrap-user");
        Instant now = Instant.now();
        c.replaceToken("token-before", now, now.plus(Duration.ofDays(60)), old, now);
        db.run(() -> connections.add(c));

        // the rewrap reads the row ...
        var rewrite = db.transaction(em -> connections.find(c.id()).orElseThrow().rewrapped(rotated)).orElseThrow();
        // ... a refresh commits a new token meanwhile ...
        db.run(() -> connections.find(c.id()).orElseThrow()
                .replaceToken("token-after", now, now.plus(Duration.ofDays(60)), rotated, now));
        // ... and the rewrap's write finds the row changed: it writes nothing
        assertThat(bool(() -> connections.replaceSealedToken(rewrite))).isFalse();
        String stored = db.transaction(em -> connections.find(c.id()).orElseThrow().accessToken(rotated));
        assertThat(stored).isEqualTo("token-after");

        Connection stale = Connection.create(tenant.id(), "instagram", null, "shared", "rewrap-user-2");
        stale.replaceToken("token-kept", now, now.plus(Duration.ofDays(60)), old, now);
        db.run(() -> connections.add(stale));
        var unchanged = db.transaction(em -> connections.find(stale.id()).orElseThrow().rewrapped(rotated)).orElseThrow();
        assertThat(bool(() -> connections.replaceSealedToken(unchanged))).isTrue();
        String kept = db.transaction(em -> connections.find(stale.id()).orElseThrow().accessToken(rotated));
        assertThat(kept).isEqualTo("token-kept");
        java.util.Optional<?> again = db.transaction(em -> connections.find(stale.id()).orElseThrow().rewrapped(rotated));
        assertThat(again).as("now sealed with the active key").isEmpty();
    }

    @Test
    void deleteMintedByMatchesTheAppScopedIdAsWellAsTheAccountId() {
        Tenant a = tenant();
        Connection byScoped = connection(a, "17841000000000077");
        db.run(() -> connections.find(byScoped.id()).orElseThrow().identifyAppScoped("29000000000000077", Instant.now()));
        Connection unmigrated = connection(a, "17841000000000078");

        assertThat(number(() -> connections.deleteMintedBy(null, "other-app", "29000000000000077"))).isZero();
        assertThat(number(() -> connections.deleteMintedBy(null, "shared", "29000000000000077"))).isEqualTo(1);
        assertThat(opt(() -> connections.find(byScoped.id()))).isEmpty();
        assertThat(list(() -> connections.withoutAppScopedId(null, 1000))).extracting(c -> ((Connection) c).id())
                .contains(unmigrated.id()).doesNotContain(byScoped.id());
        assertThat(number(() -> connections.deleteMintedBy(null, "shared", "17841000000000078"))).isEqualTo(1);
    }

    @Test
    void deleteMintedByThenOnlyThatAppsConnectionsOfThatUser() {
        Tenant a = tenant();
        Tenant b = tenant();
        connection(a, "2001");
        connection(b, "2001");
        connection(a, "2002");
        Connection custom = Connection.create(a.id(), "instagram", UUID.randomUUID().toString(), "custom-app", "2001");
        custom.replaceToken("t", Instant.now(), Instant.now().plusSeconds(3600), BOX, Instant.now());
        db.run(() -> connections.add(custom));

        assertThat(number(() -> connections.deleteMintedBy(null, "shared", "2001"))).isEqualTo(2);
        assertThat(opt(() -> connections.find(custom.id()))).isPresent();
        assertThat(number(() -> connections.deleteMintedBy(a.id(), "custom-app", "2001"))).isEqualTo(1);
        assertThat(list(() -> connections.forTenant(a.id(), 0, 10))).hasSize(1);
    }

    @Test
    void deleteTenantThenEverythingItOwnsIsGoneInOneTransaction() {
        Tenant tenant = tenant();
        ProviderApp app = ProviderApp.create(tenant.id(), "instagram", new ClientCredentials("1", "s"), BOX, Instant.now());
        db.run(() -> apps.add(app));
        connection(tenant, "3001");

        db.run(() -> tenants.delete(db.em().find(Tenant.class, tenant.id())));

        assertThat(opt(() -> apps.find(tenant.id(), "instagram"))).isEmpty();
        assertThat(list(() -> connections.forTenant(tenant.id(), 0, 10))).isEmpty();
        assertThat(opt(() -> tenants.find(tenant.id()))).isEmpty();
    }
}
