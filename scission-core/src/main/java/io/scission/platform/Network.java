package io.scission.platform;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The links between resources: resource-level links first, then tier-level defaults. Immutable; build one with
 * {@link #builder()} or {@link #preset(NetworkPreset)}, and derive changed copies with {@link #toBuilder()}.
 *
 * <p>Links are directed. A plan that needs a hop for which neither a resource link nor a tier default exists is
 * rejected with an error that names the two resources.
 */
public final class Network {

    private final Map<List<String>, Link> links;
    private final Map<List<Tier>, TierLink> tierLinks;
    /** Links by source, then destination (written out: a lambda or method reference is linked at its first call, milliseconds at every CLI start). */
    private static final Comparator<Link> LINK_ORDER = new Comparator<>() {
        @Override
        public int compare(Link a, Link b) {
            int c = a.from().compareTo(b.from());
            return c != 0 ? c : a.to().compareTo(b.to());
        }
    };

    /** Tier links by source tier, then destination tier (written out as {@link #LINK_ORDER}). */
    private static final Comparator<TierLink> TIER_LINK_ORDER = new Comparator<>() {
        @Override
        public int compare(TierLink a, TierLink b) {
            int c = a.from().compareTo(b.from());
            return c != 0 ? c : a.to().compareTo(b.to());
        }
    };

    /** The links sorted once: callers such as plan maps list them per link, hundreds of times. */
    private final List<Link> sortedLinks;

    private Network(Map<List<String>, Link> links, Map<List<Tier>, TierLink> tierLinks) {
        this.links = Map.copyOf(links);
        this.tierLinks = Map.copyOf(tierLinks);
        List<Link> sorted = new ArrayList<>(links.values());
        sorted.sort(LINK_ORDER);
        this.sortedLinks = List.copyOf(sorted);
    }

    /**
     * Returns a builder for an empty network.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the paper's network for the given uplink: device→edge and device→cloud use the preset, edge→cloud
     * uses 25 ms and 50 Mbps.
     *
     * @param preset the device uplink
     * @return the network
     */
    public static Network preset(NetworkPreset preset) {
        requireNonNull(preset, "preset");
        return builder().preset(preset).build();
    }

    /**
     * Returns a builder holding this network's links, for deriving a changed copy.
     *
     * @return the builder
     */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.links.putAll(links);
        builder.tierLinks.putAll(tierLinks);
        return builder;
    }

    /**
     * Returns the link used from one resource to another: the resource-level link if given, else the tier default.
     *
     * @param from the sender
     * @param to the receiver
     * @return the link, or empty if the network has none
     */
    public Optional<Link> link(Resource from, Resource to) {
        requireNonNull(from, "from");
        requireNonNull(to, "to");
        Link direct = links.get(List.of(from.name(), to.name()));
        if (direct != null) {
            return Optional.of(direct);
        }
        TierLink byTier = tierLinks.get(List.of(from.tier(), to.tier()));
        return byTier == null || from.name().equals(to.name())
                ? Optional.empty()
                : Optional.of(byTier.between(from.name(), to.name()));
    }

    /**
     * Returns the resource-level links, sorted by sender then receiver.
     *
     * @return the links
     */
    public List<Link> links() {
        return sortedLinks;
    }

    /**
     * Returns the tier-level defaults, sorted by sending then receiving tier.
     *
     * @return the tier links
     */
    public List<TierLink> tierLinks() {
        List<TierLink> sorted = new ArrayList<>(tierLinks.values());
        sorted.sort(TIER_LINK_ORDER);
        return List.copyOf(sorted);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Network other && links.equals(other.links) && tierLinks.equals(other.tierLinks);
    }

    @Override
    public int hashCode() {
        return links.hashCode() * 31 + tierLinks.hashCode();
    }

    @Override
    public String toString() {
        return "Network{links=" + links() + ", tierLinks=" + tierLinks() + "}";
    }

    /** Builds a {@link Network}. Setting the same link twice fails; use {@link #replace} to change one. */
    public static final class Builder {
        private final Map<List<String>, Link> links = new LinkedHashMap<>();
        private final Map<List<Tier>, TierLink> tierLinks = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Adds a directed resource-level link.
         *
         * @param link the link
         * @return this builder
         * @throws IllegalStateException if a link between the same resources in the same direction exists
         */
        public Builder link(Link link) {
            requireNonNull(link, "link");
            Link old = links.putIfAbsent(List.of(link.from(), link.to()), link);
            if (old != null) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "The link %s -> %s is already set (%s).%nMaybe use replace(...) to change it.",
                        link.from(), link.to(), describe(old.latencySeconds(), old.bandwidth())));
            }
            return this;
        }

        /**
         * Adds a directed resource-level link.
         *
         * @param from the sender's name
         * @param to the receiver's name
         * @param latency the one-way latency
         * @param bandwidth the bandwidth
         * @return this builder
         */
        public Builder link(String from, String to, Duration latency, DataRate bandwidth) {
            return link(Link.of(from, to, latency, bandwidth));
        }

        /**
         * Adds a directed tier-level default link.
         *
         * @param link the link
         * @return this builder
         * @throws IllegalStateException if a default for the same tiers in the same direction exists
         */
        public Builder tierLink(TierLink link) {
            requireNonNull(link, "link");
            TierLink old = tierLinks.putIfAbsent(List.of(link.from(), link.to()), link);
            if (old != null) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "The tier link %s -> %s is already set (%s).%nMaybe use replace(...) to change it.",
                        link.from(), link.to(), describe(old.latencySeconds(), old.bandwidth())));
            }
            return this;
        }

        /**
         * Adds a directed tier-level default link.
         *
         * @param from the sending tier
         * @param to the receiving tier
         * @param latency the one-way latency
         * @param bandwidth the bandwidth
         * @return this builder
         */
        public Builder tierLink(Tier from, Tier to, Duration latency, DataRate bandwidth) {
            requireNonNull(latency, "latency");
            return tierLink(new TierLink(from, to, latency.toNanos() / 1e9, bandwidth));
        }

        /**
         * Adds the tier defaults of a paper preset: device→edge and device→cloud from the preset, edge→cloud 25 ms
         * and 50 Mbps. The paper gives upload figures only, so the reverse links (used only when a query returns
         * the result to the source) mirror them.
         *
         * @param preset the device uplink
         * @return this builder
         */
        public Builder preset(NetworkPreset preset) {
            requireNonNull(preset, "preset");
            tierLink(new TierLink(Tier.DEVICE, Tier.EDGE, preset.deviceLatencySeconds(), preset.deviceBandwidth()));
            tierLink(new TierLink(Tier.DEVICE, Tier.CLOUD, preset.deviceLatencySeconds(), preset.deviceBandwidth()));
            tierLink(new TierLink(Tier.EDGE, Tier.CLOUD, NetworkPreset.EDGE_CLOUD_LATENCY_SECONDS,
                    DataRate.mbps(NetworkPreset.EDGE_CLOUD_MBPS)));
            // The paper gives upload figures only; downlinks (used only by returnResult()) mirror them.
            tierLink(new TierLink(Tier.EDGE, Tier.DEVICE, preset.deviceLatencySeconds(), preset.deviceBandwidth()));
            tierLink(new TierLink(Tier.CLOUD, Tier.DEVICE, preset.deviceLatencySeconds(), preset.deviceBandwidth()));
            tierLink(new TierLink(Tier.CLOUD, Tier.EDGE, NetworkPreset.EDGE_CLOUD_LATENCY_SECONDS,
                    DataRate.mbps(NetworkPreset.EDGE_CLOUD_MBPS)));
            return this;
        }

        /**
         * Sets or replaces a resource-level link, e.g. after a bandwidth change.
         *
         * @param link the new link
         * @return this builder
         */
        public Builder replace(Link link) {
            requireNonNull(link, "link");
            links.put(List.of(link.from(), link.to()), link);
            return this;
        }

        /**
         * Sets or replaces a tier-level default link.
         *
         * @param link the new link
         * @return this builder
         */
        public Builder replace(TierLink link) {
            requireNonNull(link, "link");
            tierLinks.put(List.of(link.from(), link.to()), link);
            return this;
        }

        /**
         * Returns the network.
         *
         * @return the network
         */
        public Network build() {
            return new Network(links, tierLinks);
        }

        private static String describe(double latencySeconds, DataRate bandwidth) {
            return String.format(Locale.ROOT, "%s ms, %s", latencySeconds * 1000, bandwidth);
        }
    }
}
