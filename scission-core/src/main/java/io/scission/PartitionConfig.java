package io.scission;

import static java.util.Objects.requireNonNull;

import io.scission.platform.Power;
import io.scission.platform.Resource;
import io.scission.platform.Tier;
import io.scission.query.Target;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A plan: which resource runs which blocks, with the cost breakdown of the paper's model. Segments are in pipeline
 * order; the input starts on {@link #source()}, which may run no blocks.
 *
 * <p>End-to-end latency = Σ segment compute + Σ hop time, where a hop takes
 * {@code latency + bytes / bandwidth}, plus both ends' {@link io.scission.profile.HopCost} when their profiles record
 * one. Total bytes = Σ hop bytes (the raw input when the first segment is not on
 * the source, each intermediate tensor, and the result if it is returned).
 *
 * @param source where the input originates
 * @param segments the segments, in pipeline order
 * @param hops the transfers, in order
 * @param computeSeconds Σ segment compute, in seconds
 * @param transferSeconds Σ hop time, in seconds
 * @param latencySeconds end-to-end latency: compute plus transfer, in seconds
 * @param bytesSent Σ hop bytes
 * @param score the objective's value (lower is better); equals the latency for the default objective
 * @param layerCount the model's layer count
 */
public record PartitionConfig(Resource source, List<Segment> segments, List<Hop> hops, double computeSeconds,
        double transferSeconds, double latencySeconds, long bytesSent, double score, int layerCount) {

    /**
     * The ranking order: by score, then latency, then bytes sent, then {@link #key()} (lexicographic). Lower comes
     * first. Every search returns plans in this order.
     */
    public static final Comparator<PartitionConfig> RANKING = new Ranking();

    /**
     * {@link #RANKING}, written out: {@code Comparator.comparingDouble(...).thenComparing...} links four lambdas and
     * generates Comparator's own at run time, which cost a command-line run milliseconds at start.
     */
    private static final class Ranking implements Comparator<PartitionConfig>, java.io.Serializable {

        private static final long serialVersionUID = 1L;

        @Override
        public int compare(PartitionConfig a, PartitionConfig b) {
            int c = Double.compare(a.score(), b.score());
            if (c == 0) {
                c = Double.compare(a.latencySeconds(), b.latencySeconds());
            }
            if (c == 0) {
                c = Long.compare(a.bytesSent(), b.bytesSent());
            }
            return c != 0 ? c : a.key().compareTo(b.key());
        }
    }

    /**
     * Validates the plan.
     *
     * @param source where the input originates
     * @param segments the segments, in pipeline order
     * @param hops the transfers, in order
     * @param computeSeconds Σ segment compute, in seconds
     * @param transferSeconds Σ hop time, in seconds
     * @param latencySeconds end-to-end latency: compute plus transfer, in seconds
     * @param bytesSent Σ hop bytes
     * @param score the objective's value (lower is better); equals the latency for the default objective
     * @param layerCount the model's layer count
     */
    public PartitionConfig {
        requireNonNull(source, "source");
        segments = List.copyOf(requireNonNull(segments, "segments"));
        hops = List.copyOf(requireNonNull(hops, "hops"));
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("A plan needs at least one segment.");
        }
    }

    /**
     * Returns the plan's stable identity: the source, then each segment as {@code resource:first-last} (block
     * indices), e.g. {@code raspi4>raspi4:0-6|vm2Core:7-11|6700k(GPU):12-25}.
     *
     * @return the key
     */
    public String key() {
        StringBuilder sb = new StringBuilder(source.name()).append('>');
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            if (i > 0) {
                sb.append('|');
            }
            sb.append(s.resource().name()).append(':').append(s.firstBlock()).append('-').append(s.lastBlock());
        }
        return sb.toString();
    }

    /**
     * Returns true when one resource runs every block (the paper's native execution).
     *
     * @return whether native
     */
    public boolean isNative() {
        return segments.size() == 1;
    }

    /**
     * Returns the segments on a tier.
     *
     * @param tier the tier
     * @return the segments, possibly none
     */
    public List<Segment> segmentsOn(Tier tier) {
        List<Segment> on = new ArrayList<>();
        for (Segment s : segments) {
            if (s.resource().tier().equals(tier)) {
                on.add(s);
            }
        }
        return List.copyOf(on);
    }

    /**
     * Returns the segment that runs a layer.
     *
     * @param layer the layer index
     * @return the segment, empty if the layer does not exist
     */
    public Optional<Segment> segmentOfLayer(int layer) {
        for (Segment s : segments) {
            if (s.runsLayer(layer)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * Returns the energy the plan costs the resources a target matches, in joules (README "Energy"; Neurosurgeon's
     * model). The plan's segments and hops run one after another, so at every moment of its end-to-end latency a
     * resource that takes part (the source, and each resource that runs a segment) computes, sends, receives or
     * waits. For each such resource x that the target matches, in plan order (the source first, then the segments'
     * resources not counted yet):
     * {@code E_x = computeW × C + transmitW × S + receiveW × R + idleW × I}, added left to right, where C is the
     * compute seconds of its segments, S the seconds of the hops it sends, R of the hops it receives, and I, its
     * idle time, the compute seconds of the other segments (in plan order) plus the seconds of the hops it neither
     * sends nor receives (in order), so C + S + R + I is the end-to-end latency. The energy is the sum of the
     * E_x in that order, 0 when the target matches no resource that takes part.
     *
     * @param target the tier or resource
     * @return joules
     * @throws IllegalArgumentException if a resource whose energy counts has no power figures
     */
    public double energyJoules(Target target) {
        requireNonNull(target, "target");
        List<Resource> takingPart = new ArrayList<>();
        takingPart.add(source);
        for (Segment s : segments) {
            boolean counted = false;
            for (Resource r : takingPart) {
                counted |= same(r, s.resource());
            }
            if (!counted) {
                takingPart.add(s.resource());
            }
        }
        double energy = 0.0;
        for (Resource x : takingPart) {
            if (!target.matches(x)) {
                continue;
            }
            Power w = x.power();
            if (!w.isKnown()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "The energy of %s needs the power figures of %s, which has none.%n"
                                + "Maybe give its compute, transmit and idle watts (Resource.withPower, "
                                + "ProfileSet.withPower, or --power on the command line).", target.toParsable(), x));
            }
            double compute = 0.0;
            double othersCompute = 0.0;
            for (Segment s : segments) {
                if (same(s.resource(), x)) {
                    compute += s.computeSeconds();
                } else {
                    othersCompute += s.computeSeconds();
                }
            }
            double send = 0.0;
            double receive = 0.0;
            double othersHops = 0.0;
            for (Hop h : hops) {
                if (same(h.from(), x)) {
                    send += h.seconds();
                } else if (same(h.to(), x)) {
                    receive += h.seconds();
                } else {
                    othersHops += h.seconds();
                }
            }
            double idle = othersCompute + othersHops;
            energy += w.computeWatts() * compute + w.transmitWatts() * send + w.receiveWatts() * receive
                    + w.idleWatts() * idle;
        }
        return energy;
    }

    /**
     * Whether two resources are equal, as {@link Resource#equals} says, asking it only when their names agree: a
     * record's generated {@code equals} links {@code java.lang.invoke}'s {@code ObjectMethods} at its first call,
     * milliseconds of a command-line {@code plan} with an energy limit, and resources with different names are never
     * equal.
     */
    private static boolean same(Resource a, Resource b) {
        return a == b || a.name().equals(b.name()) && a.equals(b);
    }

    /**
     * Returns a one-line description, e.g.
     * {@code 9.0106 s, 2.4087 MB: raspi4 (device) 0-6 | vm2Core (edge) 7-11 | 6700k(GPU) (cloud) 12-25} where the
     * ranges are layer indices.
     *
     * @return the description
     */
    public String describe() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%.4f s, %.4f MB: ", latencySeconds,
                bytesSent / 1e6));
        if (!same(segments.get(0).resource(), source)) {
            sb.append("input from ").append(source.name()).append(" | ");
        }
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            if (i > 0) {
                sb.append(" | ");
            }
            sb.append(s.resource()).append(' ').append(s.firstLayer()).append('-').append(s.lastLayer());
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
