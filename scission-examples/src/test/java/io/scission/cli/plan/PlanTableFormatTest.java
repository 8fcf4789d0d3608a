package io.scission.cli.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link PlanTable#fixed} prints numbers without the JDK's {@code Formatter} (which costs a {@code plan} run
 * milliseconds at start); its text must be {@code String.format(Locale.ROOT, "%.Nf", value)}'s.
 */
class PlanTableFormatTest {

    @Test
    void should_print_as_string_format_when_formatting_seeded_doubles() {
        // GIVEN doubles of every kind: ties at the first decimals (x.x5, x.xx5, in binary just above or below),
        // negatives, -0.0, negatives that round to zero, one-digit values, tiny and huge magnitudes, NaN and the
        // infinities, then seeded values of the table's range (milliseconds), of any bits, and of any exponent
        List<Double> values = new ArrayList<>(List.of(0.0, -0.0, 0.05, 0.15, 0.25, 0.35, 0.45, 0.55, -0.05, -0.15,
                -0.25, -0.04, 0.95, 9.95, 99.95, -99.95, 0.125, 0.375, 1.25, 2.5, 0.3, 2.0, 500.0, 0.002, 7e6, 1e7,
                0.0005, 0.00049999999999999999, 1e-300, -1e-300, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL,
                Double.MAX_VALUE, -Double.MAX_VALUE, 1e22, 1e23, 123456789.05, 0.049999999999999996, 4.35, 1.005,
                Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
        SplittableRandom random = new SplittableRandom(2015);
        for (int i = 0; i < 40_000; i++) {
            switch (i % 6) {
                case 0 -> values.add(random.nextInt(0, 10_000_000) / 1e6); // a search's milliseconds
                case 1 -> values.add(random.nextDouble() * 1000);
                case 2 -> values.add(-random.nextDouble() * 10);
                case 3 -> values.add(random.nextInt(-100_000, 100_000) / 100.0 + 0.005 * random.nextInt(-1, 2));
                case 4 -> values.add(Double.longBitsToDouble(random.nextLong()));
                default -> values.add(Math.scalb(random.nextDouble() - 0.5, random.nextInt(-1100, 1100)));
            }
        }

        // WHEN each is printed with 0 to 4 digits after the point, THEN the text is String.format's
        int compared = 0;
        for (double v : values) {
            for (int digits = 0; digits <= 4; digits++) {
                String expected = String.format(Locale.ROOT, "%." + digits + "f", v);
                if (!PlanTable.fixed(v, digits).equals(expected)) {
                    assertThat(PlanTable.fixed(v, digits)).as("%s with %d digits", Double.toString(v), digits)
                            .isEqualTo(expected);
                }
                compared++;
            }
        }
        assertThat(compared).isEqualTo(5 * values.size());
        assertThat(PlanTable.fixed(0.25, 1)).isEqualTo("0.3");
        assertThat(PlanTable.fixed(-0.04, 1)).isEqualTo("-0.0");
        assertThat(PlanTable.fixed(Double.NEGATIVE_INFINITY, 1)).isEqualTo("-Infinity");
    }
}
