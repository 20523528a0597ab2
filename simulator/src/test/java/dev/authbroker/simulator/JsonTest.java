package dev.authbroker.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void quoteWhenSpecialCharactersThenEscaped() {
        assertThat(Json.quote("a\"b\\c\nd\u0001<e>é✨")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\\u003ce\\u003eé✨\"");
        assertThat(Json.quote(null)).isEqualTo("null");
    }

    @Test
    void objectWriterWhenFieldsPutThenInOrder() {
        String json = Json.object().put("s", "x").put("n", 5).put("b", true).putRaw("a", Json.array(List.of("1", "2")))
                .toString();

        assertThat(json).isEqualTo("{\"s\":\"x\",\"n\":5,\"b\":true,\"a\":[1,2]}");
    }

    @Test
    @SuppressWarnings("unchecked")
    void parseWhenWrittenThenReadBack() {
        String text = Json.object().put("caption", "line\n\"quoted\" ✨ <b>").put("count", 3)
                .putRaw("list", "[\"a\", null, false, {\"x\": -1.5e2}]").toString();

        Map<String, Object> read = Json.parseObject(text);

        assertThat(read.get("caption")).isEqualTo("line\n\"quoted\" ✨ <b>");
        assertThat(read.get("count")).isEqualTo(new BigDecimal("3"));
        assertThat((List<Object>) read.get("list")).containsExactly("a", null, false, Map.of("x", new BigDecimal("-1.5e2")));
    }

    @Test
    void parseWhenMalformedThenRejected() {
        for (String bad : Arrays.asList("{\"access_token\":\"abc", "{} x", "{'a':1}", "[1,]", "", "{\"a\" 1}", null)) {
            assertThatThrownBy(() -> Json.parse(bad)).as(String.valueOf(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
