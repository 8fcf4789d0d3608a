package io.scission;

import static java.util.Objects.requireNonNull;

import io.scission.internal.search.QuerySpec;
import io.scission.platform.Network;
import io.scission.profile.ProfileSet;

/**
 * A query mapped over a range of one network {@link Parameter}, made by {@link Query#mapOver}. Immutable; run it
 * with {@link #solve}.
 */
public final class MapQuery {

    private final QuerySpec spec;
    private final Parameter parameter;
    private final double from;
    private final double to;

    MapQuery(QuerySpec spec, Parameter parameter, double from, double to) {
        this.spec = spec;
        this.parameter = parameter;
        this.from = from;
        this.to = to;
        parameter.checkRange(from, to);
    }

    /**
     * Computes the map: the exact intervals of the range where each plan is the query's best, with the switch
     * points. The query's constraints hold at every value, those that depend on the network (a deadline, a share of
     * latency) included; its {@code top} and {@code strategy} are not used (the map holds the best plan).
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
        return PlanMapping.map(spec, parameter, from, to, profiles, network);
    }

    @Override
    public String toString() {
        return "MapQuery{" + parameter + " " + from + ".." + to + " " + parameter.unit() + "}";
    }
}
