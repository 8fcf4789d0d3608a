package io.scission.cli.deploy;

import io.scission.Scission;
import io.scission.cli.Columns;
import io.scission.cli.OutputFiles;
import io.scission.cli.ScissionCli;
import io.scission.cli.TensorFlowOptions;
import io.scission.cli.models.InputShapeOption;
import io.scission.deploy.Deployment;
import io.scission.deploy.ExportOptions;
import io.scission.deploy.HostTensor;
import io.scission.deploy.Inference;
import io.scission.deploy.Npy;
import io.scission.deploy.RunReport;
import io.scission.deploy.Tensors;
import io.scission.spi.ModelSource;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import picocli.CommandLine.Spec;

/**
 * {@code scission run}: runs a whole model, or a deployment's segments chained in one process, from {@code .npy}
 * inputs to {@code .npy} outputs, and prints the time of every segment and end to end.
 */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = ScissionCli.Version.class,
        sortOptions = false, usageHelpAutoWidth = true, separator = " ",
        description = {"Runs a whole model, or the segments of a deployment written by 'scission export' chained in "
                + "this process, on a NumPy .npy input (a seeded random one if none is given), writes each output "
                + "to a .npy file, and prints the median and shortest time of every segment and end to end.", ""},
        footer = {"", "MODEL: a zoo name (e.g. ResNet50) or a model path; DEPLOYMENT: a directory with",
            "deployment.json. Inputs and outputs are named after the layers that produce them.",
            "With several outputs, --output y.npy writes y.<output>.npy for each.", "",
            "Examples:",
            "  scission run deploy/resnet50 --input x.npy --output y.npy --repeats 10",
            "  scission run deploy/resnet50 --compare      # also the whole model, and their difference",
            "  scission run ResNet50 --input x.npy --output y.npy",
            "  scission run deploy/resnet50 --workers device=127.0.0.1:7001,edge=127.0.0.1:7002,cloud=127.0.0.1:7003 \\",
            "      --preset 4g --repeats 10     # through workers started with 'scission serve'"})
