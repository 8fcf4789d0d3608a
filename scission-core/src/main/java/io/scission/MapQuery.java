package io.scission;

import static java.util.Objects.requireNonNull;

import io.scission.internal.search.QuerySpec;
import io.scission.platform.Network;
import io.scission.profile.ProfileSet;
import java.util.Locale;

/**
 * A query mapped over a range of one network {@link Parameter}, made by {@link Query#mapOver}. Immutable; run it
 * with {@link #solve}. By default the map holds the best plan of each interval; {@link #top(int)} makes it hold the
 * {@code n} best, ranked.
 */
public final class MapQuery {

    /** The most plans per interval that {@link #top(int)} accepts. */
    public static final int MAX_TOP = 100;

    private final QuerySpec spec;
    private final Parameter parameter;
    private final double from;
    private final double to;
    private final int top;

    MapQuery(QuerySpec spec, Parameter parameter, double from, double to) {
        this(spec, parameter, from, to, 1);
    }

    private MapQuery(QuerySpec spec, Parameter parameter, double from, double to, int top) {
        this.spec = spec;
        this.parameter = parameter;
        this.from = from;
        this.to = to;
        this.top = top;
        parameter.checkRange(from, to);
    }

    /**
     * Returns a copy that maps the {@code n} best plans of each interval, ranked as {@link Query#solve} ranks them
     * ({@link PartitionConfig#RANKING}): the intervals are those of the k-level arrangement of the plans' lines for
     * k up to {@code n}, so a switch point is any value where one of the {@code n} best plans, or their order,
     * changes. {@link PlanMap#plansAt} then returns what {@code query.top(n).solve(...)} returns there.
     *
     * @param n the plans per interval, from 1 (the default) to {@value #MAX_TOP}
     * @return the mapped query with {@code n} plans per interval
     * @throws IllegalArgumentException if {@code n} is not in 1..{@value #MAX_TOP}
     */
    public MapQuery top(int n) {
        if (n < 1 || n > MAX_TOP) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The n (%d) of top(n) of a plan map must be between 1 and %d.%nMaybe map fewer plans per "
                            + "interval.", n, MAX_TOP));
        }
        return new MapQuery(spec, parameter, from, to, n);
    }

    /**
     * Returns how many plans each interval holds, as set with {@link #top(int)}.
     *
     * @return n, 1 unless set
     */
    public int top() {
        return top;
    }

    /**
     * Computes the map: the exact intervals of the range where each plan is the query's best, with the switch
     * points. The query's constraints hold at every value, those that depend on the network (a deadline, a share of
     * latency) included. The query's own {@code top} is not used: the map holds as many plans per interval as
     * {@link #top(int)} says (the best one unless set).
     *
     * @param profiles the model's profiles, one per resource
     * @param network the network; the parameter replaces one of its figures
     * @return the map
     * @throws IllegalArgumentException if the network lacks the varied link, the query does not fit the data (as
     *     for {@link Query#solve}), or, for constraints that need every plan enumerated, the query admits more than
     *     200,000 plans
     */
    public PlanMap solve(ProfileSet profiles, Network network) {
        requireNonNull(profiles, "profiles");
        requireNonNull(network, "network");
        return PlanMapping.map(spec, parameter, from, to, top, profiles, network);
    }

    /** One probe of the map's search at a value (for tests of {@link PlanMapping}). */
    PlanMapping.Probe probeAt(ProfileSet profiles, Network network, double value) {
        return PlanMapping.probeAt(spec, parameter, from, to, top, profiles, network, value);
    }

    @Override
    public String toString() {
        return "MapQuery{" + parameter + " " + from + ".." + to + " " + parameter.unit()
                + (top == 1 ? "" : " top " + top) + "}";
    }
}
