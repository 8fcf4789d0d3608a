package io.scission.query;

import static java.util.Objects.requireNonNull;

import io.scission.platform.Resource;
import io.scission.platform.Tier;
import java.util.Locale;

/**
 * Targets every resource of a tier.
 *
 * @param tier the tier
 */
public record TierTarget(Tier tier) implements Target {

    /**
     * Validates the target.
     *
     * @param tier the tier
     */
    public TierTarget {
        requireNonNull(tier, "tier");
    }

    @Override
    public boolean matches(Resource resource) {
        return resource.tier().equals(tier);
    }

    @Override
    public String toParsable() {
        return tier.isStandard()
                ? tier.name().toUpperCase(Locale.ROOT)
                : "tier(\"" + tier.name() + "\", " + tier.rank() + ")";
    }

    @Override
    public String toString() {
        return toParsable();
    }

    /**
     * Record equality, written out. A record's generated {@code equals} and {@code hashCode} are linked at their
     * first call (about a dozen method-handle classes generated at run time), which cost {@code scission predict}
     * milliseconds at start: it compares targets when it adds constraints.
     *
     * @param other the other object
     * @return whether both are {@code TierTarget}s with equal tiers
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof TierTarget o && tier.equals(o.tier);
    }

    /**
     * Returns the hash code a record's generated method computes from the same component.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return tier.hashCode();
    }
}
