package io.scission.platform;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An amount of data, stored as a whole number of bytes.
 *
 * @param bytes the number of bytes, not negative
 */
public record DataSize(long bytes) implements Comparable<DataSize> {

    /** No data. */
    public static final DataSize ZERO = new DataSize(0);

    private static final Pattern TEXT = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)\\s*([A-Za-z]+)\\s*");

    /**
     * Validates the size.
     *
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
     * Returns {@code amount × unit}, rounded to the nearest byte (half up), e.g. {@code of(0.15, MB)} is 150,000
     * bytes.
     *
     * @param amount how many units, finite and not negative
     * @param unit the unit
     * @return the size
     * @throws IllegalArgumentException if the amount is negative, NaN or infinite
     */
    public static DataSize of(double amount, DataUnit unit) {
        requireNonNull(unit, "unit");
        if (!(amount >= 0) || Double.isInfinite(amount)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The data size (%s %s) must be a finite number, not negative.", amount, unit.symbol()));
        }
        BigDecimal exact = new BigDecimal(Double.toString(amount)).multiply(BigDecimal.valueOf(unit.bytes()));
        return new DataSize(exact.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact());
    }

    /**
     * Returns the given number of bytes.
     *
     * @param bytes the number of bytes, not negative
     * @return the size
     */
    public static DataSize ofBytes(long bytes) {
        return bytes == 0 ? ZERO : new DataSize(bytes);
    }

    /**
     * Parses text such as {@code 1MB}, {@code 150 KB}, {@code 0.5 MiB} or {@code 42B}.
     *
     * @param text the text
     * @return the size
     * @throws IllegalArgumentException if the text is not a number followed by a unit
     */
    public static DataSize parse(String text) {
        requireNonNull(text, "text");
        Matcher m = TEXT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The data size (\"%s\") must be a number followed by a unit.%nMaybe write \"1MB\" or \"150KB\".",
                    text));
        }
        return of(Double.parseDouble(m.group(1)), DataUnit.parse(m.group(2)));
    }

    /** Returns the size in the given unit, as a double. @param unit the unit @return the amount */
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
