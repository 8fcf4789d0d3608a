package io.scission.platform;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * An amount of data, stored as a whole number of bytes.
 *
 * @param bytes the number of bytes, not negative
 */
public record DataSize(long bytes) implements Comparable<DataSize> {

    /** No data. */
    public static final DataSize ZERO = new DataSize(0);

    /**
     * What {@link #parse} and the exact factories need, initialised at their first use rather than with the class:
     * every plan uses a {@code DataSize}, and a command-line run that only prints plans spared loading
     * {@code BigDecimal} at start.
     */
    private static final class Exact {

        private static final BigDecimal MAX = BigDecimal.valueOf(Long.MAX_VALUE);

        private Exact() {
        }
    }

    /**
     * Validates the size.
     *
     * @param bytes the number of bytes, not negative
     * @throws IllegalArgumentException if bytes is negative
     */
    public DataSize {
        if (bytes < 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The data size (%d bytes) must not be negative.", bytes));
        }
    }

    /**
     * Returns {@code amount × unit} bytes.
     *
     * @param amount how many units, not negative
     * @param unit the unit
     * @return the size
     * @throws IllegalArgumentException if the amount is negative or the size overflows a long
     */
    public static DataSize of(long amount, DataUnit unit) {
        requireNonNull(unit, "unit");
        if (amount < 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The data size (%d %s) must not be negative.", amount, unit.symbol()));
        }
        try {
            return new DataSize(Math.multiplyExact(amount, unit.bytes()));
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The data size (%d %s) is too large (more than %d bytes).", amount, unit.symbol(), Long.MAX_VALUE),
                    e);
        }
    }

    /**
     * Returns {@code amount × unit}, rounded <em>down</em> to a whole byte, e.g. {@code of(0.15, MB)} is 150,000
     * bytes and {@code of(0.9995, KB)} is 999 bytes: a limit written with a fraction of a byte never admits more
     * than written. Use {@link #of(double, DataUnit, RoundingMode)} to round otherwise (up for a lower bound).
     *
     * @param amount how many units, finite and not negative
     * @param unit the unit
     * @return the size
     * @throws IllegalArgumentException if the amount is negative, NaN or infinite, or the size is more than
     *     {@link Long#MAX_VALUE} bytes
     */
    public static DataSize of(double amount, DataUnit unit) {
        return of(amount, unit, RoundingMode.DOWN);
    }

    /**
     * Returns {@code amount × unit}, rounded to a whole byte as asked.
     *
     * @param amount how many units, finite and not negative
     * @param unit the unit
     * @param rounding how a fraction of a byte is rounded, e.g. {@link RoundingMode#UP} for a lower bound
     * @return the size
     * @throws IllegalArgumentException if the amount is negative, NaN or infinite, the size is more than
     *     {@link Long#MAX_VALUE} bytes, or the rounding is {@link RoundingMode#UNNECESSARY} and the size is not a
     *     whole number of bytes
     */
    public static DataSize of(double amount, DataUnit unit, RoundingMode rounding) {
        requireNonNull(unit, "unit");
        requireNonNull(rounding, "rounding");
        if (!(amount >= 0) || Double.isInfinite(amount)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The data size (%s %s) must be a finite number, not negative.", amount, unit.symbol()));
        }
        return exact(new BigDecimal(Double.toString(amount)), unit, rounding, Double.toString(amount));
    }

    /** Package-private for {@code DataSizeParseTest}, which rebuilds the former regular-expression parse on it. */
    static DataSize exact(BigDecimal amount, DataUnit unit, RoundingMode rounding, String shown) {
        BigDecimal bytes = amount.multiply(BigDecimal.valueOf(unit.bytes()));
        if (bytes.compareTo(Exact.MAX) > 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The data size (%s %s) is too large: more than %d bytes.%nMaybe check the unit.", shown,
                    unit.symbol(), Long.MAX_VALUE));
        }
        if (bytes.compareTo(BigDecimal.ONE) < 0) {
            // below one byte: avoid rescaling a value with a huge negative exponent
            boolean fraction = bytes.signum() > 0;
            if (fraction && rounding == RoundingMode.UNNECESSARY) {
                throw notWhole(shown, unit);
            }
            return ofBytes(fraction && (rounding == RoundingMode.UP || rounding == RoundingMode.CEILING) ? 1 : 0);
        }
        try {
            return ofBytes(bytes.setScale(0, rounding).longValueExact());
        } catch (ArithmeticException e) {
            throw notWhole(shown, unit);
        }
    }

    private static IllegalArgumentException notWhole(String shown, DataUnit unit) {
        return new IllegalArgumentException(String.format(Locale.ROOT,
                "The data size (%s %s) is not a whole number of bytes.%nMaybe round it.", shown, unit.symbol()));
    }

    /**
     * Returns the given number of bytes.
     *
     * @param bytes the number of bytes, not negative
     * @return the size
     * @throws IllegalArgumentException if bytes is negative
     */
    public static DataSize ofBytes(long bytes) {
        return bytes == 0 ? ZERO : new DataSize(bytes);
    }

    /**
     * Parses text such as {@code 1MB}, {@code 150 KB}, {@code 0.5 MiB}, {@code 1e6B} or {@code 42B}. The number is
     * read exactly (not through a {@code double}) and rounded down to a whole byte, as {@link #of(double,
     * DataUnit)} does.
     *
     * @param text the text
     * @return the size
     * @throws IllegalArgumentException if the text is not a number followed by a unit, or the size is more than
     *     {@link Long#MAX_VALUE} bytes
     */
    public static DataSize parse(String text) {
        requireNonNull(text, "text");
        // By hand, the text \s*([0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)\s*([A-Za-z]+)\s* (\s: Java's ASCII white
        // space): a regular expression loads java.util.regex and, through it, java.lang.invoke at a command's start.
        // Taking the longest number is what the pattern does: a unit never starts with a digit or a point, and one
        // starting with an e after the number would have to be followed by letters only.
        int n = text.length();
        int start = skipSpace(text, 0);
        int end = digits(text, start);
        if (end > start && end < n && text.charAt(end) == '.' && digits(text, end + 1) > end + 1) {
            end = digits(text, end + 1);
        }
        if (end > start && end < n && (text.charAt(end) == 'e' || text.charAt(end) == 'E')) {
            int sign = end + 1 < n && (text.charAt(end + 1) == '+' || text.charAt(end + 1) == '-') ? end + 2 : end + 1;
            if (digits(text, sign) > sign) {
                end = digits(text, sign);
            }
        }
        int unitStart = skipSpace(text, end);
        int unitEnd = unitStart;
        while (unitEnd < n && (text.charAt(unitEnd) >= 'A' && text.charAt(unitEnd) <= 'Z'
                || text.charAt(unitEnd) >= 'a' && text.charAt(unitEnd) <= 'z')) {
            unitEnd++;
        }
        if (end == start || unitEnd == unitStart || skipSpace(text, unitEnd) != n) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The data size (\"%s\") must be a number followed by a unit.%nMaybe write \"1MB\" or \"150KB\".",
                    text));
        }
        String number = text.substring(start, end);
        DataUnit unit = DataUnit.parse(text.substring(unitStart, unitEnd));
        BigDecimal amount;
        try {
            amount = new BigDecimal(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The data size (\"%s\") has a number out of range.%nMaybe write \"1MB\" or \"150KB\".", text),
                    e);
        }
        return exact(amount, unit, RoundingMode.DOWN, number);
    }

    /** The index of the first character at or after {@code from} that is not Java's {@code \s}. */
    private static int skipSpace(String text, int from) {
        int i = from;
        while (i < text.length() && " \t\n\013\f\r".indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }

    /** The index of the first character at or after {@code from} that is not an ASCII digit. */
    private static int digits(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    /**
     * Returns the size in the given unit, as a double.
     *
     * @param unit the unit
     * @return the amount
     */
    public double in(DataUnit unit) {
        return (double) bytes / unit.bytes();
    }

    @Override
    public int compareTo(DataSize other) {
        return Long.compare(bytes, other.bytes);
    }

    /** Returns the size in bytes with a unit symbol, e.g. {@code 150000B}. This form parses back exactly. */
    @Override
    public String toString() {
        return bytes + "B";
    }
}
