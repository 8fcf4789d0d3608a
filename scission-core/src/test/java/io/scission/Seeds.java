package io.scission;

import java.util.stream.LongStream;

/**
 * The seed ranges of the seeded suites. The system property {@code scission.seeds} keeps at most that many seeds
 * of each range: the Maven profile {@code mutation} sets it so that PIT, which runs the tests that cover a mutant
 * once per mutant, finishes in reasonable time; the default build runs every seed.
 */
public final class Seeds {

    private Seeds() {
    }

    /**
     * Returns the seeds {@code from} (inclusive) to {@code to} (exclusive), or the first {@code scission.seeds} of
     * them.
     *
     * @param from the first seed
     * @param to one past the last seed
     * @return the seeds
     */
    public static LongStream range(long from, long to) {
        String cap = System.getProperty("scission.seeds");
        long count = cap == null ? to - from : Math.min(to - from, Long.parseLong(cap));
        return LongStream.range(from, from + count);
    }
}
