package io.scission.query;

import static java.util.Objects.requireNonNull;

import io.scission.PartitionConfig;
import io.scission.Segment;
import io.scission.platform.Tier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

/**
 * On the tier, only the named resources may run blocks; the tier need not be used.
 *
 * @param tier the tier
 * @param resources the allowed resources, at least one, no duplicates
 */
public record Include(Tier tier, List<String> resources) implements Constraint {

    /**
     * Validates the constraint.
     *
     * @param tier the tier
     * @param resources the allowed resources, at least one, no duplicates
     * @throws IllegalArgumentException if the list is empty or has duplicates
     */
    public Include {
        requireNonNull(tier, "tier");
        resources = List.copyOf(requireNonNull(resources, "resources"));
        if (resources.isEmpty() || new HashSet<>(resources).size() != resources.size()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The resources (%s) of include(%s) must be at least one, without duplicates.", resources, tier));
        }
    }

    @Override
    public boolean isSatisfiedBy(PartitionConfig plan) {
        for (Segment s : plan.segments()) {
            if (s.resource().tier().equals(tier) && !resources.contains(s.resource().name())) {
                return false;
            }
        }
        return true;
    }

    /** Returns the tier, then each allowed resource by name. */
    @Override
    public List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        targets.add(Target.tier(tier));
        for (String name : resources) {
            targets.add(Target.resource(name));
        }
        return List.copyOf(targets);
    }

    @Override
    public String id() {
        return "include(" + new TierTarget(tier).toParsable() + ")";
    }

    @Override
    public String toParsable() {
        return "include(" + new TierTarget(tier).toParsable() + ", " + QueryText.quoteAll(resources) + ")";
    }

    @Override
    public String describe() {
        return "on " + tier + " only " + resources + " may run blocks";
    }

    @Override
    public String toString() {
        return toParsable();
    }
}
