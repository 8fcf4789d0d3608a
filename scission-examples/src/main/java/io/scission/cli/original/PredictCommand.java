package io.scission.cli.original;

import io.scission.cli.DirectCommand;
import io.scission.cli.UsageException;
import io.scission.original.OriginalBenchmarks;
import io.scission.original.OriginalNetworkCsv;
import io.scission.original.PythonText;
import io.scission.platform.Network;
import io.scission.platform.Tier;
import io.scission.profile.ProfileSet;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code scission predict}: a drop-in replacement for the original tool's {@code scission_predict.py}. It reads the
 * original's benchmark files and network CSV, translates its criteria into a core query ({@link OriginalPredictor})
 * and prints the original's lines.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, versionProvider = io.scission.cli.ScissionCli.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Drop-in replacement for the original Scission's scission_predict.py: reads its <tier>-<name>.dat "
                    + "benchmark files and its network CSV, and prints the fastest configurations in its format.",
            ""},
        footer = {
            "",
            "Criteria (-d, -e, -c) are comma-separated entries, as in the original:",
            "  N     layer N must run on the tier     !N     layer N must not run on it",
            "  -1    the tier must not be used        !-1    the tier must be used",
            "  name  the tier must use system 'name'  !name  the tier must not use 'name'",
            "Naming a system (with or without !) also forces its tier to be used; a name",
            "made only of digits is read as a layer.",
            "",
            "STATISTICS_FILE is looked up in BENCHMARK_FOLDER first (as the original does),",
            "then in the working directory; absolute paths work too. MB = 10^6 bytes.",
            "Unlike the original, no PNG chart of the best configuration is drawn, and",
            "inputs the original crashed on are reported as one-line errors.",
            "",
            "Example:",
            "  scission predict benchmark_data network_stats.csv vgg19 -d \"!-1\" -e 10 -c 16"})
public final class PredictCommand implements Callable<Integer>, DirectCommand {

