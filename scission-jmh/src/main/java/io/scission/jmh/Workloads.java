package io.scission.jmh;

import io.scission.QueryResult;
import io.scission.Scission;
import io.scission.model.Block;
import io.scission.model.BlockLayout;
import io.scission.model.PartitionRule;
import io.scission.platform.DataRate;
import io.scission.platform.Link;
import io.scission.platform.Network;
import io.scission.platform.NetworkPreset;
import io.scission.platform.Resource;
import io.scission.platform.Tier;
import io.scission.platform.TierLink;
import io.scission.profile.BlockTiming;
import io.scission.profile.Profile;
import io.scission.profile.ProfileSet;
import io.scission.profile.Provenance;
import io.scission.profile.Timing;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Seeded synthetic workloads for the benchmarks: real block counts and realistic magnitudes, no measured data.
 *
 * <p>Magnitudes follow the original Scission benchmark files (a Raspberry Pi 4 device, two edge servers, a CPU
 * and a GPU cloud): a whole model takes 0.3–3.2 s on the device, 5–10× less on an edge server and 20–300× less
 * in the cloud; block outputs are float32 {@code .npy} files (4·numel + 128 bytes) that shrink from about 13 MB
 * after the first block to 4,128 bytes (1,000 class scores) after the last; the input upload is 0.15 MB. Every
 * number here is drawn from a {@link SplittableRandom} with a fixed seed, so a workload is the same on every run
 * and every machine.
 */
final class Workloads {

    /** The seed of every workload; change it only together with the numbers in docs/benchmarks.md. */
    static final long SEED = 20_200_705L;

    /** The input upload of the original tool (0.15 MB, MB = 10^6 bytes). */
    static final long INPUT_BYTES = 150_000L;

    static final Tier GATEWAY = Tier.of("gateway", 50);
    static final Tier METRO = Tier.of("metro", 150);
    static final Tier HPC = Tier.of("hpc", 250);
    /** The six ordered tiers of the stress scale. */
    static final List<Tier> STRESS_TIERS = List.of(Tier.DEVICE, GATEWAY, Tier.EDGE, METRO, Tier.CLOUD, HPC);
    /** Mean speed-up over the device of each stress tier, in {@link #STRESS_TIERS} order. */
    private static final double[] STRESS_SPEED = {1.0, 2.5, 6.0, 12.0, 25.0, 60.0};

    private Workloads() {
    }

    /** The paper's models, with their real block and layer counts (Keras applications, the Scission split rule). */
    enum Model {
        VGG19("vgg19", 25, 26, 2.7),
        MOBILENET("mobilenet", 92, 93, 0.34),
        INCEPTIONRESNET_V2("inceptionresnet_v2", 61, 782, 3.2);

        final String id;
        final int blocks;
        final int layers;
        /** Seconds of the whole model on the device (the order of magnitude of a Raspberry Pi 4). */
        final double deviceSeconds;

        Model(String id, int blocks, int layers, double deviceSeconds) {
            this.id = id;
            this.blocks = blocks;
            this.layers = layers;
            this.deviceSeconds = deviceSeconds;
        }

        static Model parse(String id) {
            for (Model m : values()) {
                if (m.id.equals(id)) {
                    return m;
                }
            }
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The model (%s) is not one of vgg19, mobilenet, inceptionresnet_v2.", id));
        }
    }

    // ------------------------------------------------------------------------------------------------ paper

    /** The paper's platform: one device, two edge servers, two clouds. */
    static List<Resource> paperResources() {
        return List.of(Resource.of("device", Tier.DEVICE), Resource.of("edge-a", Tier.EDGE),
                Resource.of("edge-b", Tier.EDGE), Resource.of("cloud-cpu", Tier.CLOUD),
                Resource.of("cloud-gpu", Tier.CLOUD));
    }

    /** Mean speed-up over the device of each paper resource, in {@link #paperResources()} order. */
    private static final double[] PAPER_SPEED = {1.0, 6.0, 9.0, 20.0, 150.0};

