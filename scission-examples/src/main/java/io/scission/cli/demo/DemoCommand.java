package io.scission.cli.demo;

import io.scission.Parameter;
import io.scission.PartitionConfig;
import io.scission.PlanMap;
import io.scission.Query;
import io.scission.QueryResult;
import io.scission.Scission;
import io.scission.Segment;
import io.scission.cli.OutputFiles;
import io.scission.cli.ScissionCli;
import io.scission.cli.models.InputShapeOption;
import io.scission.cli.models.ModelArgument;
import io.scission.cli.plan.MapCommand;
import io.scission.cli.profile.ProfileCommand;
import io.scission.cli.profile.SamplingOptions;
import io.scission.cli.profile.StopOnSignal;
import io.scission.cli.report.HtmlReport;
import io.scission.cli.report.Report;
import io.scission.cli.report.Report.Answer;
import io.scission.cli.report.Report.MapFigure;
import io.scission.cli.report.Report.NamedNetwork;
import io.scission.cli.report.Report.PipelineRow;
import io.scission.cli.report.Report.PipelineTable;
import io.scission.cli.report.ReportCommand;
import io.scission.model.PartitionRule;
import io.scission.platform.DataSize;
import io.scission.platform.Network;
import io.scission.platform.NetworkPreset;
import io.scission.platform.Resource;
import io.scission.platform.Tier;
import io.scission.profile.Profile;
import io.scission.profile.ProfileSet;
import io.scission.profile.SamplingRule;
import io.scission.spi.ProfileRequest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code scission demo}: the paper's story in two parts. Part 1 answers the paper's questions on the paper's own
 * hardware, from the built-in reference data ({@link PaperPart}: how the best plan moves between device, edge and
 * cloud as the network changes, Table IV), saying where the answers are the paper's. Part 2 profiles a model on this
 * machine as an emulated device, edge and cloud (thread limits, not real machines) and asks the same questions.
 * Both go into one HTML report; the profiles of part 2 are written too.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = ScissionCli.Version.class,
        sortOptions = false, usageHelpAutoWidth = true, separator = " ",
        description = {"Part 1: the paper's hardware (Raspberry Pi 4, two edges, a cloud with and without GPU) from the "
                + "built-in reference data: the best plan of VGG19, ResNet50 and MobileNetV2 under 3G, 4G and wired, "
                + "with a larger input, when every tier must be used, and Table IV, each compared with the paper. "
                + "Part 2: profiles a model on this machine as three EMULATED resources (device = 1 intra-op thread, "
                + "edge = 2 threads, cloud = all cores) and asks the same questions for a 150 KB input. Writes the "
                + "profiles and one HTML report of both parts.", ""},
        footer = {"", "The emulation runs every resource on this machine: the differences between them are thread "
                + "limits only, and on a machine with 2 cores edge and cloud compute alike.", "",
            "Examples:", "  scission demo", "  scission demo --model MobileNetV2 -o /tmp/demo"})
public final class DemoCommand implements Callable<Integer> {

    /** The paper's input: a 150 KB image. */
    static final DataSize INPUT = DataSize.of(150, io.scission.platform.DataUnit.KB);

    /**
     * The parts shown before this machine is profiled, in order. A bandwidth map (where the best plan changes as
     * the uplink varies) becomes one more {@link DemoPart} here.
     */
    static final List<Supplier<DemoPart>> PARTS = List.of(PaperPart::new);

    @Spec
    private CommandSpec spec = CommandSpec.create();

    @ParentCommand
    private @Nullable ScissionCli root;

    @Option(names = "--model", paramLabel = "MODEL", description = "A zoo name or a model path (default ResNet50, "
            + "the model of Table IV).")
    private String model = "ResNet50";

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Where profiles and report go (default "
            + "scission-demo).")
    private Path output = Path.of("scission-demo");

    @Option(names = "--repeats", paramLabel = "N", description = "Timed runs per block (default: repeat until every "
            + "block's median is stable; the paper used 5).")
    private int repeats = ProfileRequest.UNTIL_STABLE;

    @Option(names = "--warmups", paramLabel = "N", description = "Untimed runs per block first (default 2).")
    private int warmups = 2;

    @Option(names = "--partition-rule", paramLabel = "scission|single-tensor|tensors:K",
            description = "Where the model may be cut (default scission).")
    private String rule = "scission";

