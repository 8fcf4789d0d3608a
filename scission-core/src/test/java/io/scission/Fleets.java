package io.scission;

import io.scission.model.BlockLayout;
import io.scission.platform.DataRate;
import io.scission.platform.Link;
import io.scission.platform.Network;
import io.scission.platform.Resource;
import io.scission.platform.Tier;
import io.scission.platform.TierLink;
import io.scission.profile.ProfileSet;
import io.scission.query.Constraint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Random fleets of more than 64 resources for the seeded suites (shared with the search's own tests). */
public final class Fleets {

    private Fleets() {
    }

    /**
     * A fleet and a query.
     *
     * @param profiles the profiles
     * @param network the network
     * @param query the query
     */
    public record Fleet(ProfileSet profiles, Network network, Query query) {
    }

    /**
     * A platform of 65-200 resources, as a fleet: 2-3 devices, sometimes a sensor tier below them (negative rank)
     * and a fog tier between device and edge, and the rest on the edge, fog and cloud tiers, each tier with at least
     * two resources; 2 blocks (3 below 100 resources) so that the reference can list every plan; two or three
     * resources per tier allowed; a default, a profiled, an edge or an unprofiled camera source.
     */
    public static Fleet random(SplittableRandom rnd) {
        List<Tier> tiers = new ArrayList<>(List.of(Tier.DEVICE, Tier.EDGE, Tier.CLOUD));
        if (rnd.nextBoolean()) {
            tiers.add(0, Tier.of("sensor", -50));
        }
        if (rnd.nextBoolean()) {
            tiers.add(tiers.indexOf(Tier.EDGE), Tier.of("fog", 50));
        }
        int total = 65 + rnd.nextInt(136);
        List<Resource> resources = new ArrayList<>();
        List<Tier> servers = tiers.subList(tiers.indexOf(Tier.DEVICE) + 1, tiers.size());
        for (int i = 0; i < total; i++) {
            // two of every tier, then a third device now and then, and the rest on the servers' tiers
            Tier t = i < 2 * tiers.size() ? tiers.get(i % tiers.size()) : i == 2 * tiers.size() && rnd.nextBoolean()
                    ? Tier.DEVICE : servers.get(rnd.nextInt(servers.size()));
            resources.add(Resource.of(t.name().charAt(0) + Integer.toString(i), t));
        }
        int blocks = total < 100 ? 3 : 2;
        boolean ties = rnd.nextInt(3) == 0;
        int[] layers = new int[blocks];
        long[] out = new long[blocks];
        for (int b = 0; b < blocks; b++) {
            layers[b] = 1 + rnd.nextInt(3);
            out[b] = ties ? 1000L * rnd.nextInt(3) : 1 + rnd.nextInt(2_000_000);
        }
        BlockLayout layout = Fixtures.layout("wide", layers, out, ties ? 150_000 : 1 + rnd.nextInt(1_000_000));
        double[][] seconds = new double[total][blocks];
        for (int r = 0; r < total; r++) {
            double speed = Math.pow(3, tiers.indexOf(resources.get(r).tier())) * (0.5 + rnd.nextDouble());
            for (int b = 0; b < blocks; b++) {
                seconds[r][b] = ties ? 0.01 * rnd.nextInt(3) : rnd.nextDouble() * 0.2 / speed;
            }
        }
        ProfileSet profiles = Fixtures.profiles(layout, resources, seconds);
        Network.Builder net = Network.builder();
        for (Tier a : tiers) {
            for (Tier b : tiers) {
                net.tierLink(new TierLink(a, b, ties ? 0.01 : rnd.nextDouble() * 0.05,
                        DataRate.mbps(ties ? 20 : 1 + rnd.nextDouble() * 100)));
            }
        }
        for (int i = 0; i < total / 4; i++) {
            Resource a = resources.get(rnd.nextInt(total));
            Resource b = resources.get(rnd.nextInt(total));
            if (!a.equals(b)) {
                net.replace(Link.of(a.name(), b.name(), Duration.ofMillis(rnd.nextInt(30)),
                        DataRate.mbps(1 + rnd.nextDouble() * 200)));
            }
        }
        Query q = Scission.query();
        switch (rnd.nextInt(5)) {
            case 0:
                q = q.source(resources.get(rnd.nextInt(total)).name());
                break;
            case 1:
                q = q.source(Resource.of("camera", tiers.get(rnd.nextInt(tiers.size()))));
                break;
            case 2:
                q = q.source(resources.stream().filter(r -> r.tier().equals(Tier.EDGE)).findFirst().orElseThrow()
                        .name());
                break;
            default:
                break;
        }
        int constraints = rnd.nextInt(3);
        for (int i = 0; i < constraints; i++) {
            Constraint c = SearchEquivalenceTest.randomConstraint(rnd, resources, tiers, layout);
            try {
                q = q.constraint(c);
            } catch (IllegalStateException contradiction) {
                // skip: the query builder rejects repeated or contradictory constraints by design
            }
        }
        q = RandomObjectives.apply(q, rnd, 4);
        if (rnd.nextInt(5) == 0) {
            q = q.returnResult();
        }
        q = q.maxResourcesPerTier(rnd.nextInt(4) == 0 ? 3 : 2);
        ProfileSet costed = Fixtures.withRandomCopyCosts(Fixtures.withRandomHopCosts(profiles, rnd, false), rnd, false);
        RandomMemory.WithMemory m = RandomMemory.apply(costed, q, tiers);
        return new Fleet(m.profiles(), net.build(), m.query().top(1 + rnd.nextInt(8)));
    }

}