    /** Synthetic profiles of one of the paper's models on the paper's platform. */
    static ProfileSet paperProfiles(Model model) {
        return paperProfiles(model.id, model.blocks, model.layers, model.deviceSeconds);
    }

    /** Synthetic profiles of a model with the given block and layer counts on the paper's platform. */
    static ProfileSet paperProfiles(String id, int blocks, int layers, double deviceSeconds) {
        SplittableRandom rnd = new SplittableRandom(SEED ^ id.hashCode());
        BlockLayout layout = layout(id, blocks, layers, rnd);
        return profiles(layout, paperResources(), PAPER_SPEED, deviceSeconds, rnd);
    }

    /**
     * The paper's network under a device uplink: the preset's device links, 25 ms and 50 Mbps from edge to cloud.
     */
    static Network paperNetwork(NetworkPreset preset) {
        return Scission.network(preset);
    }

    // ----------------------------------------------------------------------------------------------- stress

    /** The bandwidth out of the stress devices, in Mbps. */
    static final double STRESS_UPLINK_MBPS = 20.0;

    /** Seconds of the whole stress model on a device, whatever its number of blocks. */
    static final double STRESS_DEVICE_SECONDS = 2.0;

    /** Five resources in each of the six stress tiers, named {@code <tier>-<i>}. */
    static List<Resource> stressResources() {
        List<Resource> resources = new ArrayList<>();
        for (Tier tier : STRESS_TIERS) {
            for (int i = 0; i < 5; i++) {
                resources.add(Resource.of(tier.name() + "-" + i, tier));
            }
        }
        return resources;
    }

    /** Synthetic profiles of a model with the given number of blocks on the stress platform. */
    static ProfileSet stressProfiles(int blocks) {
        SplittableRandom rnd = new SplittableRandom(SEED + blocks);
        BlockLayout layout = layout("synthetic-" + blocks, blocks, blocks + 1, rnd);
        List<Resource> resources = stressResources();
        double[] speed = new double[resources.size()];
        for (int r = 0; r < speed.length; r++) {
            speed[r] = STRESS_SPEED[r / 5] * (0.7 + 0.6 * rnd.nextDouble());
        }
        // the same 2 s model at every granularity, so that one query fits every size
        return profiles(layout, resources, speed, STRESS_DEVICE_SECONDS, rnd);
    }

    /**
     * The stress network: every pair of tiers in pipeline order is linked, latency grows and bandwidth falls with
     * the distance between the tiers, and every resource pair has its own link jittered around the tier value.
     *
     * @param uplinkMbps the bandwidth out of the device tier, in Mbps (what a re-planning orchestrator sees change)
     */
    static Network stressNetwork(double uplinkMbps) {
        SplittableRandom rnd = new SplittableRandom(SEED);
        List<Resource> resources = stressResources();
        Network.Builder net = Network.builder();
        for (Resource a : resources) {
            for (Resource b : resources) {
                int from = STRESS_TIERS.indexOf(a.tier());
                int to = STRESS_TIERS.indexOf(b.tier());
                if (to <= from) {
                    continue;
                }
                int distance = to - from;
                double latency = (0.002 + 0.008 * distance) * (0.7 + 0.6 * rnd.nextDouble());
                double mbps = (from == 0 ? uplinkMbps : 400.0 / distance) * (0.5 + rnd.nextDouble());
                net.link(new Link(a.name(), b.name(), latency, DataRate.mbps(mbps)));
            }
        }
        return net.build();
    }

    // -------------------------------------------------------------------------------------------- generation

