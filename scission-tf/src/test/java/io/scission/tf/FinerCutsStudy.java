package io.scission.tf;

import io.scission.PartitionConfig;
import io.scission.Query;
import io.scission.QueryResult;
import io.scission.Scission;
import io.scission.Segment;
import io.scission.model.Block;
import io.scission.model.BlockLayout;
import io.scission.model.ModelGraph;
import io.scission.model.PartitionRule;
import io.scission.platform.DataSize;
import io.scission.platform.DataUnit;
import io.scission.platform.Network;
import io.scission.platform.NetworkPreset;
import io.scission.platform.Resource;
import io.scission.platform.Tier;
import io.scission.profile.BlockTiming;
import io.scission.profile.Profile;
import io.scission.profile.ProfileSet;
import io.scission.profile.RangeTiming;
import io.scission.profile.Timing;
import io.scission.profile.TimingSummary;
import io.scission.tf.zoo.KerasZoo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Study (not a test) behind docs/benchmarks.md "Finer partition points" (issue #14): how much the best plan gains
 * over the {@code SCISSION} rule when cuts may be crossed by up to k tensors, on profiles made here by
 * {@code scission-tf/measurements/finer-cuts-profile.sh} (each model profiled once under {@code tensors:3}, the
 * finest rule of the table, as {@code device-1t} and {@code edge-2t}).
 *
 * <p>How the coarser rules are timed: the cuts of {@code SCISSION}, {@code single-tensor} and {@code tensors:2} are
 * checked to be a subset of the {@code tensors:3} cuts, and a coarse block's time is the sum of the medians (and
 * means) of the fine blocks it covers. That is the time the search gives the same segment under {@code tensors:3},
 * so every rule is scored by one cost model and a gain comes only from the added cut points, not from profiling
 * noise between runs. The cloud ({@code cloud-2t}) is the {@code edge-2t} profile under another name and tier: the
 * demo's cloud ("all cores") is the same 2-thread setting on this 2-core machine.
 *
 * <p>Queries: the fastest plan; {@code mustUse(DEVICE).mustUse(EDGE)} (device and edge share the work: the raw
 * input is processed on the device before anything leaves it, and the edge takes part); and
 * {@code mustUse(DEVICE).maxLayerShare(DEVICE, 0.5)} (the device starts, but runs at most half of the layers), each
 * for a 150 KB input (the paper's image, as the demo uses) under the 3g, 4g and wired
 * presets. No timing here: the search time at these block counts is scission-jmh's {@code FinerCutsBenchmark}.
 *
 * <p>{@code -DedgeSpeedup=F -DcloudSpeedup=G} divide the edge's and the cloud's block times by F and G: a what-if
 * for an edge and a cloud faster than this machine's 2 threads, printed as SCALED, NOT MEASURED.
 *
 * <p>Run: {@code scission-tf/measurements/study.sh FinerCutsStudy /work/h-cuts-data NASNetMobile InceptionV3 ...}
 */
final class FinerCutsStudy {

    static final List<PartitionRule> RULES = List.of(PartitionRule.SCISSION, PartitionRule.SINGLE_TENSOR,
            PartitionRule.tensors(2), PartitionRule.tensors(3));
    static final PartitionRule FINEST = PartitionRule.tensors(3);
    /** The queries: the fastest plan (empty), then the constrained ones. */
    static final List<String> QUERIES = List.of("", "mustUse(DEVICE).mustUse(EDGE)",
            "mustUse(DEVICE).maxLayerShare(DEVICE, 0.5)");
    static final DataSize INPUT = DataSize.of(150, DataUnit.KB);
    static final NetworkPreset[] NETWORKS = {NetworkPreset.THREE_G, NetworkPreset.FOUR_G, NetworkPreset.WIRED};

    private FinerCutsStudy() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        double edgeSpeedup = Double.parseDouble(System.getProperty("edgeSpeedup", "1"));
        double cloudSpeedup = Double.parseDouble(System.getProperty("cloudSpeedup", "1"));
        List<List<String[]>> tables = new ArrayList<>();
        for (int q = 0; q < QUERIES.size(); q++) {
            tables.add(new ArrayList<>());
        }
        List<String> plans = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> checks = new ArrayList<>();
        for (String model : Arrays.asList(args).subList(1, args.length)) {
            String key = model.toLowerCase(Locale.ROOT);
            Path device = dir.resolve(key).resolve("device-1t.json");
            Path edge = dir.resolve(key).resolve("edge-2t.json");
            if (!Files.exists(device) || !Files.exists(edge)) {
                missing.add(model);
                continue;
            }
            ModelGraph graph = KerasZoo.architecture(key).toModelGraph();
            Profile fineDevice = Scission.readProfile(device);
            Profile fineEdge = Scission.readProfile(edge);
            double[][] base = new double[QUERIES.size()][NETWORKS.length];
            for (PartitionRule rule : RULES) {
                BlockLayout layout = graph.blocks(rule);
                Profile d = coarsen(fineDevice, layout, fineDevice.resource(), 1);
                Profile e = coarsen(fineEdge, layout, fineEdge.resource(), edgeSpeedup);
                Profile c = coarsen(fineEdge, layout, Resource.of("cloud-2t", Tier.CLOUD), cloudSpeedup);
                ProfileSet set = Scission.profiles(d, e, c);
                for (int q = 0; q < QUERIES.size(); q++) {
                    Query query = (QUERIES.get(q).isEmpty() ? Scission.query() : Query.parse(QUERIES.get(q)))
                            .inputSize(INPUT);
                    String[] row = new String[3 + 2 * NETWORKS.length];
                    row[0] = model;
                    row[1] = rule.id();
                    row[2] = Integer.toString(layout.size());
                    for (int n = 0; n < NETWORKS.length; n++) {
                        Network network = Scission.network(NETWORKS[n]);
                        QueryResult r = query.solve(set, network);
                        PartitionConfig best = r.best().orElseThrow();
                        double ms = best.latencySeconds() * 1e3;
                        if (rule.equals(PartitionRule.SCISSION)) {
                            base[q][n] = ms;
                        }
                        double gain = 100 * (base[q][n] - ms) / base[q][n];
                        row[3 + 2 * n] = String.format(Locale.ROOT, "%.1f", ms);
                        // sums of the same medians in another order may differ in the last bits
                        row[4 + 2 * n] = rule.equals(PartitionRule.SCISSION) ? "–"
                                : String.format(Locale.ROOT, "%.1f %%", Math.abs(gain) < 0.05 ? 0.0 : gain);
                        plans.add(String.format(Locale.ROOT, "%s %s %s %s: %.1f ms, %s", model, rule.id(),
                                label(q), NETWORKS[n].id(), ms, describe(best, graph)));
                    }
                    tables.get(q).add(row);
                }
            }
            if (edgeSpeedup == 1 && cloudSpeedup == 1) {
                checks.addAll(direct(dir.resolve(key).resolve("scission"), graph, base));
            }
        }
        if (edgeSpeedup != 1 || cloudSpeedup != 1) {
            System.out.printf(Locale.ROOT, "SCALED, NOT MEASURED: edge times divided by %s, cloud times by %s.%n%n",
                    edgeSpeedup, cloudSpeedup);
        }
        String[] head = {"model", "rule", "blocks", "3g ms", "gain", "4g ms", "gain", "wired ms", "gain"};
        for (int q = 0; q < QUERIES.size(); q++) {
            System.out.println("Best plan, " + label(q) + " (latency; gain = how much faster than under scission):");
            print(head, tables.get(q));
            System.out.println();
        }
        plans.forEach(System.out::println);
        if (!checks.isEmpty()) {
            System.out.println();
            System.out.println("Best plans under scission from profiles made under scission, against the derived "
                    + "ones above:");
            checks.forEach(System.out::println);
        }
        if (!missing.isEmpty()) {
            System.out.println("No profiles in " + dir + " for: " + String.join(", ", missing));
        }
    }

    static String label(int q) {
        return QUERIES.get(q).isEmpty() ? "fastest" : QUERIES.get(q);
    }

    /**
     * Where profiles made directly under the scission rule exist ({@code DIR/<model>/scission/}), the best plans
     * from them next to the ones derived from the tensors:3 profiles: how far summing fine blocks moves the answer.
     */
    static List<String> direct(Path dir, ModelGraph graph, double[][] derived) {
        Path device = dir.resolve("device-1t.json");
        Path edge = dir.resolve("edge-2t.json");
        if (!Files.exists(device) || !Files.exists(edge)) {
            return List.of();
        }
        Profile d = Scission.readProfile(device);
        Profile e = Scission.readProfile(edge);
        ProfileSet set = Scission.profiles(d, e, new Profile(Resource.of("cloud-2t", Tier.CLOUD), e.layout(),
                e.provenance(), e.blocks(), e.ranges()));
        List<String> out = new ArrayList<>();
        for (int q = 0; q < QUERIES.size(); q++) {
            Query query = (QUERIES.get(q).isEmpty() ? Scission.query() : Query.parse(QUERIES.get(q)))
                    .inputSize(INPUT);
            for (int n = 0; n < NETWORKS.length; n++) {
                PartitionConfig best = query.solve(set, Scission.network(NETWORKS[n])).best().orElseThrow();
                double ms = best.latencySeconds() * 1e3;
                out.add(String.format(Locale.ROOT, "%s scission %s %s: direct %.1f ms, derived %.1f ms (%+.1f %%); "
                        + "%s", graph.name(), label(q), NETWORKS[n].id(), ms, derived[q][n],
                        100 * (derived[q][n] - ms) / ms, describe(best, graph)));
            }
        }
        return out;
    }

    /** Where the plan cuts, by layer name, and which resource runs each segment. */
    static String describe(PartitionConfig plan, ModelGraph graph) {
        StringBuilder sb = new StringBuilder();
        for (Segment s : plan.segments()) {
            if (sb.length() > 0) {
                sb.append(" | ");
            }
            sb.append(s.resource().name()).append(" layers ").append(s.firstLayer()).append('-')
                    .append(s.lastLayer()).append(" (to ").append(graph.layers().get(s.lastLayer()).name())
                    .append(')');
        }
        return sb.append(", sent ").append(plan.bytesSent()).append(" B").toString();
    }

    /**
     * Re-blocks a fine profile onto a coarser layout of the same model: each coarse block's median and mean are the
     * sums over the fine blocks it covers.
     */
    static Profile coarsen(Profile fine, BlockLayout coarse, Resource as, double speedup) {
        Set<Integer> fineEnds = new HashSet<>();
        for (Block b : fine.layout().blocks()) {
            fineEnds.add(b.lastLayer());
        }
        if (!fine.layout().fingerprint().equals(coarse.fingerprint())) {
            throw new IllegalStateException("The profile " + fine.layout().model() + " is of another model.");
        }
        List<BlockTiming> timings = new ArrayList<>();
        int f = 0;
        for (Block b : coarse.blocks()) {
            if (!fineEnds.contains(b.lastLayer())) {
                throw new IllegalStateException(String.format(Locale.ROOT, "The %s cut after layer %d of %s is not "
                        + "a %s cut, so its time cannot be summed from the profile.", coarse.rule().id(),
                        b.lastLayer(), coarse.model(), fine.layout().rule().id()));
            }
            double median = 0;
            double mean = 0;
            int count = Integer.MAX_VALUE;
            for (; f < fine.blocks().size() && fine.blocks().get(f).block().lastLayer() <= b.lastLayer(); f++) {
                TimingSummary s = fine.blocks().get(f).timing().summary();
                median += s.median();
                mean += s.mean();
                count = Math.min(count, s.count());
            }
            timings.add(new BlockTiming(b, new Timing(List.of(),
                    new TimingSummary(count, mean / speedup, median / speedup, Double.NaN, Double.NaN))));
        }
        List<RangeTiming> ranges = new ArrayList<>();
        if (speedup == 1) {
            fine.wholeModel().ifPresent(w -> ranges.add(new RangeTiming(0, coarse.size() - 1, w.timing())));
        }
        return new Profile(as, coarse, fine.provenance(), timings, ranges);
    }

    static void print(String[] head, List<String[]> rows) {
        System.out.println("| " + String.join(" | ", head) + " |");
        System.out.println("|" + "---|".repeat(head.length));
        for (String[] r : rows) {
            System.out.println("| " + String.join(" | ", r) + " |");
        }
    }
}
