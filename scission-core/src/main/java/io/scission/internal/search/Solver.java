package io.scission.internal.search;

import static java.util.Objects.requireNonNull;

import io.scission.PartitionConfig;
import io.scission.platform.Network;
import io.scission.profile.ProfileSet;
import io.scission.platform.Resource;
import io.scission.query.Constraint;
import io.scission.query.MaxMemory;
import io.scission.query.Target;
import io.scission.search.SearchStats;
import io.scission.search.SearchStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Runs a query: the engine behind {@code io.scission.Query#solve}. It reads a {@link QuerySpec}, never the public
 * {@code Query}, which depends on it.
 */
public final class Solver {

    private Solver() {
    }

    /**
     * What a search found.
     *
     * @param plans the plans, best first
     * @param stats what the search did
     * @param blockers when empty: the constraints each of which, removed alone, would admit a plan
     * @param explanation when empty: why; otherwise empty text
     */
    public record Solution(List<PartitionConfig> plans, SearchStats stats, List<Constraint> blockers,
            String explanation) {

        /** Copies the lists. */
        public Solution {
            plans = List.copyOf(plans);
            requireNonNull(stats, "stats");
            blockers = List.copyOf(blockers);
            requireNonNull(explanation, "explanation");
        }
    }

    /** A query compiled for a search. */
    private record Compiled(Instance instance, Restrictions restrictions) {
    }

    /**
     * Solves the query and, when nothing satisfies it, finds which constraints are to blame.
     *
     * @param query the query
     * @param profiles the profiles
     * @param network the network
     * @return the solution
     * @throws IllegalArgumentException if the query does not fit the data (an unknown name, a missing link, a
     *     missing statistic, numbers that would overflow); the message names the input
     */
    public static Solution solve(QuerySpec query, ProfileSet profiles, Network network) {
        QuerySpec spec = withCapacities(query, profiles);
        Compiled compiled = compile(spec, profiles, network);
        requireLinks(compiled);
        Solution result = run(compiled);
        if (!result.plans().isEmpty()) {
            return result;
        }
        List<Constraint> blockers = new ArrayList<>();
        List<String> witnesses = new ArrayList<>();
        List<String> needLinks = new ArrayList<>();
        for (int i = 0; i < spec.constraints().size(); i++) {
            Constraint c = spec.constraints().get(i);
            Compiled relaxed = compile(spec.without(i).withTop(1), profiles, network);
            Optional<String> lacking = missingLinks(relaxed);
            if (lacking.isPresent()) {
                needLinks.add(String.format(Locale.ROOT, "without %s plans would need links the network lacks (%s)",
                        c.toParsable(), lacking.get()));
                continue;
            }
            Solution alone = run(relaxed);
            if (!alone.plans().isEmpty()) {
                blockers.add(c);
                witnesses.add(String.format(Locale.ROOT, "without %s the best plan would be %s", c.toParsable(),
                        alone.plans().get(0).describe()));
            }
        }
        String explanation;
        if (spec.constraints().isEmpty()) {
            explanation = "No plan exists: from the source(s), no profiled resource can run the model under the "
                    + "pipeline rules (a plan runs on the source or on resources of higher tiers, and every hop "
                    + "needs a link in the network).";
        } else if (!blockers.isEmpty()) {
            witnesses.addAll(needLinks);
            explanation = (spec.constraints().size() == 1 ? "No plan satisfies the constraint; "
                    : "No plan satisfies all " + spec.constraints().size() + " constraints; ")
                    + String.join("; ", witnesses) + ".";
        } else {
            List<String> all = new ArrayList<>();
            for (Constraint c : spec.constraints()) {
                all.add(c.toParsable());
            }
            explanation = "No plan satisfies these constraints together, and removing any single one does not help: "
                    + String.join(", ", all) + (needLinks.isEmpty() ? "" : "; " + String.join("; ", needLinks))
                    + ".";
        }
        return new Solution(List.of(), result.stats(), blockers, explanation);
    }

    /**
     * Returns the best plans of a query, ranked, without explaining an empty result: the search alone, for
     * callers that solve one query many times (plan maps).
     *
     * @param spec the query
     * @param profiles the profiles
     * @param network the network
     * @return the plans, best first
     * @throws IllegalArgumentException as {@link #solve} does
     */
    public static List<PartitionConfig> plans(QuerySpec spec, ProfileSet profiles, Network network) {
        Compiled compiled = compile(withCapacities(spec, profiles), profiles, network);
        requireLinks(compiled);
        return run(compiled).plans();
    }

    /**
     * Returns the query with one {@code maxMemory("name", capacity)} per profiled resource that has a memory
     * capacity ({@link io.scission.platform.Resource#memory()}), after the query's own constraints: a resource's
     * capacity applies to every query, and an empty result names it like any other constraint.
     */
    static QuerySpec withCapacities(QuerySpec spec, ProfileSet profiles) {
        QuerySpec result = spec;
        for (Resource r : profiles.resources()) {
            if (r.memory().isPresent()) {
                result = result.plus(new MaxMemory(Target.resource(r.name()), r.memory().get()));
            }
        }
        return result;
    }

    private static Compiled compile(QuerySpec spec, ProfileSet profiles, Network network) {
        Instance instance = Instance.compile(spec, profiles, network);
        return new Compiled(instance, Restrictions.compile(instance));
    }

    private static void requireLinks(Compiled compiled) {
        Optional<String> missing = missingLinks(compiled);
        if (missing.isPresent()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The network has no link for %s.%nMaybe add these links or tier defaults to the network, or "
                            + "exclude the resources you do not want to use.", missing.get()));
        }
    }

    private static Optional<String> missingLinks(Compiled c) {
        Restrictions x = c.restrictions();
        return c.instance().missingLinks(x.usable(), x.requiredRanks, x.nativeOnly);
    }

    private static Solution run(Compiled compiled) {
        Instance instance = compiled.instance();
        long start = System.nanoTime();
        List<PartitionConfig> plans;
        SearchStats stats;
        if (instance.spec.effectiveStrategy() == SearchStrategy.EXHAUSTIVE) {
            Exhaustive ex = new Exhaustive(instance).run();
            plans = ex.top().plans();
            stats = new SearchStats(SearchStrategy.EXHAUSTIVE, ex.enumerated(), ex.rejected(), ex.enumerated(),
                    Duration.ofNanos(System.nanoTime() - start));
        } else {
            BranchAndBound bb = new BranchAndBound(instance, compiled.restrictions()).run();
            plans = bb.top().plans();
            stats = new SearchStats(SearchStrategy.BRANCH_AND_BOUND, bb.expanded(), bb.pruned(), bb.evaluated(),
                    Duration.ofNanos(System.nanoTime() - start));
        }
        return new Solution(plans, stats, List.of(), "");
    }
}
