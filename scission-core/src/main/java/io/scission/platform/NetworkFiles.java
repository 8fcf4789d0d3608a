package io.scission.platform;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scission.InvalidFileException;
import io.scission.internal.json.StrictJson;
import io.scission.internal.json.TierJson;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes network files: the versioned JSON format {@code scission-network} version 1, documented in
 * {@code docs/file-formats.md}. A link gives its latency as {@code latencyMs} or {@code latencySeconds} and its
 * bandwidth as {@code bandwidthMbps} (10^6 bit/s) or {@code bytesPerSecond}; this library writes seconds and
 * bytes per second, which round-trip exactly.
 */
public final class NetworkFiles {

    /** The value of the {@code format} field. */
    public static final String FORMAT = "scission-network";
    /** The format version this library writes and reads. */
    public static final int VERSION = 1;
    /** The largest file read: 32 MiB (33,554,432 bytes); a larger one fails with one error naming it. */
    public static final long MAX_FILE_BYTES = StrictJson.MAX_FILE_BYTES;

    private NetworkFiles() {
    }

    /**
     * Reads a network file.
     *
     * @param path the file
     * @return the network
     * @throws InvalidFileException naming the file if it is missing, unreadable, larger than {@link #MAX_FILE_BYTES},
     *     not JSON, or breaks the format
     */
    public static Network read(Path path) {
        return read(StrictJson.read(requireNonNull(path, "path")));
    }

    /**
     * Reads a network from a stream.
     *
     * @param name the file's name for error messages
     * @param in the content, at most {@link #MAX_FILE_BYTES} of it; not closed
     * @return the network
     * @throws InvalidFileException naming the file if reading fails, it is too large, or it breaks the format
     */
    public static Network read(String name, InputStream in) {
        return read(StrictJson.parse(name, in));
    }

    private static Network read(StrictJson root) {
        root.object(Set.of("format", "version", "preset", "tiers", "tierLinks", "links"));
        String format = root.get("format").text();
        if (!format.equals(FORMAT)) {
            throw root.get("format").error("expected \"" + FORMAT + "\", found \"" + format + "\".\nMaybe this is "
                    + "a profile or another kind of file.");
        }
        int version = root.get("version").intValue();
        if (version != VERSION) {
            throw root.get("version").error("version " + version + " is not supported (this library reads "
                    + VERSION + ").\nMaybe upgrade Scission.");
        }
        Network.Builder builder = Network.builder();
        if (root.has("preset")) {
            StrictJson preset = root.get("preset");
            builder.preset(preset.check(() -> NetworkPreset.parse(preset.text())));
        }
        Map<String, Tier> declared = new HashMap<>();
        if (root.has("tiers")) {
            for (StrictJson t : root.get("tiers").elements()) {
                Tier tier = TierJson.read(t);
                if (declared.put(tier.name(), tier) != null) {
                    throw t.error("the tier " + tier.name() + " is declared twice.\nMaybe remove one.");
                }
            }
        }
        if (root.has("tierLinks")) {
            for (StrictJson l : root.get("tierLinks").elements()) {
                l.object(Set.of("from", "to", "latencyMs", "latencySeconds", "bandwidthMbps", "bytesPerSecond"));
                Tier from = tier(l.get("from"), declared);
                Tier to = tier(l.get("to"), declared);
                double latency = latency(l);
                DataRate rate = bandwidth(l);
                TierLink link = l.check(() -> new TierLink(from, to, latency, rate));
                try {
                    builder.tierLink(link);
                } catch (IllegalStateException e) {
                    throw l.error(e.getMessage());
                }
            }
        }
        if (root.has("links")) {
            for (StrictJson l : root.get("links").elements()) {
                l.object(Set.of("from", "to", "latencyMs", "latencySeconds", "bandwidthMbps", "bytesPerSecond"));
                String from = l.get("from").text();
                String to = l.get("to").text();
                double latency = latency(l);
                DataRate rate = bandwidth(l);
                Link link = l.check(() -> new Link(from, to, latency, rate));
                try {
                    builder.link(link);
                } catch (IllegalStateException e) {
                    throw l.error(e.getMessage());
                }
            }
        }
        return builder.build();
    }

    private static Tier tier(StrictJson node, Map<String, Tier> declared) {
        Tier custom = node.node().isTextual() ? declared.get(node.text()) : null;
        if (custom != null) {
            return custom;
        }
        if (node.node().isTextual()) {
            try {
                return Tier.named(node.text());
            } catch (IllegalArgumentException e) {
                throw node.error("the tier \"" + node.text() + "\" is neither device, edge, cloud nor declared in "
                        + "\"tiers\".\nMaybe declare it: \"tiers\": [{\"name\": \"" + node.text()
                        + "\", \"rank\": 150}].");
            }
        }
        return TierJson.read(node);
    }

    private static double latency(StrictJson l) {
        boolean ms = l.has("latencyMs");
        boolean s = l.has("latencySeconds");
        if (ms == s) {
            throw l.error("give exactly one of latencyMs and latencySeconds.");
        }
        double v = ms ? l.get("latencyMs").doubleValue() / 1000.0 : l.get("latencySeconds").doubleValue();
        if (!(v >= 0)) {
            throw l.get(ms ? "latencyMs" : "latencySeconds").error("the latency must not be negative.");
        }
        return v;
    }

    private static DataRate bandwidth(StrictJson l) {
        boolean mbps = l.has("bandwidthMbps");
        boolean bps = l.has("bytesPerSecond");
        if (mbps == bps) {
            throw l.error("give exactly one of bandwidthMbps and bytesPerSecond.");
        }
        StrictJson field = l.get(mbps ? "bandwidthMbps" : "bytesPerSecond");
        double v = field.doubleValue();
        return field.check(() -> mbps ? DataRate.mbps(v) : new DataRate(v));
    }

    /**
     * Writes a network file, creating parent directories.
     *
     * @param network the network
     * @param path the file
     * @throws io.scission.FileAccessException naming the file if it or its folder cannot be written
     */
    public static void write(Network network, Path path) {
        StrictJson.write(requireNonNull(path, "path"), tree(requireNonNull(network, "network")));
    }

    /**
     * Returns the JSON text of a network, as written to files.
     *
     * @param network the network
     * @return the JSON text
     */
    public static String toJson(Network network) {
        return StrictJson.toJson(tree(requireNonNull(network, "network")));
    }

    private static JsonNode tree(Network network) {
        ObjectNode root = StrictJson.object();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        Map<String, Tier> custom = new java.util.TreeMap<>();
        for (TierLink l : network.tierLinks()) {
            for (Tier t : new Tier[] {l.from(), l.to()}) {
                if (!t.isStandard()) {
                    custom.put(t.name(), t);
                }
            }
        }
        if (!custom.isEmpty()) {
            ArrayNode tiers = root.putArray("tiers");
            for (Tier t : custom.values()) {
                tiers.add(TierJson.write(t));
            }
        }
        ArrayNode tierLinks = root.putArray("tierLinks");
        for (TierLink l : network.tierLinks()) {
            ObjectNode o = tierLinks.addObject();
            o.put("from", l.from().name());
            o.put("to", l.to().name());
            o.put("latencySeconds", l.latencySeconds());
            o.put("bytesPerSecond", l.bandwidth().bytesPerSecond());
        }
        ArrayNode links = root.putArray("links");
        for (Link l : network.links()) {
            ObjectNode o = links.addObject();
            o.put("from", l.from());
            o.put("to", l.to());
            o.put("latencySeconds", l.latencySeconds());
            o.put("bytesPerSecond", l.bandwidth().bytesPerSecond());
        }
        return root;
    }
}