    @Spec
    private @Nullable CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BENCHMARK_FOLDER",
            description = "Folder holding the <tier>-<name>.dat benchmark files (tier: device, edge or cloud).")
    private Path benchmarkFolder = Path.of("");

    @Parameters(index = "1", paramLabel = "STATISTICS_FILE",
            description = "Network CSV: a header row, then source,destination,ping_ms,bandwidth_mbps per row.")
    private String statisticsFile = "";

    @Parameters(index = "2", paramLabel = "MODEL", description = "Model name, e.g. vgg19 (case-insensitive).")
    private String model = "";

    @Option(names = "--result-count", paramLabel = "N", description = "Number of results to print (default: 5).")
    private int resultCount = 5;

    @Option(names = {"-i", "--input"}, paramLabel = "MB", description = "Input upload size in MB (default: 0.15).")
    private @Nullable String input;

    @Option(names = {"-d", "--device"}, paramLabel = "CRIT", description = "Device criteria.")
    private @Nullable String deviceCriteria;

    @Option(names = "--device-upload", paramLabel = "MB", description = "Most MB the device may send.")
    private @Nullable String deviceUpload;

    @Option(names = "--device-time", paramLabel = "S|P%",
            description = "Most device compute time, in seconds or as a percentage of the total compute time.")
    private @Nullable String deviceTime;

    @Option(names = {"-e", "--edge"}, paramLabel = "CRIT", description = "Edge criteria.")
    private @Nullable String edgeCriteria;

    @Option(names = "--edge-upload", paramLabel = "MB", description = "Most MB the edge may send to the cloud.")
    private @Nullable String edgeUpload;

    @Option(names = "--edge-time", paramLabel = "S|P%",
            description = "Most edge compute time, in seconds or as a percentage of the total compute time.")
    private @Nullable String edgeTime;

    @Option(names = {"-c", "--cloud"}, paramLabel = "CRIT", description = "Cloud criteria.")
    private @Nullable String cloudCriteria;

    @Option(names = "--cloud-time", paramLabel = "S|P%",
            description = "Most cloud compute time, in seconds or as a percentage of the total compute time.")
    private @Nullable String cloudTime;

    /** Creates the command; picocli sets the fields. */
    public PredictCommand() {
    }

    @Override
    public Integer call() {
        CommandSpec s = Objects.requireNonNull(spec, "spec");
        return run(s.commandLine().getOut(), s.commandLine().getErr());
    }

    @Override
    public int run(PrintWriter out, PrintWriter err) {
        OriginalPredictor.Request request = request();

        OriginalBenchmarks data = OriginalBenchmarks.read(benchmarkFolder);
        Network network = OriginalNetworkCsv.read(statisticsPath(benchmarkFolder, statisticsFile));
        out.println(OriginalLines.systemsLoaded(data));
        out.flush();
        for (Tier tier : List.of(Tier.DEVICE, Tier.EDGE, Tier.CLOUD)) {
            if (data.count(tier) == 0) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "There is no %s system in %s (no %s-<name>.dat file); the original predictor needs at least "
                                + "one system per tier.%nMaybe add %s %s benchmark file, or use 'scission plan "
                                + "--original %s %s', which plans without that tier.",
                        tier, benchmarkFolder, tier, tier.name().matches("(?i)[aeiou].*") ? "an" : "a", tier,
                        benchmarkFolder, model));
            }
        }
        String application = model.toLowerCase(Locale.ROOT);
        ProfileSet profiles = data.profiles(application);
        OriginalPredictor.Result result = OriginalPredictor.predict(request, profiles, network);
        for (String warning : result.warnings()) {
            err.println("warning: " + warning);
        }
        if (result.predictions().isEmpty()) {
            out.println(OriginalLines.NO_RESULTS);
            return 0;
        }
        out.println(OriginalLines.results(application));
        int rank = 1;
        for (OriginalPredictor.Prediction p : result.predictions()) {
            out.println(OriginalLines.result(rank++, p.latencySeconds(), p.bytes(), p.plan()));
        }
        return 0;
    }

    /**
     * Returns the statistics file as the original finds it (relative to the benchmark folder), falling back to the
     * working directory; an absolute path is used as is.
     */
    static Path statisticsPath(Path folder, String file) {
        Path path = Path.of(file);
        if (path.isAbsolute()) {
            return path;
        }
        Path inFolder = folder.resolve(path);
        if (!Files.exists(inFolder) && Files.exists(path)) {
            return path;
        }
        return inFolder;
    }

    private OriginalPredictor.Request request() {
        if (resultCount <= 0) {
            throw usage(String.format(Locale.ROOT, "The result count (%d) of --result-count must be positive.%n"
                    + "Maybe use the default, 5.", resultCount));
        }
        Map<Tier, OriginalCriteria> criteria = new HashMap<>();
        criteria.put(Tier.DEVICE, criteria("-d/--device", deviceCriteria));
        criteria.put(Tier.EDGE, criteria("-e/--edge", edgeCriteria));
        criteria.put(Tier.CLOUD, criteria("-c/--cloud", cloudCriteria));

        double inputBytes = bytes("-i/--input", input == null ? "0.15" : input);
        if (!(inputBytes >= 0) || Double.isInfinite(inputBytes)) {
            throw usage(String.format(Locale.ROOT, "The input size (%s MB) of -i/--input must be a finite number, "
                    + "not negative.%nMaybe use the default, 0.15.", input));
        }
        Map<Tier, Double> uploads = new HashMap<>();
        if (deviceUpload != null) {
            uploads.put(Tier.DEVICE, bytes("--device-upload", deviceUpload));
        }
        if (edgeUpload != null) {
            uploads.put(Tier.EDGE, bytes("--edge-upload", edgeUpload));
        }
        Map<Tier, OriginalPredictor.TimeLimit> times = new HashMap<>();
        putTime(times, Tier.DEVICE, "--device-time", deviceTime);
        putTime(times, Tier.EDGE, "--edge-time", edgeTime);
        putTime(times, Tier.CLOUD, "--cloud-time", cloudTime);
        // A fractional number of bytes (e.g. -i 0.0000015) is rounded to a whole byte, half to even.
        return new OriginalPredictor.Request(criteria, (long) Math.rint(inputBytes), uploads, times, resultCount);
    }

    private OriginalCriteria criteria(String option, @Nullable String text) {
        if (text == null) {
            return OriginalCriteria.NONE;
        }
        try {
            return OriginalCriteria.parse(option, text);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    /** Python's {@code float(text) * 1000 * 1000}, in this order for the same double. */
    private double bytes(String option, String text) {
        OptionalDouble mb = PythonText.parseFloat(text);
        if (mb.isEmpty()) {
            throw usage(String.format(Locale.ROOT, "The value (\"%s\") of %s is not a number of MB.%n"
                    + "Maybe write e.g. 0.15 (MB = 10^6 bytes).", text, option));
        }
        return mb.getAsDouble() * 1000 * 1000;
    }

    private void putTime(Map<Tier, OriginalPredictor.TimeLimit> times, Tier tier, String option,
            @Nullable String text) {
        if (text != null) {
            try {
                times.put(tier, OriginalPredictor.TimeLimit.parse(option, text));
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
        }
    }

    private static UsageException usage(String message) {
        return new UsageException(message);
    }
}
