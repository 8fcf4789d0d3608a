package io.scission.cli.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.scission.Hop;
import io.scission.PartitionConfig;
import io.scission.Query;
import io.scission.QueryResult;
import io.scission.Scission;
import io.scission.cli.Columns;
import io.scission.cli.ScissionCli;
import io.scission.cli.TensorFlowOptions;
import io.scission.cli.models.InputShapeOption;
import io.scission.cli.plan.PlanInputs;
import io.scission.deploy.Deployment;
import io.scission.deploy.ExportOptions;
import io.scission.deploy.HostTensor;
import io.scission.deploy.SegmentPlan;
import io.scission.deploy.Tensors;
import io.scission.grpc.Pipeline;
import io.scission.grpc.WorkerProcesses;
import io.scission.platform.Network;
import io.scission.profile.Profile;
import io.scission.profile.ProfileSet;
import io.scission.spi.ModelSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code scission validate}: exports a query's best plans, runs each through one worker process per resource on
 * 127.0.0.1 (with the profiles' thread caps and the network's links emulated), and compares the measured latency
 * with the predicted one.
 */
@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = ScissionCli.Version.class,
        sortOptions = false, usageHelpAutoWidth = true, separator = " ",
        description = {"Checks predictions against real split executions: exports the query's best plans (default "
                + "3), and for each starts one worker JVM per resource on 127.0.0.1 ('scission serve', TensorFlow "
                + "limited to the threads the resource's profile was measured with), runs the plan N times with "
                + "every hop delayed like the network's link, stops the workers, and prints predicted against "
                + "measured latency, the error, and whether the measured ranking agrees with the predicted one.", ""},
        footer = {"", "Every option of 'scission plan' chooses the plans (see its --help).", "",
            "Examples:",
            "  scission demo -o demo-out",
            "  scission validate demo-out/profiles/resnet50 ResNet50 --preset 4g --top 3 --repeats 10"})
public final class ValidateCommand implements Callable<Integer> {

    /** A process counts as quiet below this share of one core (validate waits for it before timing). */
    static final double QUIET_SHARE = 0.05;

    /** Rounds by default: with the default 10 repeats, 2 inferences per plan and round. */
    static final int DEFAULT_ROUNDS = 5;

    /**
     * Test seams (ValidateCommandTest forces a fault while another propagates): called with every plan's workers
     * once all listen, before the warm-up; and to close a plan's pipeline. Normal runs do nothing there and close.
     */
    static volatile java.util.function.Consumer<List<WorkerProcesses>> started = w -> {
    };
    static volatile java.util.function.Consumer<Pipeline> closing = Pipeline::close;

    @Spec
    private CommandSpec spec = CommandSpec.create();

    @Parameters(index = "1", paramLabel = "MODEL", description = "The profiled model: a zoo name or a model path.")
    private String model = "";

    @Option(names = "--repeats", paramLabel = "N", description = "Timed inferences per plan in total (default 10), "
            + "after --warmups untimed ones.")
    private int repeats = 10;

    @Option(names = "--rounds", paramLabel = "R", description = "Interleave the plans: R rounds (default 5, at most "
            + "--repeats), in each every plan runs its share of --repeats, taking turns, so a slow phase of the "
            + "machine hits every plan; the spread of each plan's round medians is reported. 1 = each plan's "
            + "inferences back to back.")
    private int rounds = DEFAULT_ROUNDS;

    @Option(names = "--warmups", paramLabel = "N", description = "Untimed inferences per plan first (default 3).")
    private int warmups = 3;

