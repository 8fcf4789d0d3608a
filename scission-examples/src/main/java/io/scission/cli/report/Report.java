package io.scission.cli.report;

import static java.util.Objects.requireNonNull;

import io.scission.PartitionConfig;
import io.scission.PlanMap;
import io.scission.Query;
import io.scission.QueryResult;
import io.scission.platform.Network;
import io.scission.platform.Tier;
import io.scission.profile.ProfileSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a report shows: the profiles, notes (e.g. how resources were emulated), answers to queries (each drawn plan
 * by plan) and top-N tables per pipeline.
 *
 * @param title the page title
 * @param profiles the profiles of one model
 * @param notes lines shown at the top, e.g. what was emulated and how
 * @param networks the networks used, by name, for the network table
 * @param answers the answers to draw
 * @param pipelines the per-pipeline tables; may be empty
 * @param maps the plan maps to draw; may be empty
 */
public record Report(String title, ProfileSet profiles, List<String> notes, List<NamedNetwork> networks,
        List<Answer> answers, List<PipelineTable> pipelines, List<MapFigure> maps) {

    /**
     * Validates the report.
     *
     * @param title the page title
     * @param profiles the profiles of one model
     * @param notes lines shown at the top, e.g. what was emulated and how
     * @param networks the networks used, by name, for the network table
     * @param answers the answers to draw
     * @param pipelines the per-pipeline tables; may be empty
     * @param maps the plan maps to draw; may be empty
     */
    public Report {
        requireNonNull(title, "title");
        requireNonNull(profiles, "profiles");
        notes = List.copyOf(notes);
        networks = List.copyOf(networks);
        answers = List.copyOf(answers);
        pipelines = List.copyOf(pipelines);
        maps = List.copyOf(maps);
    }

    /**
     * A report without plan maps.
     *
     * @param title the page title
     * @param profiles the profiles of one model
     * @param notes lines shown at the top, e.g. what was emulated and how
     * @param networks the networks used, by name, for the network table
     * @param answers the answers to draw
     * @param pipelines the per-pipeline tables; may be empty
     */
    public Report(String title, ProfileSet profiles, List<String> notes, List<NamedNetwork> networks,
            List<Answer> answers, List<PipelineTable> pipelines) {
        this(title, profiles, notes, networks, answers, pipelines, List.of());
    }

    /**
     * A plan map to draw: each plan's latency against the varied figure, the envelope and the switch points.
     *
     * @param title e.g. {@code Drone: the device uplink from 0.1 to 100 Mbps}
     * @param description what was mapped (query, network, range)
     * @param map the map
     */
    public record MapFigure(String title, String description, PlanMap map) {

        /**
         * Validates the record.
         *
         * @param title e.g. {@code Drone: the device uplink from 0.1 to 100 Mbps}
         * @param description what was mapped (query, network, range)
         * @param map the map
         */
        public MapFigure {
            requireNonNull(title, "title");
            requireNonNull(description, "description");
            requireNonNull(map, "map");
        }
    }

    /**
     * A network with the name it is shown under.
     *
     * @param name e.g. {@code 3G (preset)}
     * @param network the links
     */
    public record NamedNetwork(String name, Network network) {

        /**
         * Validates the record.
         *
         * @param name e.g. {@code 3G (preset)}
         * @param network the links
         */
        public NamedNetwork {
            requireNonNull(name, "name");
            requireNonNull(network, "network");
        }
    }

    /**
     * The plans that answer one question.
     *
     * @param title the question, e.g. {@code Best plan under 3G}
     * @param networkName the network it was asked under
     * @param result the ranked plans (or why there is none)
     */
    public record Answer(String title, String networkName, QueryResult result) {

        /**
         * Validates the record.
         *
         * @param title the question, e.g. {@code Best plan under 3G}
         * @param networkName the network it was asked under
         * @param result the ranked plans (or why there is none)
         */
        public Answer {
            requireNonNull(title, "title");
            requireNonNull(networkName, "networkName");
            requireNonNull(result, "result");
        }
    }

    /**
     * The best plans of every distributed pipeline (each set of two or more tiers), like the paper's Table IV.
     *
     * @param title e.g. {@code Top 3 per pipeline, wired}
     * @param rows one entry per pipeline, in order
     */
    public record PipelineTable(String title, List<PipelineRow> rows) {

        /**
         * Validates the record.
         *
         * @param title e.g. {@code Top 3 per pipeline, wired}
         * @param rows one entry per pipeline, in order
         */
        public PipelineTable {
            requireNonNull(title, "title");
            rows = List.copyOf(rows);
        }
    }

    /**
     * One pipeline's plans.
     *
     * @param pipeline its tiers, in order
     * @param plans its best plans, best first; may be empty
     * @param note why there is no plan (the search's explanation, or that the query contradicts the pipeline);
     *     empty when there are plans
     */
    public record PipelineRow(List<Tier> pipeline, List<PartitionConfig> plans, String note) {

        /**
         * Validates the record.
         *
         * @param pipeline its tiers, in order
         * @param plans its best plans, best first; may be empty
         * @param note why there is no plan (the search's explanation, or that the query contradicts the pipeline);
         *     empty when there are plans
         */
        public PipelineRow {
            pipeline = List.copyOf(pipeline);
            plans = List.copyOf(plans);
            requireNonNull(note, "note");
        }

        /**
         * Returns the pipeline's name, e.g. {@code Device-Edge-Cloud}.
         *
         * @return the name
         */
        public String name() {
            List<String> names = new ArrayList<>();
            for (Tier t : pipeline) {
                names.add(t.name().substring(0, 1).toUpperCase(Locale.ROOT) + t.name().substring(1));
            }
            return String.join("-", names);
        }
    }

    /**
     * Answers "the top {@code k} plans of every pipeline of two or more tiers" for the query: each pipeline adds
     * {@code mustUse} of its tiers and {@code exclude} of the others to the query. A pipeline that contradicts the
     * query is listed with the reason instead of plans.
     *
     * @param title the table's title
     * @param profiles the profiles
     * @param network the network
     * @param query the query (its limit is replaced by {@code k})
     * @param k plans per pipeline
     * @return the table
     */
    public static PipelineTable pipelines(String title, ProfileSet profiles, Network network, Query query, int k) {
        List<Tier> tiers = new ArrayList<>();
        profiles.resources().forEach(r -> {
            if (!tiers.contains(r.tier())) {
                tiers.add(r.tier());
            }
        });
        tiers.sort(null);
        List<PipelineRow> rows = new ArrayList<>();
        int n = tiers.size();
        // subsets of two or more tiers, ordered by size then by tier order (Device-Edge, Device-Cloud, Edge-Cloud, ...)
        for (int size = 2; size <= n; size++) {
            for (int mask = 0; mask < (1 << n); mask++) {
                if (Integer.bitCount(mask) != size) {
                    continue;
                }
                List<Tier> used = new ArrayList<>();
                List<Tier> unused = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    ((mask & (1 << i)) != 0 ? used : unused).add(tiers.get(i));
                }
                rows.add(row(profiles, network, query, k, used, unused));
            }
        }
        rows.sort((a, b) -> a.pipeline().size() != b.pipeline().size()
                ? Integer.compare(a.pipeline().size(), b.pipeline().size()) : compare(a.pipeline(), b.pipeline()));
        return new PipelineTable(title, rows);
    }

    private static int compare(List<Tier> a, List<Tier> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /**
     * The query with {@code k} plans instead of its own top: {@link Query#top(int)} refuses a second call, so the
     * query is rebuilt from its text form, which writes {@code top(n)} last when it is set.
     */
    static Query withTop(Query query, int k) {
        String text = query.toParsableString();
        String own = "top(" + query.top() + ")";
        if (text.endsWith(own)) {
            text = text.substring(0, text.length() - own.length());
            text = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        }
        return Query.parse(text).top(k);
    }

    private static PipelineRow row(ProfileSet profiles, Network network, Query query, int k, List<Tier> used,
            List<Tier> unused) {
        try {
            Query q = withTop(query, k).mustUse(used.toArray(new Tier[0]));
            if (!unused.isEmpty()) {
                q = q.exclude(unused.toArray(new Tier[0]));
            }
            QueryResult r = q.solve(profiles, network);
            return new PipelineRow(used, r.plans(), r.explanation());
        } catch (IllegalArgumentException | IllegalStateException e) {
            return new PipelineRow(used, List.of(), "The query contradicts this pipeline: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
    }
}
