package io.scission.search;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * What a search did.
 *
 * @param strategy the strategy used
 * @param nodesExpanded partial plans expanded (branch and bound), or complete plans enumerated (exhaustive)
 * @param nodesPruned partial or complete plans discarded by a bound, a constraint or dominance without being
 *     completed
 * @param plansEvaluated complete plans whose cost was computed and whose constraints were checked
 * @param elapsed the wall-clock time of the search, excluding validation of the inputs
 */
public record SearchStats(SearchStrategy strategy, long nodesExpanded, long nodesPruned, long plansEvaluated,
        Duration elapsed) {

    /**
     * Validates the stats.
     *
     * @param strategy the strategy used
     * @param nodesExpanded partial plans expanded (branch and bound), or complete plans enumerated (exhaustive)
     * @param nodesPruned partial or complete plans discarded by a bound, a constraint or dominance without being
     *     completed
     * @param plansEvaluated complete plans whose cost was computed and whose constraints were checked
     * @param elapsed the wall-clock time of the search, excluding validation of the inputs
     */
    public SearchStats {
        requireNonNull(strategy, "strategy");
        requireNonNull(elapsed, "elapsed");
    }
}
