package dev.authbroker.simulator;

import static dev.authbroker.simulator.TestInstagram.CLIENT_ID;
import static dev.authbroker.simulator.TestInstagram.MEDIA_COUNT;
import static dev.authbroker.simulator.TestInstagram.OTHER_USER_ID;
import static dev.authbroker.simulator.TestInstagram.SECRET;
import static dev.authbroker.simulator.TestInstagram.USERNAME;
import static dev.authbroker.simulator.TestInstagram.USER_ID;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GraphEndpointsTest {

    private static final String ALL_FIELDS = "id,caption,media_type,media_url,thumbnail_url,permalink,timestamp,"
            + "children{id,media_type,media_url,thumbnail_url}";
    private static final long DAY = 24 * 3600;

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

    private TestClient.Reply refresh(String token) {
        return test.http.get(instagram.graphUrl() + "/refresh_access_token?"
                + TestClient.form("grant_type", "ig_refresh_token", "access_token", token));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> data(Map<String, Object> json) {
        return (List<Map<String, Object>>) json.get("data");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @Test
    void meAnswersTheAppScopedIdAndTheProfessionalAccountIdEachAppItsOwnScopedId() {
        String first = instagram.issueLongLivedTokenForTest(CLIENT_ID, USER_ID, 0, 3600);
        String second = instagram.issueLongLivedTokenForTest("app-other", USER_ID, 0, 3600);

        Map<String, Object> one = test.graph("/me?fields=id,user_id,username", first).json();
        Map<String, Object> two = test.graph("/me?fields=id,user_id,username", second).json();

        assertThat(one).containsEntry("user_id", USER_ID).containsEntry("id", instagram.appScopedId(CLIENT_ID, USER_ID));
        assertThat(two).containsEntry("user_id", USER_ID).containsEntry("id", instagram.appScopedId("app-other", USER_ID));
        assertThat(one.get("id")).isNotEqualTo(two.get("id")).isNotEqualTo(USER_ID);
        assertThat((String) one.get("id")).hasSize(17).startsWith("2");
    }

    @Test
    void exchangeWhenShortLivedTokenThenLongLivedTokenThatReadsTheProfile() {
        TestClient.Reply reply = test.exchangeForLongLived(test.shortLivedToken(USER_ID), SECRET);

        assertThat(reply.status()).isEqualTo(200);
        Map<String, Object> json = reply.json();
        assertThat(json).containsOnlyKeys("access_token", "token_type", "expires_in");
        assertThat(json.get("token_type")).isEqualTo("bearer");
        assertThat(TestClient.number(json.get("expires_in"))).isEqualTo(5_184_000);
        String longLived = (String) json.get("access_token");
        assertThat(test.graph("/me?fields=user_id,username", longLived).json())
                .containsEntry("user_id", USER_ID).containsEntry("username", USERNAME);
        assertThat(instagram.calls("exchange")).isEqualTo(1);
    }

    @Test
    void exchangeWhenLongLivedExpiresInSetThenAnswered() {
        instagram.setLongLivedExpiresIn(7200);

        TestClient.Reply reply = test.exchangeForLongLived(test.shortLivedToken(USER_ID), SECRET);

        assertThat(TestClient.number(reply.json().get("expires_in"))).isEqualTo(7200);
    }

    @Test
    void exchangeWhenSecretOfAnotherAppThenRejected() {
        instagram.registerApp("app-2", "secret-2", TestInstagram.REDIRECT_URI);

        TestClient.Reply reply = test.exchangeForLongLived(test.shortLivedToken(USER_ID), "secret-2");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.graphError()).containsEntry("type", "OAuthException").containsKey("fbtrace_id");
        assertThat(reply.graphErrorCode()).isEqualTo(101);
    }

    @Test
    void exchangeWhenTokenUnknownThen190() {
        TestClient.Reply reply = test.exchangeForLongLived("IGQnotatoken", SECRET);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.graphErrorCode()).isEqualTo(190);
    }

    @Test
    void exchangeWhenGivenLongLivedTokenThenRejected() {
        String longLived = test.longLivedToken(USER_ID);

        assertThat(test.exchangeForLongLived(longLived, SECRET).graphErrorCode()).isEqualTo(100);
    }

    @Test
    void exchangeWhenShortLivedTokenOlderThanAnHourThen190() {
        String shortLived = test.shortLivedToken(USER_ID);
        instagram.advanceClock(3601);

        TestClient.Reply reply = test.exchangeForLongLived(shortLived, SECRET);

        assertThat(reply.graphErrorCode()).isEqualTo(190);
        assertThat(TestClient.number(reply.graphError().get("error_subcode"))).isEqualTo(463);
    }

    @Test
    void refreshWhenTokenYoungerThan24HoursThenRejected() {
        String young = instagram.issueLongLivedTokenForTest(CLIENT_ID, USER_ID, DAY - 60, 59 * DAY);

        TestClient.Reply reply = refresh(young);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.graphErrorCode()).isEqualTo(100);
        assertThat((String) reply.graphError().get("message")).contains("24 hours");
        assertThat(instagram.calls("refresh")).isEqualTo(1);
    }

    @Test
    void refreshWhenTokenOlderThan24HoursThenNewTokenAndOldStillValid() {
        String old = instagram.issueLongLivedTokenForTest(CLIENT_ID, USER_ID, 30 * DAY, 30 * DAY);

        TestClient.Reply reply = refresh(old);

        assertThat(reply.status()).isEqualTo(200);
        String fresh = (String) reply.json().get("access_token");
        assertThat(fresh).isNotEqualTo(old).startsWith("IGAA");
        assertThat(reply.json()).containsEntry("token_type", "bearer");
        assertThat(TestClient.number(reply.json().get("expires_in"))).isEqualTo(5_184_000);
        assertThat(test.graph("/me?fields=username", fresh).status()).isEqualTo(200);
        assertThat(test.graph("/me?fields=username", old).status()).isEqualTo(200);
    }

    @Test
    void refreshWhenTokenExpiredThen190() {
        String expiring = instagram.issueLongLivedTokenForTest(CLIENT_ID, USER_ID, 59 * DAY, DAY);
        instagram.advanceClock(DAY + 1);

        assertThat(refresh(expiring).graphErrorCode()).isEqualTo(190);
    }

    @Test
    void refreshWhenShortLivedTokenThenRejected() {
        assertThat(refresh(test.shortLivedToken(USER_ID)).graphErrorCode()).isEqualTo(100);
    }

    @Test
    void meWhenFieldsAskedThenOnlyThoseAndId() {
        String token = test.longLivedToken(USER_ID);

        assertThat(test.graph("/me?fields=user_id,username", token).text())
                .isEqualTo("{\"user_id\":\"" + USER_ID + "\",\"username\":\"" + USERNAME + "\",\"id\":\""
                        + instagram.appScopedId(CLIENT_ID, USER_ID) + "\"}");
        assertThat(test.graph("/me?fields=username", token).json()).containsOnlyKeys("username", "id");
    }

    @Test
    void meWhenTokenInQueryThenAcceptedAndVersionPrefixIgnored() {
        String token = test.longLivedToken(USER_ID);

        TestClient.Reply reply = test.http.get(instagram.graphUrl() + "/v21.0/me?fields=user_id&access_token=" + token);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json()).containsEntry("user_id", USER_ID);
        assertThat(instagram.calls("me")).isEqualTo(1);
    }

    @Test
    void meWhenUnknownFieldThen100() {
        TestClient.Reply reply = test.graph("/me?fields=user_id,followers", test.longLivedToken(USER_ID));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.graphErrorCode()).isEqualTo(100);
        assertThat((String) reply.graphError().get("message")).contains("(followers)");
    }

    @Test
    void meWhenTokenInvalidatedThen190() {
        String token = test.longLivedToken(USER_ID);
        assertThat(test.graph("/me?fields=username", token).status()).isEqualTo(200);

        instagram.invalidateToken(token);
        TestClient.Reply reply = test.graph("/me?fields=username", token);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.graphErrorCode()).isEqualTo(190);
        assertThat(TestClient.number(reply.graphError().get("error_subcode"))).isEqualTo(460);
        assertThat(test.graph("/me/media", token).graphErrorCode()).isEqualTo(190);
    }

    @Test
    void meWhenUnknownOrMissingTokenThenRefused() {
        assertThat(test.graph("/me?fields=username", "IGAAforged").graphErrorCode()).isEqualTo(190);
        assertThat(test.http.get(instagram.graphUrl() + "/me?fields=username").status()).isEqualTo(400);
    }

    @Test
    void mediaListWhenPagingThroughThreePagesOfTenThenNoDuplicatesOrGaps() {
        String token = test.longLivedToken(USER_ID);
        List<String> ids = new ArrayList<>();
        List<String> timestamps = new ArrayList<>();
        String after = null;
        int pages = 0;
        Map<String, Object> page;
        do {
            page = test.graph("/me/media?limit=10&fields=id,timestamp" + (after == null ? "" : "&after=" + after), token)
                    .json();
            pages++;
            for (Map<String, Object> item : data(page)) {
                ids.add((String) item.get("id"));
                timestamps.add((String) item.get("timestamp"));
            }
            Map<String, Object> paging = map(page.get("paging"));
            after = (String) map(paging.get("cursors")).get("after");
            if (pages < 3) {
                assertThat((String) paging.get("next")).contains("after=" + after).contains("limit=10");
            }
        } while (map(page.get("paging")).containsKey("next"));

        assertThat(pages).isEqualTo(3);
        assertThat(ids).hasSize(MEDIA_COUNT).doesNotHaveDuplicates();
        assertThat(timestamps).isSortedAccordingTo((a, b) -> b.compareTo(a));
        List<String> all = data(test.graph("/me/media?limit=100", token).json()).stream()
                .map(item -> (String) item.get("id")).toList();
        assertThat(ids).isEqualTo(all);
        assertThat(instagram.calls("media_list")).isEqualTo(4);
    }

    @Test
    void mediaListWhenNextUrlFollowedThenSecondPage() {
        String token = test.longLivedToken(USER_ID);
        Map<String, Object> first = test.graph("/me/media?limit=25&fields=" + Forms.encode(ALL_FIELDS), token).json();
        String next = (String) map(first.get("paging")).get("next");

        Map<String, Object> second = test.http.get(next).json();

        assertThat(next).startsWith(instagram.graphUrl() + "/me/media?access_token=");
        assertThat(data(first)).hasSize(25);
        assertThat(data(second)).hasSize(MEDIA_COUNT - 25);
        assertThat(data(second).get(0)).containsKey("media_url");
        assertThat(map(second.get("paging"))).doesNotContainKey("next");
    }

    @Test
    void mediaListWhenNoLimitThen25AndWhenAbove100ThenCapped() {
        instagram.registerUser("17841400000000009", "many_posts", 150);
        String token = test.longLivedToken("17841400000000009");

        assertThat(data(test.graph("/me/media", token).json())).hasSize(25);
        assertThat(data(test.graph("/me/media?limit=500", token).json())).hasSize(100);
    }

    @Test
    void mediaListWhenAllFieldsThenTypesMixedCarouselChildrenAndVideoThumbnails() {
        String token = test.longLivedToken(USER_ID);

        List<Map<String, Object>> items = data(test.graph("/me/media?limit=6&fields=" + Forms.encode(ALL_FIELDS), token).json());

        Set<Object> types = new HashSet<>();
        for (Map<String, Object> item : items) {
            types.add(item.get("media_type"));
            assertThat((String) item.get("media_url")).startsWith(instagram.baseUrl() + "/cdn/");
            assertThat((String) item.get("permalink")).startsWith("https://www.instagram.com/p/");
            assertThat((String) item.get("timestamp")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+0000");
            switch ((String) item.get("media_type")) {
                case "IMAGE" -> assertThat(item).doesNotContainKeys("thumbnail_url", "children");
                case "VIDEO" -> assertThat((String) item.get("thumbnail_url")).endsWith("_thumb.png");
                case "CAROUSEL_ALBUM" -> {
                    List<Map<String, Object>> children = data(map(item.get("children")));
                    assertThat(children).hasSizeBetween(2, 3);
                    assertThat(children).allSatisfy(child -> assertThat(child).containsKeys("id", "media_type", "media_url")
                            .doesNotContainKeys("caption", "permalink"));
                    assertThat(children).anySatisfy(child -> assertThat(child).containsEntry("media_type", "VIDEO")
                            .containsKey("thumbnail_url"));
                    assertThat(item.get("media_url")).isEqualTo(children.get(0).get("media_url"));
                }
                default -> throw new AssertionError(item);
            }
        }
        assertThat(types).containsExactlyInAnyOrder("IMAGE", "VIDEO", "CAROUSEL_ALBUM");
    }

    @Test
    void mediaListWhenFewFieldsThenOnlyThoseAndId() {
        String token = test.longLivedToken(USER_ID);

        Map<String, Object> item = data(test.graph("/me/media?limit=1&fields=media_type", token).json()).get(0);

        assertThat(item).containsOnlyKeys("media_type", "id");
    }

    @Test
    void mediaListWhenCursorOrLimitOrFieldsInvalidThen100() {
        String token = test.longLivedToken(USER_ID);

        assertThat(test.graph("/me/media?after=bm9wZQ", token).graphErrorCode()).isEqualTo(100);
        assertThat(test.graph("/me/media?limit=ten", token).graphErrorCode()).isEqualTo(100);
        assertThat(test.graph("/me/media?fields=id,children%7Bid", token).graphErrorCode()).isEqualTo(100);
        assertThat(test.graph("/me/media?fields=id,like_count", token).graphErrorCode()).isEqualTo(100);
    }

    @Test
    void mediaListWhenOtherUserThenOnlyTheirFeed() {
        String token = test.longLivedToken(OTHER_USER_ID);

        assertThat(data(test.graph("/me/media?limit=100", token).json())).hasSize(7);
    }

    @Test
    void mediaItemWhenOwnItemOrCarouselChildThenAnswered() {
        String token = test.longLivedToken(USER_ID);
        List<Map<String, Object>> items = data(test.graph("/me/media?limit=3&fields=" + Forms.encode(ALL_FIELDS), token).json());
        Map<String, Object> carousel = items.get(2);
        String childId = (String) data(map(carousel.get("children"))).get(0).get("id");

        Map<String, Object> single = test.graph("/" + carousel.get("id") + "?fields=" + Forms.encode(ALL_FIELDS), token).json();
        Map<String, Object> child = test.graph("/" + childId + "?fields=id,media_type,media_url", token).json();

        assertThat(single).isEqualTo(carousel);
        assertThat(child).containsEntry("id", childId).containsKey("media_url");
        assertThat(instagram.calls("media_item")).isEqualTo(2);
    }

    @Test
    void mediaItemWhenAnotherUsersOrUnknownThen100() {
        String otherToken = test.longLivedToken(OTHER_USER_ID);
        String mine = (String) data(test.graph("/me/media?limit=1", test.longLivedToken(USER_ID)).json()).get(0).get("id");

        TestClient.Reply foreign = test.graph("/" + mine + "?fields=id", otherToken);
        TestClient.Reply unknown = test.graph("/1234?fields=id", otherToken);

        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.graphErrorCode()).isEqualTo(100);
        assertThat(unknown.graphErrorCode()).isEqualTo(100);
    }

    @Test
    void graphWhenPostThenRejected() {
        TestClient.Reply reply = test.http.post(instagram.graphUrl() + "/me", "application/x-www-form-urlencoded", "");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.graphErrorCode()).isEqualTo(100);
    }
}