    @Option(names = "--json", description = "Print the result as JSON.")
    private boolean json;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the random weights and input (default 42).")
    private long seed = ExportOptions.DEFAULT_SEED;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "Where to export the plans (default: a "
            + "temporary directory, deleted after).")
    private Path workDir;

    @Mixin
    private InputShapeOption inputShape = new InputShapeOption();

    @Mixin
    private PlanInputs query = new PlanInputs();

    /** Creates the command; picocli sets the fields. */
    public ValidateCommand() {
    }

    /**
     * One plan's validation.
     *
     * @param rank the predicted rank, from 1
     * @param plan the plan's description
     * @param predictedSeconds the predicted latency
     * @param measuredSeconds the measured median end to end
     * @param minSeconds the fastest inference
     * @param maxSeconds the slowest inference
     * @param error (measured - predicted) / measured
     * @param measuredRank the rank by measured latency
     * @param predicted the prediction's parts
     * @param measured the medians of the measured parts
     * @param roundMedianSeconds the median of each round's inferences, in round order
     * @param spreadLowSeconds the smallest round median
     * @param spreadHighSeconds the largest round median
     * @param withinSpread whether the prediction lies within [spreadLowSeconds, spreadHighSeconds]: the error is
     *     no larger than the plan's own measurement moved while it was timed
     * @param inferences every timed inference, in the order run
     */
    record Row(int rank, String plan, double predictedSeconds, double measuredSeconds, double minSeconds,
            double maxSeconds, double error, int measuredRank, Predicted predicted, Parts measured,
            double[] roundMedianSeconds, double spreadLowSeconds, double spreadHighSeconds, boolean withinSpread,
            List<Inference> inferences) {
    }

    /**
     * One timed inference of a plan.
     *
     * @param round its round, from 0
     * @param atSeconds when it started, seconds after the first timed inference of the run (of any plan)
     * @param latencySeconds the plan's latency
     * @param computeSeconds the segments' compute (TensorFlow), summed
     * @param outsideCores the CPU that processes other than validate and its workers used meanwhile, in cores
     *     (the machine's busy time from /proc/stat minus ours, at its 10 ms resolution); null where it cannot be
     *     read
     */
    record Inference(int round, double atSeconds, double latencySeconds, double computeSeconds,
            @org.jspecify.annotations.Nullable Double outsideCores) {
    }

    /**
     * A prediction's parts, in seconds.
     *
     * @param compute the segments' compute
     * @param transfer the hops (links and hop costs)
     * @param hopCost the hops' costs besides the links (both ends' profiled hop cost)
     */
    record Predicted(double compute, double transfer, double hopCost) {
    }

    /**
     * The medians over the inferences of each measured part of the plan's latency ({@link
     * Pipeline.Sample#latencySeconds()}), summed over segments and the hops inside it, in seconds ({@code run
     * --workers} prints them per segment and hop; docs/serving.md says what each measures), and of the driver's own
     * hand-over outside it.
     *
     * @param compute TensorFlow's runs of the segments
     * @param convert tensor copies between Java and TensorFlow
     * @param serialise protobuf encoding and decoding
     * @param link the emulated links' delays
     * @param wire the transfers over loopback
     * @param queued queueing
     * @param other the rest of the plan's latency
     * @param driver end to end at the driving process minus the plan's latency: handing the input to a first
     *     segment on the source and taking the result back (not part of the plan's latency)
     */
    record Parts(double compute, double convert, double serialise, double link, double wire, double queued,
            double other, double driver) {

        static Parts medians(List<Pipeline.Sample> samples) {
            return new Parts(median(samples, s -> s.stages().stream().mapToDouble(Pipeline.Stage::compute).sum()),
                    median(samples, s -> s.stages().stream().mapToDouble(Pipeline.Stage::convert).sum()),
                    median(samples, s -> inside(s, Pipeline.Hop::serialisation)),
                    median(samples, s -> inside(s, Pipeline.Hop::link)),
                    median(samples, s -> inside(s, Pipeline.Hop::wire)),
                    median(samples, s -> s.hops().stream().mapToDouble(h -> h.inLatency() || !h.name().equals(
                            "result") ? h.queued() : 0).sum()),
                    median(samples, Pipeline.Sample::latencyOtherSeconds),
                    median(samples, s -> s.totalSeconds() - s.latencySeconds()));
        }

        private static double inside(Pipeline.Sample s, java.util.function.ToDoubleFunction<Pipeline.Hop> part) {
            return s.hops().stream().filter(Pipeline.Hop::inLatency).mapToDouble(part).sum();
        }

        private static double median(List<Pipeline.Sample> samples,
                java.util.function.ToDoubleFunction<Pipeline.Sample> part) {
            return RemoteRun.median(samples.stream().mapToDouble(part).toArray());
        }
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (repeats < 1 || warmups < 0) {
            throw new ParameterException(spec.commandLine(), String.format(Locale.ROOT, "The repeats (%d) must be at "
                    + "least 1 and the warm-ups (%d) at least 0.%nMaybe write --repeats 10 --warmups 3.", repeats,
                    warmups));
        }
        if (rounds < 1 || rounds > repeats) {
            throw new ParameterException(spec.commandLine(), String.format(Locale.ROOT, "The rounds (%d) must be "
                    + "between 1 and the repeats (%d): each round runs every plan at least once.%nMaybe write "
                    + "--repeats 10 --rounds 5, or --rounds 1 to run each plan's inferences back to back.", rounds,
                    repeats));
        }
        inputShape.shapes(); // a malformed --input-shape fails here, before the plans are exported and run
        ModelSource source;
        try {
            source = ModelSources.resolve(model);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        ProfileSet profiles = query.profiles();
        Network network = query.network();
        Query q = query.query(profiles);
        if (!query.topGiven()) {
            q = q.top(3);
        }
        QueryResult result = q.solve(profiles, network);
        if (result.isEmpty()) {
            throw new IllegalStateException("No plan satisfies the query, so there is nothing to validate: "
                    + result.explanation() + "\nMaybe relax the query ('scission plan' shows the plans).");
        }
        boolean temporary = workDir == null;
        Path base = temporary ? Files.createTempDirectory("scission-validate") : workDir;
        List<Row> rows = new ArrayList<>();
        Throwable failure = null;
        try {
            List<PartitionConfig> plans = result.plans();
            List<List<Timed>> timed = measure(base, source, profiles, network, plans);
            List<double[]> measured = new ArrayList<>();
            for (List<Timed> t : timed) {
                measured.add(t.stream().mapToDouble(x -> x.sample().latencySeconds()).toArray());
            }
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < plans.size(); i++) {
                order.add(i);
            }
            order.sort(Comparator.comparingDouble(i -> RemoteRun.median(measured.get(i))));
            for (int i = 0; i < plans.size(); i++) {
                List<Timed> t = timed.get(i);
                double[] m = measured.get(i);
                double med = RemoteRun.median(m);
                PartitionConfig p = plans.get(i);
                double pred = p.latencySeconds();
                Rounds.Spread spread = Rounds.Spread.of(m, t.stream().mapToInt(Timed::round).toArray());
                double link = 0;
                for (Hop h : p.hops()) {
                    link += network.link(h.from(), h.to()).map(l -> l.secondsFor(h.bytes())).orElse(0.0);
                }
                List<Inference> inferences = t.stream().map(x -> new Inference(x.round(), x.atSeconds(),
                        x.sample().latencySeconds(), x.sample().stages().stream().mapToDouble(Pipeline.Stage::compute)
                                .sum(), x.outsideCores())).toList();
                rows.add(new Row(i + 1, p.describe(), pred, med, java.util.Arrays.stream(m).min().orElseThrow(),
                        java.util.Arrays.stream(m).max().orElseThrow(), (med - pred) / med, order.indexOf(i) + 1,
                        new Predicted(p.computeSeconds(), p.transferSeconds(), Math.max(0, p.transferSeconds() - link)),
                        Parts.medians(t.stream().map(Timed::sample).toList()), spread.roundMedians(), spread.low(),
                        spread.high(), spread.contains(pred), inferences));
            }
        } catch (RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            if (temporary) {
                afterFailure(failure, () -> delete(base));
            }
        }
        print(out, rows);
        return 0;
    }

    /** A timed inference: its round, its start after the first timed inference, its times, the outside load. */
    private record Timed(int round, double atSeconds, Pipeline.Sample sample,
            @org.jspecify.annotations.Nullable Double outsideCores) {
    }

    /** A plan ready to run: its workers and the pipeline through them. */
    private record Running(Deployment deployment, WorkerProcesses workers, Pipeline pipeline,
            Map<String, Integer> threads) {
    }

    /**
     * Exports every plan and starts its workers (all plans' at once, so they can take turns), warms each up, waits
     * until every process is quiet, runs the rounds ({@link Rounds#schedule}), and always stops every worker.
     */
    private List<List<Timed>> measure(Path base, ModelSource source, ProfileSet profiles, Network network,
            List<PartitionConfig> plans) {
        List<Running> running = new ArrayList<>();
        List<Rounds.Turn> turns = Rounds.schedule(plans.size(), repeats, rounds);
        Throwable failure = null;
        try {
            for (int i = 0; i < plans.size(); i++) {
                if (!json) {
                    PrintWriter out = spec.commandLine().getOut();
                    out.printf(Locale.ROOT, "Plan %d of %d: %s%n", i + 1, plans.size(), plans.get(i).describe());
                    out.flush();
                }
                running.add(start(base.resolve("plan-" + (i + 1)), source, profiles, network, plans.get(i)));
            }
            started.accept(running.stream().map(Running::workers).toList());
            List<Map<String, HostTensor>> inputs = new ArrayList<>();
            for (Running r : running) {
                Map<String, HostTensor> in = Tensors.random(r.deployment().modelInputs(), seed);
                inputs.add(in);
                if (warmups > 0) {
                    r.pipeline().run(in, warmups);
                }
            }
            // new JVMs keep compiling for seconds after they listen: time the plans once they and we are quiet
            double quiet = WorkerProcesses.awaitQuiet(running.stream().map(Running::workers).toList(), QUIET_SHARE,
                    Duration.ofMillis(250), Duration.ofSeconds(20));
            List<List<Timed>> timed = new ArrayList<>();
            running.forEach(r -> timed.add(new ArrayList<>()));
            List<ProcessHandle> ours = new ArrayList<>();
            running.forEach(r -> r.workers().processes().values().forEach(p -> ours.add(p.toHandle())));
            ours.add(ProcessHandle.current());
            long t0 = System.nanoTime();
            for (Rounds.Turn turn : turns) {
                Running r = running.get(turn.plan());
                for (int k = 0; k < turn.count(); k++) {
                    long[] before = MachineLoad.read(ours);
                    long started = System.nanoTime();
                    double at = (started - t0) / 1e9;
                    Pipeline.Sample x = r.pipeline().run(inputs.get(turn.plan()), 1).samples().get(0);
                    Double outside = MachineLoad.outsideCores(before, MachineLoad.read(ours),
                            System.nanoTime() - started);
                    if (Double.isNaN(x.latencySeconds())) {
                        throw new IllegalStateException("The workers' clock (System.nanoTime) is not this process's, "
                                + "so the plan's latency cannot be measured across the processes.\nMaybe run "
                                + "validate on Linux, where every process on one machine reads the same monotonic "
                                + "clock.");
                    }
                    timed.get(turn.plan()).add(new Timed(turn.round(), at, x, outside));
                }
            }
            if (!json) {
                PrintWriter out = spec.commandLine().getOut();
                out.printf(Locale.ROOT, "Timed in %d round%s (%s inferences per plan and round), %s%n", rounds,
                        rounds == 1 ? "" : "s", repeats % rounds == 0 ? String.valueOf(repeats / rounds)
                        : (repeats / rounds) + "-" + (repeats / rounds + 1), quiet < 0 ? "without waiting for quiet "
                        + "processes (not quiet within 20 s, or their CPU time cannot be read)" : String.format(
                        Locale.ROOT, "after the processes were quiet (%.1f s)", quiet));
                for (int i = 0; i < running.size(); i++) {
                    double[] o = timed.get(i).stream().filter(x -> x.outsideCores() != null)
                            .mapToDouble(Timed::outsideCores).toArray();
                    out.printf(Locale.ROOT, "Plan %d, workers %s%s:%n", i + 1, running.get(i).threads(),
                            o.length == 0 ? "" : String.format(Locale.ROOT, "; other processes used %.2f cores "
                                    + "(median; at most %.2f) while it ran", RemoteRun.median(o),
                                    java.util.Arrays.stream(o).max().orElse(0)));
                    RemoteRun.print(out, new Pipeline.Result(Map.of(), timed.get(i).stream().map(Timed::sample)
                            .toList()));
                }
                out.flush();
            }
            return timed;
        } catch (RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            afterFailure(failure, () -> stopAll(running));
        }
    }

    /**
     * Closes every plan's pipeline and stops its workers, the last plan's first, each even if another's close
     * fails; throws the first close failure, with any later ones attached to it.
     */
    private static void stopAll(List<Running> running) {
        RuntimeException failed = null;
        for (int i = running.size() - 1; i >= 0; i--) {
            try (WorkerProcesses w = running.get(i).workers()) {
                closing.accept(running.get(i).pipeline());
            } catch (RuntimeException e) {
                if (failed == null) {
                    failed = e;
                } else {
                    failed.addSuppressed(e);
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    /**
     * Runs a clean-up step. With a failure propagating, a failure of the step is attached to it
     * ({@link Throwable#addSuppressed}; the command's error then reports it after the first) instead of replacing
     * it: the user sees what went wrong first, e.g. the hop and worker that failed, not that closing failed after.
     * Without one, the step's failure is thrown.
     */
    static void afterFailure(@org.jspecify.annotations.Nullable Throwable failure, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            if (failure == null) {
                throw e;
            }
            if (e != failure) {
                failure.addSuppressed(e);
            }
        }
    }

    /** Exports one plan, starts its workers and opens the pipeline; stops the workers if that fails. */
    private Running start(Path dir, ModelSource source, ProfileSet profiles, Network network, PartitionConfig p) {
        SegmentPlan plan = SegmentPlan.of(profiles, p);
        Deployment d = TensorFlowOptions.export(source, plan, dir, ExportOptions.defaults().withSeed(seed)
                .withVerify(false), inputShape.shapes(), io.scission.spi.ProgressListener.NONE);
        List<WorkerProcesses.Spec> specs = new ArrayList<>();
        Map<String, Integer> threads = new LinkedHashMap<>();
        for (Deployment.SegmentInfo s : d.segments()) {
            String r = s.resource().name();
            if (!threads.containsKey(r)) {
                int t = profiles.profile(r).map(Profile::provenance).map(v -> v.threads()).orElse(0);
                threads.put(r, t);
                specs.add(new WorkerProcesses.Spec(r, t));
            }
        }
        boolean returnResult = p.hops().stream().anyMatch(h -> h.kind() == Hop.Kind.RESULT);
        WorkerProcesses workers = WorkerProcesses.start(dir, specs, Duration.ofMinutes(3));
        try {
            return new Running(d, workers, Pipeline.open(dir, workers.addresses(), network, returnResult,
                    Duration.ofSeconds(120)), threads);
        } catch (RuntimeException e) {
            afterFailure(e, workers::close);
            throw e;
        }
    }

    private void print(PrintWriter out, List<Row> rows) throws IOException {
        boolean agrees = rows.stream().allMatch(r -> r.rank() == r.measuredRank());
        double bestMeasured = rows.stream().mapToDouble(Row::measuredSeconds).min().orElse(Double.NaN);
        double predictedBestMeasured = rows.get(0).measuredSeconds();
        double gap = (predictedBestMeasured - bestMeasured) / bestMeasured;
        double[] errors = rows.stream().mapToDouble(r -> Math.abs(r.error())).toArray();
        double medianError = RemoteRun.median(errors);
        double worstError = java.util.Arrays.stream(errors).max().orElse(Double.NaN);
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("format", io.scission.cli.report.ValidationSection.FORMAT);
            m.put("version", 1);
            m.put("model", model);
            m.put("network", query.networkName());
            m.put("repeats", repeats);
            m.put("rounds", rounds);
            m.put("warmups", warmups);
            m.put("plans", rows);
            m.put("medianAbsError", medianError);
            m.put("worstAbsError", worstError);
            m.put("rankingAgrees", agrees);
            m.put("predictedBestGap", gap);
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m));
            return;
        }
        out.printf(Locale.ROOT, "Predicted against measured latency, %s, %s (median of %d inferences after %d "
                + "warm-ups, in %d round%s):%n", model, query.networkName(), repeats, warmups, rounds,
                rounds == 1 ? "" : "s");
        List<String[]> t = new ArrayList<>();
        t.add(new String[] {"rank", "predicted (ms)", "measured (ms)", "min-max (ms)", "round medians (ms)", "error",
            "measured rank", "plan"});
        for (Row r : rows) {
            t.add(new String[] {String.valueOf(r.rank()), f(r.predictedSeconds() * 1e3), f(r.measuredSeconds() * 1e3),
                f(r.minSeconds() * 1e3) + "-" + f(r.maxSeconds() * 1e3),
                f(r.spreadLowSeconds() * 1e3) + "-" + f(r.spreadHighSeconds() * 1e3),
                String.format(Locale.ROOT, "%+.1f%%%s", r.error() * 100, r.withinSpread() ? " ~" : ""),
                String.valueOf(r.measuredRank()), r.plan()});
        }
        Columns.print(out, t, "RRRRRRRL");
        long within = rows.stream().filter(Row::withinSpread).count();
        out.printf(Locale.ROOT, "|error|: median %.1f%%, worst %.1f%%. Measured ranking %s the predicted one; the "
                + "predicted best plan measured %.1f%% %s the measured best.%n", medianError * 100, worstError * 100,
                agrees ? "agrees with" : "DIFFERS from", Math.abs(gap) * 100, gap <= 0 ? "(it is the best)" :
                "above");
        out.printf(Locale.ROOT, "~ the prediction lies within the plan's round medians (%d of %d plans): its error is "
                + "no larger than its own measurement moved while it was timed.%n", within, rows.size());
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the temporary directory " + dir + ".", e);
        }
    }
}
