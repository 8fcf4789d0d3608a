package io.scission.cli.original;

import io.scission.PartitionConfig;
import io.scission.Query;
import io.scission.Scission;
import io.scission.Segment;
import io.scission.model.Block;
import io.scission.model.BlockLayout;
import io.scission.original.PythonText;
import io.scission.platform.DataSize;
import io.scission.platform.Network;
import io.scission.platform.Resource;
import io.scission.platform.Tier;
import io.scission.profile.BlockTiming;
import io.scission.profile.Profile;
import io.scission.profile.ProfileSet;
import io.scission.query.Constraint;
import io.scission.query.Exclude;
import io.scission.query.Include;
import io.scission.query.LayerNotOn;
import io.scission.query.LayerOn;
import io.scission.query.MaxComputeShare;
import io.scission.query.MaxComputeTime;
import io.scission.query.MaxTransferOut;
import io.scission.query.MustUse;
import io.scission.query.ShareOf;
import io.scission.query.Target;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import static java.util.Objects.requireNonNull;

/**
 * The original predictor's query ({@code scission_predict.py}), answered by core queries: every criterion becomes
 * core constraints, and core's search ranks the plans. There is no second cost model or search here; this class only
 * translates, and emulates one quirk of the original's cost model with a second core query (see below).
 *
 * <h2>Translation, per tier T</h2>
 * <ul>
 *   <li>{@code N}: {@code layerOn(N, T)}. A layer the model does not have is in no tier's range, so the query has
 *       no result (core would reject the index, so it is not passed on).
 *   <li>{@code -1}: {@code exclude(T)}. {@code !-1} (and the precedence-slip forms, see {@link OriginalCriteria}):
 *       {@code mustUse(T)}.
 *   <li>{@code !N}: {@code layerNotOn(N, T)}; a layer the model does not have is never in range, so it is dropped.
 *   <li>{@code name,...}: {@code mustUse(T)} plus {@code include(T, names)} restricted to names of T's systems; if
 *       none is one, no result. The original also forces the tier to be used.
 *   <li>{@code !name,...}: {@code mustUse(T)} (the original's quirk: excluding a system forces its tier to be used,
 *       even for a name that does not exist) plus {@code exclude(name)} for each name of one of T's systems (other
 *       names exclude nothing).
 *   <li>{@code --device-upload X} / {@code --edge-upload X}: {@code maxTransferOut(T, floor(X·1000·1000) bytes)},
 *       which is the bytes the tier sends on (0 for the last tier, the raw input when the device runs nothing).
 *   <li>{@code --T-time S}: {@code maxComputeTime(T, S)}; {@code --T-time P%}: {@code maxComputeShare(T, f,
 *       COMPUTE)}, where f is the largest double with {@code f·100 <= P} in double arithmetic, so that the filter is
 *       bit-exactly the original's {@code time / total * 100 <= P}.
 *   <li>Criteria that no plan can meet (a negative limit, NaN, two constraints core finds contradictory such as
 *       {@code -d -1,3}) give no result without a search, as the original's filters would leave nothing.
 * </ul>
 *
 * <h2>The zero-time quirk of the original's cost model</h2>
 * The original decides whether data leaves the device by {@code edge_time == 0 and cloud_time == 0}, not by which
 * tiers run blocks. Some of its benchmarks time blocks as exactly 0 s (e.g. {@code vm2Core} runs ResNet50's layers
 * 175-176 in 0 s), so a plan whose edge runs only such blocks, with no cloud, is costed as sending
 * <em>0 bytes</em> from the device (the ping is still paid), and the edge's output (the model's output) is printed as
 * the MB sent. Such plans do appear in its results, e.g. {@code resnet50 -c -1}. To print the same lines, these plans
 * are found by a second core query over a copy of the profiles whose block outputs and input are 0 bytes, restricted
 * to {@code mustUse(EDGE)}, {@code exclude(CLOUD)} and {@code maxComputeTime(EDGE, 0)}; the main query asks for
 * enough extra plans to drop its own (correctly costed) copies of them. The other zero-time branches of the
 * original (a cloud whose blocks take 0 s) are not emulated; {@link Result#warnings()} says when the data could
 * trigger them.
 *
 * <h2>Ranking</h2>
 * By latency, as the original. Plans of exactly equal latency are ordered by core's ranking (bytes, then the plan's
 * key); the original orders them by Python's hash-randomised set order, so no order is more faithful.
 */
final class OriginalPredictor {

    private static final List<Tier> TIERS = List.of(Tier.DEVICE, Tier.EDGE, Tier.CLOUD);