    /**
     * A layout of {@code blocks} blocks over {@code layers} layers: the first block holds the input layer and the
     * first real layer (as in the original tool), the rest share the remaining layers at random; outputs shrink
     * log-linearly from about 13 MB to 4,128 bytes, with noise.
     */
    private static BlockLayout layout(String model, int blocks, int layers, SplittableRandom rnd) {
        int[] count = new int[blocks];
        count[0] = Math.min(2, layers - blocks + 1);
        for (int b = 1; b < blocks; b++) {
            count[b] = 1;
        }
        for (int extra = layers - blocks - (count[0] - 1); extra > 0; extra--) {
            count[1 + rnd.nextInt(blocks - 1)]++;
        }
        List<Block> list = new ArrayList<>();
        double first = Math.log(224 * 224 * 64);
        double last = Math.log(1000);
        int layer = 0;
        for (int b = 0; b < blocks; b++) {
            long numel;
            if (b == blocks - 1) {
                numel = 1000;
            } else {
                double at = blocks == 1 ? 0 : (double) b / (blocks - 1);
                double noise = b == 0 ? 0 : rnd.nextGaussian() * 0.6;
                numel = Math.max(1000, Math.round(Math.exp(first + (last - first) * at + noise)));
            }
            list.add(new Block(b, layer, layer + count[b] - 1, 4 * numel + 128));
            layer += count[b];
        }
        return new BlockLayout(model, layers, INPUT_BYTES, PartitionRule.SCISSION, list);
    }

    /**
     * Profiles in which block b on resource r takes {@code work[b] / speed[r]} seconds times per-pair noise: the
     * block's share of the device time is lognormal, and how well a resource accelerates a block varies (a GPU
     * gains more on convolutions than on small dense layers).
     */
    private static ProfileSet profiles(BlockLayout layout, List<Resource> resources, double[] speed,
            double deviceSeconds, SplittableRandom rnd) {
        int blocks = layout.size();
        double[] work = new double[blocks];
        double sum = 0;
        for (int b = 0; b < blocks; b++) {
            work[b] = Math.exp(rnd.nextGaussian() * 0.9);
            sum += work[b];
        }
        for (int b = 0; b < blocks; b++) {
            work[b] *= deviceSeconds / sum;
        }
        List<Profile> profiles = new ArrayList<>();
        for (int r = 0; r < resources.size(); r++) {
            List<BlockTiming> timings = new ArrayList<>();
            for (int b = 0; b < blocks; b++) {
                double seconds = work[b] / speed[r] * Math.exp(rnd.nextGaussian() * 0.4);
                timings.add(new BlockTiming(layout.blocks().get(b), Timing.meanOnly(10, seconds)));
            }
            profiles.add(new Profile(resources.get(r), layout,
                    Provenance.unknown("synthetic", 10, "seeded synthetic profile"), timings,
                    List.of()));
        }
        return ProfileSet.of(profiles);
    }

    /**
     * Fails unless the result holds exactly {@code k} plans, so that a benchmark measures the scenario it says it
     * measures (an empty result also costs the search for its explanation).
     */
    static void checkPlans(QueryResult result, int k) {
        if (result.plans().size() != k) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "The query %s returned %d plans, not %d (%s).", result.query(), result.plans().size(), k,
                    result.explanation()));
        }
    }

    /** Fails unless branch and bound returned the reference's plans, in the same order, and k of them. */
    static void checkAgree(QueryResult branchAndBound, QueryResult reference) {
        checkPlans(reference, reference.query().top());
        if (!branchAndBound.plans().equals(reference.plans())) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "Branch and bound and the exhaustive reference disagree on %s:%n%s%nversus%n%s",
                    branchAndBound.query(), branchAndBound.plans(), reference.plans()));
        }
    }

    /** The paper network with a different device uplink: what a re-planning orchestrator measures. */
    static Network withUplink(Network network, double mbps, double latencySeconds) {
        return network.toBuilder()
                .replace(new TierLink(Tier.DEVICE, Tier.EDGE, latencySeconds, DataRate.mbps(mbps)))
                .replace(new TierLink(Tier.DEVICE, Tier.CLOUD, latencySeconds, DataRate.mbps(mbps)))
                .build();
    }
}
