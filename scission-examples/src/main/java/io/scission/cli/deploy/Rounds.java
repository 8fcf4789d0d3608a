package io.scission.cli.deploy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How {@code scission validate} interleaves its plans, and the spread it reports: the timed inferences of every plan
 * are split into rounds; in each round every plan runs its share, the plans taking turns (round r starts with plan
 * r mod K, so no plan always runs first or right after the same one). A slow phase of the machine then hits every
 * plan alike instead of one plan's inferences; the spread of a plan's per-round medians shows how much its own
 * measurement moved while it was timed.
 */
final class Rounds {

    private Rounds() {
    }

    /**
     * One turn of a plan: it runs {@code count} inferences back to back.
     *
     * @param round the round, from 0
     * @param plan the plan's index, from 0
     * @param count the inferences of this turn
     */
    record Turn(int round, int plan, int count) {
    }

    /**
     * The order of the timed inferences: {@code rounds} rounds, in each every plan runs {@code repeats / rounds}
     * inferences (the first {@code repeats % rounds} rounds one more), plan {@code (r + j) mod plans} as the j-th of
     * round r.
     *
     * @param plans how many plans (K)
     * @param repeats timed inferences per plan in total
     * @param rounds how many rounds, 1 to repeats
     * @return the turns, in the order they run
     * @throws IllegalArgumentException if a count is out of range
     */
    static List<Turn> schedule(int plans, int repeats, int rounds) {
        if (plans < 1 || repeats < 1 || rounds < 1 || rounds > repeats) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "The rounds (%d) must be between 1 and the "
                    + "repeats (%d), and there must be a plan (%d).%nMaybe write --repeats 10 --rounds 5.", rounds,
                    repeats, plans));
        }
        List<Turn> turns = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            int count = repeats / rounds + (r < repeats % rounds ? 1 : 0);
            for (int j = 0; j < plans; j++) {
                turns.add(new Turn(r, (r + j) % plans, count));
            }
        }
        return turns;
    }

    /**
     * A plan's spread: the median of each round's inferences, and their smallest and largest.
     *
     * @param roundMedians the median latency of each round, in seconds, in round order
     * @param low the smallest round median
     * @param high the largest round median
     */
    record Spread(double[] roundMedians, double low, double high) {

        /**
         * The spread of a plan's timed inferences.
         *
         * @param latencies each inference's latency, in seconds
         * @param rounds the round of each inference (same length)
         * @return the per-round medians and their range
         * @throws IllegalArgumentException if the lengths differ or there is no inference
         */
        static Spread of(double[] latencies, int[] rounds) {
            if (latencies.length != rounds.length || latencies.length == 0) {
                throw new IllegalArgumentException("Each of the " + latencies.length + " latencies needs its round ("
                        + rounds.length + " given).");
            }
            int n = Arrays.stream(rounds).max().orElse(0) + 1;
            double[] medians = new double[n];
            int used = 0;
            for (int r = 0; r < n; r++) {
                int k = r;
                double[] in = java.util.stream.IntStream.range(0, rounds.length).filter(i -> rounds[i] == k)
                        .mapToDouble(i -> latencies[i]).toArray();
                if (in.length > 0) {
                    medians[used++] = RemoteRun.median(in);
                }
            }
            double[] m = Arrays.copyOf(medians, used);
            return new Spread(m, Arrays.stream(m).min().orElseThrow(), Arrays.stream(m).max().orElseThrow());
        }

        /**
         * Whether a value lies within the range of the round medians (inclusive).
         *
         * @param seconds the value, e.g. the prediction
         * @return true if low ≤ seconds ≤ high
         */
        boolean contains(double seconds) {
            return seconds >= low && seconds <= high;
        }
    }
}
