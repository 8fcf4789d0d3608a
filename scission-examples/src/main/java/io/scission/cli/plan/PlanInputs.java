package io.scission.cli.plan;

import io.scission.Query;
import io.scission.Scission;
import io.scission.cli.UsageException;
import io.scission.original.OriginalBenchmarks;
import io.scission.original.OriginalNetworkCsv;
import io.scission.platform.DataSize;
import io.scission.platform.Network;
import io.scission.platform.NetworkPreset;
import io.scission.platform.Power;
import io.scission.platform.Resource;
import io.scission.profile.ProfileSet;
import io.scission.profile.TimingStatistic;
import io.scission.query.BlockNotOn;
import io.scission.query.BlockOn;
import io.scission.query.Deadline;
import io.scission.query.DistributedOnly;
import io.scission.query.Exclude;
import io.scission.query.Include;
import io.scission.query.LayerNotOn;
import io.scission.query.LayerOn;
import io.scission.query.MaxComputeShare;
import io.scission.query.MaxComputeTime;
import io.scission.query.MaxEnergy;
import io.scission.query.MaxLayerShare;
import io.scission.query.MaxLayers;
import io.scission.query.MaxMemory;
import io.scission.query.MaxTotalTransfer;
import io.scission.query.MaxTransfer;
import io.scission.query.MaxTransferOut;
import io.scission.query.MinComputeShare;
import io.scission.query.MinLayerShare;
import io.scission.query.MinLayers;
import io.scission.query.MustUse;
import io.scission.query.NativeOnly;
import io.scission.query.ShareOf;
import io.scission.query.Target;
import io.scission.query.TierTarget;
import io.scission.reference.ReferenceNetwork;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The inputs of a query on the command line, shared by {@code plan} and {@code report}: the profiles (a directory or
 * the original tool's files), the network (a file, the original's CSV or a preset) and every constraint of the core
 * query as a flag. Values that are wrong are usage errors naming the option.
 */
public final class PlanInputs {

    @Spec(Spec.Target.MIXEE)
    private @Nullable CommandSpec spec;

    // ------------------------------------------------------------------------------------------------- inputs

    @Parameters(arity = "0..1", paramLabel = "PROFILES",
            description = "Directory of profile files (*.json, format scission-profile) of one model.")
    private @Nullable Path profilesDir;

    @Option(names = "--original", arity = "2", paramLabel = "BENCHMARK_FOLDER MODEL", hideParamSyntax = true,
            description = "Use the original Scission tool's <tier>-<name>.dat files of MODEL instead of PROFILES.")
    private @Nullable String[] original;

    @Option(names = "--reference", paramLabel = "MODEL", description = "Use the built-in reference data instead of "
            + "PROFILES: the paper's measurements of MODEL (e.g. resnet50) on its Raspberry Pi 4, two edges and a "
            + "cloud with and without GPU.")
    private @Nullable String reference;

    @ArgGroup(exclusive = true, multiplicity = "0..1", heading = "%nNetwork (one of):%n")
    private NetworkSource network = new NetworkSource();

    /** Where the links come from. */
    static final class NetworkSource {
        @Option(names = "--network", paramLabel = "FILE", description = "Network file (JSON, format "
                + "scission-network).")
        @Nullable Path file;

        @Option(names = "--network-csv", paramLabel = "FILE",
                description = "The original tool's network CSV (source,destination,ping_ms,bandwidth_mbps).")
        @Nullable Path csv;

        @Option(names = "--preset", paramLabel = "3g|4g|wired",
                description = "The paper's network: device uplink 3G, 4G or wired; edge-cloud 25 ms, 50 Mbps.")
        @Nullable String preset;

        @Option(names = "--reference-network", paramLabel = "3g|wired", description = "A network the original "
                + "tool was published with, between the --reference machines (reproduces the paper's Table IV).")
        @Nullable String reference;
    }

    // ------------------------------------------------------------------------------------------------- query

