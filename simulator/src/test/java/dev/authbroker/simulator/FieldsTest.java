package dev.authbroker.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FieldsTest {

    @Test
    void parseWhenNestedSelectionThenNamesInOrderWithChildren() {
        Fields fields = Fields.parse("id, caption,children{id,media_url},timestamp");

        assertThat(fields.names()).containsExactly("id", "caption", "children", "timestamp");
        assertThat(fields.nested("children").names()).containsExactly("id", "media_url");
        assertThat(fields.nested("caption").names()).isEmpty();
        assertThat(fields.firstUnknown(MediaJson.FIELDS, "children")).isNull();
    }

    @Test
    void parseWhenBlankThenNone() {
        assertThat(Fields.parse(null).names()).isEmpty();
        assertThat(Fields.parse(" ").names()).isEmpty();
    }

    @Test
    void parseWhenMalformedThenRejected() {
        assertThatThrownBy(() -> Fields.parse("id,children{id")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fields.parse("id}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fields.parse("id,,caption")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fields.parse("{id}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fields.parse("children{id}x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void firstUnknownWhenUnknownOrWronglyNestedThenNamed() {
        assertThat(Fields.parse("id,like_count").firstUnknown(MediaJson.FIELDS, "children")).isEqualTo("like_count");
        assertThat(Fields.parse("caption{id}").firstUnknown(MediaJson.FIELDS, "children")).isEqualTo("caption{…}");
        assertThat(Fields.parse("children{id,owner}").firstUnknown(MediaJson.FIELDS, "children")).isEqualTo("owner");
        assertThat(Fields.parse("children.limit(2){id}").firstUnknown(MediaJson.FIELDS, "children"))
                .isEqualTo("children.limit(2)");
    }
}
