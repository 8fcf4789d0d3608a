package io.scission.cli.original;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OriginalCriteriaTest {

    @Test
    void should_sort_tokens_like_the_original_when_parsing_each_kind() {
        // GIVEN
        String text = "3, -1,!5,!-1,raspi4,!vm2Core,-2,007";

        // WHEN
        OriginalCriteria c = OriginalCriteria.parse("-d/--device", text);

        // THEN
        assertThat(c.layersOn()).containsExactly(3, -1, 7);
        assertThat(c.layersNotOn()).containsExactly(5, -1);
        assertThat(c.systemsIn()).containsExactly("raspi4", "-2");
        assertThat(c.systemsNotIn()).containsExactly("vm2Core");
    }

    @Test
    void should_read_a_layer_when_a_system_name_is_all_digits() {
        // GIVEN the sample edge system "2500": the original cannot name it in criteria
        String text = "2500,!2500";

        // WHEN
        OriginalCriteria c = OriginalCriteria.parse("-e/--edge", text);

        // THEN
        assertThat(c.layersOn()).containsExactly(2500);
        assertThat(c.layersNotOn()).containsExactly(2500);
        assertThat(c.systemsIn()).isEmpty();
        assertThat(c.systemsNotIn()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"x-1", "--1", "!-1", "a-1"})
    void should_read_must_be_used_when_the_text_after_the_first_character_is_minus_one(String token) {
        // GIVEN / WHEN the original's precedence slip: (c[0] == "!" and c[1:].isdigit()) or c[1:] == "-1"
        OriginalCriteria c = OriginalCriteria.parse("-e/--edge", token);

        // THEN
        assertThat(c.layersNotOn()).containsExactly(-1);
        assertThat(c.systemsIn()).isEmpty();
        assertThat(c.systemsNotIn()).isEmpty();
    }

    @Test
    void should_read_a_name_when_the_token_is_not_a_number() {
        // GIVEN / WHEN
        OriginalCriteria c = OriginalCriteria.parse("-c/--cloud", "6700k(GPU),!nonexistent,!,!-2");

        // THEN
        assertThat(c.systemsIn()).containsExactly("6700k(GPU)");
        assertThat(c.systemsNotIn()).containsExactly("nonexistent", "", "-2");
        assertThat(c.layersOn()).isEmpty();
        assertThat(c.layersNotOn()).isEmpty();
        assertThat(OriginalCriteria.NONE.isEmpty()).isTrue();
        assertThat(c.isEmpty()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "3,", ",3", "3,,4", " , "})
    void should_fail_naming_the_option_when_an_entry_is_empty(String text) {
        // GIVEN / WHEN / THEN the original raised IndexError here
        assertThatThrownBy(() -> OriginalCriteria.parse("-c/--cloud", text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The criteria (\"" + text + "\") of -c/--cloud contain an empty entry.");
    }

    @Test
    void should_fail_when_a_layer_uses_digit_characters_int_cannot_read() {
        // GIVEN / WHEN / THEN the original raised ValueError here
        assertThatThrownBy(() -> OriginalCriteria.parse("-d/--device", "!\u00b2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The criterion (\"!\u00b2\") of -d/--device is not a layer number.");
    }

    @Test
    void should_copy_the_lists_when_built() {
        // GIVEN
        List<Integer> on = new java.util.ArrayList<>(List.of(1));

        // WHEN
        OriginalCriteria c = new OriginalCriteria(on, List.of(), List.of(), List.of());
        on.add(2);

        // THEN
        assertThat(c.layersOn()).containsExactly(1);
    }
}
