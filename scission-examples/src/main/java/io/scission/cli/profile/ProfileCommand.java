package io.scission.cli.profile;

import io.scission.Scission;
import io.scission.cli.OutputFiles;
import io.scission.cli.ScissionCli;
import io.scission.cli.TensorFlowOptions;
import io.scission.cli.models.InputShapeOption;
import io.scission.cli.models.ModelArgument;
import io.scission.grpc.ProcessHopProbe;
import io.scission.model.PartitionRule;
import io.scission.platform.Resource;
import io.scission.platform.Tier;
import io.scission.profile.HopCost;
import io.scission.profile.Profile;
import io.scission.profile.Provenance;
import io.scission.profile.Sampling;
import io.scission.profile.SamplingRule;
import io.scission.profile.TimingStatistic;
import io.scission.spi.BlockProfiler;
import io.scission.spi.ModelSource;
import io.scission.spi.ProfileRequest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code scission profile}: times every block of a model on this machine and writes a profile file. */
@Command(name = "profile", mixinStandardHelpOptions = true, versionProvider = ScissionCli.Version.class,
        sortOptions = false, usageHelpAutoWidth = true, separator = " ",
        description = {"Times every block of a model on this machine (plus the whole model and a few block ranges, "
                + "to show how well block times add up) and writes a profile file for 'scission plan' and "
                + "'scission report'. Progress goes to standard error: a bar on a terminal, plain lines otherwise.",
            ""},
        footer = {"", "MODEL: a zoo name (e.g. ResNet50; see 'scission models') or a model path.",
            "TIER: device, edge, cloud, or NAME:RANK for a tier of your own (e.g. gateway:50).",
            "--threads needs TF_OVERRIDE_GLOBAL_THREADPOOL=1 when the JVM starts; without it the",
            "profiling runs in a child JVM that has it (stopped with this one: SIGTERM, SIGINT, Ctrl-C).",
            "The profile file is written only when the run completes; a stopped run leaves it as it was.", "",
            "Examples:",
            "  scission profile ResNet50 --resource laptop --tier edge",
            "  scission profile vgg16 --resource pi-emulated --tier device --threads 1 \\",
            "      -o profiles/vgg16/pi-emulated.json"})
