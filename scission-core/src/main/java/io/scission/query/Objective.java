package io.scission.query;

import static java.util.Objects.requireNonNull;

import io.scission.PartitionConfig;
import io.scission.platform.Tier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a query minimises: {@code score = perSecond × latency_s + perByte × bytesSent + Σ perJoule × energy_J(target)}
 * over the energy terms (README "Energy"; none by default). Ties on score are broken by latency, then bytes sent,
 * then the plan's key (see {@link io.scission.PartitionConfig#RANKING}).
 *
 * @param perSecond the weight of one second of end-to-end latency, finite and not negative
 * @param perByte the weight of one byte sent, finite and not negative
 * @param energy the energy terms, each target at most once; empty for none
 */
public record Objective(double perSecond, double perByte, List<EnergyWeight> energy) {

    /** Minimum end-to-end latency: the default. */
    public static final Objective LATENCY = new Objective(1.0, 0.0);
    /** Minimum data transferred between resources. */
    public static final Objective TRANSFER = new Objective(0.0, 1.0);

    /**
     * Validates the weights.
     *
     * @param perSecond the weight of one second of end-to-end latency, finite and not negative
     * @param perByte the weight of one byte sent, finite and not negative
     * @param energy the energy terms, each target at most once; empty for none
     * @throws IllegalArgumentException if a weight is negative, NaN or infinite, all are zero, or a target has two
     *     energy terms
     */
    public Objective {
        energy = List.copyOf(requireNonNull(energy, "energy"));
        if (!(perSecond >= 0) || !(perByte >= 0) || Double.isInfinite(perSecond) || Double.isInfinite(perByte)
                || perSecond + perByte == 0 && energy.isEmpty()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The objective weights (%s per second, %s per byte%s) must be finite, not negative, and not both "
                            + "zero.%nMaybe use Objective.LATENCY or Objective.TRANSFER.", perSecond, perByte,
                    energy.isEmpty() ? "" : ", " + energy));
        }
        Set<Target> seen = new HashSet<>();
        for (EnergyWeight w : energy) {
            if (!seen.add(w.target())) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "The objective weights the energy of %s twice (%s).%nMaybe add the two weights into one.",
                        w.target().toParsable(), energy));
            }
        }
    }

    /**
     * Returns an objective without energy terms: {@code perSecond × latency_s + perByte × bytesSent}.
     *
     * @param perSecond the weight of one second of end-to-end latency, finite and not negative
     * @param perByte the weight of one byte sent, finite and not negative
     */
    public Objective(double perSecond, double perByte) {
        this(perSecond, perByte, List.of());
    }

    /**
     * Returns a weighted objective: {@code perSecond × seconds + perMegabyte × MB sent} (MB = 10^6 bytes).
     *
     * @param perSecond the weight of one second of latency
     * @param perMegabyte the weight of one MB sent
     * @return the objective
     */
    public static Objective weighted(double perSecond, double perMegabyte) {
        return new Objective(perSecond, perMegabyte / 1e6);
    }

    /**
     * Returns minimum energy of a tier: the joules the plan costs the tier's resources that take part in it.
     *
     * @param tier the tier, e.g. {@code DEVICE}
     * @return the objective
     */
    public static Objective energy(Tier tier) {
        return energy(Target.tier(tier));
    }

    /**
     * Returns minimum energy of one resource.
     *
     * @param resource the resource's name
     * @return the objective
     */
    public static Objective energy(String resource) {
        return energy(Target.resource(resource));
    }

    /**
     * Returns minimum energy of a target (a tier or a resource).
     *
     * @param target the target
     * @return the objective
     */
    public static Objective energy(Target target) {
        return new Objective(0.0, 0.0, List.of(new EnergyWeight(target, 1.0)));
    }

    /**
     * Returns a copy that also weighs the energy of a tier, e.g. a latency/energy trade-off
     * {@code Objective.LATENCY.plusEnergy(0.5, DEVICE)}: 1 per second plus 0.5 per joule of the device.
     *
     * @param perJoule the weight of one joule, finite and positive
     * @param tier the tier
     * @return the objective
     * @throws IllegalArgumentException if the weight is not finite and positive, or the tier has a term already
     */
    public Objective plusEnergy(double perJoule, Tier tier) {
        return plusEnergy(perJoule, Target.tier(tier));
    }

    /**
     * Returns a copy that also weighs the energy of one resource.
     *
     * @param perJoule the weight of one joule, finite and positive
     * @param resource the resource's name
     * @return the objective
     * @throws IllegalArgumentException if the weight is not finite and positive, or the resource has a term already
     */
    public Objective plusEnergy(double perJoule, String resource) {
        return plusEnergy(perJoule, Target.resource(resource));
    }

    /**
     * Returns a copy that also weighs the energy of a target.
     *
     * @param perJoule the weight of one joule, finite and positive
     * @param target the tier or resource
     * @return the objective
     * @throws IllegalArgumentException if the weight is not finite and positive, or the target has a term already
     */
    public Objective plusEnergy(double perJoule, Target target) {
        List<EnergyWeight> more = new ArrayList<>(energy);
        more.add(new EnergyWeight(target, perJoule));
        return new Objective(perSecond, perByte, more);
    }

    /**
     * Returns true if the objective weighs energy.
     *
     * @return whether it has energy terms
     */
    public boolean hasEnergy() {
        return !energy.isEmpty();
    }

    /**
     * Returns the score of a plan with the given latency and bytes, for an objective without energy terms.
     *
     * @param latencySeconds end-to-end latency
     * @param bytesSent bytes sent
     * @return the score
     * @throws IllegalStateException if the objective has energy terms (use {@link #score(PartitionConfig)})
     */
    public double score(double latencySeconds, long bytesSent) {
        if (hasEnergy()) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "The objective %s weighs energy, which latency and bytes alone do not give.%n"
                            + "Maybe call score(plan).", toParsable()));
        }
        if (perByte == 0) {
            return perSecond == 1.0 ? latencySeconds : perSecond * latencySeconds;
        }
        if (perSecond == 0) {
            return perByte == 1.0 ? (double) bytesSent : perByte * bytesSent;
        }
        return perSecond * latencySeconds + perByte * bytesSent;
    }

    /**
     * Returns the score of a plan: {@code perSecond × latency + perByte × bytes}, then plus each energy term's
     * {@code perJoule × plan.energyJoules(target)} in order, added left to right.
     *
     * @param plan the plan (its own score is not read)
     * @return the score
     * @throws IllegalArgumentException if a resource whose energy counts has no power figures
     */
    public double score(PartitionConfig plan) {
        if (!hasEnergy()) {
            return score(plan.latencySeconds(), plan.bytesSent());
        }
        double score = perSecond * plan.latencySeconds() + perByte * plan.bytesSent();
        for (EnergyWeight w : energy) {
            score += w.perJoule() * plan.energyJoules(w.target());
        }
        return score;
    }

    /**
     * Returns the objective as written in a query string: {@code LATENCY}, {@code TRANSFER},
     * {@code energy(DEVICE)} or {@code weights(perSecond, perByte, energy(TARGET, perJoule)...)}.
     *
     * @return text
     */
    public String toParsable() {
        if (equals(LATENCY)) {
            return "LATENCY";
        }
        if (equals(TRANSFER)) {
            return "TRANSFER";
        }
        if (perSecond == 0 && perByte == 0 && energy.size() == 1 && energy.get(0).perJoule() == 1.0) {
            return "energy(" + energy.get(0).target().toParsable() + ")";
        }
        StringBuilder sb = new StringBuilder("weights(").append(QueryText.number(perSecond)).append(", ")
                .append(QueryText.number(perByte));
        for (EnergyWeight w : energy) {
            sb.append(", ").append(w.toParsable());
        }
        return sb.append(')').toString();
    }

    @Override
    public String toString() {
        return toParsable();
    }

    /**
     * Record equality, written out: the weights compared as {@link Double#compare} compares them, then the energy
     * terms. A record's generated {@code equals} and {@code hashCode} are linked at their first call, which cost
     * {@code scission plan} about 20 ms at start (it asks whether the objective is {@link #LATENCY}).
     *
     * @param other the other object
     * @return whether both are objectives with the same weights and energy terms
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof Objective o && Double.compare(perSecond, o.perSecond) == 0
                && Double.compare(perByte, o.perByte) == 0 && energy.equals(o.energy);
    }

    /**
     * Returns the hash code a record's generated method computes from the same components.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return (31 * Double.hashCode(perSecond) + Double.hashCode(perByte)) * 31 + energy.hashCode();
    }
}
