package io.scission.internal.search;

import io.scission.Query;
import java.lang.reflect.Field;

/** Reads the {@link QuerySpec} behind a public {@link Query}, so tests of the internals can build queries fluently. */
final class Specs {

    private Specs() {
    }

    static QuerySpec of(Query query) {
        try {
            Field spec = Query.class.getDeclaredField("spec");
            spec.setAccessible(true);
            return (QuerySpec) spec.get(query);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("Query has no field 'spec' any more; update this test helper", e);
        }
    }

    /**
     * Compiles a query as {@code Query.solve} does: the resources' memory capacities as constraints, then the
     * instance (its restrictions are compiled by the caller).
     */
    static Instance instance(Query query, io.scission.profile.ProfileSet profiles, io.scission.platform.Network net) {
        return Instance.compile(Solver.withCapacities(of(query), profiles), profiles, net);
    }
}