    // default on since stop 21 (#12): on the table models the plans are predicted as well and run up to 2.6x faster
    @Option(names = "--fusion", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Profile what TensorFlow runs (as 'profile --fusion'; the default): blocks never split a "
            + "group of layers TensorFlow fuses, timed with its op fusion on, as workers then run them. --no-fusion: "
            + "the paper's blocks, timed with Grappler's rewrites off (as 'profile' without --fusion).")
    private boolean fusion = true;

    @Mixin
    private InputShapeOption inputShape = new InputShapeOption();

    @Mixin
    private SamplingOptions sampling = new SamplingOptions();

    /** Creates the command; picocli sets the fields. */
    public DemoCommand() {
    }

    /** One emulated resource: a name, a tier and an intra-op thread count. */
    record Emulation(String name, Tier tier, int threads) {
    }

    /**
     * The emulated resources on a machine with the given number of logical CPUs.
     *
     * @param cpus logical CPUs
     * @return device (1 thread), edge (2 threads, or 1 on a single CPU) and cloud (every CPU)
     */
    static List<Emulation> emulations(int cpus) {
        int edge = Math.min(2, cpus);
        return List.of(new Emulation("device-1t", Tier.DEVICE, 1),
                new Emulation("edge-" + edge + "t", Tier.EDGE, edge),
                new Emulation("cloud-" + cpus + "t", Tier.CLOUD, cpus));
    }

    @Override
    public Integer call() {
        long start = System.nanoTime();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PartitionRule partitionRule = ProfileCommand.partitionRule(spec, rule);
        if (repeats < 0 || warmups < 0) {
            throw new ParameterException(spec.commandLine(), String.format(Locale.ROOT, "The repeats (%d) and the "
                    + "warm-ups (%d) must not be negative (repeats 0: until stable).%nMaybe write --repeats 5 "
                    + "--warmups 2.", repeats, warmups));
        }
        OutputFiles.checkDirectory(output, "the demo's profiles and report", "-o");
        Map<String, List<Long>> shapes = inputShape.shapes();
        SamplingRule samplingRule = sampling.rule(repeats);
        ModelArgument m = ModelArgument.resolve(model, shapes);
        out.println("Scission demo: the paper's questions on the paper's hardware (part 1), then on this machine "
                + "(part 2).");
        out.println();
        List<Report> parts = new ArrayList<>();
        for (Supplier<DemoPart> part : PARTS) {
            parts.addAll(part.get().run(out));
            out.println();
        }
        out.flush();
        out.println("PART 2 - THIS MACHINE, PROFILED LIVE AS EMULATED RESOURCES");
        int cpus = Runtime.getRuntime().availableProcessors();
        List<Emulation> emulations = emulations(cpus);
        List<String> notes = new ArrayList<>(notes(cpus, emulations));
        double load = loadAverage();
        if (load >= 0) {
            notes.add(String.format(Locale.ROOT, "Load average at the start: %.2f on %d logical CPUs (other processes "
                    + "on this machine slow the measurements down).", load, cpus));
        }
        out.println("Scission demo: " + m.displayName() + ", " + m.graph().size() + " layers, input 150 KB (the paper's image).");
        notes.forEach(n -> out.println("  " + n));
        out.println();
        out.flush();

        Path profileDir = output.resolve("profiles").resolve(m.fileKey());
        List<Profile> profiles = new ArrayList<>();
        PartitionRule profiledRule = partitionRule;
        for (Emulation e : emulations) {
            Resource r = Resource.of(e.name(), e.tier(), String.format(Locale.ROOT, "EMULATED: this machine "
                    + "limited to %d intra-op thread%s", e.threads(), e.threads() == 1 ? "" : "s"));
            ProfileRequest request = ProfileCommand.request(spec, r, profiledRule, e.threads(), warmups, repeats,
                    42L);
            Profile p;
            try (StopOnSignal run = root != null && root.standardStreams() ? StopOnSignal.install() : null) {
                p = ProfileCommand.profile(m, request, samplingRule, fusion, shapes, err, root);
                Path file = profileDir.resolve(e.name() + ".json");
                if (run != null) {
                    run.write(file, tmp -> Scission.writeProfile(p, tmp));
                } else {
                    Scission.writeProfile(p, file);
                }
            }
            ProfileCommand.summary(out, m, p);
            out.flush();
            profiles.add(p);
            // the next resources get the fused rule the first one found, so that every profile has the same blocks
            profiledRule = p.layout().rule();
        }
        List<String> caveats = caveats(profiles, loadAverage());
        out.println();
        for (String c : caveats) {
            out.println("NOTE: " + c);
        }
        notes.addAll(caveats);
        ProfileSet set = Scission.profiles(profiles);
        Query base = Scission.query().inputSize(INPUT);
        List<NamedNetwork> networks = new ArrayList<>();
        for (NetworkPreset preset : NetworkPreset.values()) {
            networks.add(new NamedNetwork(name(preset), Scission.network(preset)));
        }

        List<Answer> answers = new ArrayList<>();
        out.println();
        out.println("Best plan (Fig. 6-8):");
        for (NamedNetwork n : networks) {
            answers.add(answer(out, "Best plan, " + n.name(), n, base.top(1), set));
        }
        out.println("Best plan that must use device, edge and cloud (Fig. 10/11):");
        Query all = base.mustUse(Tier.DEVICE, Tier.EDGE, Tier.CLOUD).top(1);
        for (NamedNetwork n : networks) {
            answers.add(answer(out, "Must use device, edge and cloud, " + n.name(), n, all, set));
        }
        NamedNetwork wired = networks.get(NetworkPreset.WIRED.ordinal());
        PipelineTable table = Report.pipelines("Top 3 plans per pipeline, " + wired.name() + " (Table IV)", set,
                wired.network(), base, 3);
        out.println("Top 3 plans per pipeline, " + wired.name() + " (Table IV):");
        for (PipelineRow row : table.rows()) {
            out.println("  " + row.name());
            if (row.plans().isEmpty()) {
                out.println("    no plan: " + row.note());
            }
            int rank = 1;
            for (PartitionConfig p : row.plans()) {
                out.printf(Locale.ROOT, "    %d  %s%n", rank++, line(p));
            }
        }

        out.println();
        NamedNetwork fourG = networks.get(NetworkPreset.FOUR_G.ordinal());
        MapFigure drone = droneMap(out, m.displayName(), set, base, fourG);

        parts.add(new Report("Part 2 - this machine, profiled live: " + m.displayName() + " on emulated device, edge "
                + "and cloud", set, notes, networks, answers, List.of(table), List.of(drone)));
        Path html = output.resolve("report.html");
        ReportCommand.write(html, HtmlReport.render("Scission demo", List.of("Part 1 asks the paper's questions on "
                + "the paper's hardware, from the built-in reference data (measured by the paper's authors, published "
                + "with qub-blesson/Scission); part 2 asks them on this machine, profiled live as emulated resources."),
                parts, base.statistic(), Instant.now()));
        out.println();
        out.println("Profiles written to " + profileDir.toAbsolutePath().normalize());
        out.println("Report written to   " + html.toAbsolutePath().normalize());
        out.println("Ask more: scission plan " + profileDir + " --preset 4g --input-size 150KB --must-use edge");
        out.printf(Locale.ROOT, "Demo finished in %.1f s.%n", (System.nanoTime() - start) / 1e9);
        return 0;
    }

