package dev.authbroker.simulator;

import static dev.authbroker.simulator.TestInstagram.CLIENT_ID;
import static dev.authbroker.simulator.TestInstagram.OTHER_USER_ID;
import static dev.authbroker.simulator.TestInstagram.REDIRECT_URI;
import static dev.authbroker.simulator.TestInstagram.SECRET;
import static dev.authbroker.simulator.TestInstagram.USER_ID;
import static dev.authbroker.simulator.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OAuthEndpointsTest {

    private TestInstagram test;
    private InstagramSimulator instagram;

    @BeforeEach
    void start() {
        test = TestInstagram.start();
        instagram = test.instagram;
    }

    @AfterEach
    void stop() {
        test.close();
    }

    private TestClient.Reply authorize(String clientId, String redirectUri, String responseType, String scope) {
        return test.http.get(instagram.authorizeUrl() + "?" + form("client_id", clientId, "redirect_uri", redirectUri,
                "response_type", responseType, "scope", scope, "state", "st<&>\"1"));
    }

    private TestClient.Reply decide(String redirectUri, String decision, String state) {
        return test.http.postForm(instagram.authorizeUrl(), form("client_id", CLIENT_ID, "redirect_uri", redirectUri,
                "scope", "instagram_business_basic", "state", state, "user_id", USER_ID, "decision", decision));
    }

    @Test
    void authorizeWhenValidThenConsentPageListsUsersFirstChecked() {
        TestClient.Reply page = authorize(CLIENT_ID, REDIRECT_URI, "code", "instagram_business_basic");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.text())
                .contains("App app-1 wants to access your Instagram")
                .contains("<form method=\"POST\" action=\"/oauth/authorize\">")
                .contains("id=\"user-" + USER_ID + "\" value=\"" + USER_ID + "\" checked>")
                .contains("<label for=\"user-" + USER_ID + "\">@demo_creator</label>")
                .contains("id=\"user-" + OTHER_USER_ID + "\" value=\"" + OTHER_USER_ID + "\">")
                .contains("<button type=\"submit\" name=\"decision\" value=\"allow\" id=\"allow\">Allow</button>")
                .contains("<button type=\"submit\" name=\"decision\" value=\"cancel\" id=\"cancel\">Cancel</button>")
                .contains("<input type=\"hidden\" name=\"state\" value=\"st&lt;&amp;&gt;&quot;1\">")
                .contains("<input type=\"hidden\" name=\"redirect_uri\" value=\"" + REDIRECT_URI + "\">")
                .doesNotContain("src=", "href=", "<script");
        assertThat(instagram.calls("authorize")).isEqualTo(1);
        assertThat(instagram.clientIdsSeen("authorize")).containsExactly(CLIENT_ID);
        assertThat(instagram.redirectUrisSeen("authorize")).containsExactly(REDIRECT_URI);
    }

    @Test
    void authorizeWhenRedirectUriDiffersByOneCharThenErrorPageAndNoRedirect() {
        for (String almost : List.of(REDIRECT_URI + "/", REDIRECT_URI.replace("open", "opem"),
                REDIRECT_URI.replace("http:", "https:"), REDIRECT_URI.toUpperCase())) {
            TestClient.Reply page = authorize(CLIENT_ID, almost, "code", "instagram_business_basic");

            assertThat(page.status()).as(almost).isEqualTo(400);
            assertThat(page.header("Location")).isNull();
            assertThat(page.text()).contains("redirect_uri").doesNotContain("id=\"allow\"");
        }
    }

    @Test
    void authorizeWhenUnknownClientThenErrorPage() {
        TestClient.Reply page = authorize("someone-else", REDIRECT_URI, "code", "instagram_business_basic");

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.text()).contains("Invalid platform app");
        assertThat(instagram.clientIdsSeen("authorize")).containsExactly("someone-else");
    }

    @Test
    void authorizeWhenResponseTypeIsNotCodeThenErrorPage() {
        assertThat(authorize(CLIENT_ID, REDIRECT_URI, "token", "instagram_business_basic").status()).isEqualTo(400);
    }

    @Test
    void authorizeWhenScopeUnknownOrMissingThenErrorPage() {
        assertThat(authorize(CLIENT_ID, REDIRECT_URI, "code", "instagram_business_basic,user_media").text())
                .contains("Invalid Scopes: user_media");
        assertThat(authorize(CLIENT_ID, REDIRECT_URI, "code", "").status()).isEqualTo(400);
    }

    @Test
    void authorizeSubmitWhenAllowThenRedirectsWithFreshCodeAndState() {
        TestClient.Reply first = decide(REDIRECT_URI, "allow", "a b&c");
        TestClient.Reply second = decide(REDIRECT_URI, "allow", "a b&c");

        assertThat(first.status()).isEqualTo(302);
        String location = first.header("Location");
        assertThat(location).startsWith(REDIRECT_URI + "?code=").endsWith("&state=a+b%26c#_");
        Map<String, String> query = Forms.parse(URI.create(location).getRawQuery());
        assertThat(query.get("code")).matches("[A-Za-z0-9_-]{22,}");
        assertThat(query.get("state")).isEqualTo("a b&c");
        assertThat(Forms.parse(URI.create(second.header("Location")).getRawQuery()).get("code"))
                .isNotEqualTo(query.get("code"));
        assertThat(instagram.calls("authorize_submit")).isEqualTo(2);
    }

    @Test
    void authorizeSubmitWhenRedirectUriHasQueryThenAppendsWithAmpersand() {
        String withQuery = "https://broker.example/callback?tenant=t1";
        instagram.registerApp(CLIENT_ID, SECRET, REDIRECT_URI, withQuery);

        assertThat(decide(withQuery, "allow", "s1").header("Location")).startsWith(withQuery + "&code=");
    }

    @Test
    void authorizeSubmitWhenCancelThenAccessDeniedRedirect() {
        TestClient.Reply reply = decide(REDIRECT_URI, "cancel", "s1");

        assertThat(reply.status()).isEqualTo(302);
        assertThat(reply.header("Location")).isEqualTo(REDIRECT_URI + "?error=access_denied&error_reason=user_denied"
                + "&error_description=The+user+denied+your+request.&state=s1#_");
    }

    @Test
    void authorizeSubmitWhenRedirectUriNotRegisteredThenRefusedWithoutRedirect() {
        TestClient.Reply reply = decide("http://evil.example/callback", "allow", "s1");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.header("Location")).isNull();
    }

    @Test
    void tokenWhenValidCodeThenShortLivedTokenAndSeenValuesRecorded() {
        String code = instagram.issueCodeForTest(CLIENT_ID, REDIRECT_URI, USER_ID);

        TestClient.Reply reply = test.exchangeCode(CLIENT_ID, SECRET, REDIRECT_URI, code);

        assertThat(reply.status()).isEqualTo(200);
        Map<String, Object> json = reply.json();
        assertThat((String) json.get("access_token")).startsWith("IGQ").hasSizeGreaterThan(40);
        assertThat(json.get("user_id")).as("the app-scoped id").isEqualTo(instagram.appScopedId(CLIENT_ID, USER_ID))
                .isNotEqualTo(USER_ID);
        assertThat(json.get("permissions")).isEqualTo(List.of("instagram_business_basic"));
        assertThat(instagram.calls("token")).isEqualTo(1);
        assertThat(instagram.clientIdsSeen("token")).containsExactly(CLIENT_ID);
        assertThat(instagram.redirectUrisSeen("token")).containsExactly(REDIRECT_URI);
    }

    @Test
    void tokenWhenCodeFromConsentPageThenTokenForChosenUser() {
        String location = test.http.postForm(instagram.authorizeUrl(), form("client_id", CLIENT_ID, "redirect_uri",
                REDIRECT_URI, "scope", "instagram_business_basic", "state", "s", "user_id", OTHER_USER_ID,
                "decision", "allow")).header("Location");
        String code = Forms.parse(URI.create(location).getRawQuery()).get("code");

        assertThat(test.exchangeCode(CLIENT_ID, SECRET, REDIRECT_URI, code).json().get("user_id"))
                .isEqualTo(instagram.appScopedId(CLIENT_ID, OTHER_USER_ID));
    }

    @Test
    void tokenWhenAppIdEndsWithWrappedThenAnswerWrappedInData() {
        instagram.registerApp("app-2-wrapped", "secret-2", REDIRECT_URI);
        String code = instagram.issueCodeForTest("app-2-wrapped", REDIRECT_URI, USER_ID);

        Map<String, Object> json = test.exchangeCode("app-2-wrapped", "secret-2", REDIRECT_URI, code).json();

        assertThat(json).containsOnlyKeys("data");
        @SuppressWarnings("unchecked")
        Map<String, Object> inner = ((List<Map<String, Object>>) json.get("data")).get(0);
        assertThat(inner).containsKeys("access_token", "user_id", "permissions");
    }

    @Test
    void exchangeWhenCodeReusedThenRejected() {
        String code = instagram.issueCodeForTest(CLIENT_ID, REDIRECT_URI, USER_ID);
        assertThat(test.exchangeCode(CLIENT_ID, SECRET, REDIRECT_URI, code).status()).isEqualTo(200);

        TestClient.Reply again = test.exchangeCode(CLIENT_ID, SECRET, REDIRECT_URI, code);

        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json()).containsEntry("error_type", "OAuthException")
                .containsEntry("error_message", "This authorization code has been used");
        assertThat(TestClient.number(again.json().get("code"))).isEqualTo(400);
    }

    @Test
    void exchangeWhenWrongSecretThenRejectedAndCodeSpentAnyway() {
        String code = instagram.issueCodeForTest(CLIENT_ID, REDIRECT_URI, USER_ID);

        TestClient.Reply wrong = test.exchangeCode(CLIENT_ID, "not-the-secret", REDIRECT_URI, code);
        TestClient.Reply retried = test.exchangeCode(CLIENT_ID, SECRET, REDIRECT_URI, code);

        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().get("error_message")).isEqualTo("Error validating client secret.");
        assertThat(retried.status()).isEqualTo(400);
        assertThat(retried.json().get("error_message")).isEqualTo("This authorization code has been used");
    }

    @Test
    void exchangeWhenRedirectUriDiffersByOneCharThenRejected() {
        String code = instagram.issueCodeForTest(CLIENT_ID, REDIRECT_URI, USER_ID);

        TestClient.Reply reply = test.exchangeCode(CLIENT_ID, SECRET, REDIRECT_URI + "/", code);

        assertThat(reply.status()).isEqualTo(400);
        assertThat((String) reply.json().get("error_message")).contains("redirect_uri is identical");
        assertThat(instagram.redirectUrisSeen("token")).containsExactly(REDIRECT_URI + "/");
    }

    @Test
    void exchangeWhenUnknownClientThenRejected() {
        String code = instagram.issueCodeForTest(CLIENT_ID, REDIRECT_URI, USER_ID);

        TestClient.Reply reply = test.exchangeCode("nobody", SECRET, REDIRECT_URI, code);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("error_message")).isEqualTo("Invalid platform app");
    }

    @Test
    void exchangeWhenCodeIssuedToAnotherAppThenRejected() {
        instagram.registerApp("app-2", "secret-2", REDIRECT_URI);
        String code = instagram.issueCodeForTest(CLIENT_ID, REDIRECT_URI, USER_ID);

        assertThat(test.exchangeCode("app-2", "secret-2", REDIRECT_URI, code).status()).isEqualTo(400);
    }

    @Test
    void exchangeWhenCodeOlderThanTenMinutesThenRejected() {
        String code = instagram.issueCodeForTest(CLIENT_ID, REDIRECT_URI, USER_ID);
        instagram.advanceClock(601);

        TestClient.Reply reply = test.exchangeCode(CLIENT_ID, SECRET, REDIRECT_URI, code);

        assertThat(reply.json().get("error_message")).isEqualTo("This authorization code has expired");
    }

    @Test
    void exchangeWhenUnknownCodeOrWrongGrantTypeThenRejected() {
        assertThat(test.exchangeCode(CLIENT_ID, SECRET, REDIRECT_URI, "AQmadeup").status()).isEqualTo(400);
        String code = instagram.issueCodeForTest(CLIENT_ID, REDIRECT_URI, USER_ID);
        TestClient.Reply reply = test.http.postForm(instagram.tokenUrl(), form("client_id", CLIENT_ID, "client_secret",
                SECRET, "grant_type", "client_credentials", "redirect_uri", REDIRECT_URI, "code", code));
        assertThat(reply.status()).isEqualTo(400);
    }

    @Test
    void exchangeWhenBodyIsJsonThenNoParametersSeen() {
        String code = instagram.issueCodeForTest(CLIENT_ID, REDIRECT_URI, USER_ID);

        TestClient.Reply reply = test.http.post(instagram.tokenUrl(), "application/json",
                "{\"client_id\":\"app-1\",\"client_secret\":\"secret-1\",\"code\":\"" + code + "\"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(test.exchangeCode(CLIENT_ID, SECRET, REDIRECT_URI, code).status())
                .as("the JSON attempt did not reach the code").isEqualTo(200);
    }

    @Test
    void exchangeWhenGetThenRejected() {
        assertThat(test.http.get(instagram.tokenUrl()).status()).isEqualTo(400);
        assertThat(instagram.calls("token")).isEqualTo(1);
    }

    @Test
    void setNextAccessTokenWhenCalledTwiceThenShortThenLongLivedTakeTheValuesInOrder() {
        instagram.setNextAccessToken("IGCANARY1");
        instagram.setNextAccessToken("IGCANARY2");

        String shortLived = test.shortLivedToken(USER_ID);
        String longLived = (String) test.exchangeForLongLived(shortLived, SECRET).json().get("access_token");
        String next = test.shortLivedToken(USER_ID);

        assertThat(shortLived).isEqualTo("IGCANARY1");
        assertThat(longLived).isEqualTo("IGCANARY2");
        assertThat(next).startsWith("IGQ");
    }

    @Test
    void resetCountersWhenCalledThenCountsAndSeenValuesCleared() {
        test.shortLivedToken(USER_ID);

        instagram.resetCounters();

        assertThat(instagram.calls("token")).isZero();
        assertThat(instagram.clientIdsSeen("token")).isEmpty();
        assertThat(instagram.redirectUrisSeen("token")).isEmpty();
    }
}