public final class RunCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec = CommandSpec.create();

    @Parameters(index = "0", paramLabel = "MODEL|DEPLOYMENT", description = "A model, or a deployment directory.")
    private String target = "";

    @Option(names = "--input", paramLabel = "[NAME=]FILE", description = "A .npy input; NAME=FILE when the model "
            + "takes several (default: seeded random values, batch 1).")
    private List<String> inputs = new ArrayList<>();

    @Option(names = "--output", paramLabel = "FILE", description = "Write the output to this .npy file.")
    private @Nullable Path output;

    @Option(names = "--force", description = "Overwrite existing output files.")
    private boolean force;

    @Option(names = "--repeats", paramLabel = "N", description = "Runs to time (default 1); outputs are the last.")
    private int repeats = 1;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the random input, and of a model's random "
            + "weights (default 42).")
    private long seed = ExportOptions.DEFAULT_SEED;

    @Option(names = "--compare", description = "For a deployment: also run the whole model it was cut from on the "
            + "same input, print the difference, and fail if it exceeds 1e-5 x max(1, max|y|).")
    private boolean compare;

    @Mixin
    private InputShapeOption inputShape = new InputShapeOption();

    @Option(names = "--workers", paramLabel = "NAME=HOST:PORT[,...]", split = ",",
            description = "Run the deployment through these workers ('scission serve'), one per resource, instead of "
                    + "in this process; prints the time of every hop.")
    private List<String> workers = new ArrayList<>();

    @Option(names = "--network", paramLabel = "FILE", description = "With --workers: delay every hop like this "
            + "network's link (latency + bytes / bandwidth, at the sender).")
    private @Nullable Path network;

    @Option(names = "--preset", paramLabel = "3g|4g|wired", description = "With --workers: a preset network instead "
            + "of --network.")
    private @Nullable String preset;

    @Option(names = "--return-result", description = "With --workers and a network: also delay the result's way "
            + "back to the source (as plan --return-result charges it).")
    private boolean returnResult;

    @Option(names = "--hop-timeout", paramLabel = "SECONDS", description = "With --workers: how long a hop may take "
            + "(default 60).")
    private double hopTimeout = 60;

    /** Creates the command; picocli sets the fields. */
    public RunCommand() {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (repeats < 1) {
            throw usage(String.format(Locale.ROOT, "The repeats (%d) must be at least 1.%nMaybe write --repeats 10.",
                    repeats));
        }
        Path dir = deployment();
        Map<String, List<Long>> shapes = inputShape.shapes();
        if (dir != null && !shapes.isEmpty()) {
            throw usage("--input-shape gives a model's inputs a size, but " + target + " is a deployment, whose "
                    + "sizes were fixed when it was exported.\nMaybe drop --input-shape, or export the model again "
                    + "with 'scission export ... --input-shape'.");
        }
        if (compare && dir == null) {
            throw usage("--compare compares a deployment with its model, but " + target + " is a model.\nMaybe run "
                    + "a directory written by 'scission export'.");
        }
        if (output != null) {
            OutputFiles.checkFile(output, "the output", "--output"); // before the model loads, which takes a while
        }
        if (!workers.isEmpty() || network != null || preset != null) {
            if (dir == null || workers.isEmpty()) {
                throw usage("--network and --preset go with --workers and a deployment.\nMaybe start workers with "
                        + "'scission serve' and name them with --workers.");
            }
            Deployment d = Scission.readDeployment(dir);
            Map<String, Path> files = outputFiles(d.modelOutputs());
            Map<String, HostTensor> in = inputs(d.modelInputs(), out);
            RemoteRun.Options o = new RemoteRun.Options(workers, network, preset, returnResult, hopTimeout, repeats);
            Map<String, HostTensor> outputs = RemoteRun.run(spec.commandLine(), dir, in, o);
            for (Map.Entry<String, HostTensor> e : outputs.entrySet()) {
                Path file = files.get(e.getKey());
                if (file != null) {
                    Npy.write(file, e.getValue());
                }
                out.printf(Locale.ROOT, "Output %s: %s, max |y| %.6g%s%n", e.getKey(), e.getValue(),
                        e.getValue().maxAbs(), file == null ? "" : " -> " + file);
            }
            return 0;
        }
        Deployment d = dir == null ? null : Scission.readDeployment(dir);
        try (Inference runner = dir == null ? TensorFlowOptions.openModel(modelSource(), seed, shapes)
                : Scission.openDeployment(dir)) {
            Map<String, Path> files = outputFiles(runner.outputs());
            Map<String, HostTensor> in = inputs(runner.inputs(), out);
            RunReport report;
            try {
                report = runner.run(in, repeats);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(fileOf(e.getMessage()) + e.getMessage(), e);
            }
            times(out, runner, d, report);
            for (Map.Entry<String, HostTensor> e : report.outputs().entrySet()) {
                Path file = files.get(e.getKey());
                if (file != null) {
                    Npy.write(file, e.getValue());
                }
                out.printf(Locale.ROOT, "Output %s: %s, max |y| %.6g%s%n", e.getKey(), e.getValue(),
                        e.getValue().maxAbs(), file == null ? "" : " -> " + file);
            }
            if (compare) {
                return compare(out, d, in, report);
            }
        }
        return 0;
    }

    /** The deployment directory, or null when the target is a model. */
    private @Nullable Path deployment() {
        try {
            Path p = Path.of(target);
            if (Files.isRegularFile(p.resolve(Deployment.MANIFEST))) {
                return p;
            }
            if (p.getFileName() != null && p.getFileName().toString().equals(Deployment.MANIFEST)
                    && Files.isRegularFile(p)) {
                return p.toAbsolutePath().getParent();
            }
        } catch (InvalidPathException e) {
            return null;
        }
        return null;
    }

    private ModelSource modelSource() {
        try {
            return ModelSources.resolve(target);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    /** One file per output, checked before the run: none may exist unless --force. */
    private Map<String, Path> outputFiles(List<Deployment.CutTensor> outputs) {
        Map<String, Path> files = new LinkedHashMap<>();
        if (output == null) {
            return files;
        }
        List<String> keys = Deployment.keysOf(outputs);
        for (String key : keys) {
            Path file = output;
            if (keys.size() > 1) {
                String name = output.getFileName().toString();
                String stem = name.endsWith(".npy") ? name.substring(0, name.length() - 4) : name;
                file = output.resolveSibling(stem + "." + key.replaceAll("[^A-Za-z0-9._-]", "_") + ".npy");
            }
            if (Files.exists(file) && !force) {
                throw usage(String.format(Locale.ROOT, "The output file (%s) exists.%nMaybe choose another --output, "
                        + "or overwrite it with --force.", file));
            }
            if (Files.isDirectory(file)) {
                throw usage(String.format(Locale.ROOT, "The output (%s) is a directory.%nMaybe name a .npy file.",
                        file));
            }
            OutputFiles.checkFile(file, "the output", "--output");
            files.put(key, file);
        }
        return files;
    }

    private final Map<String, String> sources = new LinkedHashMap<>();

    /** The inputs: the .npy files given, or seeded random values. */
    private Map<String, HostTensor> inputs(List<Deployment.CutTensor> specs, PrintWriter out) {
        List<String> keys = Deployment.keysOf(specs);
        if (inputs.isEmpty()) {
            Map<String, HostTensor> random = Tensors.random(specs, seed);
            out.printf(Locale.ROOT, "Input: seeded random values (seed %d), batch 1: %s%n", seed, random);
            return random;
        }
        Map<String, HostTensor> in = new LinkedHashMap<>();
        for (String s : inputs) {
            int eq = s.indexOf('=');
            String key;
            String file;
            if (eq > 0 && !Files.exists(Path.of(s))) {
                key = s.substring(0, eq).strip();
                file = s.substring(eq + 1).strip();
            } else if (keys.size() == 1) {
                key = keys.get(0);
                file = s;
            } else {
                throw usage(String.format(Locale.ROOT, "The model takes %d inputs (%s), so --input %s must name "
                        + "one.%nMaybe write --input %s=%s.", keys.size(), String.join(", ", keys), s, keys.get(0),
                        s));
            }
            if (in.containsKey(key)) {
                throw usage(String.format(Locale.ROOT, "The input %s is given twice.%nMaybe give each input once.",
                        key));
            }
            in.put(key, Npy.read(Path.of(file)));
            sources.put(key, file);
        }
        out.printf(Locale.ROOT, "Input: %s%n", in);
        return in;
    }

    /** "x.npy: " when a message is about an input read from a file. */
    private String fileOf(String message) {
        for (Map.Entry<String, String> e : sources.entrySet()) {
            if (message.startsWith("The input " + e.getKey() + " ")) {
                return e.getValue() + ": ";
            }
        }
        return "";
    }

    private void times(PrintWriter out, Inference runner, @Nullable Deployment d, RunReport report) {
        out.printf(Locale.ROOT, "Ran %s %d time%s:%n", runner.name(), repeats, repeats == 1 ? "" : "s");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"stage", "resource", "layers", "median (ms)", "min (ms)"});
        for (int i = 0; i < report.stages().size(); i++) {
            RunReport.Stage s = report.stages().get(i);
            String layers = d == null ? "all" : d.segments().get(i).firstLayer() + "-" + d.segments().get(i).lastLayer();
            rows.add(new String[] {s.name(), s.resource().isEmpty() ? "-" : s.resource(), layers,
                ms(s.medianSeconds()), ms(s.minSeconds())});
        }
        RunReport.Stage total = new RunReport.Stage("end to end", "", report.totalSeconds());
        rows.add(new String[] {"end to end", "-", "", ms(total.medianSeconds()), ms(total.minSeconds())});
        Columns.print(out, rows, "LLLRR");
    }

    private int compare(PrintWriter out, Deployment d, Map<String, HostTensor> in, RunReport chain) {
        RunReport whole;
        try (Inference m = Scission.openModel(d)) {
            whole = m.run(in, repeats);
        }
        out.printf(Locale.ROOT, "Whole model %s (%s): median %s ms%n", d.model().name(), d.model().source(),
                ms(whole.medianSeconds()));
        boolean ok = true;
        for (Deployment.OutputCheck c : Tensors.compare(whole.outputs(), chain.outputs())) {
            out.printf(Locale.ROOT, "Output %s: chain vs whole model max |diff| %.3g, tolerance %.3g: %s%n", c.key(),
                    c.maxAbsDifference(), c.tolerance(), c.passed() ? "same" : "DIFFERENT");
            ok &= c.passed();
        }
        if (!ok) {
            throw new IllegalStateException("The deployment's segments do not compute what the whole model computes "
                    + "(see above).\nMaybe export the deployment again, and report this with the model if it "
                    + "persists.");
        }
        return 0;
    }

    private static String ms(double seconds) {
        return String.format(Locale.ROOT, "%.2f", seconds * 1e3);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