    private static String name(NetworkPreset p) {
        return p == NetworkPreset.THREE_G ? "3G" : p == NetworkPreset.FOUR_G ? "4G" : "wired";
    }

    static List<String> notes(int cpus, List<Emulation> emulations) {
        List<String> notes = new ArrayList<>();
        notes.add(String.format(Locale.ROOT, "EMULATION: all three resources are this machine (%d logical CPUs), "
                + "profiled one after another with TensorFlow limited to a number of intra-op threads:", cpus));
        for (Emulation e : emulations) {
            notes.add(String.format(Locale.ROOT, "  %s = %s tier, %d thread%s", e.name(), e.tier().name(),
                    e.threads(), e.threads() == 1 ? "" : "s"));
        }
        if (emulations.get(1).threads() == emulations.get(2).threads()) {
            notes.add("Edge and cloud get the same threads on this machine, so they compute alike (up to measurement "
                    + "noise): only the network tells them apart.");
        }
        notes.add("Networks are the paper's: device uplink 3G (1.6 Mbps, 67 ms), 4G (12.4 Mbps, 55 ms) or wired "
                + "(20 Mbps, 20 ms); edge-cloud 50 Mbps, 25 ms. No real network is used.");
        return notes;
    }

    /** The system load average over the last minute, or a negative value if unknown. */
    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /**
     * Warns when the emulation did not come out as intended: an emulated resource with fewer threads that measured
     * no slower than one with more (whole-model medians), e.g. because other processes keep the cores busy.
     *
     * @param profiles device, edge, cloud in that order
     * @param load the load average, negative if unknown
     * @return the warnings, empty when the thread limits made the expected difference
     */
    static List<String> caveats(List<Profile> profiles, double load) {
        List<String> caveats = new ArrayList<>();
        for (int i = 0; i + 1 < profiles.size(); i++) {
            Profile weak = profiles.get(i);
            Profile strong = profiles.get(i + 1);
            if (weak.provenance().threads() >= strong.provenance().threads()
                    || weak.wholeModel().isEmpty() || strong.wholeModel().isEmpty()) {
                continue;
            }
            double a = weak.wholeModel().get().timing().summary().median();
            double b = strong.wholeModel().get().timing().summary().median();
            if (a <= b) {
                caveats.add(String.format(Locale.ROOT, "%s (%d thread%s) measured no slower than %s (%d threads): "
                        + "%.1f ms against %.1f ms for the whole model. The thread limit did not emulate a weaker "
                        + "machine here%s; the plans below follow these measurements.", weak.resource().name(),
                        weak.provenance().threads(), weak.provenance().threads() == 1 ? "" : "s",
                        strong.resource().name(), strong.provenance().threads(), a * 1e3, b * 1e3,
                        load >= 0 ? String.format(Locale.ROOT, " (load average %.2f on %d logical CPUs: other "
                                + "processes compete for the cores)", load,
                                Runtime.getRuntime().availableProcessors()) : ""));
            }
        }
        return caveats;
    }

