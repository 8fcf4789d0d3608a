package io.scission.original;

import java.math.BigInteger;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * The few Python built-ins whose exact behaviour the original tool's output depends on: {@code float(str)},
 * {@code str.strip()}, {@code str.isdigit()} with {@code int(str)}, and {@code round(x)} (half to even). The network
 * CSV reader uses them, and so does a front-end that reads the original's command-line values (e.g.
 * {@code scission predict}), so that the same text gives the same numbers as in the original.
 */
public final class PythonText {

    /** The patterns of the rarer forms, compiled only when such a form is met (a regex costs start-up time). */
    private static final class Patterns {
        /** Python's float literal: digits may be grouped by single underscores (PEP 515). */
        static final Pattern FLOAT = Pattern.compile(
                "[+-]?(?:(?:\\d(?:_?\\d)*)(?:\\.(?:\\d(?:_?\\d)*)?)?|\\.\\d(?:_?\\d)*)(?:[eE][+-]?\\d(?:_?\\d)*)?");
        static final Pattern SPECIAL = Pattern.compile("[+-]?(?:inf|infinity|nan)", Pattern.CASE_INSENSITIVE);
    }

    private PythonText() {
    }

    /**
     * Parses text as Python's {@code float(text)} does: surrounding white space is ignored, digits may be
     * separated by underscores, and {@code inf}, {@code infinity} and {@code nan} are accepted in any case.
     *
     * @param text the text
     * @return the value, or empty if Python would raise {@code ValueError}
     */
    public static OptionalDouble parseFloat(String text) {
        String s = asciiDigits(strip(text));
        if (isPlainDecimal(s)) {
            return OptionalDouble.of(Double.parseDouble(s)); // the common form: 66.7, 0.15, -1, .5
        }
        if (Patterns.SPECIAL.matcher(s).matches()) {
            boolean negative = s.startsWith("-");
            String word = s.replaceFirst("^[+-]", "").toLowerCase(Locale.ROOT);
            if (word.equals("nan")) {
                return OptionalDouble.of(Double.NaN);
            }
            return OptionalDouble.of(negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        }
        if (!Patterns.FLOAT.matcher(s).matches()) {
            return OptionalDouble.empty();
        }
        // Java's parser rounds correctly, as CPython's does, so the same text gives the same double.
        return OptionalDouble.of(Double.parseDouble(s.replace("_", "")));
    }

    /** True for an optional sign, then digits with at most one point among them: a subset of Python's float(). */
    private static boolean isPlainDecimal(String s) {
        int i = s.startsWith("+") || s.startsWith("-") ? 1 : 0;
        int digits = 0;
        boolean point = false;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '.' && !point) {
                point = true;
            } else {
                return false;
            }
        }
        return digits > 0;
    }

    /**
     * Returns Python's {@code text.strip()}: removes leading and trailing Unicode white space.
     *
     * @param text the text
     * @return the stripped text
     */
    public static String strip(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
    }

    /**
     * Returns Python's {@code text.isdigit()}: non-empty and every character a digit (decimal digits of any
     * script, and digit characters such as superscripts).
     *
     * @param text the text
     * @return whether it is all digits
     */
    public static boolean isDigit(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean digit = Character.isDigit(c) || Character.getType(c) == Character.OTHER_NUMBER
                    && Character.getNumericValue(c) >= 0 && Character.getNumericValue(c) <= 9;
            if (!digit) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns Python's {@code int(text)} for text that {@link #isDigit} accepts, saturated at
     * {@link Integer#MAX_VALUE} (larger numbers are no layer of any model).
     *
     * @param text digits
     * @return the value
     * @throws IllegalArgumentException for digit characters that are not decimal digits (e.g. a superscript),
     *     on which Python's {@code int()} fails too
     */
    public static int parseDigits(String text) {
        String ascii = asciiDigits(text);
        if (!ascii.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The number (%s) is made of digit characters that are not decimal digits.%n"
                            + "Maybe write it with the digits 0-9.", text));
        }
        BigInteger value = new BigInteger(ascii);
        return value.bitLength() < 32 ? value.intValueExact() : Integer.MAX_VALUE;
    }

    /** Replaces decimal digits of any script with ASCII digits, as Python's number parsers accept them. */
    private static String asciiDigits(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            sb.append(Character.isDigit(c) ? (char) ('0' + Character.digit(c, 10)) : c);
        }
        return sb.toString();
    }

    /**
     * Returns Python's {@code round(x)} for a float: the nearest integer, ties to even.
     *
     * @param x the value
     * @return the rounded value
     */
    public static double roundHalfEven(double x) {
        return Math.rint(x);
    }
}
