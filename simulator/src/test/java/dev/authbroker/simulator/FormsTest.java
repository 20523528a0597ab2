package dev.authbroker.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormsTest {

    @Test
    void parseWhenEncodedThenDecodedAndFirstValueWins() {
        Map<String, String> form = Forms.parse("a=1&b=x+y%26z&a=2&flag&=empty-name&&c=");

        assertThat(form).containsEntry("a", "1").containsEntry("b", "x y&z").containsEntry("flag", "")
                .containsEntry("c", "");
    }

    @Test
    void parseWhenBadPercentEncodingThenRejected() {
        assertThatThrownBy(() -> Forms.parse("a=%zz")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void appendQueryWhenUrlHasQueryThenAmpersand() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("code", "c/1");
        params.put("state", "a b");

        assertThat(Forms.appendQuery("https://x.test/cb", params)).isEqualTo("https://x.test/cb?code=c%2F1&state=a+b");
        assertThat(Forms.appendQuery("https://x.test/cb?t=1", params)).isEqualTo("https://x.test/cb?t=1&code=c%2F1&state=a+b");
    }
}
