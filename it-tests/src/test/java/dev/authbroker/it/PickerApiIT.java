package dev.authbroker.it;

import static dev.authbroker.it.support.Broker.createTenant;
import static dev.authbroker.it.support.Popup.enc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.authbroker.core.crypto.SecretBox;
import dev.authbroker.it.support.Broker;
import dev.authbroker.it.support.Broker.TestTenant;
import dev.authbroker.it.support.Deployments;
import dev.authbroker.it.support.Http;
import dev.authbroker.it.support.Popup;
import dev.authbroker.it.support.Simulator;
import dev.authbroker.it.support.TestDb;
import dev.authbroker.simulator.Fault;
import dev.authbroker.simulator.InstagramSimulator;
import jakarta.json.JsonObject;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The picker API against the simulator: media, bytes, the SSRF allowlist, token refresh, errors, CORS, logout. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PickerApiIT {

    private final InstagramSimulator instagram = Simulator.get();
    private TestTenant tenant;
    private String userId;
    private String session;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.broker();
    }

    @BeforeEach
    void aConnectedUserWith30Media() {
        tenant = createTenant();
        userId = Long.toString(17_842_000_000_000L + (long) (Math.random() * 1e12));
        instagram.registerUser(userId, "picker_" + userId.substring(12), 30);
        session = connect();
    }

    @AfterEach
    void restoreTheCdn() {
        instagram.setCdnBaseUrl(Simulator.cdnBaseUrl());
        instagram.clearFaults();
    }

    private String connect() {
        Http.Reply page = new Popup().signIn("apikey=" + enc(tenant.apiKey()) + "&origin=" + enc(tenant.origin()), userId);
        assertThat(page.body()).contains("\"status\":\"connected\"");
        return Popup.session(page);
    }

    private Http.Reply get(String path) {
        return Http.get(Broker.url("/api/client/instagram" + path)).bearer(session).send();
    }

    private String connectionId() {
        return (String) TestDb.query("SELECT id FROM connection WHERE tenant_id = ?", tenant.id()).get(0).get("id");
    }

    @Test
    void pagingThroughThreePagesThenEveryItemOnceNewestFirst() {
        List<String> ids = new ArrayList<>();
        List<String> timestamps = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Http.Reply reply = get("/media?limit=10" + (cursor == null ? "" : "&after=" + enc(cursor)));
            assertThat(reply.status()).isEqualTo(200);
            JsonObject body = reply.json();
            for (JsonObject item : body.getJsonArray("items").getValuesAs(JsonObject.class)) {
                ids.add(item.getString("id"));
                timestamps.add(item.getString("timestamp"));
                assertThat(item.getString("type")).isIn("IMAGE", "VIDEO", "CAROUSEL_ALBUM");
                assertThat(item.containsKey("thumbnailUrl")).isTrue();
            }
            cursor = body.isNull("next") ? null : body.getString("next");
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(pages).isEqualTo(3);
        assertThat(ids).hasSize(30).doesNotHaveDuplicates();
        assertThat(timestamps).isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    @Test
    void carouselThenChildrenListedAndEachChildReadable() {
        JsonObject album = get("/media?limit=10").json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(i -> i.getString("type").equals("CAROUSEL_ALBUM")).findFirst().orElseThrow();
        List<JsonObject> children = album.getJsonArray("children").getValuesAs(JsonObject.class);
        assertThat(children).hasSizeGreaterThanOrEqualTo(2);
        for (JsonObject child : children) {
            Http.Reply one = get("/media/" + child.getString("id"));
            assertThat(one.status()).isEqualTo(200);
            assertThat(one.json().getString("id")).isEqualTo(child.getString("id"));
        }
        Http.Reply albumContent = get("/media/" + album.getString("id") + "/content");
        assertThat(albumContent.status()).isEqualTo(400);
    }

    @Test
    void contentThenBytesEqualTheSimulatorsFileForImageAndVideo() throws Exception {
        List<JsonObject> items = get("/media?limit=10").json().getJsonArray("items").getValuesAs(JsonObject.class);
        for (String type : List.of("IMAGE", "VIDEO")) {
            JsonObject item = items.stream().filter(i -> i.getString("type").equals(type)).findFirst().orElseThrow();
            String file = item.getString("id") + (type.equals("IMAGE") ? ".png" : ".mp4");
            int cdnBefore = instagram.calls("cdn");

            Http.Reply content = get("/media/" + item.getString("id") + "/content");

            assertThat(content.status()).isEqualTo(200);
            assertThat(content.header("Content-Type")).isEqualTo(type.equals("IMAGE") ? "image/png" : "video/mp4");
            assertThat(content.header("Content-Length")).isEqualTo(Integer.toString(instagram.cdnFile(file).length));
            assertThat(sha256(content.bytes())).isEqualTo(sha256(instagram.cdnFile(file)));
            assertThat(instagram.calls("cdn")).isEqualTo(cdnBefore + 1);
        }
    }

    @Test
    void mediaUrlOffTheAllowlistThenRefusedAndNothingFetched() {
        String imageId = firstOf("IMAGE");
        try (InstagramSimulator evil = InstagramSimulator.start("127.0.0.1", 0)) {
            int ownBefore = instagram.calls("cdn");
            List<String> bases = List.of(
                    "http://127.0.0.1:" + evil.port() + "/cdn",
                    "http://cdn.simulator.test:" + evil.port() + "/cdn",
                    "ftp://localhost/cdn",
                    "http://localhost.evil.test:" + evil.port() + "/cdn");
            for (String base : bases) {
                instagram.setCdnBaseUrl(base);
                Http.Reply reply = get("/media/" + imageId + "/content");
                assertThat(reply.status()).as(base).isEqualTo(502);
                assertThat(reply.json().getString("error")).isEqualTo("media_unavailable");
            }
            assertThat(instagram.calls("cdn")).isEqualTo(ownBefore);

            instagram.setCdnBaseUrl(Simulator.cdnBaseUrl() + "/redirect?to=http://127.0.0.1:" + evil.port() + "/cdn");
            Http.Reply redirected = get("/media/" + imageId + "/content");
            assertThat(redirected.status()).isEqualTo(502);
            assertThat(instagram.calls("cdn")).as("the allowed host answered the redirect").isEqualTo(ownBefore + 1);
            assertThat(evil.calls("cdn")).isZero();
        }
    }

    @Test
    void fileOverTheCapThenRefused() {
        String imageId = firstOf("IMAGE");
        instagram.setCdnBaseUrl(Simulator.cdnBaseUrl() + "/big/6000000?file=");
        Http.Reply reply = get("/media/" + imageId + "/content");
        assertThat(reply.status()).isEqualTo(502);
        assertThat(reply.json().getString("error")).isEqualTo("media_unavailable");
    }

    @Test
    void fiftyConcurrentCallsOnAConnectionDueForRefreshThenOneRefreshAndAllSucceed() throws Exception {
        makeDueForRefresh(connectionId());
        int refreshBefore = instagram.calls("refresh");

        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            results.add(pool.submit((Callable<Integer>) () -> {
                go.await();
                return get("/media?limit=5").status();
            }));
        }
        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : results) {
            statuses.add(f.get(120, TimeUnit.SECONDS));
        }
        pool.shutdownNow();

        assertThat(statuses).containsOnly(200).hasSize(50);
        assertThat(instagram.calls("refresh")).isEqualTo(refreshBefore + 1);
        long expires = ((Number) TestDb.query("SELECT token_expires_at FROM connection WHERE id = ?", connectionId())
                .get(0).get("token_expires_at")).longValue();
        assertThat(expires).isGreaterThan(System.currentTimeMillis() + Duration.ofDays(50).toMillis());
    }

    @Test
    void scheduledJobThenRefreshesDueConnectionsAndLeavesOthers() throws Exception {
        String due = connectionId();
        TestTenant other = createTenant();
        new Popup().signIn("apikey=" + enc(other.apiKey()) + "&origin=" + enc(other.origin()), userId);
        String fresh = (String) TestDb.query("SELECT id FROM connection WHERE tenant_id = ?", other.id()).get(0).get("id");
        Object freshToken = TestDb.query("SELECT access_token FROM connection WHERE id = ?", fresh).get(0).get("access_token");
        makeDueForRefresh(due);

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        long expires = 0;
        while (System.nanoTime() < deadline) {
            expires = ((Number) TestDb.query("SELECT token_expires_at FROM connection WHERE id = ?", due).get(0)
                    .get("token_expires_at")).longValue();
            if (expires > System.currentTimeMillis() + Duration.ofDays(50).toMillis()) {
                break;
            }
            Thread.sleep(250);
        }
        assertThat(expires).isGreaterThan(System.currentTimeMillis() + Duration.ofDays(50).toMillis());
        assertThat(TestDb.query("SELECT access_token FROM connection WHERE id = ?", fresh).get(0).get("access_token"))
                .isEqualTo(freshToken);
    }

    @Test
    void tokenRevokedAtInstagramThenReconnectRequired() {
        String token = "IGREVOKED" + Long.toHexString(System.nanoTime());
        String otherUser = userId + "1";
        instagram.registerUser(otherUser, "revoked_user", 3);
        instagram.setNextAccessToken("IGSHORT" + Long.toHexString(System.nanoTime()));
        instagram.setNextAccessToken(token);
        Http.Reply page = new Popup().signIn("apikey=" + enc(tenant.apiKey()) + "&origin=" + enc(tenant.origin()), otherUser);
        String revokedSession = Popup.session(page);
        instagram.invalidateToken(token);

        Http.Reply media = Http.get(Broker.url("/api/client/instagram/media")).bearer(revokedSession).send();

        assertThat(media.status()).isEqualTo(401);
        assertThat(media.json().getString("error")).isEqualTo("reconnect_required");
        assertThat(TestDb.query("SELECT status FROM connection WHERE tenant_id = ? AND provider_user_id = ?", tenant.id(), otherUser)
                .get(0).get("status")).isEqualTo("RECONNECT_REQUIRED");
        Http.Reply me = Http.get(Broker.url("/api/client/instagram/me")).bearer(revokedSession).send();
        assertThat(me.json().getString("error")).isEqualTo("reconnect_required");
    }

    @Test
    void expiredTokenThenReconnectRequiredWithoutRefreshCall() {
        String id = connectionId();
        TestDb.update("UPDATE connection SET token_issued_at = ?, token_expires_at = ? WHERE id = ?",
                System.currentTimeMillis() - Duration.ofDays(61).toMillis(), System.currentTimeMillis() - 1000, id);
        int refreshBefore = instagram.calls("refresh");
        int mediaBefore = instagram.calls("media_list");

        Http.Reply media = get("/media");

        assertThat(media.status()).isEqualTo(401);
        assertThat(media.json().getString("error")).isEqualTo("reconnect_required");
        assertThat(TestDb.query("SELECT status FROM connection WHERE id = ?", id).get(0).get("status")).isEqualTo("RECONNECT_REQUIRED");
        assertThat(instagram.calls("refresh")).isEqualTo(refreshBefore);
        assertThat(instagram.calls("media_list")).isEqualTo(mediaBefore);
    }

    @Test
    void rateLimitedOnceThenSucceedsAfterRetryAfter() {
        int before = instagram.calls("media_list");
        instagram.injectFault("media_list", Fault.status(429, 1), 1);
        long started = System.nanoTime();

        Http.Reply reply = get("/media?limit=5");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(instagram.calls("media_list")).isEqualTo(before + 2);
    }

    @Test
    void providerDownThenBoundedRetriesAnd503() {
        int before = instagram.calls("media_list");
        instagram.injectFault("media_list", Fault.status(500), 10);

        Http.Reply reply = get("/media?limit=5");

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.json().getString("error")).isEqualTo("provider_unavailable");
        assertThat(instagram.calls("media_list")).isEqualTo(before + 3);
    }

    @Test
    void logoutThenSessionAndConnectionGone() {
        Http.Reply out = Http.post(Broker.url("/api/client/instagram/logout")).bearer(session).send();

        assertThat(out.status()).isEqualTo(204);
        assertThat(out.header("Link")).contains("https://www.instagram.com/accounts/manage_access/");
        assertThat(get("/me").status()).isEqualTo(401);
        assertThat(TestDb.count("SELECT COUNT(*) FROM connection WHERE tenant_id = ?", tenant.id())).isZero();
        assertThat(TestDb.count("SELECT COUNT(*) FROM picker_session WHERE tenant_id = ?", tenant.id())).isZero();
    }

    @Test
    void badSessionsAndParametersThenClearErrors() {
        assertThat(Http.get(Broker.url("/api/client/instagram/media")).send().status()).isEqualTo(401);
        assertThat(Http.get(Broker.url("/api/client/instagram/media")).bearer("ps_nope").send().json().getString("error"))
                .isEqualTo("unauthorized");
        for (String limit : List.of("0", "101", "abc", "-1")) {
            Http.Reply reply = get("/media?limit=" + limit);
            assertThat(reply.status()).as(limit).isEqualTo(400);
            assertThat(reply.json().getString("error")).isEqualTo("invalid_request");
        }
        assertThat(get("/media/not-a-number").status()).isEqualTo(404);
        assertThat(get("/media/123456789").status()).isEqualTo(404);
    }

    @Test
    void corsThenExactlyTheTenantsOrigins() {
        Http.Reply allowed = Http.get(Broker.url("/api/client/instagram/me")).bearer(session).header("Origin", tenant.origin()).send();
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(tenant.origin());

        Http.Reply refused = Http.get(Broker.url("/api/client/instagram/me")).bearer(session).header("Origin", "https://evil.test").send();
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.header("Access-Control-Allow-Origin")).isNull();

        TestTenant other = createTenant();
        Http.Reply otherTenantsOrigin = Http.get(Broker.url("/api/client/instagram/me")).bearer(session).header("Origin", other.origin()).send();
        assertThat(otherTenantsOrigin.header("Access-Control-Allow-Origin")).isNull();

        Http.Reply preflight = Http.method("OPTIONS", Broker.url("/api/client/instagram/media")).header("Origin", tenant.origin())
                .header("Access-Control-Request-Method", "GET").header("Access-Control-Request-Headers", "authorization").send();
        assertThat(preflight.status()).isIn(200, 204);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(tenant.origin());
        assertThat(preflight.header("Access-Control-Allow-Headers")).containsIgnoringCase("authorization");

        Http.Reply evilPreflight = Http.method("OPTIONS", Broker.url("/api/client/instagram/media")).header("Origin", "https://evil.test")
                .header("Access-Control-Request-Method", "GET").send();
        assertThat(evilPreflight.header("Access-Control-Allow-Origin")).isNull();
    }

    private String firstOf(String type) {
        return get("/media?limit=10").json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(i -> i.getString("type").equals(type)).findFirst().orElseThrow().getString("id");
    }

    /** Gives the connection a 30-day-old token that expires in 2 days, as Instagram knows it. */
    private void makeDueForRefresh(String connectionId) {
        String token = instagram.issueLongLivedTokenForTest("shared-app", userId, Duration.ofDays(30).toSeconds(), Duration.ofDays(2).toSeconds());
        SecretBox box = SecretBox.fromSpec(System.getProperty("it.keys"), "it");
        long now = System.currentTimeMillis();
        TestDb.update("UPDATE connection SET access_token = ?, token_issued_at = ?, token_expires_at = ? WHERE id = ?",
                box.seal(token, "connection.access_token/" + connectionId), now - Duration.ofDays(30).toMillis(),
                now + Duration.ofDays(2).toMillis(), connectionId);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
