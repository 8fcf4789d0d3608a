package io.scission.cli.original;

import io.scission.PartitionConfig;
import io.scission.Segment;
import io.scission.original.OriginalBenchmarks;
import io.scission.platform.Tier;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** The original predictor's output lines, character for character. */
final class OriginalLines {

    /** Printed when the criteria leave no configuration. */
    static final String NO_RESULTS = "No results for the specified configuration";

    private OriginalLines() {
    }

    /** {@code [+] 5 systems loaded : 1 device, 2 edge, 2 cloud}. */
    static String systemsLoaded(OriginalBenchmarks data) {
        // concatenation, not String.format: a run's first format call costs milliseconds (docs/benchmarks.md)
        return "[+] " + data.systems().size() + " systems loaded : " + data.count(Tier.DEVICE) + " device, "
                + data.count(Tier.EDGE) + " edge, " + data.count(Tier.CLOUD) + " cloud";
    }

    /** {@code [+] vgg19 results}. */
    static String results(String model) {
        return "[+] " + model + " results";
    }

    /**
     * {@code [1] 9.0106s - 2.4087MB - Device(raspi4) = 0 - 6, Edge(vm2Core) = 7 - 11, Cloud(6700k(GPU)) = 12 - 25}.
     * The numbers are Python's {@code format(round(x, 4), '.4f')}: the exact binary value rounded half to even, and
     * MB is {@code bytes / 1000 / 1000} as the original divides.
     */
    static String result(int rank, double latencySeconds, long bytes, PartitionConfig plan) {
        return "[" + rank + "] " + fourDecimals(latencySeconds) + "s - " + fourDecimals((double) bytes / 1000 / 1000)
                + "MB - " + config(plan);
    }

    /**
     * The original's configuration string: the device is always named (the input starts there), an unused edge or
     * cloud is {@code None}, and an unused tier's range is {@code -1 - -1}; ranges are layer numbers.
     */
    static String config(PartitionConfig plan) {
        return "Device(" + plan.source().name() + ") = " + range(plan.segmentsOn(Tier.DEVICE))
                + ", Edge(" + name(plan.segmentsOn(Tier.EDGE)) + ") = " + range(plan.segmentsOn(Tier.EDGE))
                + ", Cloud(" + name(plan.segmentsOn(Tier.CLOUD)) + ") = " + range(plan.segmentsOn(Tier.CLOUD));
    }

    private static String name(List<Segment> segments) {
        return segments.isEmpty() ? "None" : segments.get(0).resource().name();
    }

    private static String range(List<Segment> segments) {
        if (segments.isEmpty()) {
            return "-1 - -1";
        }
        return segments.get(0).firstLayer() + " - " + segments.get(segments.size() - 1).lastLayer();
    }

    /** Python's {@code format(round(x, 4), '.4f')}. */
    static String fourDecimals(double x) {
        return new BigDecimal(x).setScale(4, RoundingMode.HALF_EVEN).toPlainString();
    }
}
