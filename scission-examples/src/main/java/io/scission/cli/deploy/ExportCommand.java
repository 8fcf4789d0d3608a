package io.scission.cli.deploy;

import io.scission.PartitionConfig;
import io.scission.Query;
import io.scission.QueryResult;
import io.scission.Scission;
import io.scission.cli.Columns;
import io.scission.cli.OutputFiles;
import io.scission.cli.ScissionCli;
import io.scission.cli.TensorFlowOptions;
import io.scission.cli.UsageException;
import io.scission.cli.models.InputShapeOption;
import io.scission.cli.models.ModelArgument;
import io.scission.cli.plan.PlanInputs;
import io.scission.cli.profile.ProfileCommand;
import io.scission.cli.profile.Progress;
import io.scission.deploy.Deployment;
import io.scission.deploy.DeploymentFiles;
import io.scission.deploy.ExportOptions;
import io.scission.deploy.SegmentPlan;
import io.scission.model.PartitionRule;
import io.scission.platform.Resource;
import io.scission.platform.Tier;
import io.scission.profile.ProfileSet;
import io.scission.spi.ModelSource;
import io.scission.tf.keras.KerasReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code scission export}: cuts a model into one TensorFlow SavedModel per segment of a plan, with a manifest, after
 * checking that the chained segments compute what the whole model computes.
 */
@Command(name = "export", mixinStandardHelpOptions = true, versionProvider = ScissionCli.Version.class,
        sortOptions = false, usageHelpAutoWidth = true, separator = " ",
        description = {"Cuts a model into one TensorFlow SavedModel per segment of a plan (a plan a query finds in "
                + "profiles, or cuts given by hand) and writes them with a manifest, deployment.json, to a new "
                + "directory. Before the directory is put in place, the whole model and the chained segments run on "
                + "a seeded random input and must agree (max |diff| <= 1e-5 x max(1, max|y|)).", ""},
        footer = {"", "MODEL: a zoo name (e.g. ResNet50; see 'scission models') or a model path.",
            "RESOURCE: NAME or NAME:TIER; a NAME that is a tier (device, edge, cloud) is on it.",
            "Cuts are layer indices, the last layer of every segment but the last, and must be",
            "partition points of the rule ('scission inspect MODEL' lists the blocks).",
            "With profiles, every option of 'scission plan' selects the plan (see its --help).", "",
            "Examples:",
            "  scission export ResNet50 --cut 38,140 --resources device,edge,cloud -o deploy/resnet50",
            "  scission export ResNet50 --profiles profiles/resnet50 --preset 4g --must-use edge \\",
            "      --rank 1 -o deploy/resnet50-4g"})