    private static Answer answer(PrintWriter out, String title, NamedNetwork n, Query q, ProfileSet set) {
        QueryResult r = q.solve(set, n.network());
        String network = n.name();
        if (r.isEmpty()) {
            out.printf(Locale.ROOT, "  %-6s no plan: %s%n", network, r.explanation());
        } else {
            out.printf(Locale.ROOT, "  %-6s %s%n", network, line(r.plans().get(0)));
        }
        return new Answer(title, n.name(), r);
    }

    /** A plan on one line: latency, MB sent, and which layers run where. */
    static String line(PartitionConfig p) {
        return String.format(Locale.ROOT, "%.4f s  %.4f MB sent  %s", p.latencySeconds(), p.bytesSent() / 1e6,
                placement(p));
    }

    /** Which layers run where, e.g. {@code raspi4 0-3 > vm2Core 4-176}. */
    static String placement(PartitionConfig p) {
        List<String> parts = new ArrayList<>();
        for (Segment s : p.segments()) {
            parts.add(s.resource().name() + " " + (s.firstLayer() == s.lastLayer() ? Integer.toString(s.firstLayer())
                    : s.firstLayer() + "-" + s.lastLayer()));
        }
        return String.join(" > ", parts);
    }

    /** The drone's uplink range, in Mbps. */
    static final double DRONE_FROM = 0.1;
    static final double DRONE_TO = 100;

    /**
     * The drone scenario: the exact map of where the query's best plan runs as the device's one uplink (every link
     * out of the device tier) varies from 0.1 to 100 Mbps, the network's latencies kept. Prints the intervals and
     * returns the figure for the report.
     *
     * @param out where the intervals go
     * @param model the model's name, for the title
     * @param profiles the profiles
     * @param query the query
     * @param n the network whose uplink varies
     * @return the figure
     */
    static MapFigure droneMap(PrintWriter out, String model, ProfileSet profiles, Query query, NamedNetwork n) {
        PlanMap map = query.mapOver(Parameter.uplinkBandwidth(), DRONE_FROM, DRONE_TO).solve(profiles, n.network());
        out.printf(Locale.ROOT, "Drone: %s, the device's uplink from %s to %s Mbps (%s otherwise): exact map, %d "
                + "switch point(s)%n", model, mbps(DRONE_FROM), mbps(DRONE_TO), n.name(), map.switchPoints().size());
        for (PlanMap.Interval i : map.intervals()) {
            out.printf(Locale.ROOT, "  %9s - %-9s Mbps  %s%n", mbps(i.from()), mbps(i.to()), i.best()
                    .map(p -> String.format(Locale.ROOT, "%.4f MB sent  %s", p.bytesSent() / 1e6, placement(p)))
                    .orElse("no plan satisfies the query"));
        }
        return new MapFigure(String.format(Locale.ROOT, "Drone: where the best plan runs as the device's uplink "
                + "varies from %s to %s Mbps", mbps(DRONE_FROM), mbps(DRONE_TO)),
                MapCommand.describe(query, n.name() + ", every device uplink's bandwidth varied", map), map);
    }

    private static String mbps(double v) {
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.4g", v)).stripTrailingZeros().toPlainString();
    }
}
