package io.scission.original;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PythonTextTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'            66.7'|66.7",
        "'  1.6'|1.6",
        "100|100",
        "1_000.5|1000.5",
        ".5|0.5",
        "5.|5",
        "1e3|1000",
        "-2.5E-1|-0.25",
        "'+7'|7"})
    void should_read_a_number_like_python_float_when_the_text_is_a_python_literal(String text, double expected) {
        // GIVEN / WHEN
        OptionalDouble value = PythonText.parseFloat(text);

        // THEN
        assertThat(value).hasValue(expected);
    }

    @Test
    void should_read_the_special_values_when_python_accepts_them() {
        // GIVEN / WHEN / THEN
        assertThat(PythonText.parseFloat("inf")).hasValue(Double.POSITIVE_INFINITY);
        assertThat(PythonText.parseFloat("-Infinity")).hasValue(Double.NEGATIVE_INFINITY);
        assertThat(PythonText.parseFloat(" NaN ").getAsDouble()).isNaN();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "1.5d", "0x10", "1__0", "_1", "1_", "abc", "1,5", "--1", "Infinityy"})
    void should_refuse_the_text_when_python_float_raises(String text) {
        // GIVEN / WHEN
        OptionalDouble value = PythonText.parseFloat(text);

        // THEN
        assertThat(value).isEmpty();
    }

    @Test
    void should_strip_unicode_white_space_when_python_strip_would() {
        // GIVEN
        String text = "\u00a0\t 6700k(GPU) \n";

        // WHEN
        String stripped = PythonText.strip(text);

        // THEN
        assertThat(stripped).isEqualTo("6700k(GPU)");
    }

    @Test
    void should_treat_digits_of_any_script_as_digits_when_testing_isdigit() {
        // GIVEN / WHEN / THEN
        assertThat(PythonText.isDigit("007")).isTrue();
        assertThat(PythonText.isDigit("\u0663")).isTrue();
        assertThat(PythonText.isDigit("\u00b2")).isTrue();
        assertThat(PythonText.isDigit("")).isFalse();
        assertThat(PythonText.isDigit("-1")).isFalse();
        assertThat(PythonText.parseDigits("007")).isEqualTo(7);
        assertThat(PythonText.parseDigits("\u0663")).isEqualTo(3);
        assertThat(PythonText.parseDigits("99999999999999999999")).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void should_fail_when_int_cannot_read_digit_characters() {
        // GIVEN
        String superscriptTwo = "\u00b2";

        // WHEN / THEN
        assertThatThrownBy(() -> PythonText.parseDigits(superscriptTwo))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(\u00b2)")
                .hasMessageContaining("not decimal digits");
    }

    @ParameterizedTest
    @CsvSource({"0.5,0", "1.5,2", "2.5,2", "200000.4,200000", "6250000,6250000", "-0.5,-0"})
    void should_round_half_to_even_when_python_round_would(double x, double expected) {
        // GIVEN / WHEN
        double rounded = PythonText.roundHalfEven(x);

        // THEN
        assertThat(rounded).isEqualTo(expected);
    }
}
