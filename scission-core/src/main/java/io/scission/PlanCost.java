package io.scission;

import io.scission.platform.Link;
import io.scission.platform.Network;
import io.scission.platform.Resource;
import io.scission.profile.HopCost;
import io.scission.profile.Profile;
import io.scission.profile.ProfileSet;
import io.scission.query.Constraint;
import io.scission.query.Deadline;
import io.scission.query.MaxComputeShare;
import io.scission.query.MinComputeShare;
import io.scission.query.Objective;
import io.scission.query.Target;
import java.util.ArrayList;
import java.util.List;

/**
 * One plan as a function of a {@link Parameter}: its score and latency as lines in the parameter's line variable
 * {@code t} ({@link Parameter#line(double)}), the closed range of {@code t} where the constraints that depend on
 * the parameter hold, and the hop figures needed to evaluate it at any value bit for bit as the search does.
 */
final class PlanCost {

    final PartitionConfig plan;
    final String key;
    /** Score = s0 + s1 t; latency = l0 + l1 t (real arithmetic, for the envelope). */
    final double s0;
    final double s1;
    final double l0;
    final double l1;
    /** The closed range of t where every parameter-dependent constraint holds; tmin > tmax when none. */
    final double tmin;
    final double tmax;
    private final Parameter parameter;
    private final Objective objective;
    private final double[] hopLatency;
    private final double[] hopBandwidth;
    /** Each hop's cost besides the link (both ends' {@link HopCost}), which no parameter varies. */
    private final double[] hopOverhead;
    private final boolean[] varied;

    PlanCost(PartitionConfig plan, Parameter parameter, Network network, ProfileSet profiles, Objective objective,
            List<Constraint> dependent) {
        this.plan = plan;
        this.key = plan.key();
        this.parameter = parameter;
        this.objective = objective;
        int n = plan.hops().size();
        hopLatency = new double[n];
        hopBandwidth = new double[n];
        hopOverhead = new double[n];
        varied = new boolean[n];
        double c0 = plan.computeSeconds();
        double c1 = 0;
        for (int h = 0; h < n; h++) {
            Hop hop = plan.hops().get(h);
            Link link = network.link(hop.from(), hop.to()).orElseThrow();
            hopLatency[h] = link.latencySeconds();
            hopBandwidth[h] = link.bandwidth().bytesPerSecond();
            hopOverhead[h] = HopCost.between(hopCost(profiles, hop.from()), hopCost(profiles, hop.to()), hop.bytes());
            varied[h] = parameter.varies(network, hop.from(), hop.to());
            if (!varied[h]) {
                c0 += hop.seconds();
                continue;
            }
            switch (parameter.kind()) {
                case BANDWIDTH, UPLINK_BANDWIDTH -> {
                    c0 += hopLatency[h] + hopOverhead[h];
                    c1 += hop.bytes() / 125_000.0;
                }
                case LATENCY -> {
                    c0 += hop.bytes() / hopBandwidth[h] + hopOverhead[h];
                    c1 += 1.0;
                }
                case UPLINK_FACTOR -> {
                    c0 += hopLatency[h] + hopOverhead[h];
                    c1 += hop.bytes() / hopBandwidth[h];
                }
            }
        }
        l0 = c0;
        l1 = c1;
        s0 = objective.perSecond() * l0 + objective.perByte() * plan.bytesSent();
        s1 = objective.perSecond() * l1;
        double lo = Double.NEGATIVE_INFINITY;
        double hi = Double.POSITIVE_INFINITY;
        for (Constraint c : dependent) {
            double[] range = range(c);
            lo = Math.max(lo, range[0]);
            hi = Math.min(hi, range[1]);
        }
        tmin = lo;
        tmax = hi;
    }

    /** The closed range of t where the constraint holds, from the lines (exact in real arithmetic). */
    private double[] range(Constraint c) {
        double inf = Double.POSITIVE_INFINITY;
        double[] all = {-inf, inf};
        double[] none = {inf, -inf};
        if (c instanceof Deadline d) {
            return latencyAtMost(d.seconds(), all, none);
        }
        if (c instanceof MaxComputeShare m) {
            double sum = computeOn(m.target());
            if (sum == 0) {
                return all;
            }
            if (m.fraction() == 0) {
                return none;
            }
            return latencyAtLeast(sum / m.fraction(), all, none);
        }
        MinComputeShare m = (MinComputeShare) c;
        double sum = computeOn(m.target());
        if (m.fraction() == 0) {
            return all;
        }
        if (sum == 0) {
            return none;
        }
        return latencyAtMost(sum / m.fraction(), all, none);
    }

    private double[] latencyAtMost(double limit, double[] all, double[] none) {
        if (l1 == 0) {
            return l0 <= limit ? all : none;
        }
        return new double[] {Double.NEGATIVE_INFINITY, (limit - l0) / l1};
    }

    private double[] latencyAtLeast(double limit, double[] all, double[] none) {
        if (l1 == 0) {
            return l0 >= limit ? all : none;
        }
        return new double[] {(limit - l0) / l1, Double.POSITIVE_INFINITY};
    }

    private double computeOn(Target target) {
        double sum = 0;
        for (Segment s : plan.segments()) {
            if (target.matches(s.resource())) {
                sum += s.computeSeconds();
            }
        }
        return sum;
    }

    double score(double t) {
        return s0 + s1 * t;
    }

    /**
     * Evaluates the plan at a parameter value exactly as the search would on the network with that value: the
     * same numbers added in the same order, so that it ranks bit for bit like the search's plans.
     */
    PartitionConfig at(double value) {
        List<Hop> hops = new ArrayList<>(varied.length);
        double transfer = 0.0;
        for (int h = 0; h < varied.length; h++) {
            Hop hop = plan.hops().get(h);
            double latency = hopLatency[h];
            double bandwidth = hopBandwidth[h];
            if (varied[h]) {
                switch (parameter.kind()) {
                    case BANDWIDTH, UPLINK_BANDWIDTH -> bandwidth = value * 125_000.0;
                    case LATENCY -> latency = value;
                    case UPLINK_FACTOR -> bandwidth = hopBandwidth[h] * value;
                }
            }
            double t = latency + hop.bytes() / bandwidth + hopOverhead[h];
            transfer += t;
            hops.add(new Hop(hop.kind(), hop.from(), hop.to(), hop.bytes(), t));
        }
        double latency = plan.computeSeconds() + transfer;
        return new PartitionConfig(plan.source(), plan.segments(), hops, plan.computeSeconds(), transfer, latency,
                plan.bytesSent(), objective.score(latency, plan.bytesSent()), plan.layerCount());
    }

    private static HopCost hopCost(ProfileSet profiles, Resource r) {
        return profiles.profile(r.name()).map(Profile::hopCost).orElse(HopCost.NONE);
    }
}