    @Option(names = "--query", paramLabel = "TEXT", order = 10,
            description = "A core query string, e.g. 'mustUse(EDGE).maxTransfer(EDGE, CLOUD, 1MB)'.")
    private @Nullable String queryText;

    @Option(names = "--top", paramLabel = "N", order = 11, description = "How many plans (default 5).")
    private @Nullable Integer top;

    @Option(names = "--must-use", paramLabel = "TARGET", order = 20, description = "Run at least one block there.")
    private List<String> mustUse = new ArrayList<>();

    @Option(names = "--must-use-resource", paramLabel = "NAME", order = 21,
            description = "Run at least one block on this resource (for a resource named like a tier).")
    private List<String> mustUseResource = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "TARGET", order = 22, description = "Run no block there.")
    private List<String> exclude = new ArrayList<>();

    @Option(names = "--exclude-resource", paramLabel = "NAME", order = 23,
            description = "Run no block on this resource.")
    private List<String> excludeResource = new ArrayList<>();

    @Option(names = "--include", paramLabel = "TIER=NAME[,NAME...]", order = 24,
            description = "On the tier, only these resources may run blocks.")
    private List<String> include = new ArrayList<>();

    @Option(names = "--native-only", order = 25, description = "One resource runs every block.")
    private boolean nativeOnly;

    @Option(names = "--distributed-only", order = 26, description = "At least two resources run blocks.")
    private boolean distributedOnly;

    @Option(names = "--layer-on", paramLabel = "LAYER=TARGET", order = 30,
            description = "Run the layer (a Keras layer index) there.")
    private List<String> layerOn = new ArrayList<>();

    @Option(names = "--layer-not-on", paramLabel = "LAYER=TARGET", order = 31,
            description = "Do not run the layer there.")
    private List<String> layerNotOn = new ArrayList<>();

    @Option(names = "--block-on", paramLabel = "BLOCK=TARGET", order = 32,
            description = "Run the block (index from 0) there.")
    private List<String> blockOn = new ArrayList<>();

    @Option(names = "--block-not-on", paramLabel = "BLOCK=TARGET", order = 33,
            description = "Do not run the block there.")
    private List<String> blockNotOn = new ArrayList<>();

    @Option(names = "--max-transfer", paramLabel = "FROM:TO=SIZE", order = 40,
            description = "At most SIZE in total over hops from FROM to TO, e.g. edge:cloud=1MB.")
    private List<String> maxTransfer = new ArrayList<>();

    @Option(names = "--max-transfer-out", paramLabel = "FROM=SIZE", order = 41,
            description = "At most SIZE in total leaving FROM.")
    private List<String> maxTransferOut = new ArrayList<>();

    @Option(names = "--max-total-transfer", paramLabel = "SIZE", order = 42,
            description = "At most SIZE over all hops together.")
    private @Nullable String maxTotalTransfer;

    @Option(names = "--max-compute-time", paramLabel = "TARGET=DURATION", order = 50,
            description = "At most this much compute there, e.g. device=0.5s.")
    private List<String> maxComputeTime = new ArrayList<>();

    @Option(names = "--max-compute-share", paramLabel = "TARGET=SHARE[:compute|:latency]", order = 51,
            description = "At most this share of the compute time (default) or of the latency, e.g. edge=30%%:compute.")
    private List<String> maxComputeShare = new ArrayList<>();

    @Option(names = "--min-compute-share", paramLabel = "TARGET=SHARE[:compute|:latency]", order = 52,
            description = "At least this share of the compute time (default) or of the latency.")
    private List<String> minComputeShare = new ArrayList<>();

    @Option(names = "--deadline", paramLabel = "DURATION", order = 53,
            description = "End-to-end latency at most this, e.g. 250ms.")
    private @Nullable String deadline;

    @Option(names = "--max-memory", paramLabel = "TARGET=SIZE", order = 54,
            description = "Each segment there needs at most SIZE of working memory (weights + largest live "
                    + "activations; profiles of format 3), e.g. device=512MB.")
    private List<String> maxMemory = new ArrayList<>();

    @Option(names = "--memory", paramLabel = "TARGET=SIZE", order = 55,
            description = "The memory capacity of a resource, or of every resource of a tier, e.g. raspi4=512MB: "
                    + "its segment must fit, as with --max-memory.")
    private List<String> memory = new ArrayList<>();

    @Option(names = "--min-layers", paramLabel = "TARGET=N", order = 60, description = "At least N layers there.")
    private List<String> minLayers = new ArrayList<>();

    @Option(names = "--max-layers", paramLabel = "TARGET=N", order = 61, description = "At most N layers there.")
    private List<String> maxLayers = new ArrayList<>();

    @Option(names = "--min-layer-share", paramLabel = "TARGET=SHARE", order = 62,
            description = "At least this share of the model's layers there.")
    private List<String> minLayerShare = new ArrayList<>();

    @Option(names = "--max-layer-share", paramLabel = "TARGET=SHARE", order = 63,
            description = "At most this share of the model's layers there.")
    private List<String> maxLayerShare = new ArrayList<>();

    @Option(names = "--max-energy", paramLabel = "TARGET=ENERGY", order = 64,
            description = "At most this energy there (J, mJ or kJ; joules without a unit), e.g. device=2.5J; the "
                    + "target's resources need --power.")
    private List<String> maxEnergy = new ArrayList<>();

    @Option(names = "--objective", paramLabel = "latency|transfer|energy:TARGET|weighted:S,MB[,J:TARGET...]",
            order = 70, description = "What to minimise (default latency); weighted:1,0.5 scores 1 per second + 0.5 "
                    + "per MB sent; energy:device the device's joules; weighted:1,0,0.5:device 1 per second + 0.5 "
                    + "per joule of the device.")
    private @Nullable String objective;

    @Option(names = "--power", paramLabel = "TARGET=compute:W,transmit:W,idle:W[,receive:W]", order = 77,
            description = "Power figures of a resource, or of every resource of a tier, for energy objectives and "
                    + "--max-energy, e.g. device=compute:4.5W,transmit:1.2W,idle:0.9W (W or mW; receive defaults "
                    + "to idle). A resource's own figures win over its tier's.")
    private List<String> power = new ArrayList<>();

    @Option(names = "--input-size", paramLabel = "SIZE", order = 71,
            description = "Size of the raw input sent when the source does not run the first block (default: the "
                    + "profiles' input size; 150KB for --original and --reference).")
    private @Nullable String inputSize;

    @Option(names = "--source", paramLabel = "NAME", order = 72,
            description = "The resource where the input starts (default: every device-tier resource is tried).")
    private @Nullable String source;

    @Option(names = "--statistic", paramLabel = "mean|median|p95", order = 73,
            description = "Which summary of the block timings to use (default mean; original data has only means).")
    private @Nullable TimingStatistic statistic;

    @Option(names = "--per-tier", paramLabel = "N", order = 74,
            description = "Allow up to N resources of one tier in a plan (default 1).")
    private @Nullable Integer perTier;

    @Option(names = "--return-result", order = 75, description = "Send the model's output back to the source.")
    private boolean returnResult;

    @Option(names = "--strategy", paramLabel = "branch-and-bound|exhaustive", order = 76,
            description = "The search (default branch-and-bound); both return the same plans.")
    private @Nullable String strategy;

    /** Creates the options; picocli sets the fields. */
    public PlanInputs() {
    }

    /**
     * Returns true if {@code --top} was given (a command may then choose its own default).
     *
     * @return whether the number of plans was given
     */
    public boolean topGiven() {
        return top != null;
    }

    /**
     * Reads the profiles given as PROFILES, with {@code --original} or with {@code --reference}.
     *
     * @return the profiles
     * @throws UsageException if not exactly one is given, or the reference model is unknown
     */
    public ProfileSet profiles() {
        if (original != null && original.length != 2) {
            throw usage("Give --original once, with a benchmark folder and a model.\nMaybe write --original "
                    + "benchmark_data vgg19.");
        }
        int given = (profilesDir == null ? 0 : 1) + (original == null ? 0 : 1) + (reference == null ? 0 : 1);
        if (given != 1) {
            throw usage("Give the profiles as one of a directory (PROFILES), --original BENCHMARK_FOLDER MODEL or "
                    + "--reference MODEL, not " + (given == 0 ? "none" : given) + ".\nMaybe run 'scission "
                    // spec is null when run without picocli (DirectRun), which only plan is
                    + (spec == null ? "plan" : spec.name()) + " --reference resnet50 --reference-network wired'.");
        }
        if (reference != null) {
            ProfileSet builtIn;
            try {
                builtIn = Scission.referenceProfiles(reference);
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
            return withCapacities(withPower(builtIn));
        }
        ProfileSet read = profilesDir != null
                ? Scission.readProfiles(profilesDir)
                : OriginalBenchmarks.read(Path.of(original[0])).profiles(original[1].toLowerCase(Locale.ROOT));
        return withCapacities(withPower(read));
    }

    /** Gives the profiled resources the figures of {@code --power}: a tier's first, then a resource's own. */
    private ProfileSet withPower(ProfileSet profiles) {
        try {
            PlanValues v = new PlanValues(profiles);
            ProfileSet result = profiles;
            for (boolean tiers : new boolean[] {true, false}) {
                for (String s : power) {
                    PlanValues.Pair p = PlanValues.splitFirst("--power", s, '=',
                            "TARGET=compute:W,transmit:W,idle:W[,receive:W]");
                    Target target = v.target("--power", p.left());
                    if (target instanceof TierTarget != tiers) {
                        continue;
                    }
                    Power figures = PlanValues.power("--power", p.right());
                    for (Resource r : profiles.resources()) {
                        if (target.matches(r)) {
                            result = result.withPower(r.name(), figures);
                        }
                    }
                }
            }
            return result;
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    /**
     * Gives the resources the capacities of {@code --memory}: a resource name, or a tier for each of its resources.
     * A resource given two capacities is an error, never the last one winning.
     */
    private ProfileSet withCapacities(ProfileSet profiles) {
        if (memory.isEmpty()) {
            return profiles;
        }
        ProfileSet result = profiles;
        Map<String, String> given = new LinkedHashMap<>();
        try {
            PlanValues v = new PlanValues(profiles);
            for (String s : memory) {
                PlanValues.Pair p = PlanValues.splitLast("--memory", s, '=', "TARGET=SIZE");
                Target target = v.target("--memory", p.left());
                DataSize size = PlanValues.size("--memory", p.right());
                for (Resource r : profiles.resources()) {
                    if (!target.matches(r)) {
                        continue;
                    }
                    String before = given.put(r.name(), s);
                    if (before != null) {
                        throw new IllegalArgumentException(String.format(Locale.ROOT,
                                "The resource %s gets two memory capacities (--memory %s and --memory %s).%n"
                                        + "Maybe give each resource one capacity.", r.name(), before, s));
                    }
                    result = result.withResource(result.profile(r.name()).orElseThrow().resource().withMemory(size));
                }
            }
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        return result;
    }

    /**
     * Describes the network option as given, e.g. {@code preset 4g} or {@code network.json}.
     *
     * @return the description
     */
    public String networkName() {
        if (network.file != null) {
            return network.file.toString();
        }
        if (network.csv != null) {
            return network.csv.toString();
        }
        if (network.reference != null) {
            return "reference network " + network.reference;
        }
        return "preset " + network.preset;
    }

    /**
     * Builds the query for these profiles.
     *
     * @param profiles the profiles, whose tiers and resource names targets may use
     * @return the query
     * @throws UsageException for a bad value or a conflict
     */
    public Query query(ProfileSet profiles) {
        return query(new PlanValues(profiles));
    }

    /**
     * Reads the network given by one of the network options.
     *
     * @return the network
     * @throws UsageException if the preset is unknown
     */
    public Network network() {
        if (network.file == null && network.csv == null && network.preset == null
                && network.reference == null) {
            throw usage("Give the network: --network FILE, --network-csv FILE, --preset 3g|4g|wired or "
                    + "--reference-network 3g|wired.\nMaybe add --preset 4g.");
        }
        if (network.file != null) {
            return Scission.readNetwork(network.file);
        }
        if (network.csv != null) {
            return OriginalNetworkCsv.read(network.csv);
        }
        try {
            if (network.reference != null) {
                return Scission.referenceNetwork(ReferenceNetwork.parse(network.reference));
            }
            return Scission.network(NetworkPreset.parse(String.valueOf(network.preset)));
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    /** Builds the query: --query first, then each flag; any bad value or conflict is a usage error. */
    private Query query(PlanValues v) {
        try {
            Query q = queryText == null ? Scission.query() : Query.parse(queryText);
            for (String t : mustUse) {
                q = q.constraint(new MustUse(v.target("--must-use", t)));
            }
            for (String r : mustUseResource) {
                q = q.constraint(new MustUse(v.resource("--must-use-resource", r)));
            }
            for (String t : exclude) {
                q = q.constraint(new Exclude(v.target("--exclude", t)));
            }
            for (String r : excludeResource) {
                q = q.constraint(new Exclude(v.resource("--exclude-resource", r)));
            }
            for (String s : include) {
                PlanValues.Pair p = PlanValues.splitFirst("--include", s, '=', "TIER=NAME[,NAME...]");
                // a loop, not a stream: no lambda (java.lang.invoke) on plan's start path
                List<String> names = new ArrayList<>();
                for (String n : p.right().split(",")) {
                    names.add(n.strip());
                    v.resource("--include", n.strip());
                }
                q = q.constraint(new Include(v.tier("--include", p.left()), names));
            }
            if (nativeOnly) {
                q = q.constraint(new NativeOnly());
            }
            if (distributedOnly) {
                q = q.constraint(new DistributedOnly());
            }
            q = placements(q, v, "--layer-on", layerOn);
            q = placements(q, v, "--layer-not-on", layerNotOn);
            q = placements(q, v, "--block-on", blockOn);
            q = placements(q, v, "--block-not-on", blockNotOn);
            for (String s : maxTransfer) {
                PlanValues.Pair p = PlanValues.splitLast("--max-transfer", s, '=', "FROM:TO=SIZE");
                PlanValues.Pair ends = PlanValues.splitFirst("--max-transfer", p.left(), ':', "FROM:TO=SIZE");
                q = q.constraint(new MaxTransfer(v.target("--max-transfer", ends.left()),
                        v.target("--max-transfer", ends.right()), PlanValues.size("--max-transfer", p.right())));
            }
            for (String s : maxTransferOut) {
                PlanValues.Pair p = PlanValues.splitLast("--max-transfer-out", s, '=', "FROM=SIZE");
                q = q.constraint(new MaxTransferOut(v.target("--max-transfer-out", p.left()),
                        PlanValues.size("--max-transfer-out", p.right())));
            }
            if (maxTotalTransfer != null) {
                q = q.constraint(new MaxTotalTransfer(PlanValues.size("--max-total-transfer", maxTotalTransfer)));
            }
            for (String s : maxComputeTime) {
                PlanValues.Pair p = PlanValues.splitLast("--max-compute-time", s, '=', "TARGET=DURATION");
                q = q.constraint(new MaxComputeTime(v.target("--max-compute-time", p.left()),
                        PlanValues.seconds("--max-compute-time", p.right())));
            }
            for (String s : maxMemory) {
                PlanValues.Pair p = PlanValues.splitLast("--max-memory", s, '=', "TARGET=SIZE");
                q = q.constraint(new MaxMemory(v.target("--max-memory", p.left()),
                        PlanValues.size("--max-memory", p.right())));
            }
            q = shares(q, v, "--max-compute-share", maxComputeShare, true);
            q = shares(q, v, "--min-compute-share", minComputeShare, false);
            if (deadline != null) {
                q = q.constraint(new Deadline(PlanValues.seconds("--deadline", deadline)));
            }
            for (String s : minLayers) {
                PlanValues.Pair p = PlanValues.splitLast("--min-layers", s, '=', "TARGET=N");
                q = q.constraint(new MinLayers(v.target("--min-layers", p.left()),
                        PlanValues.integer("--min-layers", p.right())));
            }
            for (String s : maxLayers) {
                PlanValues.Pair p = PlanValues.splitLast("--max-layers", s, '=', "TARGET=N");
                q = q.constraint(new MaxLayers(v.target("--max-layers", p.left()),
                        PlanValues.integer("--max-layers", p.right())));
            }
            for (String s : minLayerShare) {
                PlanValues.Pair p = PlanValues.splitLast("--min-layer-share", s, '=', "TARGET=SHARE");
                q = q.constraint(new MinLayerShare(v.target("--min-layer-share", p.left()),
                        PlanValues.share("--min-layer-share", p.right())));
            }
            for (String s : maxLayerShare) {
                PlanValues.Pair p = PlanValues.splitLast("--max-layer-share", s, '=', "TARGET=SHARE");
                q = q.constraint(new MaxLayerShare(v.target("--max-layer-share", p.left()),
                        PlanValues.share("--max-layer-share", p.right())));
            }
            for (String s : maxEnergy) {
                PlanValues.Pair p = PlanValues.splitLast("--max-energy", s, '=', "TARGET=ENERGY");
                q = q.constraint(new MaxEnergy(v.target("--max-energy", p.left()),
                        PlanValues.joules("--max-energy", p.right())));
            }
            if (objective != null) {
                q = q.minimize(v.objective("--objective", objective));
            }
            if (inputSize != null) {
                q = q.inputSize(PlanValues.size("--input-size", inputSize));
            }
            if (source != null) {
                q = q.source(source);
            }
            if (statistic != null) {
                q = q.statistic(statistic);
            }
            if (perTier != null) {
                q = q.maxResourcesPerTier(perTier);
            }
            if (returnResult) {
                q = q.returnResult();
            }
            if (strategy != null) {
                q = q.strategy(PlanValues.strategy("--strategy", strategy));
            }
            if (top != null) {
                q = q.top(top);
            }
            return q;
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw usage(e.getMessage());
        }
    }

    private static Query placements(Query q, PlanValues v, String option, List<String> values) {
        Query result = q;
        for (String s : values) {
            PlanValues.Pair p = PlanValues.splitFirst(option, s, '=', option.contains("block") ? "BLOCK=TARGET"
                    : "LAYER=TARGET");
            result = result.constraint(placement(option, PlanValues.integer(option, p.left()),
                    v.target(option, p.right())));
        }
        return result;
    }

    /**
     * The constraint of a placement option (a switch, not a constructor reference passed in: a method reference is
     * linked when it is evaluated, milliseconds at every {@code plan} start, with or without the option).
     */
    private static io.scission.query.Constraint placement(String option, int index, Target target) {
        switch (option) {
            case "--layer-on":
                return new LayerOn(index, target);
            case "--layer-not-on":
                return new LayerNotOn(index, target);
            case "--block-on":
                return new BlockOn(index, target);
            case "--block-not-on":
                return new BlockNotOn(index, target);
            default:
                throw new IllegalStateException("not a placement option: " + option);
        }
    }

    private static Query shares(Query q, PlanValues v, String option, List<String> values, boolean max) {
        Query result = q;
        for (String s : values) {
            PlanValues.Pair p = PlanValues.splitLast(option, s, '=', "TARGET=SHARE[:compute|:latency]");
            String share = p.right();
            ShareOf of = ShareOf.COMPUTE;
            int colon = share.indexOf(':');
            if (colon >= 0) {
                of = PlanValues.shareOf(option, share.substring(colon + 1));
                share = share.substring(0, colon);
            }
            Target target = v.target(option, p.left());
            double fraction = PlanValues.share(option, share);
            result = result.constraint(max ? new MaxComputeShare(target, fraction, of)
                    : new MinComputeShare(target, fraction, of));
        }
        return result;
    }

    private static UsageException usage(String message) {
        return new UsageException(message);
    }
}
