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
}
