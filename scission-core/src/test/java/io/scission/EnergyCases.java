package io.scission;

import io.scission.platform.Network;
import io.scission.platform.Power;
import io.scission.platform.Resource;
import io.scission.platform.Tier;
import io.scission.profile.ProfileSet;
import io.scission.query.EnergyWeight;
import io.scission.query.MaxEnergy;
import io.scission.query.Objective;
import io.scission.query.Target;
import io.scission.search.SearchStrategy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The seeded instances of the energy suites: the shapes of the other seeded suites (small, paper-sized,
 * stress-shaped, wide, fleets of more than 64 resources) with random power figures on every profiled resource and
 * an energy objective, a latency/energy objective and/or a {@code maxEnergy} constraint on a random tier or
 * resource. A quarter of the instances give every resource zero idle watts (where branch and bound prices energy
 * exactly and keeps dominance pruning), a quarter only the device tier, a quarter any, and a quarter make waiting
 * dearer than computing (where the optimistic prices are furthest from exact); a quarter use whole watts so that
 * plans tie.
 */
public final class EnergyCases {

    private EnergyCases() {
    }

    /**
     * An instance.
     *
     * @param profiles the profiles, every resource with power figures
     * @param network the network
     * @param query the query
     */
    public record Case(ProfileSet profiles, Network network, Query query) {
    }

    /** Small: up to 7 resources in up to 5 tiers. */
    public static Case small(SplittableRandom rnd) {
        SearchEquivalenceTest.Case c = SearchEquivalenceTest.randomCase(rnd, false);
        return withEnergy(rnd, c.profiles(), c.network(), c.query());
    }

    /** Paper-sized: 1 device, 2 edges, 2 clouds, 20-40 blocks. */
    public static Case paper(SplittableRandom rnd) {
        SearchEquivalenceTest.Case c = SearchEquivalenceTest.randomCase(rnd, true);
        return withEnergy(rnd, c.profiles(), c.network(), c.query());
    }

    /** Stress-shaped: six tiers of 2-3 resources under a transfer cap and a deadline. */
    public static Case stress(SplittableRandom rnd) {
        SearchEquivalenceTest.Case c = SearchEquivalenceTest.stressCase(rnd);
        return withEnergy(rnd, c.profiles(), c.network(), c.query());
    }

    /** Wide: one device and 12-16 edges and clouds each, 30-40 blocks. */
    public static Case wide(SplittableRandom rnd) {
        SearchEquivalenceTest.Case c = SearchEquivalenceTest.wideCase(rnd);
        return withEnergy(rnd, c.profiles(), c.network(), c.query());
    }

    /** A fleet of 65-200 resources, sources of every kind. */
    public static Case fleet(SplittableRandom rnd) {
        Fleets.Fleet f = Fleets.random(rnd);
        return withEnergy(rnd, f.profiles(), f.network(), f.query());
    }

    private static Case withEnergy(SplittableRandom rnd, ProfileSet plain, Network network, Query query) {
        int idleMode = rnd.nextInt(4);
        boolean whole = rnd.nextInt(4) == 0;
        ProfileSet profiles = plain;
        for (Resource r : plain.resources()) {
            // idle-heavy (mode 3): waiting costs more than computing, where optimistic prices are far from exact
            double idle = idleMode == 0 || idleMode == 1 && !r.tier().equals(Tier.DEVICE) ? 0
                    : watts(rnd, whole, idleMode == 3 ? 10 : 2);
            double receive = rnd.nextBoolean() ? idle : watts(rnd, whole, 2);
            profiles = profiles.withPower(r.name(), new Power(watts(rnd, whole, idleMode == 3 ? 1 : 8),
                    watts(rnd, whole, 3), receive, idle));
        }
        // an unprofiled camera has no power figures: target nothing that matches it
        Resource camera = query.sourceResource().orElse(null);
        List<Target> targets = new ArrayList<>();
        Set<Tier> tiers = new LinkedHashSet<>();
        for (Resource r : profiles.resources()) {
            tiers.add(r.tier());
        }
        for (Tier t : tiers) {
            if (camera == null || !camera.tier().equals(t)) {
                targets.add(Target.tier(t));
            }
        }
        for (Resource r : profiles.resources()) {
            targets.add(Target.resource(r.name()));
        }
        Query q = query;
        boolean objectiveSet = q.toParsableString().contains("minimize(");
        boolean constraint = objectiveSet || rnd.nextBoolean();
        if (!objectiveSet) {
            Target t = pick(rnd, targets);
            switch (rnd.nextInt(3)) {
                case 0:
                    q = q.minimize(Objective.energy(t));
                    break;
                case 1:
                    q = q.minimize(new Objective(rnd.nextInt(3), rnd.nextBoolean() ? 0 : rnd.nextDouble() * 1e-6,
                            List.of(new EnergyWeight(t, whole ? 1 + rnd.nextInt(3) : 0.01 + rnd.nextDouble()))));
                    break;
                default:
                    Target u = pick(rnd, targets);
                    Objective o = Objective.LATENCY.plusEnergy(0.01 + rnd.nextDouble(), t);
                    q = q.minimize(u.equals(t) ? o : o.plusEnergy(0.01 + rnd.nextDouble(), u));
                    break;
            }
        }
        if (constraint) {
            Target t = pick(rnd, targets);
            double limit = rnd.nextDouble() * 5;
            List<PartitionConfig> best = q.strategy(SearchStrategy.EXHAUSTIVE).solve(profiles, network).plans();
            if (!best.isEmpty() && rnd.nextInt(4) > 0) {
                // near the best plan's energy, so that the limit often binds
                limit = best.get(0).energyJoules(t) * (0.5 + rnd.nextDouble());
            }
            try {
                q = q.constraint(new MaxEnergy(t, limit));
            } catch (IllegalStateException repeated) {
                // skip: the query builder rejects a second limit on one target by design
            }
        }
        return new Case(profiles, network, q);
    }

    private static double watts(SplittableRandom rnd, boolean whole, double most) {
        return whole ? rnd.nextInt((int) most + 1) : rnd.nextDouble() * most;
    }

    private static Target pick(SplittableRandom rnd, List<Target> targets) {
        return targets.get(rnd.nextInt(targets.size()));
    }
}
