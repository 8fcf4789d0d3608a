package io.scission.cli.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scission.MapQuery;
import io.scission.Parameter;
import io.scission.PartitionConfig;
import io.scission.PlanMap;
import io.scission.Query;
import io.scission.cli.Columns;
import io.scission.cli.report.MapChart;
import io.scission.cli.report.ReportCommand;
import io.scission.platform.Network;
import io.scission.profile.ProfileSet;
import io.scission.query.ResourceTarget;
import io.scission.query.Target;
import io.scission.query.TierTarget;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code scission map}: the exact intervals of a network parameter in which each plan is the best one, with the
 * switch points, as a table or JSON.
 */
@Command(name = "map", mixinStandardHelpOptions = true, versionProvider = io.scission.cli.ScissionCli.Version.class,
        sortOptions = false, usageHelpAutoWidth = true, separator = " ",
        description = {
            "Maps where each plan is the best one as one network figure varies over a range: the exact intervals "
                    + "and switch points (not sampled). Takes every input and constraint option of 'plan'.",
            ""},
        footer = {
            "",
            "VARY: bandwidth:FROM-TO=LOW..HIGH[Kbps|Mbps|Gbps]  (default Mbps)",
            "      latency:FROM-TO=LOW..HIGH[s|ms|us]          (default s)",
            "      uplink-bandwidth=LOW..HIGH[Kbps|Mbps|Gbps]  (every device uplink at that bandwidth)",
            "      uplink-factor=LOW..HIGH                     (every device uplink's bandwidth times x)",
            "FROM and TO are two tiers (the tier default link) or two resources (their own link);",
            "write FROM->TO when a name holds '-'.",
            "",
            "Examples:",
            "  scission map --reference resnet50 --reference-network wired \\",
            "      --vary bandwidth:raspi4-vm2Core=0.1..100Mbps",
            "  scission map profiles/resnet50 --preset 4g --vary bandwidth:device-edge=0.1..100Mbps \\",
            "      --must-use edge --json",
            "  scission map profiles/resnet50 --preset 4g --vary uplink-bandwidth=0.1..100Mbps --top 3",
            "",
            "--top N maps the N best plans of each interval, ranked (default 1: the best plan)."})
public final class MapCommand implements Callable<Integer> {

    private static final Pattern VARY = Pattern.compile("\\s*(bandwidth|latency):(.+)=\\s*([0-9.eE+-]+)\\s*\\.\\."
            + "\\s*([0-9.eE+-]+)\\s*([A-Za-z]*)\\s*");
    private static final Pattern FACTOR = Pattern.compile("\\s*uplink-factor=\\s*([0-9.eE+-]+)\\s*\\.\\."
            + "\\s*([0-9.eE+-]+)\\s*x?\\s*");
    private static final Pattern UPLINK = Pattern.compile("\\s*uplink-bandwidth=\\s*([0-9.eE+-]+)\\s*\\.\\."
            + "\\s*([0-9.eE+-]+)\\s*([A-Za-z]*)\\s*");
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    private CommandSpec spec = CommandSpec.create();

    @Mixin
    private PlanInputs inputs = new PlanInputs();

    @Option(names = "--vary", required = true, paramLabel = "VARY", order = 1,
            description = "What varies and over which range, e.g. bandwidth:device-edge=0.1..100Mbps.")
    private String vary = "";

    @Option(names = {"-o", "--html"}, paramLabel = "FILE", order = 13, description = "Also write an HTML page "
            + "drawing each plan's latency against the parameter, the envelope and the switch points.")
    private @Nullable Path html;

    @Option(names = "--json", order = 12, description = "Print JSON: every interval with its plan (segments, hops, "
            + "totals at the interval's midpoint), its ranked plans with --top, and the switch points.")
    private boolean json;

    /** Creates the command; picocli sets the fields. */
    public MapCommand() {
    }

    /**
     * A parsed {@code --vary}.
     *
     * @param parameter what varies
     * @param from the range's start, in the parameter's unit
     * @param to the range's end
     */
    public record Varied(Parameter parameter, double from, double to) {
    }

