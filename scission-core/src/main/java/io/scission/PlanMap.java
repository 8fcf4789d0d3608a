package io.scission;

import static java.util.Objects.requireNonNull;

import io.scission.query.Constraint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * <p>Made with {@link MapQuery#top(int) top(n)}, each interval holds the {@code n} best plans in order, and
 * {@link #plansAt(double)} returns them: the interval ends are then every value where one of the {@code n} best
 * plans, or their order, changes.
 *
 * <p>{@link #planAt(double)} returns exactly the best plan that {@link Query#solve} returns on the network with
 * the parameter set to that value, costs included, at every value of the range: inside an interval it is the
 * interval's plan; within a relative 10^-7 of a switch point the plans on both sides are evaluated at the value
 * and ranked as the search ranks them ({@link PartitionConfig#RANKING}), so ties at the switch point go the same
 * way as in the search. {@link #plansAt(double)} returns exactly the plans that {@code query.top(n).solve} returns,
 * in the same order, in the same way.
 */
public final class PlanMap {

    /** The window, relative to the value, in which planAt compares the plans of neighbouring intervals. */
    private static final double WINDOW = 1e-7;

    /**
     * One interval of the map: from {@code from} to {@code to} (in the parameter's unit) the same plans are the
     * best ones, in the same order, or no plan satisfies the query.
     *
     * @param from the lower end (a switch point, or the range's start)
     * @param to the upper end (a switch point, or the range's end)
     * @param plans the best plans, best first, evaluated at the interval's midpoint (at most the map's
     *     {@link PlanMap#top()}; fewer where fewer plans satisfy the query); empty when none does
     */
    public record Interval(double from, double to, List<PartitionConfig> plans) {

        /**
         * Validates the interval.
         *
         * @param from the lower end
         * @param to the upper end
         * @param plans the best plans, best first, or none
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

    /**
     * An interval with its contenders: the plans among which the best {@code top} lie everywhere on it (the ranked
     * plans, with every plan whose score and latency lines coincide with one of theirs).
     */
    record Span(double from, double to, List<PlanCost> group) {
    }

    private final Parameter parameter;
    private final double from;
    private final double to;
    private final int top;
    private final List<Constraint> constraints;
    private final List<Span> spans;
    private final List<Interval> intervals;
    private final int candidates;
    private final int searches;

    PlanMap(Parameter parameter, double from, double to, int top, List<Constraint> constraints, List<Span> spans,
            int candidates, int searches) {
        this.parameter = parameter;
        this.from = from;
        this.to = to;
        this.top = top;
        this.constraints = List.copyOf(constraints);
        this.spans = List.copyOf(spans);
        this.candidates = candidates;
        this.searches = searches;
        // neighbouring spans whose exact ranking agrees (e.g. coinciding lines ranked alike) form one interval
        List<Interval> list = new ArrayList<>();
        List<List<String>> keys = new ArrayList<>();
        for (Span s : this.spans) {
            List<PartitionConfig> ranked = ranked(s.group(), s.from() + (s.to() - s.from()) / 2);
            List<String> k = ranked.stream().map(PartitionConfig::key).toList();
            if (!list.isEmpty() && keys.get(keys.size() - 1).equals(k)) {
                Interval last = list.remove(list.size() - 1);
                keys.remove(keys.size() - 1);
                List<PlanCost> union = new ArrayList<>();
                for (Span t : this.spans) {
                    if (t.from() >= last.from() && t.to() <= s.to()) {
                        union.addAll(t.group());
                    }
                }
                ranked = ranked(union, last.from() + (s.to() - last.from()) / 2);
                list.add(new Interval(last.from(), s.to(), ranked));
            } else {
                list.add(new Interval(s.from(), s.to(), ranked));
            }
            keys.add(k);
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
     * Returns how many plans each interval holds at most, as set with {@link MapQuery#top(int)}.
     *
     * @return n, 1 unless set
     */
    public int top() {
        return top;
    }

    /**
     * Returns the intervals in ascending order of the parameter; they cover the range, and neighbours differ in
     * their ranked plans.
     *
     * @return the intervals
     */
    public List<Interval> intervals() {
        return intervals;
    }

    /**
     * Returns the values at which the best plan changes, or with {@link MapQuery#top(int) top(n)} one of the
     * {@code n} best or their order (the inner ends of the intervals), ascending.
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
        List<PartitionConfig> plans = ranked(contenders(value), value);
        return plans.isEmpty() ? Optional.empty() : Optional.of(plans.get(0));
    }

    /**
     * Returns the best plans at a value of the parameter, ranked and evaluated there: what
     * {@code query.top(n).solve(...)} returns on the network with the parameter set to the value, for the map's
     * {@link #top() n}. Takes {@code O(log m + n log n)} for m intervals.
     *
     * @param value the value, in the parameter's unit, within the range
     * @return the plans, best first (at most {@link #top()}); empty when no plan satisfies the query there
     * @throws IllegalArgumentException if the value is outside the range
     */
    public List<PartitionConfig> plansAt(double value) {
        checkInRange(value, "plansAt");
        return ranked(contenders(value), value);
    }

    /** The contenders of the span holding the value, and of the spans within the window of it. */
    private List<PlanCost> contenders(double value) {
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
        return group;
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

    /** The contenders' best {@code top} plans at the value, evaluated exactly and ranked as the search ranks. */
    private List<PartitionConfig> ranked(List<PlanCost> group, double value) {
        Map<String, PartitionConfig> admitted = new LinkedHashMap<>();
        for (PlanCost c : group) {
            if (!admitted.containsKey(c.key)) {
                PartitionConfig p = c.at(value);
                if (admits(p)) {
                    admitted.put(c.key, p);
                }
            }
        }
        List<PartitionConfig> plans = new ArrayList<>(admitted.values());
        plans.sort(PartitionConfig.RANKING);
        return List.copyOf(plans.subList(0, Math.min(top, plans.size())));
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
