package io.scission.cli.plan;

import io.scission.Hop;
import io.scission.PartitionConfig;
import io.scission.Query;
import io.scission.QueryResult;
import io.scission.Segment;
import io.scission.cli.Columns;
import io.scission.profile.ProfileSet;
import io.scission.query.Constraint;
import io.scission.query.MaxEnergy;
import io.scission.query.Objective;
import io.scission.query.Target;
import io.scission.search.SearchStats;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Prints a result as a ranked table, then each plan's segments and hops in pipeline order. */
final class PlanTable {

    private PlanTable() {
    }

    static void print(PrintWriter out, ProfileSet profiles, QueryResult result) {
        List<String> resources = new ArrayList<>();
        for (io.scission.platform.Resource r : profiles.resources()) {
            resources.add(r.toString());
        }
        // concatenation, not printf: the JDK's Formatter compiles a regular expression and loads the locale data
        // at its first use, milliseconds at every plan start (docs/benchmarks.md)
        out.println("Model " + profiles.layout().model() + ": " + profiles.layout().layerCount() + " layers in "
                + profiles.layout().size() + " blocks (" + profiles.layout().rule().id() + " rule); resources: "
                + String.join(", ", resources));
        String query = result.query().toParsableString();
        out.println("Query: " + (query.isEmpty() ? "(defaults: minimise latency, top 5)" : query));
        out.println();
        if (result.isEmpty()) {
            out.println("No plan satisfies the query.");
            out.println(result.explanation());
            out.println();
            out.println(stats(result.stats()));
            return;
        }
        // The score is the latency unless another objective is chosen; then it gets its own column.
        boolean latency = result.query().objective().equals(Objective.LATENCY);
        List<String[]> rows = new ArrayList<>();
        rows.add(latency
                ? new String[] {"rank", "latency (s)", "sent (MB)", "compute (s)", "transfer (s)", "plan"}
                : new String[] {"rank", "latency (s)", "sent (MB)", "compute (s)", "transfer (s)", "score", "plan"});
        int rank = 1;
        for (PartitionConfig p : result.plans()) {
            String[] row = {Integer.toString(rank++), num(p.latencySeconds()), mb(p.bytesSent()),
                    num(p.computeSeconds()), num(p.transferSeconds()), score(p), summary(p)};
            rows.add(latency ? new String[] {row[0], row[1], row[2], row[3], row[4], row[6]} : row);
        }
        Columns.print(out, rows, "R".repeat(rows.get(0).length - 1) + "L");
        rank = 1;
        List<Target> energy = energyTargets(result.query());
        for (PartitionConfig p : result.plans()) {
            out.println();
            StringBuilder joules = new StringBuilder();
            for (Target t : energy) {
                joules.append("; energy of ").append(t.toParsable()).append(' ').append(num(p.energyJoules(t)))
                        .append(" J");
            }
            out.println("[" + rank++ + "] " + num(p.latencySeconds()) + " s = compute " + num(p.computeSeconds())
                    + " s + transfer " + num(p.transferSeconds()) + " s; " + mb(p.bytesSent()) + " MB sent" + joules);
            List<String[]> steps = steps(p);
            Columns.print(out, steps, "L".repeat(steps.get(0).length));
        }
        out.println();
        out.println(stats(result.stats()));
    }

    /** The targets whose energy the query counts: the objective's energy terms, then maxEnergy's, each once. */
    static List<Target> energyTargets(Query query) {
        List<Target> targets = new ArrayList<>();
        for (io.scission.query.EnergyWeight w : query.objective().energy()) {
            targets.add(w.target());
        }
        for (Constraint c : query.constraints()) {
            if (c instanceof MaxEnergy m && !targets.contains(m.target())) {
                targets.add(m.target());
            }
        }
        return targets;
    }

    /** The plan in one line: each segment's resource and layer range, e.g. {@code raspi4 0-6 > vm2Core 7-11}. */
    static String summary(PartitionConfig p) {
        List<String> parts = new ArrayList<>();
        // by name: a plan's resources come from one ProfileSet, whose names are unique; Resource's record equals is
        // linked at its first call (ObjectMethods), which cost a plan run about 15 ms at start
        if (!p.segments().get(0).resource().name().equals(p.source().name())) {
            parts.add("(" + p.source().name() + ")");
        }
        for (Segment s : p.segments()) {
            parts.add(s.resource().name() + " " + s.firstLayer() + "-" + s.lastLayer());
        }
        return String.join(" > ", parts);
    }

    /** The steps of a plan in order: input hop, then segments with the hops between them, then the result hop. */
    private static List<String[]> steps(PartitionConfig p) {
        List<String[]> rows = new ArrayList<>();
        List<Hop> intermediate = new ArrayList<>();
        Hop input = null;
        Hop back = null;
        for (Hop h : p.hops()) {
            switch (h.kind()) {
                case INPUT:
                    input = h;
                    break;
                case RESULT:
                    back = h;
                    break;
                default:
                    intermediate.add(h);
            }
        }
        if (input != null) {
            rows.add(hop("send input", input));
        }
        for (int i = 0; i < p.segments().size(); i++) {
            Segment s = p.segments().get(i);
            rows.add(new String[] {"    compute", s.resource().toString(), "layers " + s.firstLayer() + "-"
                    + s.lastLayer(), "blocks " + s.firstBlock() + "-" + s.lastBlock(), num(s.computeSeconds()) + " s"});
            if (i < intermediate.size()) {
                rows.add(hop("send", intermediate.get(i)));
            }
        }
        if (back != null) {
            rows.add(hop("return", back));
        }
        return rows;
    }

    private static String[] hop(String what, Hop h) {
        return new String[] {"    " + what, h.from().name() + " -> " + h.to().name(), mb(h.bytes()) + " MB",
                h.bytes() + " B", num(h.seconds()) + " s"};
    }

    private static String score(PartitionConfig p) {
        return new BigDecimal(p.score()).round(new MathContext(6)).toPlainString();
    }

    private static String stats(SearchStats s) {
        return "Search: " + s.strategy().name().toLowerCase(Locale.ROOT).replace('_', '-') + ", " + s.nodesExpanded()
                + " nodes expanded, " + s.nodesPruned() + " pruned, " + s.plansEvaluated() + " plans evaluated, "
                + fixed(s.elapsed().toNanos() / 1e6, 1) + " ms";
    }

    /**
     * Returns {@code String.format(Locale.ROOT, "%.<digits>f", value)} without the JDK's {@code Formatter} (see
     * {@link #print}): like it, the shortest decimal that reads back as the value ({@link Double#toString}'s
     * digits) rounded half up, a minus sign for every negative value including -0.0, and {@code NaN},
     * {@code Infinity}. {@code PlanTableFormatTest} compares the two on many seeded values.
     *
     * @param value the value
     * @param digits the digits after the point, not negative
     * @return the text
     */
    static String fixed(double value, int digits) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        double magnitude = Math.abs(value);
        String text = Double.isInfinite(magnitude) ? "Infinity"
                : BigDecimal.valueOf(magnitude).setScale(digits, RoundingMode.HALF_UP).toPlainString();
        return Double.compare(value, 0.0) < 0 ? "-" + text : text;
    }

    static String num(double seconds) {
        return new BigDecimal(seconds).setScale(4, RoundingMode.HALF_EVEN).toPlainString();
    }

    static String mb(long bytes) {
        return num((double) bytes / 1e6);
    }
}
