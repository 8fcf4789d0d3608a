package io.scission;

import static java.util.Objects.requireNonNull;

import io.scission.query.Constraint;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where each plan is the best one as a network {@link Parameter} varies over a range: the exact intervals and the
 * switch points between them, computed once by {@link MapQuery#solve} so that an orchestrator can switch plans as
 * the network changes without searching. Immutable and thread-safe.
 *
 * <pre>{@code
 * PlanMap map = Scission.query().mapOver(Parameter.bandwidth(DEVICE, EDGE), 0.1, 100).solve(profiles, network);
 * map.intervals().forEach(System.out::println);            // [from, to]: the best plan's key
 * PartitionConfig now = map.planAt(12.4).orElseThrow();    // O(log n), the plan the query would return at 12.4
 * }</pre>
 *
 * <p>{@link #planAt(double)} returns exactly the best plan that {@link Query#solve} returns on the network with
 * the parameter set to that value, costs included, at every value of the range: inside an interval it is the
 * interval's plan; within a relative 10^-7 of a switch point the plans on both sides are evaluated at the value
 * and ranked as the search ranks them ({@link PartitionConfig#RANKING}), so ties at the switch point go the same
 * way as in the search.
 */
public final class PlanMap {

    /** The window, relative to the value, in which planAt compares the plans of neighbouring intervals. */
    private static final double WINDOW = 1e-7;

    /**
     * One interval of the map: from {@code from} to {@code to} (in the parameter's unit) the same plan is the
     * best one, or no plan satisfies the query.
     *
     * @param from the lower end (a switch point, or the range's start)
     * @param to the upper end (a switch point, or the range's end)
     * @param plans the best plan, evaluated at the interval's midpoint; empty when no plan satisfies the query
     *     there (at most one plan)
     */
    public record Interval(double from, double to, List<PartitionConfig> plans) {

        /**
         * Validates the interval.
         *
         * @param from the lower end
         * @param to the upper end
         * @param plans the best plan, or none
         * @throws IllegalArgumentException if {@code from > to}
         */
        public Interval {
            plans = List.copyOf(requireNonNull(plans, "plans"));
            if (!(from <= to)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "The interval (%s..%s) must have from <= to.", from, to));
            }
        }

        /**
         * Returns the interval's best plan, if any.
         *
         * @return the plan, evaluated at the interval's midpoint
         */
        public Optional<PartitionConfig> best() {
            return plans.isEmpty() ? Optional.empty() : Optional.of(plans.get(0));
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "[%s, %s]: %s", from, to,
                    plans.isEmpty() ? "no plan" : plans.get(0).key());
        }
    }

    /** An interval with the plans whose scores coincide on it (usually one). */
    record Span(double from, double to, List<PlanCost> group) {
    }

    private final Parameter parameter;
    private final double from;
    private final double to;
    private final List<Constraint> constraints;
    private final List<Span> spans;
    private final List<Interval> intervals;
    private final int candidates;
    private final int searches;

    PlanMap(Parameter parameter, double from, double to, List<Constraint> constraints, List<Span> spans,
            int candidates, int searches) {
        this.parameter = parameter;
        this.from = from;
        this.to = to;
        this.constraints = List.copyOf(constraints);
        this.spans = List.copyOf(spans);
        this.candidates = candidates;
        this.searches = searches;
        List<Interval> list = new ArrayList<>();
        for (Span s : this.spans) {
            double mid = s.from() + (s.to() - s.from()) / 2;
            Optional<PartitionConfig> best = best(s.group(), mid);
            list.add(new Interval(s.from(), s.to(), best.map(List::of).orElse(List.of())));
        }
        this.intervals = List.copyOf(list);
    }

    /**
     * Returns the parameter the map varies.
     *
     * @return the parameter
     */
    public Parameter parameter() {
        return parameter;
    }

    /**
     * Returns the start of the range, in the parameter's unit.
     *
     * @return the smallest value
     */
    public double from() {
        return from;
    }

    /**
     * Returns the end of the range, in the parameter's unit.
     *
     * @return the largest value
     */
    public double to() {
        return to;
    }

    /**
     * Returns the intervals in ascending order of the parameter; they cover the range, and neighbours differ in
     * their plan.
     *
     * @return the intervals
     */
    public List<Interval> intervals() {
        return intervals;
    }

    /**
     * Returns the values at which the best plan changes (the inner ends of the intervals), ascending.
     *
     * @return the switch points
     */
    public List<Double> switchPoints() {
        List<Double> points = new ArrayList<>();
        for (int i = 1; i < intervals.size(); i++) {
            points.add(intervals.get(i).from());
        }
        return List.copyOf(points);
    }

    /**
     * Returns how many distinct plans the map considered.
     *
     * @return the candidates
     */
    public int candidates() {
        return candidates;
    }

    /**
     * Returns how many ordinary searches building the map ran.
     *
     * @return the searches
     */
    public int searches() {
        return searches;
    }

    /**
     * Returns the best plan at a value of the parameter, evaluated there: what {@link Query#solve} returns first on
     * the network with the parameter set to the value. Takes {@code O(log n)} for n intervals.
     *
     * @param value the value, in the parameter's unit, within the range
     * @return the plan, or empty when no plan satisfies the query at that value
     * @throws IllegalArgumentException if the value is outside the range
     */
    public Optional<PartitionConfig> planAt(double value) {
        checkInRange(value, "planAt");
        int lo = 0;
        int hi = spans.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (spans.get(mid).from() <= value) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        double window = WINDOW * Math.max(Math.abs(value), 1e-9);
        List<PlanCost> group = new ArrayList<>(spans.get(lo).group());
        for (int j = lo - 1; j >= 0 && spans.get(j).to() >= value - window; j--) {
            group.addAll(spans.get(j).group());
        }
        for (int j = lo + 1; j < spans.size() && spans.get(j).from() <= value + window; j++) {
            group.addAll(spans.get(j).group());
        }
        return best(group, value);
    }

    /**
     * Evaluates one of the map's plans at another value of the parameter, whether or not it is the best or meets
     * the constraints there, e.g. to draw each plan's latency over the whole range.
     *
     * @param plan a plan of one of the map's intervals (matched by {@link PartitionConfig#key()})
     * @param value the value, in the parameter's unit, within the range
     * @return the plan's costs at that value, or empty if the plan is not one of the map's
     * @throws IllegalArgumentException if the value is outside the range
     */
    public Optional<PartitionConfig> evaluate(PartitionConfig plan, double value) {
        requireNonNull(plan, "plan");
        checkInRange(value, "evaluate");
        String key = plan.key();
        for (Span s : spans) {
            for (PlanCost c : s.group()) {
                if (c.key.equals(key)) {
                    return Optional.of(c.at(value));
                }
            }
        }
        return Optional.empty();
    }

    private void checkInRange(double value, String method) {
        if (!(value >= from && value <= to)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The value (%s %s) of %s must lie in the map's range %s..%s.%n"
                            + "Maybe make a map over a wider range.", value, parameter.unit(), method, from, to));
        }
    }

    private Optional<PartitionConfig> best(List<PlanCost> group, double value) {
        PartitionConfig best = null;
        for (PlanCost c : group) {
            PartitionConfig p = c.at(value);
            if (admits(p) && (best == null || PartitionConfig.RANKING.compare(p, best) < 0)) {
                best = p;
            }
        }
        return Optional.ofNullable(best);
    }

    private boolean admits(PartitionConfig plan) {
        for (Constraint c : constraints) {
            if (!c.isSatisfiedBy(plan)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "PlanMap{" + parameter + " " + from + ".." + to + " " + parameter.unit() + ": " + intervals + "}";
    }
}
