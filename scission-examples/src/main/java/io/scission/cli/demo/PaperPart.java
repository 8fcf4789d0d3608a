package io.scission.cli.demo;

import io.scission.PartitionConfig;
import io.scission.Query;
import io.scission.QueryResult;
import io.scission.Scission;
import io.scission.cli.demo.PaperClaims.NativeClaim;
import io.scission.cli.demo.PaperClaims.PipelineClaim;
import io.scission.cli.demo.PaperClaims.Placement;
import io.scission.cli.demo.PaperClaims.TableRow;
import io.scission.cli.report.Report;
import io.scission.cli.report.Report.Answer;
import io.scission.cli.report.Report.MapFigure;
import io.scission.cli.report.Report.NamedNetwork;
import io.scission.cli.report.Report.PipelineRow;
import io.scission.cli.report.Report.PipelineTable;
import io.scission.platform.DataUnit;
import io.scission.platform.Network;
import io.scission.platform.NetworkPreset;
import io.scission.platform.Tier;
import io.scission.profile.Profile;
import io.scission.profile.ProfileSet;
import io.scission.reference.ReferenceNetwork;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The demo's first part: the paper's hardware from the built-in reference data. It shows how the best plan moves
 * between device, edge and cloud as the network changes for three contrasting models (Fig. 6-8), what a larger
 * input does (Fig. 9), the best plan that must use every tier (Fig. 10), and the top 3 plans per pipeline of
 * Table IV, and says for each answer whether it is the paper's.
 */
final class PaperPart implements DemoPart {

    /** The models of Fig. 6-8: a heavy linear model, a branching one, and one light enough for the device. */
    static final List<String> MODELS = List.of("vgg19", "resnet50", "mobilenetv2");

    private static final Map<String, String> DISPLAY = Map.of("vgg19", "VGG19", "resnet50", "ResNet50",
            "mobilenetv2", "MobileNetV2");

    private static final int TABLE_IV_ROWS = PaperClaims.TABLE_IV.size();

    private final Map<String, NamedNetwork> networks = new LinkedHashMap<>();
    private int matches;
    private int claims;

    PaperPart() {
        networks.put("3g", new NamedNetwork("3G (original tool's network_stats.csv)",
                Scission.referenceNetwork(ReferenceNetwork.THREE_G)));
        networks.put("4g", new NamedNetwork("4G (the paper's text: 12.4 Mbps, 55 ms; edge-cloud 50 Mbps, 25 ms)",
                Scission.network(NetworkPreset.FOUR_G)));
        networks.put("wired", new NamedNetwork("wired (original tool's network_stats_wired.csv)",
                Scission.referenceNetwork(ReferenceNetwork.WIRED)));
    }

    /**
     * Returns how many of the paper's answers the reference data reproduced.
     *
     * @return the count
     */
    int matches() {
        return matches;
    }

    /**
     * Returns how many of the paper's answers were checked.
     *
     * @return the count
     */
    int claims() {
        return claims;
    }

