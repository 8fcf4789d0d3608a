package io.scission.internal.search;

import io.scission.PartitionConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The best {@code n} plans seen so far in {@link PartitionConfig#RANKING} order: a bounded, sorted list. */
final class TopN {

    private final int n;
    private final List<PartitionConfig> plans = new ArrayList<>();

    TopN(int n) {
        this.n = n;
    }

    /** Keeps the plan if it is among the best n so far. */
    void offer(PartitionConfig plan) {
        if (plans.size() == n && PartitionConfig.RANKING.compare(plan, plans.get(n - 1)) >= 0) {
            return;
        }
        int at = Collections.binarySearch(plans, plan, PartitionConfig.RANKING);
        plans.add(at < 0 ? -at - 1 : at, plan);
        if (plans.size() > n) {
            plans.remove(n);
        }
    }

    /**
     * Returns the score above which no plan can enter: +infinity until n plans are held, then the worst held score
     * plus a relative tolerance of 1e-9, so that floating-point differences between bound and exact arithmetic
     * never prune a plan that ties.
     */
    double threshold() {
        if (plans.size() < n) {
            return Double.POSITIVE_INFINITY;
        }
        double worst = plans.get(n - 1).score();
        return worst + Instance.tolerance(worst);
    }

    List<PartitionConfig> plans() {
        return List.copyOf(plans);
    }
}
