package dev.authbroker.simulator;

/**
 * A started simulator with one app and two users, plus shortcuts through the token flow. Each test gets its own on an
 * ephemeral port, so tests never share state.
 */
final class TestInstagram implements AutoCloseable {

    static final String CLIENT_ID = "app-1";
    static final String SECRET = "secret-1";
    static final String REDIRECT_URI = "http://localhost:8080/api/client/instagram/authCallback/open";
    static final String USER_ID = "17841400000000001";
    static final String USERNAME = "demo_creator";
    static final String OTHER_USER_ID = "17841400000000002";
    static final int MEDIA_COUNT = 30;

    final InstagramSimulator instagram;
    final TestClient http = new TestClient();

    private TestInstagram(InstagramSimulator instagram) {
        this.instagram = instagram;
    }

    static TestInstagram start() {
        TestInstagram test = new TestInstagram(InstagramSimulator.start("127.0.0.1", 0));
        test.instagram.registerApp(CLIENT_ID, SECRET, REDIRECT_URI);
        test.instagram.registerUser(USER_ID, USERNAME, MEDIA_COUNT);
        test.instagram.registerUser(OTHER_USER_ID, "travel_shots", 7);
        return test;
    }

    TestClient.Reply exchangeCode(String clientId, String secret, String redirectUri, String code) {
        return http.postForm(instagram.tokenUrl(), TestClient.form("client_id", clientId, "client_secret", secret,
                "grant_type", "authorization_code", "redirect_uri", redirectUri, "code", code));
    }

    String shortLivedToken(String userId) {
        String code = instagram.issueCodeForTest(CLIENT_ID, REDIRECT_URI, userId);
        return (String) exchangeCode(CLIENT_ID, SECRET, REDIRECT_URI, code).json().get("access_token");
    }

    TestClient.Reply exchangeForLongLived(String shortLived, String secret) {
        return http.get(instagram.graphUrl() + "/access_token?" + TestClient.form("grant_type", "ig_exchange_token",
                "client_secret", secret, "access_token", shortLived));
    }

    String longLivedToken(String userId) {
        return (String) exchangeForLongLived(shortLivedToken(userId), SECRET).json().get("access_token");
    }

    TestClient.Reply graph(String pathAndQuery, String token) {
        return http.get(instagram.graphUrl() + pathAndQuery, "Authorization", "Bearer " + token);
    }

    @Override
    public void close() {
        instagram.close();
    }
}