    @Override
    public Integer call() {
        ProfileSet profiles = inputs.profiles();
        Network links = inputs.network();
        Query query = inputs.query(profiles);
        Varied v = vary(spec, profiles, vary);
        PlanMap map;
        try {
            MapQuery mapped = query.mapOver(v.parameter(), v.from(), v.to());
            map = (inputs.topGiven() ? mapped.top(query.top()) : mapped).solve(profiles, links);
        } catch (IllegalArgumentException e) {
            throw usage(spec, e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (html != null) {
            ReportCommand.write(html, MapChart.render("Scission plan map: " + profiles.layout().model(),
                    describe(query, inputs.networkName(), map), map));
            if (!json) {
                out.println("Map drawn in " + html.toAbsolutePath().normalize());
            }
        }
        if (json) {
            out.println(json(profiles, query, map));
        } else {
            print(out, profiles, query, map);
        }
        return 0;
    }

    /**
     * Parses a {@code --vary} value (the syntax in this command's footer).
     *
     * @param spec the command, for the usage error
     * @param profiles the profiles, whose resources and tiers the link may name
     * @param text the value
     * @return the parameter and its range
     * @throws ParameterException naming the value and saying what to write, if it is not understood
     */
    public static Varied vary(CommandSpec spec, ProfileSet profiles, String text) {
        try {
            Matcher f = FACTOR.matcher(text);
            if (f.matches()) {
                return new Varied(Parameter.uplinkFactor(), number(f.group(1)), number(f.group(2)));
            }
            Matcher u = UPLINK.matcher(text);
            if (u.matches()) {
                double scale = scale(true, u.group(3), text);
                return new Varied(Parameter.uplinkBandwidth(), number(u.group(1)) * scale,
                        number(u.group(2)) * scale);
            }
            Matcher m = VARY.matcher(text);
            if (!m.matches()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "The value (%s) of --vary is not bandwidth:FROM-TO=LOW..HIGH[unit], "
                                + "latency:FROM-TO=LOW..HIGH[unit], uplink-bandwidth=LOW..HIGH[unit] or "
                                + "uplink-factor=LOW..HIGH.%n"
                                + "Maybe write bandwidth:device-edge=0.1..100Mbps.", text));
            }
            boolean bandwidth = m.group(1).equals("bandwidth");
            String ends = m.group(2).strip();
            PlanValues.Pair pair = ends.contains("->") ? new PlanValues.Pair(
                    ends.substring(0, ends.indexOf("->")).strip(), ends.substring(ends.indexOf("->") + 2).strip())
                    : PlanValues.splitFirst("--vary", ends, '-', "FROM-TO or FROM->TO");
            double scale = scale(bandwidth, m.group(5), text);
            double low = number(m.group(3)) * scale;
            double high = number(m.group(4)) * scale;
            PlanValues values = new PlanValues(profiles);
            Target from = values.target("--vary", pair.left());
            Target to = values.target("--vary", pair.right());
            Parameter p;
            if (from instanceof TierTarget a && to instanceof TierTarget b) {
                p = bandwidth ? Parameter.bandwidth(a.tier(), b.tier()) : Parameter.latency(a.tier(), b.tier());
            } else if (from instanceof ResourceTarget a && to instanceof ResourceTarget b) {
                p = bandwidth ? Parameter.bandwidth(a.name(), b.name()) : Parameter.latency(a.name(), b.name());
            } else {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "The link (%s) of --vary joins a tier and a resource.%nMaybe name two tiers (the tier "
                                + "default link) or two resources (their own link).", ends));
            }
            return new Varied(p, low, high);
        } catch (IllegalArgumentException e) {
            throw usage(spec, e.getMessage());
        }
    }

    /**
     * Describes a map in one line: the query, the network and the varied figure with its range.
     *
     * @param query the query mapped
     * @param networkName the network's name
     * @param map the map
     * @return the text
     */
    public static String describe(Query query, String networkName, PlanMap map) {
        String q = query.toParsableString();
        return String.format(Locale.ROOT, "Query: %s. Network: %s, with %s varied from %s to %s %s%s.",
                q.isEmpty() ? "(defaults: minimise latency)" : q, networkName, map.parameter(), g(map.from()),
                g(map.to()), map.parameter().unit(), map.top() > 1 ? "; the " + map.top() + " best plans" : "");
    }

    private static double scale(boolean bandwidth, String unit, String text) {
        String u = unit.toLowerCase(Locale.ROOT);
        if (bandwidth) {
            switch (u) {
                case "", "mbps":
                    return 1;
                case "kbps":
                    return 1e-3;
                case "gbps":
                    return 1e3;
                default:
                    break;
            }
        } else {
            switch (u) {
                case "", "s":
                    return 1;
                case "ms":
                    return 1e-3;
                case "us":
                    return 1e-6;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT,
                "The unit (%s) of --vary %s is not one of %s.%nMaybe write e.g. %s.", unit, text,
                bandwidth ? "Kbps, Mbps, Gbps" : "s, ms, us", bandwidth ? "0.1..100Mbps" : "0..200ms"));
    }

    private static double number(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The bound (%s) of --vary is not a number.%nMaybe write e.g. 0.1..100Mbps.", text), e);
        }
    }

    private static void print(PrintWriter out, ProfileSet profiles, Query query, PlanMap map) {
        out.printf(Locale.ROOT, "Model %s: %d layers in %d blocks; resources: %s%n", profiles.layout().model(),
                profiles.layout().layerCount(), profiles.layout().size(),
                String.join(", ", profiles.resources().stream().map(Object::toString).toList()));
        String q = query.toParsableString();
        out.println("Query: " + (q.isEmpty() ? "(defaults: minimise latency)" : q));
        out.printf(Locale.ROOT, "Varying %s from %s to %s %s: %d interval(s), %d switch point(s) "
                + "(exact; %d searches, %d candidate plans)%n%n", map.parameter(), g(map.from()), g(map.to()),
                map.parameter().unit(), map.intervals().size(), map.switchPoints().size(), map.searches(),
                map.candidates());
        boolean ranked = map.top() > 1;
        List<String[]> rows = new ArrayList<>();
        rows.add(ranked ? new String[] {"from", "to", "#", "latency at from (s)", "latency at to (s)", "sent (MB)",
            "plan"} : new String[] {"from", "to", "latency at from (s)", "latency at to (s)", "sent (MB)", "plan"});
        for (PlanMap.Interval i : map.intervals()) {
            if (i.plans().isEmpty()) {
                rows.add(ranked ? new String[] {g(i.from()), g(i.to()), "-", "-", "-", "-",
                    "no plan satisfies the query"} : new String[] {g(i.from()), g(i.to()), "-", "-", "-",
                        "no plan satisfies the query"});
                continue;
            }
            for (int r = 0; r < i.plans().size(); r++) {
                PartitionConfig p = i.plans().get(r);
                String from = r == 0 ? g(i.from()) : "";
                String to = r == 0 ? g(i.to()) : "";
                String[] cells = {latencyAt(map, i, i.from(), r), latencyAt(map, i, i.to(), r),
                    PlanTable.mb(p.bytesSent()), PlanTable.summary(p)};
                rows.add(ranked ? new String[] {from, to, Integer.toString(r + 1), cells[0], cells[1], cells[2],
                    cells[3]} : new String[] {from, to, cells[0], cells[1], cells[2], cells[3]});
            }
        }
        Columns.print(out, rows, ranked ? "RRRRRRL" : "RRRRRL");
    }

    /** The latency of the interval's plan of a rank at an end (the plan there may tie with its neighbour's). */
    private static String latencyAt(PlanMap map, PlanMap.Interval i, double value, int rank) {
        double mid = i.from() + (i.to() - i.from()) / 2;
        double near = value + (mid - value) * 1e-6;
        List<PartitionConfig> plans = map.plansAt(near);
        return plans.size() > rank ? PlanTable.num(plans.get(rank).latencySeconds()) : "-";
    }

    private static String g(double x) {
        return String.format(Locale.ROOT, "%.6g", x);
    }

    private static String json(ProfileSet profiles, Query query, PlanMap map) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode model = root.putObject("model");
        model.put("name", profiles.layout().model());
        model.put("layers", profiles.layout().layerCount());
        model.put("blocks", profiles.layout().size());
        root.put("query", query.toParsableString());
        root.put("objective", query.objective().toParsable());
        root.put("parameter", map.parameter().toString());
        root.put("unit", map.parameter().unit());
        root.put("from", map.from());
        root.put("to", map.to());
        root.put("top", map.top());
        ArrayNode points = root.putArray("switchPoints");
        map.switchPoints().forEach(points::add);
        ArrayNode intervals = root.putArray("intervals");
        List<Target> energy = PlanTable.energyTargets(query);
        for (PlanMap.Interval i : map.intervals()) {
            ObjectNode n = intervals.addObject();
            n.put("from", i.from());
            n.put("to", i.to());
            if (i.best().isPresent()) {
                n.set("plan", withEnergy(PlanJson.plan(1, i.best().get()), i.best().get(), energy));
            } else {
                n.putNull("plan");
            }
            ArrayNode plans = n.putArray("plans");
            for (int r = 0; r < i.plans().size(); r++) {
                plans.add(withEnergy(PlanJson.plan(r + 1, i.plans().get(r)), i.plans().get(r), energy));
            }
        }
        root.put("searches", map.searches());
        root.put("candidates", map.candidates());
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the map as JSON: " + e.getMessage(), e);
        }
    }

    /** The plan's JSON with the joules of each target the query counts (as {@code plan --json}), if any. */
    private static ObjectNode withEnergy(ObjectNode plan, PartitionConfig p, List<Target> energy) {
        if (!energy.isEmpty()) {
            ObjectNode joules = plan.putObject("energyJoules");
            energy.forEach(t -> joules.put(t.toParsable(), p.energyJoules(t)));
        }
        return plan;
    }

    private static ParameterException usage(CommandSpec spec, @Nullable String message) {
        return new ParameterException(spec.commandLine(), String.valueOf(message));
    }
}
