package io.scission.cli.demo;

import io.scission.PartitionConfig;
import io.scission.Segment;
import io.scission.platform.Tier;
import java.util.List;
import java.util.Locale;

/**
 * What the paper reports for its hardware (Section IV-B, Fig. 6-10 and Table IV), as data, so the demo can say
 * where the reference data reproduce it. Layer ranges are Keras layer indices, {@code -} for a tier that runs
 * nothing.
 */
final class PaperClaims {

    private PaperClaims() {
    }

    /**
     * Where a plan runs, tier by tier, as the paper's tables write it.
     *
     * @param device the device's layers, e.g. {@code 0-23}, or {@code -}
     * @param edge the edge's layers
     * @param cloud the cloud's layers
     */
    record Placement(String device, String edge, String cloud) {

        /**
         * Returns the placement of a plan.
         *
         * @param p the plan
         * @return its layers per tier
         */
        static Placement of(PartitionConfig p) {
            return new Placement(range(p, Tier.DEVICE), range(p, Tier.EDGE), range(p, Tier.CLOUD));
        }

        private static String range(PartitionConfig p, Tier tier) {
            List<Segment> s = p.segmentsOn(tier);
            if (s.isEmpty()) {
                return "-";
            }
            int first = s.get(0).firstLayer();
            int last = s.get(s.size() - 1).lastLayer();
            return first == last ? Integer.toString(first) : first + "-" + last;
        }

        /**
         * Returns the tier that runs everything, or {@code distributed}.
         *
         * @return {@code device}, {@code edge}, {@code cloud} or {@code distributed}
         */
        String nativeTier() {
            boolean d = !device.equals("-");
            boolean e = !edge.equals("-");
            boolean c = !cloud.equals("-");
            if (d && !e && !c) {
                return "device";
            }
            if (!d && e && !c) {
                return "edge";
            }
            return !d && !e && c ? "cloud" : "distributed";
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "device %s, edge %s, cloud %s", device, edge, cloud);
        }
    }

    /**
     * A best plan the paper names by the tier that runs the whole model (Fig. 6-9).
     *
     * @param model the reference model
     * @param network {@code 3g} or {@code 4g}
     * @param inputKb the input size in KB (10^3 bytes)
     * @param nativeTier {@code device} or {@code cloud}
     * @param figure where the paper says so
     */
    record NativeClaim(String model, String network, int inputKb, String nativeTier, String figure) {
    }

    /** Fig. 6-8 (150 KB) and Fig. 9 (170 KB). */
    static final List<NativeClaim> NATIVE = List.of(
            new NativeClaim("vgg19", "3g", 150, "cloud", "Fig. 6a"),
            new NativeClaim("vgg19", "4g", 150, "cloud", "Fig. 6b"),
            new NativeClaim("resnet50", "3g", 150, "cloud", "Fig. 7a"),
            new NativeClaim("resnet50", "4g", 150, "cloud", "Fig. 7b"),
            new NativeClaim("mobilenetv2", "3g", 150, "device", "Fig. 8a"),
            new NativeClaim("mobilenetv2", "4g", 150, "cloud", "Fig. 8b"),
            new NativeClaim("resnet50", "3g", 170, "device", "Fig. 9"));

    /**
     * The best plan that must use device, edge and cloud (Fig. 10, stated in the text for VGG19).
     *
     * @param model the reference model
     * @param network {@code 3g} or {@code 4g}
     * @param placement the paper's layers per tier
     */
    record PipelineClaim(String model, String network, Placement placement) {
    }

    /** Fig. 10a and 10b. */
    static final List<PipelineClaim> ALL_TIERS = List.of(
            new PipelineClaim("vgg19", "3g", new Placement("0-23", "24", "25")),
            new PipelineClaim("vgg19", "4g", new Placement("0-6", "7-22", "23-25")));

    /**
     * One row of Table IV: ResNet50 on Device, Edge (1) and Cloud (with GPU), wired network, 150 KB input.
     *
     * @param pipeline e.g. {@code Device-Edge}
     * @param rank 1 to 3
     * @param placement the layers per tier
     * @param latencySeconds the end-to-end latency the paper prints (3 decimals)
     * @param megabytes the total data transfer the paper prints (MB, 3 decimals)
     */
    record TableRow(String pipeline, int rank, Placement placement, double latencySeconds, double megabytes) {

        /**
         * Compares a plan with this row: the same layers per tier, and latency and MB equal to the paper's
         * three printed decimals (within 0.0006 s and 0.0011 MB, which allows for its rounding).
         *
         * @param p the plan
         * @return an empty string if they agree, else what differs
         */
        String difference(PartitionConfig p) {
            Placement ours = Placement.of(p);
            if (!ours.equals(placement)) {
                return "the paper has " + placement;
            }
            StringBuilder d = new StringBuilder();
            if (Math.abs(p.latencySeconds() - latencySeconds) > 0.0006) {
                d.append(String.format(Locale.ROOT, "the paper prints %.3f s", latencySeconds));
            }
            if (Math.abs(p.bytesSent() / 1e6 - megabytes) > 0.0011) {
                d.append(d.length() > 0 ? " and " : "the paper prints ")
                        .append(String.format(Locale.ROOT, "%.3f MB", megabytes));
            }
            return d.toString();
        }
    }

    /** Table IV, as printed. */
    static final List<TableRow> TABLE_IV = List.of(
            new TableRow("Device-Edge", 1, new Placement("0-1", "2-176", "-"), 0.446, 0.634),
            new TableRow("Device-Edge", 2, new Placement("0-91", "92-176", "-"), 0.944, 0.831),
            new TableRow("Device-Edge", 3, new Placement("0-175", "176", "-"), 0.979, 0.008),
            new TableRow("Device-Cloud", 1, new Placement("0-1", "-", "2-176"), 0.339, 0.635),
            new TableRow("Device-Cloud", 2, new Placement("0-91", "-", "92-176"), 0.920, 0.803),
            new TableRow("Device-Cloud", 3, new Placement("0-101", "-", "102-176"), 0.996, 0.803),
            new TableRow("Edge-Cloud", 1, new Placement("-", "0-1", "2-176"), 0.237, 0.785),
            new TableRow("Edge-Cloud", 2, new Placement("-", "0-175", "176"), 0.269, 0.159),
            new TableRow("Edge-Cloud", 3, new Placement("-", "0-153", "154-176"), 0.319, 0.552),
            new TableRow("Device-Edge-Cloud", 1, new Placement("0-1", "2-175", "176"), 0.468, 0.643),
            new TableRow("Device-Edge-Cloud", 2, new Placement("0-1", "2-153", "154-176"), 0.517, 1.036),
            new TableRow("Device-Edge-Cloud", 3, new Placement("0-1", "2-163", "164-176"), 0.523, 1.036));
}
