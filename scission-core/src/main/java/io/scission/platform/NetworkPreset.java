package io.scission.platform;

/**
 * The network conditions of the paper (Section IV-A): the device's uplink under 3G, 4G or wired home fibre, and
 * 25 ms / 50 Mbps between edge and cloud in every case.
 */
public enum NetworkPreset {
    /** 3G: 1.6 Mbps upload, 67 ms latency (Ofcom). */
    THREE_G("3g", 0.067, 1.6),
    /** 4G: 12.4 Mbps upload, 55 ms latency (Ofcom). */
    FOUR_G("4g", 0.055, 12.4),
    /** Wired home fibre broadband: 20 Mbps upload, 20 ms latency (Ofcom). */
    WIRED("wired", 0.020, 20.0);

    /** The edge-to-cloud latency of every preset, in seconds. */
    public static final double EDGE_CLOUD_LATENCY_SECONDS = 0.025;
    /** The edge-to-cloud bandwidth of every preset, in Mbps. */
    public static final double EDGE_CLOUD_MBPS = 50.0;

    private final String id;
    private final double deviceLatencySeconds;
    private final double deviceMbps;

    NetworkPreset(String id, double deviceLatencySeconds, double deviceMbps) {
        this.id = id;
        this.deviceLatencySeconds = deviceLatencySeconds;
        this.deviceMbps = deviceMbps;
    }

    /**
     * Returns the short id used on the command line: {@code 3g}, {@code 4g} or {@code wired}.
     *
     * @return the id
     */
    public String id() {
        return id;
    }

    /**
     * Returns the latency of links out of the device, in seconds.
     *
     * @return seconds
     */
    public double deviceLatencySeconds() {
        return deviceLatencySeconds;
    }

    /**
     * Returns the bandwidth of links out of the device.
     *
     * @return the rate
     */
    public DataRate deviceBandwidth() {
        return DataRate.mbps(deviceMbps);
    }

    /**
     * Returns the preset with the given id, ignoring case.
     *
     * @param id {@code 3g}, {@code 4g} or {@code wired}
     * @return the preset
     * @throws IllegalArgumentException if the id is unknown
     */
    public static NetworkPreset parse(String id) {
        for (NetworkPreset preset : values()) {
            if (preset.id.equalsIgnoreCase(id) || preset.name().equalsIgnoreCase(id)) {
                return preset;
            }
        }
        throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                "The network preset (%s) is not one of 3g, 4g, wired.%nMaybe give a network file instead.", id));
    }
}
