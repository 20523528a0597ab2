package dev.authbroker.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonToolsTest {

    private static byte[] nested(int levels) {
        return ("[".repeat(levels) + "1" + "]".repeat(levels)).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void parsesSixtyFourLevels() {
        assertThat(JsonTools.parse(nested(64)).getValueType()).isEqualTo(JsonValue.ValueType.ARRAY);
    }

    @Test
    void refusesSixtyFiveLevelsBeforeParsing() {
        assertThatThrownBy(() -> JsonTools.parse(nested(65))).isInstanceOf(JsonTools.TooDeep.class)
                .hasMessage("JSON nested deeper than 64 levels");
    }

    @Test
    void refusesHundredThousandLevelsWithoutStackOverflow() {
        assertThatThrownBy(() -> JsonTools.parse(nested(100_000))).isInstanceOf(JsonTools.TooDeep.class);
    }

    @Test
    void bracketsInsideStringsDoNotCount() {
        String json = "{\"a\":\"" + "[{".repeat(100) + "\\\"[\"}";
        assertThat(JsonTools.parse(json.getBytes(StandardCharsets.UTF_8)).asJsonObject().getString("a"))
                .startsWith("[{[{").endsWith("\"[");
    }
}
