package dev.authbroker.core.instagram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.authbroker.core.app.ClientCredentials;
import dev.authbroker.core.error.ErrorCode;
import dev.authbroker.core.oauth.ProviderException;
import dev.authbroker.core.oauth.ProviderUnavailableException;
import dev.authbroker.core.oauth.TokenGrant;
import dev.authbroker.simulator.Fault;
import dev.authbroker.simulator.InstagramSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Instagram client against the in-process simulator: real HTTP, Meta's answer shapes and error shapes. */
class InstagramClientTest {

    private static final String REDIRECT = "https://broker.test/api/client/instagram/authCallback/open";
    private static InstagramSimulator instagram;
    private static InstagramClient client;
    private static final ClientCredentials APP = new ClientCredentials("client-test", "secret-test");

    @BeforeAll
    static void start() {
        instagram = InstagramSimulator.start("127.0.0.1", 0);
        instagram.registerApp("client-test", "secret-test", REDIRECT);
        instagram.registerApp("client-test-wrapped", "secret-wrapped", REDIRECT);
        instagram.registerUser("17841400000000042", "unit_user", 12);
        client = new InstagramClient(new InstagramClient.Endpoints(instagram.authorizeUrl(), instagram.tokenUrl(), instagram.graphUrl()),
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build(),
                Duration.ofSeconds(2), List.of("instagram_business_basic"));
    }

    @AfterAll
    static void stop() {
        instagram.close();
    }

    @Test
    void authorizationUrlThenCarriesClientRedirectScopeAndState() {
        URI url = URI.create(client.authorizationUrl("client-test", REDIRECT, "st&te"));
        assertThat(url.getQuery()).contains("client_id=client-test", "response_type=code", "scope=instagram_business_basic",
                "redirect_uri=" + REDIRECT, "state=st&te");
    }

    @Test
    void fullExchangeThenLongLivedTokenAndProfile() {
        String code = instagram.issueCodeForTest("client-test", REDIRECT, "17841400000000042");
        TokenGrant shortLived = client.exchangeCode(APP, REDIRECT, code);
        String appScoped = instagram.appScopedId("client-test", "17841400000000042");
        assertThat(shortLived.userId()).as("the code exchange answers the app-scoped id").isEqualTo(appScoped);
        assertThat(shortLived.toString()).doesNotContain(shortLived.accessToken());

        Instant now = Instant.now();
        TokenGrant longLived = client.exchangeForLongLived(APP, shortLived.accessToken(), now);
        assertThat(longLived.expiresAt()).isAfter(now.plus(Duration.ofDays(59)));
        Profile profile = client.profile(longLived.accessToken());
        assertThat(profile).isEqualTo(new Profile(appScoped, "17841400000000042", "unit_user"));
    }

    @Test
    void wrappedTokenAnswerThenAcceptedToo() {
        ClientCredentials wrapped = new ClientCredentials("client-test-wrapped", "secret-wrapped");
        String code = instagram.issueCodeForTest("client-test-wrapped", REDIRECT, "17841400000000042");
        assertThat(client.exchangeCode(wrapped, REDIRECT, code).userId())
                .isEqualTo(instagram.appScopedId("client-test-wrapped", "17841400000000042"));
    }

    @Test
    void codeUsedTwiceThenProviderErrorAndSentOnlyOnce() {
        String code = instagram.issueCodeForTest("client-test", REDIRECT, "17841400000000042");
        client.exchangeCode(APP, REDIRECT, code);
        int before = instagram.calls("token");
        assertThatThrownBy(() -> client.exchangeCode(APP, REDIRECT, code))
                .isInstanceOf(ProviderException.class)
                .extracting(e -> ((ProviderException) e).code()).isEqualTo(ErrorCode.PROVIDER_ERROR);
        assertThat(instagram.calls("token")).isEqualTo(before + 1);
    }

    @Test
    void faultsThenClassifiedAsUnavailableOrError() {
        String token = instagram.issueLongLivedTokenForTest("client-test", "17841400000000042", 0, 3600);
        instagram.injectFault("me", Fault.status(503, 7), 1);
        assertThatThrownBy(() -> client.profile(token))
                .isInstanceOf(ProviderUnavailableException.class)
                .satisfies(e -> assertThat(((ProviderException) e).retryAfter()).contains(Duration.ofSeconds(7)));
        instagram.injectFault("me", Fault.html(), 1);
        assertThatThrownBy(() -> client.profile(token)).extracting(e -> ((ProviderException) e).code()).isEqualTo(ErrorCode.PROVIDER_ERROR);
        instagram.injectFault("me", Fault.truncatedJson(), 1);
        assertThatThrownBy(() -> client.profile(token)).extracting(e -> ((ProviderException) e).code()).isEqualTo(ErrorCode.PROVIDER_ERROR);
        instagram.injectFault("me", Fault.delay(3000), 1);
        assertThatThrownBy(() -> client.profile(token)).isInstanceOf(ProviderUnavailableException.class);
    }

    @Test
    void invalidatedTokenThenReconnectRequired() {
        String token = instagram.issueLongLivedTokenForTest("client-test", "17841400000000042", 0, 3600);
        instagram.invalidateToken(token);
        assertThatThrownBy(() -> client.media(token, null, 5))
                .extracting(e -> ((ProviderException) e).code()).isEqualTo(ErrorCode.RECONNECT_REQUIRED);
    }

    @Test
    void mediaPagesThenEveryItemOnceAndCarouselChildren() {
        String token = instagram.issueLongLivedTokenForTest("client-test", "17841400000000042", 0, 3600);
        Set<String> ids = new HashSet<>();
        String after = null;
        boolean sawChildren = false;
        do {
            MediaPage page = client.media(token, after, 5);
            for (Media m : page.items()) {
                assertThat(ids.add(m.id())).isTrue();
                sawChildren |= "CAROUSEL_ALBUM".equals(m.type()) && m.children().size() >= 2;
            }
            after = page.nextCursor();
        } while (after != null);
        assertThat(ids).hasSize(12);
        assertThat(sawChildren).isTrue();
    }

    @Test
    void refreshOfAYoungTokenThenRefusedAndOfAnOldOneThenFresh() {
        String young = instagram.issueLongLivedTokenForTest("client-test", "17841400000000042", 3600, 86_400);
        assertThatThrownBy(() -> client.refresh(young, Instant.now())).isInstanceOf(ProviderException.class);
        String old = instagram.issueLongLivedTokenForTest("client-test", "17841400000000042", 30L * 86_400, 86_400);
        assertThat(client.refresh(old, Instant.now()).accessToken()).isNotEqualTo(old);
    }
}
