package io.scission.internal.search;

import static java.util.Objects.requireNonNull;

import io.scission.platform.DataSize;
import io.scission.platform.Resource;
import io.scission.profile.TimingStatistic;
import io.scission.query.Constraint;
import io.scission.query.Objective;
import io.scission.search.SearchStrategy;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a query asks, as plain data: the settings of {@code io.scission.Query} with {@code null} (or 0) for "not
 * set". {@code Query} validates each setting and owns the text form; the search reads this record and never the
 * public {@code Query}, so the facade depends on the search and not the other way round.
 *
 * @param constraints the constraints, in the order they were added
 * @param objective the objective, or null for the default (latency)
 * @param top how many plans to return, or 0 for the default
 * @param inputSize the size of the raw input, or null for the model's input tensor
 * @param sourceName the name of the source resource, or null for every device-tier resource
 * @param sourceResource the unprofiled source, or null
 * @param returnResult whether the model's output is sent back to the source
 * @param statistic the timing statistic, or null for the mean
 * @param maxResourcesPerTier the most resources per tier, or 0 for the default (1)
 * @param strategy the search strategy, or null for branch and bound
 */
public record QuerySpec(List<Constraint> constraints, @Nullable Objective objective, int top,
        @Nullable DataSize inputSize, @Nullable String sourceName, @Nullable Resource sourceResource,
        boolean returnResult, @Nullable TimingStatistic statistic, int maxResourcesPerTier,
        @Nullable SearchStrategy strategy) {

    /** The number of plans returned when {@code top} is not set. */
    public static final int DEFAULT_TOP = 5;

    /** Nothing set. */
    public static final QuerySpec EMPTY = new QuerySpec(List.of(), null, 0, null, null, null, false, null, 0, null);

    /**
     * Copies the constraints.
     *
     * @param constraints the constraints, in the order they were added
     * @param objective the objective, or null for the default (latency)
     * @param top how many plans to return, or 0 for the default
     * @param inputSize the size of the raw input, or null for the model's input tensor
     * @param sourceName the name of the source resource, or null for every device-tier resource
     * @param sourceResource the unprofiled source, or null
     * @param returnResult whether the model's output is sent back to the source
     * @param statistic the timing statistic, or null for the mean
     * @param maxResourcesPerTier the most resources per tier, or 0 for the default (1)
     * @param strategy the search strategy, or null for branch and bound
     */
    public QuerySpec {
        constraints = List.copyOf(requireNonNull(constraints, "constraints"));
    }

    /**
     * Returns a copy with one more constraint.
     *
     * @param constraint the constraint
     * @return the copy
     */
    public QuerySpec plus(Constraint constraint) {
        List<Constraint> more = new ArrayList<>(constraints);
        more.add(constraint);
        return withConstraints(more);
    }

    /**
     * Returns a copy without the constraint at an index.
     *
     * @param index the index into {@link #constraints()}
     * @return the copy
     */
    public QuerySpec without(int index) {
        List<Constraint> rest = new ArrayList<>(constraints);
        rest.remove(index);
        return withConstraints(rest);
    }

    /**
     * Returns a copy with other constraints.
     *
     * @param list the constraints
     * @return the copy
     */
    public QuerySpec withConstraints(List<Constraint> list) {
        return new QuerySpec(list, objective, top, inputSize, sourceName, sourceResource, returnResult, statistic,
                maxResourcesPerTier, strategy);
    }

    /**
     * Returns a copy with another objective.
     *
     * @param value the objective
     * @return the copy
     */
    public QuerySpec withObjective(Objective value) {
        return new QuerySpec(constraints, value, top, inputSize, sourceName, sourceResource, returnResult, statistic,
                maxResourcesPerTier, strategy);
    }

    /**
     * Returns a copy that returns {@code k} plans.
     *
     * @param k the number of plans
     * @return the copy
     */
    public QuerySpec withTop(int k) {
        return new QuerySpec(constraints, objective, k, inputSize, sourceName, sourceResource, returnResult,
                statistic, maxResourcesPerTier, strategy);
    }

    /**
     * Returns a copy with another input size.
     *
     * @param size the size
     * @return the copy
     */
    public QuerySpec withInputSize(DataSize size) {
        return new QuerySpec(constraints, objective, top, size, sourceName, sourceResource, returnResult, statistic,
                maxResourcesPerTier, strategy);
    }

    /**
     * Returns a copy with another source.
     *
     * @param name the source's name
     * @param resource the unprofiled source, or null for a profiled one
     * @return the copy
     */
    public QuerySpec withSource(String name, @Nullable Resource resource) {
        return new QuerySpec(constraints, objective, top, inputSize, name, resource, returnResult, statistic,
                maxResourcesPerTier, strategy);
    }

    /**
     * Returns a copy that does or does not send the result back.
     *
     * @param value whether it does
     * @return the copy
     */
    public QuerySpec withReturnResult(boolean value) {
        return new QuerySpec(constraints, objective, top, inputSize, sourceName, sourceResource, value, statistic,
                maxResourcesPerTier, strategy);
    }

    /**
     * Returns a copy with another statistic.
     *
     * @param value the statistic
     * @return the copy
     */
    public QuerySpec withStatistic(TimingStatistic value) {
        return new QuerySpec(constraints, objective, top, inputSize, sourceName, sourceResource, returnResult, value,
                maxResourcesPerTier, strategy);
    }

    /**
     * Returns a copy with another number of resources per tier.
     *
     * @param n the most resources per tier
     * @return the copy
     */
    public QuerySpec withMaxResourcesPerTier(int n) {
        return new QuerySpec(constraints, objective, top, inputSize, sourceName, sourceResource, returnResult,
                statistic, n, strategy);
    }

    /**
     * Returns a copy with another strategy.
     *
     * @param value the strategy
     * @return the copy
     */
    public QuerySpec withStrategy(SearchStrategy value) {
        return new QuerySpec(constraints, objective, top, inputSize, sourceName, sourceResource, returnResult,
                statistic, maxResourcesPerTier, value);
    }

    /**
     * Returns the objective in force.
     *
     * @return the objective, latency unless set
     */
    public Objective effectiveObjective() {
        return objective == null ? Objective.LATENCY : objective;
    }

    /**
     * Returns the number of plans in force.
     *
     * @return k, {@value #DEFAULT_TOP} unless set
     */
    public int effectiveTop() {
        return top == 0 ? DEFAULT_TOP : top;
    }

    /**
     * Returns the statistic in force.
     *
     * @return the statistic, the mean unless set
     */
    public TimingStatistic effectiveStatistic() {
        return statistic == null ? TimingStatistic.MEAN : statistic;
    }

    /**
     * Returns the number of resources per tier in force.
     *
     * @return n, 1 unless set
     */
    public int effectiveMaxResourcesPerTier() {
        return maxResourcesPerTier == 0 ? 1 : maxResourcesPerTier;
    }

    /**
     * Returns the strategy in force.
     *
     * @return the strategy, branch and bound unless set
     */
    public SearchStrategy effectiveStrategy() {
        return strategy == null ? SearchStrategy.BRANCH_AND_BOUND : strategy;
    }
}