public final class ProfileCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec = CommandSpec.create();

    @ParentCommand
    private @Nullable ScissionCli root;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A zoo name or a model path.")
    private String model = "";

    @Option(names = "--resource", required = true, paramLabel = "NAME",
            description = "The name this machine gets in the profile, e.g. laptop.")
    private String resource = "";

    @Option(names = "--tier", required = true, paramLabel = "TIER", description = "The machine's tier.")
    private String tier = "";

    @Option(names = "--hardware", paramLabel = "TEXT", description = "Free-text hardware notes for the profile.")
    private String hardware = "";

    @Option(names = "--threads", paramLabel = "N",
            description = "Intra-op threads (default: TensorFlow's choice, all cores).")
    private @Nullable Integer threads;

    @Option(names = "--repeats", paramLabel = "N", description = "Timed runs per block (default: repeat until every "
            + "block's median is stable, see --tolerance and --budget; 0 says the same).")
    private int repeats = ProfileRequest.UNTIL_STABLE;

    @Option(names = "--warmups", paramLabel = "N", description = "Untimed runs per block first (default 1).")
    private int warmups = ProfileRequest.DEFAULT_WARMUPS;

    @Option(names = "--partition-rule", paramLabel = "scission|single-tensor|tensors:K",
            description = "Where the model may be cut (default scission).")
    private String rule = "scission";

    @Option(names = "--seed", paramLabel = "N", description = "Seed of random inputs and weights (default 42).")
    private long seed = 42L;

    @Option(names = "--fusion", description = "Profile what TensorFlow runs: blocks never split a group of layers "
            + "TensorFlow fuses into one kernel (the partition rule becomes RULE-fused:...), timed with its op fusion "
            + "on; workers of plans from these profiles run the same, faster session. Default: fusion off, the "
            + "paper's blocks.")
    private boolean fusion;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "The profile file (default profiles/<model>/<resource>.json).")
    private @Nullable Path output;

    @Mixin
    private InputShapeOption inputShape = new InputShapeOption();

    @Mixin
    private SamplingOptions sampling = new SamplingOptions();

    /** Creates the command; picocli sets the fields. */
    public ProfileCommand() {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Tier t = tier(spec, "--tier", tier);
        Resource r = resource(spec, resource, t, hardware);
        PartitionRule partitionRule = partitionRule(spec, rule);
        int n = threads == null ? 0 : threads;
        ProfileRequest request = request(spec, r, partitionRule, n, warmups, repeats, seed);
        if (output != null) {
            OutputFiles.checkFile(output, "the profile", "-o"); // before the model is read, which may take a while
        }
        SamplingRule rule = sampling.rule(repeats);
        Map<String, List<Long>> shapes = inputShape.shapes();
        ModelArgument m = ModelArgument.resolve(model, shapes);
        Path file = output != null ? output : Path.of("profiles", m.fileKey(), r.name() + ".json");
        OutputFiles.checkFile(file, "the profile", output != null ? "-o" : "--resource");
        try (StopOnSignal run = root != null && root.standardStreams() ? StopOnSignal.install() : null) {
            Profile profile = profile(m, request, rule, fusion, shapes, err, root);
            if (run != null) {
                run.write(file, tmp -> Scission.writeProfile(profile, tmp));
            } else {
                Scission.writeProfile(profile, file);
            }
            summary(out, m, profile);
        }
        out.println("Profile written to " + file.toAbsolutePath().normalize());
        return 0;
    }

    /**
     * Profiles a model through core's SPI with a progress display on standard error. A thread count that cannot
     * take effect in this JVM is honoured in a child JVM ({@link TensorFlowOptions#profiler}).
     *
     * @param m the model
     * @param request how to profile
     * @param rule when to stop repeating if the request repeats until stable
     * @param inputShapes input shapes, as {@link InputShapeOption#shapes()} gives them
     * @param err where progress goes
     * @param root the running tool, or null when run inside another program
     * @return the profile
     */
    public static Profile profile(ModelArgument m, ProfileRequest request, SamplingRule rule,
            Map<String, List<Long>> inputShapes, PrintWriter err, @Nullable ScissionCli root) {
        return profile(m, request, rule, false, inputShapes, err, root);
    }

    /**
     * Profiles a model as {@link #profile(ModelArgument, ProfileRequest, SamplingRule, Map, PrintWriter, ScissionCli)}
     * does, with TensorFlow's op fusion on if asked ({@code --fusion}; a fused partition rule always is).
     *
     * @param m the model
     * @param request how to profile
     * @param rule when to stop repeating if the request repeats until stable
     * @param fusion true to profile what TensorFlow's op fusion runs
     * @param inputShapes input shapes, as {@link InputShapeOption#shapes()} gives them
     * @param err where progress goes
     * @param root the running tool, or null when run inside another program
     * @return the profile
     */
    public static Profile profile(ModelArgument m, ProfileRequest request, SamplingRule rule, boolean fusion,
            Map<String, List<Long>> inputShapes, PrintWriter err, @Nullable ScissionCli root) {
        String threads = request.threads() == 0 ? "default threads" : request.threads() + " thread"
                + (request.threads() == 1 ? "" : "s");
        boolean standardStreams = root != null && root.standardStreams();
        Progress progress = new Progress(err, Progress.onTerminal(standardStreams), String.format(Locale.ROOT,
                "%s on %s (%s)", m.displayName(), request.resource().name(), threads));
        ModelSource source = new ModelSource(m.location());
        BlockProfiler profiler = TensorFlowOptions.profiler(source, request.threads(), rule, fusion, inputShapes,
                root != null && root.args().contains("--debug"), standardStreams);
        progress.start();
        boolean done = false;
        try {
            Profile p = withGrpcHop(Scission.profile(source, request, progress, profiler), err::println);
            done = true;
            return p;
        } finally {
            if (done) {
                progress.finish();
            } else {
                progress.abort();
            }
        }
    }

    /**
     * Adds the RPC part of a hop to a measured hop cost ({@link ProcessHopProbe}: a real loopback Predict call to a
     * child JVM, with the tensor's conversions on both ends, which the profiler's in-process probe does not make; the
     * one-process {@link io.scission.grpc.GrpcHopProbe} if the child cannot start), and says so in the profile's
     * notes; a profile without a hop cost is returned as it is.
     *
     * @param p the profile
     * @param warn where a fallback's one line goes
     * @return the profile with the whole hop cost
     */
    static Profile withGrpcHop(Profile p, Consumer<String> warn) {
        if (!p.hopCost().isRecorded()) {
            return p;
        }
        ProcessHopProbe.Share g = ProcessHopProbe.measureOrFallback(warn);
        HopCost c = p.hopCost();
        Provenance v = p.provenance();
        Provenance notes = new Provenance(v.host(), v.cpu(), v.os(), v.jvm(), v.runtime(), v.threads(), v.warmups(),
                v.repeats(), v.date(), v.runOverheadSeconds(), v.weights(), v.notes() + " " + g.description(),
                v.sampling());
        return new Profile(p.resource(), p.layout(), notes, p.blocks(), p.ranges(), new HopCost(
                c.fixedSeconds() + g.cost().fixedSeconds(), c.secondsPerByte() + g.cost().secondsPerByte()),
                p.memory(), p.copyCost());
    }

    /** The additivity error beyond which {@link #summary} suggests how to measure more steadily. */
    static final double POOR_ADDITIVITY = 0.10;

    /**
     * Prints what was measured: blocks, whole model, sum of blocks and the additivity error, with advice when the
     * error exceeds {@value #POOR_ADDITIVITY}.
     *
     * @param out where to print
     * @param m the model
     * @param p the profile
     */
    public static void summary(PrintWriter out, ModelArgument m, Profile p) {
        // On a 2-core VM, 18 zoo models: 2 threads x 10 fixed repeats gave errors up to 16 %, 30 repeats or 1 thread
        // kept all within 9 % (README, "Profile a TensorFlow model"); beyond 10 % the profile deserves a second look.
        double sum = 0;
        for (int i = 0; i < p.blocks().size(); i++) {
            sum += p.seconds(i, TimingStatistic.MEDIAN);
        }
        Sampling sampling = p.provenance().sampling();
        String threads = p.provenance().threads() == 0 ? "default threads" : p.provenance().threads() + " thread(s)";
        if (sampling.stop() == Sampling.Stop.FIXED) {
            out.printf(Locale.ROOT, "Profiled %s on %s: %d blocks, %d warm-up and %d timed runs each, %s%n",
                    m.displayName(), p.resource(), p.blocks().size(), p.provenance().warmups(),
                    p.provenance().repeats(), threads);
        } else {
            out.printf(Locale.ROOT, "Profiled %s on %s: %d blocks, %d warm-up and %d timed passes (%d left out as "
                    + "disturbed), %s; %s%n", m.displayName(), p.resource(), p.blocks().size(),
                    p.provenance().warmups(), sampling.passes(), sampling.rejectedPasses(), threads, stopped(p));
        }
        OptionalDouble error = p.additivityError(TimingStatistic.MEDIAN);
        if (p.wholeModel().isPresent() && error.isPresent()) {
            out.printf(Locale.ROOT, "Whole model %.2f ms, sum of block medians %.2f ms: additivity error %+.1f%%%n",
                    p.wholeModel().get().timing().summary().median() * 1e3, sum * 1e3, error.getAsDouble() * 100);
            if (Math.abs(error.getAsDouble()) > POOR_ADDITIVITY) {
                out.printf(Locale.ROOT, "Block times add up poorly (over %.0f%% off). %s%n", POOR_ADDITIVITY * 100,
                        advice(sampling.stop()));
            }
        } else {
            out.printf(Locale.ROOT, "Sum of block medians %.2f ms (the whole model was not timed, so no additivity "
                    + "error)%n", sum * 1e3);
        }
    }

    /** Says why an until-stable profile stopped and how many blocks were stable. */
    private static String stopped(Profile p) {
        long stable = p.blocks().stream().filter(b -> b.timing().precision().stable()).count();
        Sampling s = p.provenance().sampling();
        double tolerance = s.rule().relativeTolerance() * 100;
        String blocks = String.format(Locale.ROOT, "%d of %d block medians within +-%.0f%% (%.0f%% interval)", stable,
                p.blocks().size(), tolerance, s.rule().confidence() * 100);
        if (s.splitTotal().isRecorded()) {
            blocks = String.format(Locale.ROOT, "the split-inference total %s +-%.0f%% (%.0f%% interval), %d of %d "
                    + "block medians", s.splitTotal().precision().stable() ? "within" : "not within", tolerance,
                    s.rule().confidence() * 100, stable, p.blocks().size());
        }
        switch (p.provenance().sampling().stop()) {
            case STABLE:
                return "stable: " + blocks;
            case BUDGET:
                return String.format(Locale.ROOT, "stopped by its time budget (%.1f s): %s", p.provenance().sampling()
                        .budgetSeconds(), blocks);
            default:
                return "stopped at the most passes: " + blocks;
        }
    }

    /**
     * Returns what to do about block times that add up poorly, given why the profiler stopped.
     *
     * @param stop why the profiler stopped repeating
     * @return the advice
     */
    static String advice(Sampling.Stop stop) {
        int cpus = Runtime.getRuntime().availableProcessors();
        switch (stop) {
            case FIXED:
                return String.format(Locale.ROOT, "The usual cause is noise: other load on this machine, or as many "
                        + "threads as CPUs (%d here). Leave out --repeats (the profiler then repeats until the medians "
                        + "are stable), give more (e.g. 30), or use fewer --threads.", cpus);
            case STABLE:
                return "The medians were stable, so noise is not the cause: cutting the model there costs time "
                        + "(fusion lost across a cut, the fixed cost of a run). Plans from this profile are still "
                        + "ranked well; their predicted latency is off by about this much.";
            default:
                return String.format(Locale.ROOT, "The medians were not all stable when the profiler stopped: the "
                        + "usual cause is noise, other load on this machine or as many threads as CPUs (%d here). "
                        + "Profile when the machine is quieter, or with fewer --threads; a fixed --repeats 30 takes "
                        + "longer and gives steadier medians.", cpus);
        }
    }

    /**
     * Reads a tier: device, edge, cloud (any case) or NAME:RANK.
     *
     * @param spec the command, for usage errors
     * @param option the option's name
     * @param text the value
     * @return the tier
     */
    public static Tier tier(CommandSpec spec, String option, String text) {
        String t = text.strip();
        int colon = t.lastIndexOf(':');
        try {
            if (colon > 0) {
                return Tier.of(t.substring(0, colon), Integer.parseInt(t.substring(colon + 1).strip()));
            }
            return Tier.named(t);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), String.format(Locale.ROOT,
                    "The tier (%s) of %s is not device, edge, cloud or NAME:RANK.%nMaybe write edge, or e.g. "
                            + "gateway:50 for a tier of your own between device (0) and edge (100).", text, option));
        }
    }

    static Resource resource(CommandSpec spec, String name, Tier tier, String hardware) {
        try {
            return Resource.of(name, tier, hardware);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /**
     * Reads a partition rule, failing as a usage error.
     *
     * @param spec the command
     * @param text the value
     * @return the rule
     */
    public static PartitionRule partitionRule(CommandSpec spec, String text) {
        try {
            return PartitionRule.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage() + "\nMaybe write --partition-rule "
                    + "scission.");
        }
    }

    /**
     * Builds a request, failing as a usage error for counts out of range.
     *
     * @param spec the command
     * @param r the resource
     * @param rule the rule
     * @param threads threads, 0 for the runtime's choice
     * @param warmups warm-up runs
     * @param repeats timed runs
     * @param seed the seed
     * @return the request
     */
    public static ProfileRequest request(CommandSpec spec, Resource r, PartitionRule rule, int threads, int warmups,
            int repeats, long seed) {
        try {
            return new ProfileRequest(r, rule, threads, warmups, repeats, seed);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage() + "\nMaybe write e.g. --threads 1 "
                    + "--warmups 3 --repeats 10.");
        }
    }
}
