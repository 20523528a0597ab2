package dev.authbroker.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ControlEndpointsTest {

    private InstagramSimulator instagram;
    private final TestClient http = new TestClient();

    @BeforeEach
    void start() {
        instagram = InstagramSimulator.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        instagram.close();
    }

    private TestClient.Reply control(String path, String json) {
        return http.post(instagram.baseUrl() + "/_control/" + path, "application/json", json);
    }

    @Test
    void appsAndUsersWhenRegisteredOverHttpThenConsentPageShowsThem() {
        TestClient.Reply app = control("apps", "{\"clientId\":\"dev-app\",\"clientSecret\":\"s\","
                + "\"redirectUris\":[\"http://localhost:8080/a\",\"http://localhost:8080/b\"]}");
        TestClient.Reply user = control("users", "{\"userId\":\"17841400000000042\",\"username\":\"dev_user\",\"mediaCount\":4}");

        TestClient.Reply page = http.get(instagram.authorizeUrl() + "?client_id=dev-app&redirect_uri="
                + Forms.encode("http://localhost:8080/b") + "&response_type=code&scope=instagram_business_basic&state=x");

        assertThat(app.status()).isEqualTo(200);
        assertThat(app.json()).containsEntry("registered", "dev-app");
        assertThat(user.status()).isEqualTo(200);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains("id=\"user-17841400000000042\"").contains("@dev_user");
    }

    @Test
    void callsWhenAskedThenEveryEndpointCounted() {
        http.get(instagram.baseUrl() + "/cdn/nothing.png");

        Map<String, Object> calls = http.get(instagram.baseUrl() + "/_control/calls").json();

        assertThat(calls).containsOnlyKeys(CallLog.ENDPOINTS);
        assertThat(TestClient.number(calls.get("cdn"))).isEqualTo(1);
        assertThat(TestClient.number(calls.get("token"))).isZero();
    }

    @Test
    void resetWhenPostedThenCountersAndFaultsCleared() {
        instagram.injectFault("cdn", Fault.status(500), 3);
        http.get(instagram.baseUrl() + "/cdn/nothing.png");

        TestClient.Reply reset = control("reset", "");

        assertThat(reset.status()).isEqualTo(200);
        assertThat(instagram.calls("cdn")).isZero();
        assertThat(http.get(instagram.baseUrl() + "/cdn/nothing.png").status()).isEqualTo(404);
    }

    @Test
    void appsWhenBodyInvalidThen400() {
        assertThat(control("apps", "{\"clientId\":").status()).isEqualTo(400);
        assertThat(control("apps", "{\"clientId\":\"x\"}").json()).containsEntry("error", "redirectUris is required");
        assertThat(control("users", "{\"userId\":\"abc\",\"username\":\"u\",\"mediaCount\":1}").status()).isEqualTo(400);
        assertThat(http.get(instagram.baseUrl() + "/_control/nothing").status()).isEqualTo(404);
    }
}
