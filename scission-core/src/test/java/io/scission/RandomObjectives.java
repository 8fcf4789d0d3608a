package io.scission;

import io.scission.query.Objective;
import java.util.SplittableRandom;

/** The random objective of the seeded search suites, shared so every suite draws it the same way. */
public final class RandomObjectives {

    private RandomObjectives() {
    }

    /**
     * Returns the query with a random objective: minimum transfer or a random weighted one, each with probability
     * {@code 1/outOf}, else the query's own (minimum latency). Draws {@code rnd.nextInt(outOf)}, then for the
     * weighted one {@code nextInt(3)} and {@code nextDouble()}.
     *
     * @param q the query
     * @param rnd the suite's random source
     * @param outOf how many equally likely draws (at least 3)
     * @return the query, perhaps with a new objective
     */
    public static Query apply(Query q, SplittableRandom rnd, int outOf) {
        switch (rnd.nextInt(outOf)) {
            case 0:
                return q.minimize(Objective.TRANSFER);
            case 1:
                return q.minimize(Objective.weighted(1 + rnd.nextInt(3), rnd.nextDouble()));
            default:
                return q;
        }
    }
}