    /**
     * The order of the results: latency, then bytes, then the plan's key. Written out rather than composed with
     * {@code Comparator.comparingDouble(...).thenComparing...}, whose lambdas cost a run milliseconds at start.
     */
    private static final Comparator<Prediction> ORDER = new Comparator<>() {
        @Override
        public int compare(Prediction a, Prediction b) {
            int c = Double.compare(a.latencySeconds(), b.latencySeconds());
            if (c == 0) {
                c = Long.compare(a.bytes(), b.bytes());
            }
            return c != 0 ? c : a.plan().key().compareTo(b.plan().key());
        }
    };

    private OriginalPredictor() {
    }

    /**
     * A time limit as the original reads it: seconds, or a percentage of the plan's compute time.
     *
     * @param value seconds or percent
     * @param percent whether the value is a percentage
     */
    record TimeLimit(double value, boolean percent) {

        /**
         * Parses {@code S} or {@code P%} as the original does ({@code float()} of the text, without the {@code %}).
         *
         * @param option the option, for messages
         * @param text the text
         * @return the limit
         * @throws IllegalArgumentException if the text is not a number
         */
        static TimeLimit parse(String option, String text) {
            boolean percent = text.endsWith("%");
            String number = percent ? text.substring(0, text.length() - 1) : text;
            java.util.OptionalDouble value = PythonText.parseFloat(number);
            if (text.isEmpty() || value.isEmpty()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "The time limit (\"%s\") of %s is neither seconds nor a percentage.%n"
                                + "Maybe write 0.5 (seconds) or 50%% (of the compute time).", text, option));
            }
            return new TimeLimit(value.getAsDouble(), percent);
        }
    }

    /**
     * Everything the original's command line asks.
     *
     * @param criteria each tier's criteria
     * @param inputBytes the raw input's size in bytes, {@code -i × 1000 × 1000}, whole, not negative
     * @param uploads the upload limits of device and edge in bytes ({@code MB × 1000 × 1000}), where given
     * @param times the time limits per tier, where given
     * @param count how many results, positive
     */
    record Request(Map<Tier, OriginalCriteria> criteria, long inputBytes, Map<Tier, Double> uploads,
            Map<Tier, TimeLimit> times, int count) {

        /** Validates and copies the request. */
        Request {
            criteria = Map.copyOf(criteria);
            uploads = Map.copyOf(uploads);
            times = Map.copyOf(times);
            if (inputBytes < 0 || count <= 0) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "The input size (%d bytes) must not be negative and the result count (%d) must be positive.",
                        inputBytes, count));
            }
        }
    }

    /**
     * A result line.
     *
     * @param latencySeconds the end-to-end latency the original computes
     * @param bytes the bytes the original prints as MB sent
     * @param plan the plan
     */
    record Prediction(double latencySeconds, long bytes, PartitionConfig plan) {
    }

    /**
     * The results and any warning about the data.
     *
     * @param predictions the results, best first
     * @param warnings sentences about results that may differ from the original's
     */
    record Result(List<Prediction> predictions, List<String> warnings) {
    }

    /**
     * Answers the request.
     *
     * @param request the request
     * @param profiles the profiles of the model
     * @param network the network
     * @return the results
     * @throws IllegalArgumentException from core, e.g. if the network lacks a link a plan may need
     */
    static Result predict(Request request, ProfileSet profiles, Network network) {
        requireNonNull(request, "request");
        requireNonNull(profiles, "profiles");
        requireNonNull(network, "network");
        Translation t = translate(request, profiles);
        List<String> warnings = warnings(profiles);
        if (t.impossible != null) {
            return new Result(List.of(), warnings);
        }
        int quirky = quirkyPlanBound(profiles);
        Query main = t.query.inputSize(DataSize.ofBytes(request.inputBytes()))
                .top((int) Math.min((long) request.count() + quirky, Integer.MAX_VALUE));
        List<Prediction> predictions = new ArrayList<>();
        for (PartitionConfig plan : main.solve(profiles, network).plans()) {
            if (quirky == 0 || !isZeroTimeEdgePlan(plan)) {
                predictions.add(new Prediction(plan.latencySeconds(), plan.bytesSent(), plan));
            }
        }
        if (quirky > 0) {
            predictions.addAll(zeroTimeEdgePlans(t.query, request.count(), profiles, network));
        }
        predictions.sort(ORDER);
        return new Result(List.copyOf(predictions.subList(0, Math.min(request.count(), predictions.size()))),
                warnings);
    }

    // ------------------------------------------------------------------------------------------------ translation

    /** The core query of the criteria, or why nothing can match them. */
    static final class Translation {
        Query query = Scission.query();
        @Nullable String impossible;

        void add(Constraint c) {
            if (impossible != null || contains(c)) {
                return;
            }
            try {
                query = query.constraint(c);
            } catch (IllegalStateException contradiction) {
                impossible = contradiction.getMessage();
            }
        }

        /**
         * {@code query.constraints().contains(c)}, comparing ids first: equal constraints have equal ids, so this
         * is the same test, but a record's generated {@code equals} (linked at its first call, milliseconds at
         * start) runs only for two constraints of the same id, which the zero-time query never has.
         */
        private boolean contains(Constraint c) {
            String id = c.id();
            for (Constraint x : query.constraints()) {
                if (x.id().equals(id) && x.equals(c)) {
                    return true;
                }
            }
            return false;
        }

        void impossible(String why) {
            if (impossible == null) {
                impossible = why;
            }
        }
    }

    static Translation translate(Request request, ProfileSet profiles) {
        Translation t = new Translation();
        BlockLayout layout = profiles.layout();
        for (Tier tier : TIERS) {
            OriginalCriteria c = request.criteria().getOrDefault(tier, OriginalCriteria.NONE);
            Target target = Target.tier(tier);
            Set<String> names = new LinkedHashSet<>();
            for (Resource r : profiles.resources()) {
                if (r.tier().equals(tier)) {
                    names.add(r.name());
                }
            }
            if (!c.systemsIn().isEmpty()) {
                t.add(new MustUse(target));
                List<String> known = new ArrayList<>();
                for (String name : new LinkedHashSet<>(c.systemsIn())) {
                    if (names.contains(name)) {
                        known.add(name);
                    }
                }
                if (known.isEmpty()) {
                    t.impossible(tier + " must use one of " + c.systemsIn() + ", but its systems are " + names);
                } else {
                    t.add(new Include(tier, known));
                }
            }
            if (!c.systemsNotIn().isEmpty()) {
                t.add(new MustUse(target));
                for (String name : new LinkedHashSet<>(c.systemsNotIn())) {
                    if (names.contains(name)) {
                        t.add(new Exclude(Target.resource(name)));
                    }
                }
            }
            for (int layer : c.layersOn()) {
                if (layer == -1) {
                    t.add(new Exclude(target));
                } else if (layer >= layout.layerCount()) {
                    t.impossible("layer " + layer + " is not in model " + layout.model());
                } else {
                    t.add(new LayerOn(layer, target));
                }
            }
            for (int layer : c.layersNotOn()) {
                if (layer == -1) {
                    t.add(new MustUse(target));
                } else if (layer < layout.layerCount()) {
                    t.add(new LayerNotOn(layer, target));
                }
            }
            Double upload = request.uploads().get(tier);
            if (upload != null) {
                if (Double.isNaN(upload) || upload < 0) {
                    t.impossible("the upload limit of " + tier + " is " + upload + " bytes");
                } else if (!Double.isInfinite(upload)) {
                    t.add(new MaxTransferOut(target, DataSize.ofBytes((long) Math.floor(upload))));
                }
            }
            TimeLimit time = request.times().get(tier);
            if (time != null) {
                addTimeLimit(t, target, time);
            }
        }
        return t;
    }

    private static void addTimeLimit(Translation t, Target target, TimeLimit time) {
        double v = time.value();
        if (Double.isNaN(v) || v < 0) {
            // Every plan has a time of at least 0 on every tier (0 when unused), and nothing is <= NaN.
            t.impossible("the time limit " + v + " of " + target.toParsable() + " admits no plan");
            return;
        }
        if (!time.percent()) {
            if (!Double.isInfinite(v)) {
                t.add(new MaxComputeTime(target, v));
            }
            return;
        }
        double share = largestShare(v);
        if (share < 1.0) {
            t.add(new MaxComputeShare(target, share, ShareOf.COMPUTE));
        }
    }

    /**
     * Returns the largest double {@code r} in [0, 1] with {@code r * 100 <= percent} in double arithmetic; for
     * any share {@code s}, {@code s <= r} exactly when {@code s * 100 <= percent}, because rounded multiplication is
     * monotonic.
     *
     * @param percent a percentage, not negative, not NaN
     * @return the share
     */
    static double largestShare(double percent) {
        if (percent >= 100) {
            return 1.0;
        }
        double r = Math.max(0.0, Math.min(1.0, percent / 100));
        while (r > 0 && r * 100 > percent) {
            r = Math.nextDown(r);
        }
        while (Math.nextUp(r) <= 1.0 && Math.nextUp(r) * 100 <= percent) {
            r = Math.nextUp(r);
        }
        return r;
    }

    // ------------------------------------------------------------------------------------------ zero-time quirk

    /** True for a plan whose edge runs blocks in exactly 0 s in total and whose cloud runs nothing. */
    private static boolean isZeroTimeEdgePlan(PartitionConfig plan) {
        List<Segment> edge = plan.segmentsOn(Tier.EDGE);
        return !edge.isEmpty() && plan.segmentsOn(Tier.CLOUD).isEmpty() && edge.get(0).computeSeconds() == 0.0;
    }

    /**
     * Returns how many zero-time edge plans exist at most: per device and edge, one per trailing block timed 0 s on
     * that edge (the edge must run a suffix of blocks when no cloud follows).
     */
    private static int quirkyPlanBound(ProfileSet profiles) {
        long devices = 0;
        for (Resource r : profiles.resources()) {
            if (r.tier().equals(Tier.DEVICE)) {
                devices++;
            }
        }
        long plans = 0;
        for (Profile p : profiles.profiles()) {
            if (p.resource().tier().equals(Tier.EDGE)) {
                for (int b = p.blocks().size() - 1; b >= 0 && p.blocks().get(b).timing().summary().mean() == 0.0;
                        b--) {
                    plans++;
                }
            }
        }
        return (int) Math.min(devices * plans, Integer.MAX_VALUE);
    }

    /**
     * Finds the zero-time edge plans with the original's costs: the same constraints on profiles whose sizes are 0,
     * so the device's upload costs only the ping; the printed bytes are the edge's output, the model's output.
     */
    private static List<Prediction> zeroTimeEdgePlans(Query query, int count, ProfileSet profiles, Network network) {
        BlockLayout layout = profiles.layout();
        long modelOutput = layout.blocks().get(layout.size() - 1).outputBytes();
        Translation t = new Translation();
        Target edge = Target.tier(Tier.EDGE);
        for (Constraint c : query.constraints()) {
            if (c instanceof MaxTransferOut m && m.from().equals(edge)) {
                // The original compares the edge's output (not zeroed in this branch) with the limit.
                if (modelOutput > m.limit().bytes()) {
                    return List.of();
                }
            } else if (!(c instanceof MaxComputeTime m && m.target().equals(edge))) {
                // A time cap on the edge (at least 0) is implied by the cap of 0 below.
                t.add(c);
            }
        }
        t.add(new MustUse(edge));
        t.add(new Exclude(Target.tier(Tier.CLOUD)));
        t.add(new MaxComputeTime(edge, 0.0));
        if (t.impossible != null) {
            return List.of();
        }
        List<Prediction> found = new ArrayList<>();
        for (PartitionConfig plan : t.query.inputSize(DataSize.ZERO).top(count)
                .solve(withoutSizes(profiles), network).plans()) {
            found.add(new Prediction(plan.latencySeconds(), modelOutput, plan));
        }
        return found;
    }

    /** Returns a copy of the profiles whose blocks output 0 bytes and whose input is 0 bytes. */
    private static ProfileSet withoutSizes(ProfileSet profiles) {
        BlockLayout layout = profiles.layout();
        List<Block> blocks = new ArrayList<>();
        for (Block b : layout.blocks()) {
            blocks.add(new Block(b.index(), b.firstLayer(), b.lastLayer(), 0));
        }
        BlockLayout zeroed = new BlockLayout(layout.model(), layout.layerCount(), 0, layout.rule(), blocks);
        List<Profile> copies = new ArrayList<>();
        for (Profile p : profiles.profiles()) {
            List<BlockTiming> timings = new ArrayList<>();
            for (int i = 0; i < blocks.size(); i++) {
                timings.add(new BlockTiming(blocks.get(i), p.blocks().get(i).timing()));
            }
            copies.add(new Profile(p.resource(), zeroed, p.provenance(), timings, p.ranges()));
        }
        return ProfileSet.of(copies);
    }

    private static List<String> warnings(ProfileSet profiles) {
        List<String> warnings = new ArrayList<>();
        for (Profile p : profiles.profiles()) {
            int last = p.blocks().size() - 1;
            if (p.resource().tier().equals(Tier.CLOUD) && p.blocks().get(last).timing().summary().mean() == 0.0) {
                warnings.add(String.format(Locale.ROOT,
                        "%s times the last block of %s as 0 s; the original then treats a cloud that runs only "
                                + "0 s blocks as unused when sizing uploads, which is not reproduced, so results "
                                + "with such a cloud may differ from the original's.",
                        p.resource().name(), profiles.layout().model()));
            }
        }
        return warnings;
    }
}
