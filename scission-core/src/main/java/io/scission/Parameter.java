package io.scission;

import static java.util.Objects.requireNonNull;

import io.scission.platform.DataRate;
import io.scission.platform.Link;
import io.scission.platform.Network;
import io.scission.platform.Resource;
import io.scission.platform.Tier;
import io.scission.platform.TierLink;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One network figure that a {@link PlanMap} varies: the bandwidth or the latency of one directed link (a tier
 * default or a resource-level link), the bandwidth of every device uplink, or a factor on it. Values are given in
 * the parameter's {@link #unit()}: Mbps (10^6 bit/s) for a bandwidth, seconds for a latency, a plain number for the
 * factor.
 *
 * <p>For a fixed plan, end-to-end latency is affine in {@code 1/bandwidth}, in the latency, and in
 * {@code 1/factor}: each hop over a varied link costs {@code latency + bytes / bandwidth}. {@link #line(double)}
 * maps a value to that variable.
 */
public final class Parameter {

    /** What a parameter varies. */
    enum Kind {
        BANDWIDTH, LATENCY, UPLINK_FACTOR, UPLINK_BANDWIDTH
    }

    private final Kind kind;
    private final @Nullable Tier fromTier;
    private final @Nullable Tier toTier;
    private final @Nullable String fromResource;
    private final @Nullable String toResource;

    private Parameter(Kind kind, @Nullable Tier fromTier, @Nullable Tier toTier, @Nullable String fromResource,
            @Nullable String toResource) {
        this.kind = kind;
        this.fromTier = fromTier;
        this.toTier = toTier;
        this.fromResource = fromResource;
        this.toResource = toResource;
    }

    /**
     * The bandwidth of the tier default link from one tier to another, in Mbps. Resource-level links between
     * resources of these tiers keep their own figures.
     *
     * @param from the sending tier
     * @param to the receiving tier
     * @return the parameter
     */
    public static Parameter bandwidth(Tier from, Tier to) {
        return new Parameter(Kind.BANDWIDTH, requireNonNull(from, "from"), requireNonNull(to, "to"), null, null);
    }

    /**
     * The bandwidth of the resource-level link from one resource to another, in Mbps.
     *
     * @param from the sender's name
     * @param to the receiver's name
     * @return the parameter
     */
    public static Parameter bandwidth(String from, String to) {
        return new Parameter(Kind.BANDWIDTH, null, null, requireNonNull(from, "from"), requireNonNull(to, "to"));
    }

    /**
     * The latency of the tier default link from one tier to another, in seconds.
     *
     * @param from the sending tier
     * @param to the receiving tier
     * @return the parameter
     */
    public static Parameter latency(Tier from, Tier to) {
        return new Parameter(Kind.LATENCY, requireNonNull(from, "from"), requireNonNull(to, "to"), null, null);
    }

    /**
     * The latency of the resource-level link from one resource to another, in seconds.
     *
     * @param from the sender's name
     * @param to the receiver's name
     * @return the parameter
     */
    public static Parameter latency(String from, String to) {
        return new Parameter(Kind.LATENCY, null, null, requireNonNull(from, "from"), requireNonNull(to, "to"));
    }

    /**
     * A factor on the bandwidth of every device uplink: every link (resource-level or tier default) from a
     * device-tier resource to a resource of another tier has its bandwidth multiplied by the value (1 = the
     * network as given, 0.5 = half the bandwidth).
     *
     * @return the parameter
     */
    public static Parameter uplinkFactor() {
        return new Parameter(Kind.UPLINK_FACTOR, null, null, null, null);
    }

    /**
     * The bandwidth of every device uplink, in Mbps: every link (resource-level or tier default) from a device-tier
     * resource to a resource of another tier gets this bandwidth, each keeping its latency. This is a device whose
     * one radio link carries everything it sends, e.g. a drone's uplink as it flies.
     *
     * @return the parameter
     */
    public static Parameter uplinkBandwidth() {
        return new Parameter(Kind.UPLINK_BANDWIDTH, null, null, null, null);
    }

    /**
     * Returns the unit of this parameter's values.
     *
     * @return "Mbps", "s" or "x"
     */
    public String unit() {
        return switch (kind) {
            case BANDWIDTH, UPLINK_BANDWIDTH -> "Mbps";
            case LATENCY -> "s";
            case UPLINK_FACTOR -> "x";
        };
    }

    Kind kind() {
        return kind;
    }

    /**
     * Returns the variable in which a plan's latency is affine: {@code 1/value} for a bandwidth or a factor, the
     * value for a latency.
     */
    double line(double value) {
        return kind == Kind.LATENCY ? value : 1.0 / value;
    }

    /** The inverse of {@link #line(double)}. */
    double value(double line) {
        return kind == Kind.LATENCY ? line : 1.0 / line;
    }

    /**
     * Fails unless the range is valid for this parameter: finite, {@code from < to}, bandwidths and factors
     * positive, latencies not negative.
     */
    void checkRange(double from, double to) {
        boolean ok = Double.isFinite(from) && Double.isFinite(to) && from < to
                && (kind == Kind.LATENCY ? from >= 0 : from > 0);
        if (!ok) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The range (%s..%s %s) of mapOver(%s) must be finite with from < to, %s.%n"
                            + "Maybe swap the bounds or check the unit.", from, to, unit(), this,
                    kind == Kind.LATENCY ? "and from not negative" : "and from greater than zero"));
        }
    }

    /**
     * Returns the link that the network uses from one resource to another when this parameter takes a value. It
     * is the base network's link, with the varied figure replaced when this parameter governs that link.
     */
    Optional<Link> linkAt(Network base, Resource from, Resource to, double value) {
        Optional<Link> link = base.link(from, to);
        if (link.isEmpty() || !varies(base, from, to)) {
            return link;
        }
        return Optional.of(change(link.get(), value));
    }

    /** True if this parameter governs the link the network uses from one resource to another. */
    boolean varies(Network base, Resource from, Resource to) {
        return varies(directLinks(base), from, to);
    }

    /** The sender and receiver names of the network's resource-level links. */
    static Set<List<String>> directLinks(Network base) {
        Set<List<String>> direct = new HashSet<>();
        for (Link l : base.links()) {
            direct.add(List.of(l.from(), l.to()));
        }
        return direct;
    }

    /** {@link #varies(Network, Resource, Resource)} with the network's {@link #directLinks} listed once. */
    boolean varies(Set<List<String>> directLinks, Resource from, Resource to) {
        if (from.name().equals(to.name())) {
            return false;
        }
        boolean direct = directLinks.contains(List.of(from.name(), to.name()));
        return switch (kind) {
            case UPLINK_FACTOR, UPLINK_BANDWIDTH -> from.tier().equals(Tier.DEVICE)
                    && !to.tier().equals(Tier.DEVICE);
            case BANDWIDTH, LATENCY -> fromTier != null
                    ? !direct && from.tier().equals(fromTier) && to.tier().equals(toTier)
                    : direct && from.name().equals(fromResource) && to.name().equals(toResource);
        };
    }

    /**
     * Returns the network with this parameter set to a value.
     *
     * @param base the network
     * @param resources the resources, to tell device uplinks among the resource-level links
     * @param value the value in {@link #unit()}
     * @throws IllegalArgumentException if the network lacks the varied link
     */
    Network apply(Network base, Map<String, Resource> resources, double value) {
        Network.Builder b = base.toBuilder();
        switch (kind) {
            case UPLINK_FACTOR, UPLINK_BANDWIDTH -> {
                Set<List<String>> direct = directLinks(base);
                for (Link l : base.links()) {
                    Resource from = resources.get(l.from());
                    Resource to = resources.get(l.to());
                    if (from != null && to != null && varies(direct, from, to)) {
                        b.replace(change(l, value));
                    }
                }
                for (TierLink t : base.tierLinks()) {
                    if (t.from().equals(Tier.DEVICE) && !t.to().equals(Tier.DEVICE)) {
                        b.replace(new TierLink(t.from(), t.to(), t.latencySeconds(),
                                kind == Kind.UPLINK_BANDWIDTH ? DataRate.mbps(value)
                                        : new DataRate(t.bandwidth().bytesPerSecond() * value)));
                    }
                }
            }
            case BANDWIDTH, LATENCY -> {
                if (fromTier != null) {
                    TierLink t = tierLink(base);
                    Link changed = change(t.between("a", "b"), value);
                    b.replace(new TierLink(t.from(), t.to(), changed.latencySeconds(), changed.bandwidth()));
                } else {
                    b.replace(change(resourceLink(base), value));
                }
            }
        }
        return b.build();
    }

    /** Fails unless the network holds the link this parameter varies. */
    void checkNetwork(Network base) {
        if (kind != Kind.UPLINK_FACTOR && kind != Kind.UPLINK_BANDWIDTH) {
            if (fromTier != null) {
                tierLink(base);
            } else {
                resourceLink(base);
            }
        }
    }

    /** The link with this parameter's figure set to the value (the one place the figure is computed). */
    Link change(Link l, double value) {
        return switch (kind) {
            case BANDWIDTH, UPLINK_BANDWIDTH -> new Link(l.from(), l.to(), l.latencySeconds(), DataRate.mbps(value));
            case LATENCY -> new Link(l.from(), l.to(), value, l.bandwidth());
            case UPLINK_FACTOR -> new Link(l.from(), l.to(), l.latencySeconds(),
                    new DataRate(l.bandwidth().bytesPerSecond() * value));
        };
    }

    private TierLink tierLink(Network base) {
        List<TierLink> all = base.tierLinks();
        for (TierLink t : all) {
            if (t.from().equals(fromTier) && t.to().equals(toTier)) {
                return t;
            }
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT,
                "The network has no tier link %s -> %s for %s to vary (tier links: %s).%n"
                        + "Maybe add that tier link to the network, or vary a link it has.",
                fromTier, toTier, this, all.stream().map(t -> t.from() + " -> " + t.to()).toList()));
    }

    private Link resourceLink(Network base) {
        for (Link l : base.links()) {
            if (l.from().equals(fromResource) && l.to().equals(toResource)) {
                return l;
            }
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT,
                "The network has no resource-level link %s -> %s for %s to vary.%n"
                        + "Maybe vary the tier link of those resources' tiers instead.",
                fromResource, toResource, this));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Parameter p && kind == p.kind && Objects.equals(fromTier, p.fromTier)
                && Objects.equals(toTier, p.toTier) && Objects.equals(fromResource, p.fromResource)
                && Objects.equals(toResource, p.toResource);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, fromTier, toTier, fromResource, toResource);
    }

    /**
     * Returns the parameter as written in code, e.g. {@code bandwidth(DEVICE, EDGE)}.
     *
     * @return the text
     */
    @Override
    public String toString() {
        if (kind == Kind.UPLINK_FACTOR) {
            return "uplinkFactor()";
        }
        if (kind == Kind.UPLINK_BANDWIDTH) {
            return "uplinkBandwidth()";
        }
        String name = kind == Kind.BANDWIDTH ? "bandwidth" : "latency";
        return fromTier != null
                ? name + "(" + fromTier + ", " + toTier + ")"
                : name + "(\"" + fromResource + "\", \"" + toResource + "\")";
    }
}