    @Override
    public List<Report> run(PrintWriter out) {
        out.println("PART 1 - THE PAPER'S HARDWARE (built-in reference data, no profiling)");
        out.println("  Measured by the paper's authors on a Raspberry Pi 4 (raspi4), two edge servers (vm2Core = "
                + "Edge (1), 2500 = Edge (2))");
        out.println("  and an i7-6700K cloud with and without GPU; published with qub-blesson/Scission. Input: "
                + "150 KB, as in the paper.");
        out.println("  Networks: 3G and wired as the original tool's CSVs (device->cloud 100 / 45 ms, edge->cloud "
                + "20 ms); 4G from the paper's text.");
        List<Report> reports = new ArrayList<>();
        Map<String, List<Answer>> answers = new LinkedHashMap<>();
        Map<String, List<String>> notes = new LinkedHashMap<>();
        for (String m : MODELS) {
            answers.put(m, new ArrayList<>());
            notes.put(m, new ArrayList<>());
        }

        out.println();
        out.println("Where the best plan runs as the network changes (paper Fig. 6-8):");
        for (String m : MODELS) {
            ProfileSet set = Scission.referenceProfiles(m);
            for (Map.Entry<String, NamedNetwork> n : networks.entrySet()) {
                QueryResult r = Scission.query().top(1).solve(set, n.getValue().network());
                PartitionConfig best = r.best().orElseThrow();
                String verdict = nativeVerdict(m, n.getKey(), 150, best);
                String row = String.format(Locale.ROOT, "  %-12s %-6s %-14s %s%s", DISPLAY.get(m),
                        label(n.getKey()), kind(best), DemoCommand.line(best), verdict);
                out.println(row);
                answers.get(m).add(new Answer("Best plan, " + label(n.getKey()) + note(verdict), n.getValue().name(),
                        r));
                if (!verdict.isEmpty()) {
                    notes.get(m).add("Best plan under " + label(n.getKey()) + ": " + kind(best) + verdict);
                }
            }
        }

        out.println();
        out.println("A larger input (paper Fig. 9): ResNet50 under 3G with a 170 KB image instead of 150 KB:");
        QueryResult bigger = Scission.query().inputSize(170, DataUnit.KB).top(1)
                .solve(Scission.referenceProfiles("resnet50"), networks.get("3g").network());
        PartitionConfig biggerBest = bigger.best().orElseThrow();
        String biggerVerdict = nativeVerdict("resnet50", "3g", 170, biggerBest);
        out.printf(Locale.ROOT, "  %-12s %-6s %-14s %s%s%n", "ResNet50", "3G", kind(biggerBest),
                DemoCommand.line(biggerBest), biggerVerdict);
        answers.get("resnet50").add(new Answer("Best plan, 3G, 170 KB input" + note(biggerVerdict),
                networks.get("3g").name(), bigger));
        notes.get("resnet50").add("Best plan under 3G with a 170 KB input: " + kind(biggerBest) + biggerVerdict);

        out.println();
        out.println("Best plan that must use device, edge and cloud (paper Fig. 10/11):");
        Query allTiers = Scission.query().mustUse(Tier.DEVICE, Tier.EDGE, Tier.CLOUD).top(1);
        for (String m : List.of("vgg19", "resnet50")) {
            for (String n : List.of("3g", "4g")) {
                QueryResult r = allTiers.solve(Scission.referenceProfiles(m), networks.get(n).network());
                PartitionConfig best = r.best().orElseThrow();
                String verdict = pipelineVerdict(m, n, best);
                out.printf(Locale.ROOT, "  %-12s %-6s %s%s%n", DISPLAY.get(m), label(n), DemoCommand.line(best),
                        verdict);
                answers.get(m).add(new Answer("Must use device, edge and cloud, " + label(n) + note(verdict),
                        networks.get(n).name(), r));
                if (!verdict.isEmpty()) {
                    notes.get(m).add("Must use device, edge and cloud, " + label(n) + ": " + Placement.of(best)
                            + verdict);
                }
            }
        }

        out.println();
        out.println("Top 3 plans per pipeline, ResNet50, wired, on the paper's Device, Edge (1) = vm2Core and Cloud "
                + "(with GPU) (paper Table IV):");
        ProfileSet resnet = Scission.referenceProfiles("resnet50");
        List<Profile> tableMachines = new ArrayList<>();
        for (String name : List.of("raspi4", "vm2Core", "6700k(GPU)")) {
            tableMachines.add(resnet.profile(name).orElseThrow());
        }
        PipelineTable table = Report.pipelines("Top 3 plans per pipeline, ResNet50, wired, Device + Edge (1) + Cloud "
                + "(with GPU) (paper Table IV)", Scission.profiles(tableMachines), networks.get("wired").network(),
                Scission.query(), 3);
        List<String> differences = new ArrayList<>();
        for (PipelineRow row : table.rows()) {
            out.println("  " + row.name());
            int rank = 1;
            for (PartitionConfig p : row.plans()) {
                String verdict = tableVerdict(row.name(), rank, p);
                out.printf(Locale.ROOT, "    %d  %s%s%n", rank, DemoCommand.line(p), verdict);
                if (verdict.contains("differs")) {
                    differences.add(row.name() + " #" + rank + verdict);
                }
                rank++;
            }
        }
        notes.get("resnet50").add(String.format(Locale.ROOT, "Table IV: %d of %d rows as the paper prints them%s",
                TABLE_IV_ROWS - differences.size(), TABLE_IV_ROWS, differences.isEmpty() ? "."
                        : "; " + String.join("; ", differences) + "."));

        out.println();
        MapFigure drone = DemoCommand.droneMap(out, "ResNet50 on the paper's hardware", resnet, Scission.query(),
                networks.get("4g"));

        out.println();
        out.printf(Locale.ROOT, "The reference data reproduce %d of the paper's %d answers checked here.%n", matches,
                claims);
        for (String m : MODELS) {
            List<String> partNotes = new ArrayList<>(List.of("The paper's hardware, from the built-in reference "
                    + "data (measured by the paper's authors and published with qub-blesson/Scission); no "
                    + "profiling on this machine."));
            partNotes.addAll(notes.get(m));
            reports.add(new Report("Part 1 - the paper's hardware: " + DISPLAY.get(m), Scission.referenceProfiles(m),
                    partNotes, List.copyOf(networks.values()), answers.get(m),
                    m.equals("resnet50") ? List.of(table) : List.of(),
                    m.equals("resnet50") ? List.of(drone) : List.of()));
        }
        return reports;
    }

    private String nativeVerdict(String model, String network, int inputKb, PartitionConfig best) {
        for (NativeClaim c : PaperClaims.NATIVE) {
            if (c.model().equals(model) && c.network().equals(network) && c.inputKb() == inputKb) {
                return verdict(Placement.of(best).nativeTier().equals(c.nativeTier()),
                        c.nativeTier() + "-native (" + c.figure() + ")");
            }
        }
        return "";
    }

    private String pipelineVerdict(String model, String network, PartitionConfig best) {
        for (PipelineClaim c : PaperClaims.ALL_TIERS) {
            if (c.model().equals(model) && c.network().equals(network)) {
                return verdict(Placement.of(best).equals(c.placement()), c.placement() + " (Fig. 10)");
            }
        }
        return "";
    }

    private String tableVerdict(String pipeline, int rank, PartitionConfig p) {
        for (TableRow row : PaperClaims.TABLE_IV) {
            if (row.pipeline().equals(pipeline) && row.rank() == rank) {
                String difference = row.difference(p);
                claims++;
                if (difference.isEmpty()) {
                    matches++;
                    return "   [matches the paper]";
                }
                return "   [differs: " + difference + "]";
            }
        }
        return "";
    }

    private String verdict(boolean same, String paper) {
        claims++;
        if (same) {
            matches++;
        }
        return (same ? "   [matches the paper: " : "   [differs from the paper: ") + paper + "]";
    }

    private static String note(String verdict) {
        return verdict.isEmpty() ? "" : " -" + verdict.replace("   [", " ").replace("]", "");
    }

    private static String label(String network) {
        return network.equals("wired") ? "wired" : network.toUpperCase(Locale.ROOT);
    }

    private static String kind(PartitionConfig p) {
        String tier = Placement.of(p).nativeTier();
        return tier.equals("distributed") ? "distributed" : tier + "-native";
    }
}
