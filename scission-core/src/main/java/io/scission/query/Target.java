package io.scission.query;

import io.scission.platform.Resource;
import io.scission.platform.Tier;

/**
 * What a constraint is about: every resource of a tier, or one resource by name.
 */
public sealed interface Target permits TierTarget, ResourceTarget {

    /**
     * Returns a target matching every resource of a tier.
     *
     * @param tier the tier
     * @return the target
     */
    static Target tier(Tier tier) {
        return new TierTarget(tier);
    }

    /**
     * Returns a target matching one resource.
     *
     * @param name the resource's name
     * @return the target
     */
    static Target resource(String name) {
        return new ResourceTarget(name);
    }

    /**
     * Returns true if the resource is targeted.
     *
     * @param resource the resource
     * @return whether it matches
     */
    boolean matches(Resource resource);

    /**
     * Returns the target as it is written in a query string: {@code EDGE} or {@code "raspi4"}.
     *
     * @return text
     */
    String toParsable();
}