public final class ExportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec = CommandSpec.create();

    @ParentCommand
    private @Nullable ScissionCli root;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A zoo name or a model path.")
    private String model = "";

    @Option(names = "--cut", paramLabel = "LAYER[,LAYER...]", split = ",",
            description = "Cut after these layers (a plan given by hand).")
    private List<Integer> cuts = new ArrayList<>();

    @Option(names = "--resources", paramLabel = "RESOURCE[,RESOURCE...]", split = ",",
            description = "Who runs each segment of a plan given by hand: one more than the cuts.")
    private List<String> resources = new ArrayList<>();

    @Option(names = "--profiles", paramLabel = "DIR",
            description = "Profiles of MODEL (scission-profile files); the plan is the query's answer.")
    private @Nullable Path profilesDir;

    @Option(names = "--rank", paramLabel = "N", description = "Which of the query's plans to export (default 1, "
            + "the best).")
    private int rank = 1;

    @Option(names = "--partition-rule", paramLabel = "scission|single-tensor|tensors:K",
            description = "Whose partition points the cuts are (default scission; with profiles, theirs).")
    private @Nullable String rule;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR",
            description = "The deployment's directory; it must be new or empty.")
    private Path output = Path.of("deployment");

    @Option(names = "--force", description = "Replace the output directory if it is not empty (the old one stays "
            + "until the new one is complete).")
    private boolean force;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of random weights (for models without their "
            + "own) and of the check's input (default 42).")
    private long seed = ExportOptions.DEFAULT_SEED;

    @Option(names = "--no-verify", description = "Skip running the whole model and the chain before writing.")
    private boolean noVerify;

    @Mixin
    private InputShapeOption inputShape = new InputShapeOption();

    @Mixin
    private PlanInputs query = new PlanInputs();

    /** Creates the command; picocli sets the fields. */
    public ExportCommand() {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (rank < 1) {
            throw usage(String.format(Locale.ROOT, "The rank (%d) must be at least 1.%nMaybe write --rank 1 for the "
                    + "best plan.", rank));
        }
        ModelSource source;
        try {
            source = ModelSources.resolve(model);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        Map<String, List<Long>> shapes = inputShape.shapes();
        SegmentPlan plan = plan(out);
        DeploymentFiles.checkOutputDirectory(output, force);
        OutputFiles.checkNewDirectory(output, "the deployment", "-o"); // before the model loads, which takes a while
        if (!source.exists() || KerasReader.accepts(source.path())) {
            // zoo models and Keras files parse without TensorFlow: check the plan before the slow load
            plan.check(ModelArgument.resolve(model, shapes).graph(), source.location());
        }
        Progress progress = new Progress(err, Progress.onTerminal(root != null && root.standardStreams()),
                "Exporting " + model + " to " + output);
        progress.start();
        boolean done = false;
        Deployment d;
        try {
            d = TensorFlowOptions.export(source, plan, output, ExportOptions.defaults().withSeed(seed)
                    .withVerify(!noVerify).withReplaceExisting(force), shapes, progress);
            done = true;
        } finally {
            if (done) {
                progress.finish();
            } else {
                progress.abort();
            }
        }
        print(out, d);
        out.println("Written to " + output.toAbsolutePath().normalize() + "; run it with 'scission run " + output
                + "'.");
        return 0;
    }

    /** The plan: cuts given by hand, or the query's plan of the given rank. */
    private SegmentPlan plan(PrintWriter out) {
        boolean byHand = !cuts.isEmpty() || !resources.isEmpty();
        if (byHand && profilesDir != null) {
            throw usage("Give either a plan by hand (--cut and --resources) or profiles to query (--profiles), not "
                    + "both.\nMaybe drop --cut and --resources to export the query's plan.");
        }
        if (profilesDir == null && !byHand) {
            ProfileSet given;
            try {
                // PROFILES given as a positional parameter, --original or --reference: the query's usual inputs
                given = query.profiles();
            } catch (ParameterException | UsageException e) {
                throw usage("Give a plan: cuts by hand (--cut 38,140 --resources device,edge,cloud) or profiles to "
                        + "query (--profiles DIR with a network, e.g. --preset 4g).\nMaybe run 'scission inspect "
                        + model + "' to see where the model can be cut.");
            }
            return fromQuery(given, out);
        }
        if (profilesDir != null) {
            return fromQuery(Scission.readProfiles(profilesDir), out);
        }
        PartitionRule r = ProfileCommand.partitionRule(spec, rule == null ? "scission" : rule);
        if (resources.isEmpty()) {
            throw usage(String.format(Locale.ROOT, "The cuts %s need --resources, one more than the cuts.%nMaybe "
                    + "write --resources %s.", cuts, cuts.size() == 1 ? "device,cloud" : "device,edge,cloud"));
        }
        List<Resource> res = new ArrayList<>();
        for (String s : resources) {
            res.add(resource(s));
        }
        try {
            return SegmentPlan.cuts(r, cuts, res);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private SegmentPlan fromQuery(ProfileSet profiles, PrintWriter out) {
        PartitionRule profiled = profiles.layout().rule();
        if (rule != null && !ProfileCommand.partitionRule(spec, rule).equals(profiled)) {
            throw usage(String.format(Locale.ROOT, "The partition rule (%s) differs from the profiles' (%s): a plan "
                    + "from them cuts at their partition points.%nMaybe leave --partition-rule out, or profile "
                    + "under %s.", rule, profiled.id(), rule));
        }
        Query q = query.query(profiles);
        QueryResult result = q.solve(profiles, query.network());
        if (result.isEmpty()) {
            throw new IllegalStateException("No plan satisfies the query, so there is nothing to export: "
                    + result.explanation() + "\nMaybe relax the query ('scission plan' shows the plans).");
        }
        if (rank > result.plans().size()) {
            throw usage(String.format(Locale.ROOT, "The rank (%d) is beyond the %d plans the query found.%nMaybe "
                    + "write --rank %d, or ask for more plans with --top.", rank, result.plans().size(),
                    result.plans().size()));
        }
        PartitionConfig p = result.plans().get(rank - 1);
        out.printf(Locale.ROOT, "Plan %d of %d for %s: %s%n", rank, result.plans().size(), query.networkName(),
                p.describe());
        try {
            return SegmentPlan.of(profiles, p);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private Resource resource(String text) {
        String t = text.strip();
        int colon = t.indexOf(':');
        try {
            if (colon > 0) {
                return Resource.of(t.substring(0, colon), ProfileCommand.tier(spec, "--resources",
                        t.substring(colon + 1)));
            }
            return Resource.of(t, Tier.named(t));
        } catch (IllegalArgumentException e) {
            throw usage(String.format(Locale.ROOT, "The resource (%s) of --resources needs a tier.%nMaybe write "
                    + "%s:device (or :edge, :cloud).", text, t));
        }
    }

    /** Prints the segments, the hops and the check. */
    static void print(PrintWriter out, Deployment d) {
        out.printf(Locale.ROOT, "Exported %s (%d layers, %d blocks, %s rule; weights: %s) as %d segment%s:%n",
                d.model().name(), d.model().layers(), d.model().blocks(), d.plan().rule().id(), d.model().weights(),
                d.segments().size(), d.segments().size() == 1 ? "" : "s");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"segment", "resource", "layers", "blocks", "weights (MB)", "in", "out"});
        for (Deployment.SegmentInfo s : d.segments()) {
            rows.add(new String[] {s.savedModel(), s.resource().toString(), s.firstLayer() + "-" + s.lastLayer(),
                s.firstBlock() + "-" + s.lastBlock(), String.format(Locale.ROOT, "%.3f", s.weightBytes() / 1e6),
                String.join(", ", s.inputKeys()), String.join(", ", s.outputKeys())});
        }
        Columns.print(out, rows, "LLRRRLL");
        for (Deployment.HopInfo h : d.hops()) {
            out.printf(Locale.ROOT, "Hop %s -> %s: %d B (%s)%n", h.from(), h.to(), h.bytes(),
                    String.join(", ", h.tensors()));
        }
        if (d.verification().done()) {
            for (Deployment.OutputCheck c : d.verification().outputs()) {
                out.printf(Locale.ROOT, "Checked output %s: chain vs whole model max |diff| %.3g (tolerance %.3g)%n",
                        c.key(), c.maxAbsDifference(), c.tolerance());
            }
        } else {
            out.println("Not checked (--no-verify).");
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
