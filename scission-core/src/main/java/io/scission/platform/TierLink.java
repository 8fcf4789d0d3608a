package io.scission.platform;

import static java.util.Objects.requireNonNull;

/**
 * The default link between any resource of one tier and any resource of another, used where no resource-level
 * {@link Link} is given.
 *
 * @param from the sending tier
 * @param to the receiving tier
 * @param latencySeconds the one-way latency in seconds, finite and not negative
 * @param bandwidth the bandwidth
 */
public record TierLink(Tier from, Tier to, double latencySeconds, DataRate bandwidth) {

    /**
     * Validates the link.
     *
     * @param from the sending tier
     * @param to the receiving tier
     * @param latencySeconds the one-way latency in seconds, finite and not negative
     * @param bandwidth the bandwidth
     * @throws IllegalArgumentException if the latency is NaN, infinite or negative
     */
    public TierLink {
        requireNonNull(from, "from");
        requireNonNull(to, "to");
        requireNonNull(bandwidth, "bandwidth");
        Link.checkLatency(latencySeconds, from + " -> " + to);
    }

    /**
     * Returns this tier default as a link between two concrete resources.
     *
     * @param fromResource the sending resource's name
     * @param toResource the receiving resource's name
     * @return the link
     */
    public Link between(String fromResource, String toResource) {
        return new Link(fromResource, toResource, latencySeconds, bandwidth);
    }
}
