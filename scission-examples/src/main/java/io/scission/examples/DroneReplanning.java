package io.scission.examples;

import static java.util.Objects.requireNonNull;

import io.scission.PartitionConfig;
import io.scission.Query;
import io.scission.QueryResult;
import io.scission.Scission;
import io.scission.original.OriginalBenchmarks;
import io.scission.platform.DataRate;
import io.scission.platform.DataUnit;
import io.scission.platform.Network;
import io.scission.platform.NetworkPreset;
import io.scission.platform.Tier;
import io.scission.platform.TierLink;
import io.scission.profile.ProfileSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The paper's drone: its uplink bandwidth changes as it flies in and out of coverage, and an orchestrator re-plans
 * every few seconds with the same immutable query, switching between device-native and offloaded execution.
 *
 * <pre>{@code
 * java -cp scission-examples/target/scission.jar io.scission.examples.DroneReplanning mobilenetv2
 * java -cp scission-examples/target/scission.jar io.scission.examples.DroneReplanning path/to/benchmark_data vgg19
 * }</pre>
 *
 * The profiles are the paper's hardware (a Raspberry Pi 4 device, two edges, two clouds): the built-in reference
 * data ({@link Scission#referenceProfiles}), or the original tool's {@code .dat} files from a folder, read by
 * scission-core alone (no TensorFlow). The uplink latency follows the paper's 3G/4G figures.
 */
public final class DroneReplanning {

    /** One re-planning step. */
    public record Decision(int second, double uplinkMbps, PartitionConfig plan, boolean changed, long searchMicros) {
    }

    private final ProfileSet profiles;
    private final Query query;

    /**
     * Creates the orchestrator.
     *
     * @param profiles the model's profiles
     */
    public DroneReplanning(ProfileSet profiles) {
        this.profiles = requireNonNull(profiles, "profiles");
        // the image the drone sends is 150 KB, as in the paper; one best plan per step
        this.query = Scission.query().inputSize(150, DataUnit.KB).top(1);
    }

    /**
     * Re-plans once per entry of the bandwidth trace.
     *
     * @param uplinkMbps the drone's uplink bandwidth, one value per second
     * @return the decision of each second
     */
    public List<Decision> fly(double[] uplinkMbps) {
        Network base = Network.preset(NetworkPreset.FOUR_G);
        List<Decision> decisions = new ArrayList<>();
        String previous = null;
        for (int second = 0; second < uplinkMbps.length; second++) {
            double mbps = uplinkMbps[second];
            double latency = mbps < 5 ? NetworkPreset.THREE_G.deviceLatencySeconds()
                    : NetworkPreset.FOUR_G.deviceLatencySeconds();
            Network now = base.toBuilder()
                    .replace(new TierLink(Tier.DEVICE, Tier.EDGE, latency, DataRate.mbps(mbps)))
                    .replace(new TierLink(Tier.DEVICE, Tier.CLOUD, latency, DataRate.mbps(mbps)))
                    .build();
            QueryResult result = query.solve(profiles, now);
            PartitionConfig best = result.best().orElseThrow();
            boolean changed = !best.key().equals(previous);
            previous = best.key();
            decisions.add(new Decision(second, mbps, best, changed, result.stats().elapsed().toNanos() / 1000));
        }
        return decisions;
    }

    /**
     * Runs the example.
     *
     * @param args {@code [MODEL]} for the built-in reference data, or {@code BENCHMARK_FOLDER [MODEL]} for the
     *     original tool's {@code .dat} files; the model defaults to mobilenetv2
     */
    public static void main(String[] args) {
        boolean folder = args.length > 0 && Files.isDirectory(Path.of(args[0]));
        if (args.length > 2 || args.length == 2 && !folder) {
            System.err.println("Usage: DroneReplanning [BENCHMARK_FOLDER] [MODEL]   (default: the built-in reference "
                    + "data, mobilenetv2)");
            System.exit(2);
        }
        String model = folder ? (args.length > 1 ? args[1] : "mobilenetv2") : (args.length > 0 ? args[0]
                : "mobilenetv2");
        ProfileSet profiles = folder ? OriginalBenchmarks.read(Path.of(args[0])).profiles(model)
                : Scission.referenceProfiles(model);
        double[] trace = {1.6, 1.6, 2.0, 6.0, 12.4, 12.4, 20.0, 12.4, 3.0, 1.6, 0.8, 12.4};
        for (Decision d : new DroneReplanning(profiles).fly(trace)) {
            System.out.printf(Locale.ROOT, "t=%2ds uplink %5.1f Mbps  %s%s  (search %d us)%n", d.second(),
                    d.uplinkMbps(), d.changed() ? "RE-PLAN -> " : "keep       ", d.plan().describe(),
                    d.searchMicros());
        }
    }
}
