package io.scission.reference;

import java.util.Locale;

/**
 * The networks the original Scission tool was published with, as its authors measured their test bed: the device
 * uplink over 3G or a wired connection, between the paper's named machines. They are the original's
 * {@code network_stats.csv} and {@code network_stats_wired.csv}, converted; see {@link ReferenceData}.
 *
 * <p>They differ from the paper's text ({@link io.scission.platform.NetworkPreset}): the device reaches the cloud
 * with more latency than the edge (3G: 100 ms against 66.7 ms; wired: 45 ms against 20 ms), and edge to cloud is
 * 20 ms, not 25 ms. With these files the reference profiles reproduce the paper's Table IV and Fig. 9, which the
 * presets do not; the paper gives no 4G file, so 4G exists only as the preset.
 *
 * @since 0.1
 */
public enum ReferenceNetwork {
    /** 3G: the device sends at 1.6 Mbps, 66.7 ms to the edge and 100 ms to the cloud; edge to cloud 20 ms, 50 Mbps. */
    THREE_G("3g", "network_stats.csv"),
    /** Wired: the device sends at 20 Mbps, 20 ms to the edge and 45 ms to the cloud; edge to cloud 20 ms, 50 Mbps. */
    WIRED("wired", "network_stats_wired.csv");

    private final String id;
    private final String originalFile;

    ReferenceNetwork(String id, String originalFile) {
        this.id = id;
        this.originalFile = originalFile;
    }

    /**
     * Returns the short id used on the command line.
     *
     * @return {@code 3g} or {@code wired}
     */
    public String id() {
        return id;
    }

    /**
     * Returns the name of the original tool's CSV this network was converted from.
     *
     * @return e.g. {@code network_stats.csv}
     */
    public String originalFile() {
        return originalFile;
    }

    /**
     * Returns the network with the given id, ignoring case.
     *
     * @param id {@code 3g} or {@code wired}
     * @return the network
     * @throws IllegalArgumentException if the id is neither
     */
    public static ReferenceNetwork parse(String id) {
        for (ReferenceNetwork n : values()) {
            if (n.id.equalsIgnoreCase(id) || n.name().equalsIgnoreCase(id)) {
                return n;
            }
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT, "The reference network (%s) is not one of 3g, "
                + "wired.%nMaybe use the 4g preset instead: the original tool published no 4G network.", id));
    }
}
