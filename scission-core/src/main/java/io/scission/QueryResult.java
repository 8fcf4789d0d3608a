package io.scission;

import static java.util.Objects.requireNonNull;

import io.scission.query.Constraint;
import io.scission.search.SearchStats;
import java.util.List;
import java.util.Optional;

/**
 * The answer to a query: the best plans in ranking order ({@link PartitionConfig#RANKING}), what the search did,
 * and, when there is no plan, why.
 *
 * @param query the query that was solved
 * @param plans the plans, best first; at most the query's limit; empty if nothing satisfies the constraints
 * @param stats what the search did
 * @param blockers when empty: the constraints each of which, removed alone, would admit a plan; otherwise empty
 * @param explanation when empty: a sentence saying which constraint left nothing; otherwise empty text
 */
public record QueryResult(Query query, List<PartitionConfig> plans, SearchStats stats, List<Constraint> blockers,
        String explanation) {

    /**
     * Validates the result.
     *
     * @param query the query that was solved
     * @param plans the plans, best first; at most the query's limit; empty if nothing satisfies the constraints
     * @param stats what the search did
     * @param blockers when empty: the constraints each of which, removed alone, would admit a plan; otherwise empty
     * @param explanation when empty: a sentence saying which constraint left nothing; otherwise empty text
     */
    public QueryResult {
        requireNonNull(query, "query");
        plans = List.copyOf(requireNonNull(plans, "plans"));
        requireNonNull(stats, "stats");
        blockers = List.copyOf(requireNonNull(blockers, "blockers"));
        requireNonNull(explanation, "explanation");
    }

    /**
     * Returns the best plan, if any.
     *
     * @return the best plan
     */
    public Optional<PartitionConfig> best() {
        return plans.isEmpty() ? Optional.empty() : Optional.of(plans.get(0));
    }

    /**
     * Returns true if no plan satisfies the query.
     *
     * @return whether it is empty
     */
    public boolean isEmpty() {
        return plans.isEmpty();
    }

    /**
     * Returns why the result is empty, if it is.
     *
     * @return the explanation
     */
    public Optional<String> whyEmpty() {
        return plans.isEmpty() ? Optional.of(explanation) : Optional.empty();
    }
}
