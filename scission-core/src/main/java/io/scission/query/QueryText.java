package io.scission.query;

import java.util.List;
import java.util.Locale;

/** Formatting and checks shared by the constraint records; the query-string grammar is in {@code Query}. */
final class QueryText {

    private QueryText() {
    }

    static String quote(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** The texts quoted, joined by ", " (a loop: no stream's lambdas on a command's start path). */
    static String quoteAll(List<String> texts) {
        StringBuilder sb = new StringBuilder();
        for (String t : texts) {
            sb.append(sb.length() == 0 ? "" : ", ").append(quote(t));
        }
        return sb.toString();
    }

    /** Formats a double so that {@link Double#parseDouble} reads back the same value. */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    static String shareBasis(ShareOf of) {
        return of == ShareOf.COMPUTE ? "compute time" : "end-to-end latency";
    }

    static String seconds(double seconds) {
        return number(seconds) + "s";
    }

    static void checkSeconds(double seconds, String where) {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The time limit (%s s) of %s must be a finite number, not negative.", seconds, where));
        }
    }

    static void checkFraction(double fraction, String where) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The share (%s) of %s must be between 0 and 1.%nMaybe write 0.3 for 30%%.", fraction, where));
        }
    }
}
