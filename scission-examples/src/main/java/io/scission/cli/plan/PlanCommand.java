package io.scission.cli.plan;

import io.scission.Query;
import io.scission.QueryResult;
import io.scission.cli.DirectCommand;
import io.scission.platform.Network;
import io.scission.profile.ProfileSet;
import java.io.PrintWriter;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code scission plan}: the best plans for a profiled model under any constraint of the core query, as a table or
 * JSON.
 */
@Command(name = "plan", mixinStandardHelpOptions = true, versionProvider = io.scission.cli.ScissionCli.Version.class,
        sortOptions = false, usageHelpAutoWidth = true, separator = " ",
        description = {
            "Finds the best plans to split a profiled model across device, edge and cloud, under any constraint of "
                    + "the core query.",
            ""},
        footer = {
            "",
            "TARGET: a tier (device, edge, cloud, or a custom tier of the profiles) or a",
            "        profiled resource's name.",
            "SIZE: a number and a unit, B, KB, MB, GB (10^3 steps) or KiB, MiB, GiB.",
            "DURATION: a number and s, ms, us or min (seconds without a unit).",
            "SHARE: 30%% or 0.3.",
            "Flags add to --query; the same constraint twice, or two contradictory ones,",
            "is an error. An infeasible query prints why no plan exists (exit code 0).",
            "",
            "Examples:",
            "  scission plan --original benchmark_data vgg19 \\",
            "      --network-csv benchmark_data/network_stats.csv \\",
            "      --must-use edge --max-transfer edge:cloud=1MB --top 3",
            "  scission plan profiles/resnet50 --preset 4g --deadline 250ms --json",
            "  scission plan profiles/resnet50 --preset wired \\",
            "      --query 'mustUse(EDGE).layerOn(7, EDGE)'"})
public final class PlanCommand implements Callable<Integer>, DirectCommand {

    @Spec
    private @Nullable CommandSpec spec;

    @Mixin
    private PlanInputs inputs = new PlanInputs();

    @Option(names = "--json", order = 12, description = "Print JSON (format scission-plan): every plan's segments, "
            + "hops, totals, and the search statistics.")
    private boolean json;

    /** Creates the command; picocli sets the fields. */
    public PlanCommand() {
    }

    @Override
    public Integer call() {
        CommandSpec s = Objects.requireNonNull(spec, "spec");
        return run(s.commandLine().getOut(), s.commandLine().getErr());
    }

    @Override
    public int run(PrintWriter out, PrintWriter err) {
        ProfileSet profiles = inputs.profiles();
        Network links = inputs.network();
        Query query = inputs.query(profiles);
        QueryResult result = query.solve(profiles, links);
        if (json) {
            out.println(PlanJson.write(profiles, result));
        } else {
            PlanTable.print(out, profiles, result);
        }
        return 0;
    }
}
