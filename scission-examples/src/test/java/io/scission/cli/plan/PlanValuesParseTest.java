package io.scission.cli.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.scission.platform.Power;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link PlanValues} reads durations, shares, energies and power figures by hand (a regular expression loads
 * {@code java.util.regex} and {@code java.lang.invoke} at {@code plan}'s start). Each reader must give what the
 * regular-expression reader before it gave ({@link Former}, its code as it was): the same value, bit for bit, or the
 * same error message, on the values a user writes, on near misses and on seeded random text.
 */
class PlanValuesParseTest {

    /** The readers as they were before (PlanValues at b3aaada), kept here as the reference. */
    static final class Former {

        static final Pattern DURATION = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]*)?(?:[eE][+-]?[0-9]+)?)\\s*"
                + "(s|ms|us|min)?\\s*", Pattern.CASE_INSENSITIVE);
        static final Pattern SHARE = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]*)?)\\s*(%?)\\s*");
        static final Pattern ENERGY = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]*)?(?:[eE][+-]?[0-9]+)?)\\s*"
                + "(J|mJ|kJ)?\\s*");
        static final Pattern WATTS = Pattern.compile("\\s*(compute|transmit|receive|idle)\\s*:\\s*"
                + "([0-9]+(?:\\.[0-9]*)?(?:[eE][+-]?[0-9]+)?)\\s*(W|mW)?\\s*");

        static double seconds(String option, String text) {
            Matcher m = DURATION.matcher(text);
            if (!m.matches()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "The duration (%s) of %s is not a number with an optional unit (s, ms, us, min).%n"
                                + "Maybe write e.g. 250ms or 0.5s.", text, option));
            }
            double value = Double.parseDouble(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2).toLowerCase(Locale.ROOT);
            switch (unit) {
                case "ms":
                    return value / 1e3;
                case "us":
                    return value / 1e6;
                case "min":
                    return value * 60;
                default:
                    return value;
            }
        }

        static double share(String option, String text) {
            Matcher m = SHARE.matcher(text);
            if (!m.matches()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "The share (%s) of %s is not a percentage or a fraction.%nMaybe write e.g. 30%% or 0.3.",
                        text, option));
            }
            double value = Double.parseDouble(m.group(1));
            return m.group(2).isEmpty() ? value : value / 100;
        }

        static double joules(String option, String text) {
            Matcher m = ENERGY.matcher(text);
            if (!m.matches()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "The energy (%s) of %s is not a number with an optional unit (J, mJ, kJ).%n"
                                + "Maybe write e.g. 2.5J or 800mJ.", text, option));
            }
            double value = Double.parseDouble(m.group(1));
            String unit = m.group(2) == null ? "J" : m.group(2);
            return unit.equals("mJ") ? value / 1e3 : unit.equals("kJ") ? value * 1e3 : value;
        }

        static Power power(String option, String text) {
            Map<String, Double> watts = new HashMap<>();
            for (String part : text.split(",", -1)) {
                Matcher m = WATTS.matcher(part);
                if (!m.matches() || watts.containsKey(m.group(1))) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "The power figures (%s) of %s must give compute, transmit and idle watts once each, and "
                                    + "receive watts at most once.%nMaybe write e.g. "
                                    + "device=compute:4.5W,transmit:1.2W,idle:0.9W.", text, option));
                }
                double value = Double.parseDouble(m.group(2));
                watts.put(m.group(1), "mW".equals(m.group(3)) ? value / 1e3 : value);
            }
            for (String state : List.of("compute", "transmit", "idle")) {
                if (!watts.containsKey(state)) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "The power figures (%s) of %s lack the %s watts.%nMaybe write e.g. "
                                    + "device=compute:4.5W,transmit:1.2W,idle:0.9W.", text, option, state));
                }
            }
            double idle = watts.get("idle");
            return new Power(watts.get("compute"), watts.get("transmit"), watts.getOrDefault("receive", idle),
                    idle);
        }
    }

    /** White space of every kind Java's {@code \s} knows, and some it does not (no-break, em and ideographic). */
    private static final String[] SPACES = {"", " ", "  ", "\t", "\n", "\u000B", "\f", "\r", "\u00A0", "\u2003",
        "\u3000", "\u001C"};

    /** Pieces of numbers: digits (also non-ASCII ones), points, exponents with and without a sign or digits. */
    private static final String[] NUMBERS = {"0", "1", "7", "12", "250", "0.5", "1.", "1.25", ".5", "1e3", "1E-3",
        "2.5e+2", "1e", "1e+", "1.e2", "3.e", "00", "007.0", "1e400", "1e-400", "4.9e-324", "99999999999999999999",
        "\u0661", "\uFF11", "1..2", "1e2e3", "-1", "+1", "1,5", "Infinity", "NaN", "0x10", "1_000", "1 000"};

    private static final String[] UNITS = {"", "s", "S", "ms", "MS", "mS", "us", "US", "min", "MIN", "Min", "m", "mi",
        "mins", "sec", "\u017F", "m\u0131n", "\u212Aj", "J", "j", "mJ", "MJ", "kJ", "KJ", "\u212AJ", "%", "%%", "W",
        "w", "mW", "MW", "kW", "e", "E", "e5", "x", "s s", "ms%"};

    private static final String[] STATES = {"compute", "transmit", "receive", "idle", "Compute", "comput", "idles",
        "power", ""};

    /** What a reader gave: the value's text (exact for doubles: their bits) or the error's class and message. */
    private static String outcome(Function<String, Object> reader, String text) {
        try {
            Object v = reader.apply(text);
            return v instanceof Double d ? "value " + Long.toHexString(Double.doubleToRawLongBits(d)) : "value " + v;
        } catch (IllegalArgumentException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    private static String pick(SplittableRandom random, String[] from) {
        return from[random.nextInt(from.length)];
    }

    /** Mostly nothing, one time in eight some white space (of any kind). */
    private static String sometimes(SplittableRandom random) {
        return random.nextInt(8) == 0 ? pick(random, SPACES) : "";
    }

    /** A number-with-unit text made of the pieces above, with white space anywhere. */
    private static String valueText(SplittableRandom random) {
        return pick(random, SPACES) + pick(random, NUMBERS) + pick(random, SPACES) + pick(random, UNITS)
                + pick(random, SPACES);
    }

    /** Random characters from those the readers care about. */
    private static String noise(SplittableRandom random) {
        String alphabet = "0123456789.eE+-%:, \t\n\u000B\f\r\u00A0sSmMuUiInNJjkKWw\u017F\u0131\u212Axcomputeidlrv";
        StringBuilder sb = new StringBuilder();
        for (int i = random.nextInt(0, 12); i > 0; i--) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /** Every combination of the pieces (with a few kinds of white space), then seeded text. */
    private static List<String> valueTexts(long seed, int randomCount) {
        List<String> texts = new ArrayList<>();
        for (String n : NUMBERS) {
            for (String u : UNITS) {
                for (String space : new String[] {"", " ", "\t", "\u00A0"}) {
                    texts.add(n + u);
                    texts.add(space + n + space + u + space);
                }
            }
        }
        texts.addAll(List.of("250ms", "0.5s", "2min", "100us", "30%", "0.3", "2.5J", "800mJ", "1kJ", " 1 ", "",
                " ", "ms", "%"));
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < randomCount; i++) {
            texts.add(i % 2 == 0 ? valueText(random) : noise(random));
        }
        return texts;
    }

    private static void assertSameOutcomes(String reader, Function<String, Object> now,
            Function<String, Object> before, List<String> texts) {
        int values = 0;
        for (String text : texts) {
            String expected = outcome(before, text);
            String actual = outcome(now, text);
            if (!actual.equals(expected)) {
                assertThat(actual).as("%s of [%s]", reader, text).isEqualTo(expected);
            }
            values += expected.startsWith("value ") ? 1 : 0;
        }
        // both kinds were compared: values read and errors
        assertThat(values).as("%s: values read", reader).isGreaterThan(500);
        assertThat(texts.size() - values).as("%s: errors", reader).isGreaterThan(500);
    }

    @Test
    void should_read_durations_as_the_former_pattern_when_given_many_texts() {
        // GIVEN every combination of number, unit and white space, and 30,000 seeded texts
        List<String> texts = valueTexts(12, 30_000);

        // WHEN each is read now and as before, THEN the same seconds or the same message
        assertSameOutcomes("seconds", t -> PlanValues.seconds("--deadline", t),
                t -> Former.seconds("--deadline", t), texts);
        assertThat(PlanValues.seconds("--deadline", "250ms")).isEqualTo(0.25);
        assertThat(PlanValues.seconds("--deadline", " 2 MIN ")).isEqualTo(120.0);
    }

    @Test
    void should_read_shares_as_the_former_pattern_when_given_many_texts() {
        // GIVEN every combination of number, unit and white space, and 30,000 seeded texts
        List<String> texts = valueTexts(13, 30_000);

        // WHEN each is read now and as before, THEN the same fraction or the same message
        assertSameOutcomes("share", t -> PlanValues.share("--min-layer-share", t),
                t -> Former.share("--min-layer-share", t), texts);
        assertThat(PlanValues.share("--min-layer-share", "30%")).isEqualTo(0.3);
    }

    @Test
    void should_read_energies_as_the_former_pattern_when_given_many_texts() {
        // GIVEN every combination of number, unit and white space, and 30,000 seeded texts
        List<String> texts = valueTexts(14, 30_000);

        // WHEN each is read now and as before, THEN the same joules or the same message
        assertSameOutcomes("joules", t -> PlanValues.joules("--max-energy", t),
                t -> Former.joules("--max-energy", t), texts);
        assertThat(PlanValues.joules("--max-energy", "800mJ")).isEqualTo(0.8);
    }

    @Test
    void should_read_power_figures_as_the_former_pattern_when_given_many_texts() {
        // GIVEN lists of two to five parts (a state, a colon, a value; white space anywhere; states missing,
        // repeated or misspelt; colons missing), the usual forms, and seeded noise
        SplittableRandom random = new SplittableRandom(15);
        List<String> texts = new ArrayList<>(List.of("compute:4.5W,transmit:1.2W,idle:0.9W",
                "compute:4.5W,transmit:1.2W,idle:0.9W,receive:1W", " compute : 4500mW , transmit:1.2, idle:0.9W ",
                "compute:4.5W,transmit:1.2W", "compute:4.5W,transmit:1.2W,idle:0.9W,idle:1W", "", ",",
                "compute:4.5W,,transmit:1.2W,idle:0.9W"));
        String[] states = {"compute", "transmit", "idle", "receive"};
        String[] numbers = {"4.5", "0", "12", "1.", "900", "1e3", "2.5E-1"};
        String[] units = {"", "W", "mW", "w", "kW"};
        for (int i = 0; i < 30_000; i++) {
            StringBuilder sb = new StringBuilder();
            int parts = random.nextInt(2, 6);
            for (int p = 0; p < parts; p++) {
                // mostly a well-formed part (so that whole lists are read), sometimes a near miss or noise
                String value = random.nextInt(10) == 0 ? valueText(random) : random.nextInt(30) == 0 ? noise(random)
                        : pick(random, numbers) + sometimes(random) + pick(random, units);
                sb.append(p == 0 ? "" : ",").append(sometimes(random))
                        .append(random.nextInt(10) == 0 ? pick(random, STATES) : states[p % 4])
                        .append(sometimes(random)).append(random.nextInt(40) == 0 ? "" : ":")
                        .append(sometimes(random)).append(value);
            }
            texts.add(sb.toString());
        }

        // WHEN each is read now and as before, THEN the same figures or the same message
        assertSameOutcomes("power", t -> PlanValues.power("--power", t), t -> Former.power("--power", t), texts);
        assertThat(PlanValues.power("--power", "compute:4.5W,transmit:1200mW,idle:0.9W"))
                .isEqualTo(new Power(4.5, 1.2, 0.9, 0.9));
    }
}
