package io.scission.cli.report;

import io.scission.PlanMap;
import io.scission.FileReasons;
import io.scission.Query;
import io.scission.QueryResult;
import io.scission.cli.OutputFiles;
import io.scission.cli.ScissionCli;
import io.scission.cli.plan.MapCommand;
import io.scission.cli.plan.PlanInputs;
import io.scission.cli.report.Report.Answer;
import io.scission.cli.report.Report.MapFigure;
import io.scission.cli.report.Report.NamedNetwork;
import io.scission.platform.Network;
import io.scission.profile.ProfileSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code scission report}: a self-contained HTML report with SVG charts for a query on profiled data. */
@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = ScissionCli.Version.class,
        sortOptions = false, usageHelpAutoWidth = true, separator = " ",
        description = {"Writes a self-contained HTML report (SVG charts, no scripts, opens offline): time and output "
                + "size per block on each resource (the paper's Fig. 3/4), the query's plans drawn as in Fig. 6-15 "
                + "and as a table, and the top plans of every distributed pipeline (Table IV).", ""},
        footer = {"", "Profiles, network and query options are those of 'scission plan'.", "",
            "Examples:",
            "  scission report --original benchmark_data vgg19 --preset wired -o vgg19.html",
            "  scission report profiles/resnet50 --preset 4g --must-use edge --top 3",
            "  scission report profiles/resnet50 --preset 4g --vary uplink-bandwidth=0.1..100Mbps",
            "  scission validate profiles/resnet50 ResNet50 --preset 4g --json > v4g.json",
            "  scission report profiles/resnet50 --preset 4g --validation v4g.json"})
public final class ReportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec = CommandSpec.create();

    @Mixin
    private PlanInputs inputs = new PlanInputs();

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", order = 12,
            description = "Where to write the report (default scission-report.html).")
    private Path output = Path.of("scission-report.html");

    @Option(names = "--title", paramLabel = "TEXT", order = 13, description = "The page title.")
    private @Nullable String title;

    @Option(names = "--per-pipeline", paramLabel = "N", order = 14,
            description = "Plans per pipeline in the Table IV section (default 3; 0 leaves it out).")
    private int perPipeline = 3;

    @Option(names = "--vary", paramLabel = "VARY", order = 15, description = "Also draw a plan map of the query: "
            + "where the best plan changes as one network figure varies, e.g. uplink-bandwidth=0.1..100Mbps (the "
            + "syntax of 'scission map --vary').")
    private @Nullable String vary;
    @Option(names = "--validation", paramLabel = "FILE", order = 16, description = "Add a 'Predicted against "
            + "measured' section (table and chart) from 'scission validate ... --json > FILE'; repeatable.")
    private List<Path> validations = new java.util.ArrayList<>();

    /** Creates the command; picocli sets the fields. */
    public ReportCommand() {
    }

    @Override
    public Integer call() {
        if (perPipeline < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), String.format(Locale.ROOT,
                    "The value (%d) of --per-pipeline must not be negative.%nMaybe write 3, or 0 to leave the "
                            + "section out.", perPipeline));
        }
        OutputFiles.checkFile(output, "the report", "-o");
        List<com.fasterxml.jackson.databind.JsonNode> validated;
        try {
            validated = ValidationSection.read(validations);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        ProfileSet profiles = inputs.profiles();
        Network network = inputs.network();
        Query query = inputs.query(profiles);
        QueryResult result = query.solve(profiles, network);
        String networkName = inputs.networkName();
        String model = profiles.layout().model();
        List<MapFigure> maps = new ArrayList<>();
        if (vary != null) {
            MapCommand.Varied v = MapCommand.vary(spec, profiles, vary);
            PlanMap map;
            try {
                map = query.mapOver(v.parameter(), v.from(), v.to()).solve(profiles, network);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), String.valueOf(e.getMessage()));
            }
            maps.add(new MapFigure(String.format(Locale.ROOT, "The best plan as %s varies from %s to %s %s",
                    map.parameter(), map.from(), map.to(), map.parameter().unit()),
                    MapCommand.describe(query, networkName, map), map));
        }
        Report report = new Report(title != null ? title : "Scission report: " + model, profiles, List.of(),
                List.of(new NamedNetwork(networkName, network)),
                List.of(new Answer("Best plans for the query", networkName, result)),
                perPipeline == 0 ? List.of() : List.of(Report.pipelines(String.format(Locale.ROOT,
                        "Top %d plans per pipeline (%s)", perPipeline, networkName), profiles, network, query,
                        perPipeline)), maps);
        write(output, ValidationSection.insert(HtmlReport.render(report, query.statistic(), Instant.now()),
                validated));
        spec.commandLine().getOut().println("Report written to " + output.toAbsolutePath().normalize());
        return 0;
    }

    /**
     * Writes a report, creating parent directories.
     *
     * @param file the file
     * @param html the text
     * @throws UncheckedIOException naming the file if it cannot be written
     */
    public static void write(Path file, String html) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(String.format(Locale.ROOT, "Cannot write the report to %s: %s.%nMaybe "
                    + "choose another file with -o.", file, FileReasons.of(e)), e);
        }
    }
}
