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
        out.printf(Locale.ROOT, "Model %s: %d layers in %d blocks (%s rule); resources: %s%n",
                profiles.layout().model(), profiles.layout().layerCount(), profiles.layout().size(),
                profiles.layout().rule().id(),
                String.join(", ", profiles.resources().stream().map(Object::toString).toList()));
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
            out.printf(Locale.ROOT, "[%d] %s s = compute %s s + transfer %s s; %s MB sent%s%n", rank++,
                    num(p.latencySeconds()), num(p.computeSeconds()), num(p.transferSeconds()), mb(p.bytesSent()),
                    joules);
            List<String[]> steps = steps(p);
            Columns.print(out, steps, "L".repeat(steps.get(0).length));
        }
        out.println();
        out.println(stats(result.stats()));
    }

    /** The targets whose energy the query counts: the objective's energy terms, then maxEnergy's, each once. */
    static List<Target> energyTargets(Query query) {
        List<Target> targets = new ArrayList<>();
        query.objective().energy().forEach(w -> targets.add(w.target()));
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
        return String.format(Locale.ROOT, "Search: %s, %d nodes expanded, %d pruned, %d plans evaluated, %.1f ms",
                s.strategy().name().toLowerCase(Locale.ROOT).replace('_', '-'), s.nodesExpanded(), s.nodesPruned(),
                s.plansEvaluated(), s.elapsed().toNanos() / 1e6);
    }

    static String num(double seconds) {
        return new BigDecimal(seconds).setScale(4, RoundingMode.HALF_EVEN).toPlainString();
    }

    static String mb(long bytes) {
        return num((double) bytes / 1e6);
    }
}
