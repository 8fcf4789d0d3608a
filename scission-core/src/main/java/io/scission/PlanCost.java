package io.scission;

import io.scission.platform.Link;
import io.scission.platform.Network;
import io.scission.platform.Power;
import io.scission.platform.Resource;
import io.scission.profile.HopCost;
import io.scission.profile.Profile;
import io.scission.profile.ProfileSet;
import io.scission.query.Constraint;
import io.scission.query.Deadline;
import io.scission.query.EnergyWeight;
import io.scission.query.MaxEnergy;
import io.scission.query.MaxComputeShare;
import io.scission.query.MinComputeShare;
import io.scission.query.Objective;
import io.scission.query.Target;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One plan as a function of a {@link Parameter}: its score (energy terms included) and latency as lines in the
 * parameter's line variable {@code t} ({@link Parameter#line(double)}), the closed range of {@code t} where the
 * constraints that depend on the parameter hold, and the hop figures needed to evaluate it at any value bit for bit
 * as the search does.
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
    /** Each hop's seconds = hop0 + hop1 t (real arithmetic, for the energy lines). */
    private final double[] hop0;
    private final double[] hop1;

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
        hop0 = new double[n];
        hop1 = new double[n];
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
                hop0[h] = hop.seconds();
            } else {
                switch (parameter.kind()) {
                    case BANDWIDTH, UPLINK_BANDWIDTH -> {
                        hop0[h] = hopLatency[h] + hopOverhead[h];
                        hop1[h] = hop.bytes() / 125_000.0;
                    }
                    case LATENCY -> {
                        hop0[h] = hop.bytes() / hopBandwidth[h] + hopOverhead[h];
                        hop1[h] = 1.0;
                    }
                    case UPLINK_FACTOR -> {
                        hop0[h] = hopLatency[h] + hopOverhead[h];
                        hop1[h] = hop.bytes() / hopBandwidth[h];
                    }
                }
            }
            c0 += hop0[h];
            c1 += hop1[h];
        }
        l0 = c0;
        l1 = c1;
        double e0 = objective.perSecond() * l0 + objective.perByte() * plan.bytesSent();
        double e1 = objective.perSecond() * l1;
        for (EnergyWeight w : objective.energy()) {
            double[] energy = energy(w.target());
            e0 += w.perJoule() * energy[0];
            e1 += w.perJoule() * energy[1];
        }
        s0 = e0;
        s1 = e1;
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
        if (c instanceof MaxEnergy m) {
            double[] energy = energy(m.target());
            if (energy[1] == 0) {
                return energy[0] <= m.joules() ? all : none;
            }
            return new double[] {Double.NEGATIVE_INFINITY, (m.joules() - energy[0]) / energy[1]};
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

    /**
     * The energy of the resources a target matches as a line e0 + e1 t (real arithmetic; README "Energy", as
     * {@link PartitionConfig#energyJoules}): for each resource x taking part, computeW C + transmitW S + receiveW R
     * + idleW I, where only the hops' seconds (in S, R and I) depend on t. Every watt figure is at least 0, so e1 is
     * too: a plan's energy never falls as t grows.
     *
     * @throws IllegalArgumentException if a resource whose energy counts has no power figures
     */
    private double[] energy(Target target) {
        plan.energyJoules(target);
        Set<Resource> takingPart = new LinkedHashSet<>();
        takingPart.add(plan.source());
        for (Segment s : plan.segments()) {
            takingPart.add(s.resource());
        }
        double e0 = 0;
        double e1 = 0;
        for (Resource x : takingPart) {
            if (!target.matches(x)) {
                continue;
            }
            Power w = x.power();
            for (Segment s : plan.segments()) {
                e0 += (s.resource().equals(x) ? w.computeWatts() : w.idleWatts()) * s.computeSeconds();
            }
            for (int h = 0; h < hop0.length; h++) {
                Hop hop = plan.hops().get(h);
                double watts = hop.from().equals(x) ? w.transmitWatts()
                        : hop.to().equals(x) ? w.receiveWatts() : w.idleWatts();
                e0 += watts * hop0[h];
                e1 += watts * hop1[h];
            }
        }
        return new double[] {e0, e1};
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
        if (!objective.hasEnergy()) {
            return new PartitionConfig(plan.source(), plan.segments(), hops, plan.computeSeconds(), transfer,
                    latency, plan.bytesSent(), objective.score(latency, plan.bytesSent()), plan.layerCount());
        }
        // scored as the search scores (Instance.evaluate): the energy terms read the plan's own hops
        PartitionConfig unscored = new PartitionConfig(plan.source(), plan.segments(), hops, plan.computeSeconds(),
                transfer, latency, plan.bytesSent(), 0.0, plan.layerCount());
        return new PartitionConfig(plan.source(), plan.segments(), hops, plan.computeSeconds(), transfer, latency,
                plan.bytesSent(), objective.score(unscored), plan.layerCount());
    }

    private static HopCost hopCost(ProfileSet profiles, Resource r) {
        return profiles.profile(r.name()).map(Profile::hopCost).orElse(HopCost.NONE);
    }
}
