package io.scission.internal.search;

import io.scission.PartitionConfig;
import io.scission.Query;
import io.scission.QueryResult;
import io.scission.platform.Network;
import io.scission.profile.ProfileSet;
import io.scission.query.Constraint;
import io.scission.search.SearchStats;
import io.scission.search.SearchStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Runs a query; the engine behind {@link Query#solve}. */
public final class Solver {

    private Solver() {
    }

    /**
     * Solves the query and, when nothing satisfies it, finds which constraints are to blame.
     *
     * @param query the query
     * @param profiles the profiles
     * @param network the network
     * @return the result
     */
    public static QueryResult solve(Query query, ProfileSet profiles, Network network) {
        Instance instance = Instance.compile(query, profiles, network);
        QueryResult result = run(instance);
        if (!result.isEmpty()) {
            return result;
        }
        List<Constraint> blockers = new ArrayList<>();
        List<String> witnesses = new ArrayList<>();
        for (Constraint c : query.constraints()) {
            Query relaxed = query.without(c).withLimit(1);
            QueryResult alone = run(Instance.compile(relaxed, profiles, network));
            if (!alone.isEmpty()) {
                blockers.add(c);
                witnesses.add(String.format(Locale.ROOT, "without %s the best plan would be %s", c.toParsable(),
                        alone.plans().get(0).describe()));
            }
        }
        String explanation;
        if (query.constraints().isEmpty()) {
            explanation = "No plan exists: no profiled resource can run the model from the source(s) under the "
                    + "pipeline rules.";
        } else if (!blockers.isEmpty()) {
            explanation = (query.constraints().size() == 1 ? "No plan satisfies the constraint; "
                    : "No plan satisfies all " + query.constraints().size() + " constraints; ")
                    + String.join("; ", witnesses) + ".";
        } else {
            List<String> all = new ArrayList<>();
            for (Constraint c : query.constraints()) {
                all.add(c.toParsable());
            }
            explanation = "No plan satisfies these constraints together, and removing any single one does not help: "
                    + String.join(", ", all) + ".";
        }
        return new QueryResult(query, List.of(), result.stats(), blockers, explanation);
    }

    private static QueryResult run(Instance instance) {
        long start = System.nanoTime();
        List<PartitionConfig> plans;
        SearchStats stats;
        if (instance.query.searchStrategy() == SearchStrategy.EXHAUSTIVE) {
            Exhaustive ex = new Exhaustive(instance).run();
            plans = ex.top().plans();
            stats = new SearchStats(SearchStrategy.EXHAUSTIVE, ex.enumerated(), ex.rejected(), ex.enumerated(),
                    Duration.ofNanos(System.nanoTime() - start));
        } else {
            BranchAndBound bb = new BranchAndBound(instance).run();
            plans = bb.top().plans();
            stats = new SearchStats(SearchStrategy.BRANCH_AND_BOUND, bb.expanded(), bb.pruned(), bb.evaluated(),
                    Duration.ofNanos(System.nanoTime() - start));
        }
        return new QueryResult(instance.query, plans, stats, List.of(), "");
    }
}
