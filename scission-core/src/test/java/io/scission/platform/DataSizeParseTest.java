package io.scission.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link DataSize#parse} reads its text by hand (a regular expression loads {@code java.util.regex} and
 * {@code java.lang.invoke} at a command's start). It must give what the regular-expression parse before it gave
 * ({@link #former}, its code as it was): the same size or the same error, message and cause, on the sizes users
 * write, near misses, and seeded random text.
 */
class DataSizeParseTest {

    /** The former pattern (DataSize at b3aaada). */
    private static final Pattern TEXT = Pattern.compile(
            "\\s*([0-9]+(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)\\s*([A-Za-z]+)\\s*");

    /** The former parse, on the same exact arithmetic ({@link DataSize#exact}). */
    private static DataSize former(String text) {
        Matcher m = TEXT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The data size (\"%s\") must be a number followed by a unit.%nMaybe write \"1MB\" or \"150KB\".",
                    text));
        }
        DataUnit unit = DataUnit.parse(m.group(2));
        BigDecimal amount;
        try {
            amount = new BigDecimal(m.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The data size (\"%s\") has a number out of range.%nMaybe write \"1MB\" or \"150KB\".", text),
                    e);
        }
        return DataSize.exact(amount, unit, RoundingMode.DOWN, m.group(1));
    }

    private interface Parse {
        DataSize apply(String text);
    }

    private static String outcome(Parse parse, String text) {
        try {
            return "value " + parse.apply(text).bytes();
        } catch (IllegalArgumentException e) {
            return e.getMessage() + (e.getCause() == null ? "" : " caused by " + e.getCause().getClass().getName());
        }
    }

    private static final String[] SPACES = {"", " ", "\t", "\n", "\u000B", "\f", "\r", "\u00A0", "\u2003",
        "\u001C"};

    private static final String[] NUMBERS = {"0", "1", "42", "150", "0.5", "0.15", "1.", ".5", "1e6", "1E-3",
        "2.5e+2", "1e", "1e+", "1.e2", "1.5e", "9.223372036854775807e18", "9223372036854775808", "1e2147483648",
        "1e-2147483649", "0.0000001", "\u0661", "\uFF11", "1..2", "1e2e3", "-1", "+1", "1,5", "1_000", "1 000"};

    private static final String[] UNITS = {"B", "b", "KB", "kb", "kB", "MB", "mb", "GB", "KiB", "kib", "MiB", "GiB",
        "TB", "EB", "eB", "e", "E", "iB", "", "M B", "MB5", "\u212AB", "\u0130B", "K\u0131B", "%", "bytes"};

    @Test
    void should_parse_as_the_former_pattern_when_given_many_texts() {
        // GIVEN every combination of number, unit and white space (Java's \s and others), the usual sizes, and
        // 20,000 seeded texts from the characters that matter
        List<String> texts = new ArrayList<>(List.of("1MB", "150KB", "150 KB", "0.5 MiB", "1e6B", "42B", " 1 MB ",
                "", " ", "MB", "1", "1.5"));
        for (String n : NUMBERS) {
            for (String u : UNITS) {
                for (String space : SPACES) {
                    texts.add(n + space + u);
                    texts.add(space + n + u + space);
                }
            }
        }
        SplittableRandom random = new SplittableRandom(6);
        String alphabet = "0123456789.eE+-BbKkMmGgiI \t\n\u000B\f\r\u00A0\u212A\u0131x";
        for (int i = 0; i < 20_000; i++) {
            if (i % 2 == 0) {
                texts.add(SPACES[random.nextInt(SPACES.length)] + NUMBERS[random.nextInt(NUMBERS.length)]
                        + SPACES[random.nextInt(SPACES.length)] + UNITS[random.nextInt(UNITS.length)]
                        + SPACES[random.nextInt(SPACES.length)]);
            } else {
                StringBuilder sb = new StringBuilder();
                for (int c = random.nextInt(0, 10); c > 0; c--) {
                    sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                texts.add(sb.toString());
            }
        }

        // WHEN each is parsed now and as before, THEN the same bytes or the same error
        int sizes = 0;
        for (String text : texts) {
            String expected = outcome(DataSizeParseTest::former, text);
            String actual = outcome(DataSize::parse, text);
            if (!actual.equals(expected)) {
                assertThat(actual).as("[%s]", text).isEqualTo(expected);
            }
            sizes += expected.startsWith("value ") ? 1 : 0;
        }
        assertThat(sizes).as("sizes read").isGreaterThan(1_000);
        assertThat(texts.size() - sizes).as("errors").isGreaterThan(1_000);
        assertThat(DataSize.parse(" 0.5 MiB ")).isEqualTo(DataSize.ofBytes(524_288));
    }
}
