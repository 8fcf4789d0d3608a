package io.scission.tf.internal.timing;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import org.jspecify.annotations.Nullable;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.RunOptions;

/**
 * Times units of a graph, each a set of tensors to feed and a set to fetch, in one session: TensorFlow prunes
 * each run to the ops between the feeds and the fetches.
 *
 * <p>In the interleaved order every repeat is a pass of three parts, so that each timed run starts from the state
 * it has in a real inference (the tensors it reads were just written, the weights were last touched one
 * inference ago):
 * <ol>
 *   <li>the blocks run in model order as a split inference: block {@code k} is fed the tensors that the blocks
 *       before it fetched in this pass, and is timed;
 *   <li>for every unit, its predecessor block runs (untimed) and then the unit's <em>calibration</em> run is
 *       timed, fed the predecessor's fresh outputs;
 *   <li>for every range, its predecessor block runs (untimed) and then the range is timed, fed the fresh outputs.
 * </ol>
 * A calibration run feeds the unit's values into placeholders of the same types and fetches as many
 * {@code Identity} ops of them as the unit fetches: it costs what a run of the unit costs apart from the unit's
 * ops (Java and C API calls, executor start and finish, argument and return values), the fixed per-run overhead.
 */
public final class UnitTimer {

    /** The prefix of the placeholders and Identity ops added to the graph for calibration runs. */
    public static final String CALIBRATION_SCOPE = "scission_calibration";

    /**
     * A unit to time.
     *
     * @param label a label for messages, e.g. {@code block 6-17}
     * @param feeds the tensors to feed, {@code "node:index"}: model inputs or tensors that earlier blocks fetch
     * @param fetches the tensors to fetch
     * @param block true for a block (timed in the split-inference pass), false for a range
     * @param predecessor the index of the block unit that runs right before this unit's timed runs in the other
     *     passes (the block before its first block, or the last block for units that start the model)
     */
    public record Unit(String label, List<String> feeds, List<String> fetches, boolean block, int predecessor) {

        /**
         * Validates and copies.
         *
         * @param label a label for messages, e.g. {@code block 6-17}
         * @param feeds the tensors to feed, {@code "node:index"}: model inputs or tensors that earlier blocks fetch
         * @param fetches the tensors to fetch
         * @param block true for a block (timed in the split-inference pass), false for a range
         * @param predecessor the index of the block unit that runs right before this unit's timed runs in the other
         *     passes (the block before its first block, or the last block for units that start the model)
         */
        public Unit {
            requireNonNull(label, "label");
            feeds = List.copyOf(feeds);
            fetches = List.copyOf(fetches);
            if (feeds.isEmpty() || fetches.isEmpty()) {
                throw new IllegalArgumentException("The unit " + label + " must feed and fetch at least one tensor.");
            }
        }
    }

    /**
     * How to time.
     *
     * @param config the session configuration (threads, Grappler)
     * @param runOptions options of every run, or null
     * @param warmups untimed passes (or runs per unit) before the timed ones
     * @param repeats timed passes (or runs per unit)
     * @param interleaved true for the three-part passes described above; false to time all repeats of a unit,
     *     each right after its calibration run, before the next unit, fed with values from a reference run
     * @param calibrate true to time calibration runs
     */
    public record Settings(ConfigProto config, @Nullable RunOptions runOptions, int warmups, int repeats,
            boolean interleaved, boolean calibrate) {

        /**
         * Validates.
         *
         * @param config the session configuration (threads, Grappler)
         * @param runOptions options of every run, or null
         * @param warmups untimed passes (or runs per unit) before the timed ones
         * @param repeats timed passes (or runs per unit)
         * @param interleaved true for the three-part passes described above; false to time all repeats of a unit,
         *     each right after its calibration run, before the next unit, fed with values from a reference run
         * @param calibrate true to time calibration runs
         */
        public Settings {
            requireNonNull(config, "config");
        }
    }

    /**
     * Raw wall times in nanoseconds.
     *
     * @param units per unit, one sample per repeat
     * @param calibrations per unit, its calibration samples; empty arrays if not calibrated
     */
    public record Measurement(List<long[]> units, List<long[]> calibrations) {
    }

    /** Receives progress, and may stop the timing. */
    @FunctionalInterface
    public interface Progress {
        /**
         * Called after each timed pass (or unit, when not interleaved).
         *
         * @param done passes (or units) done
         * @param total passes (or units) in all
         * @param what what was just done
         */
        void done(int done, int total, String what);

        /**
         * Returns true to stop before the next run with a {@link CancellationException}; asked before every run.
         *
         * @return whether to stop
         */
        default boolean cancelled() {
            return false;
        }
    }

    private final Session session;
    private final List<Unit> units;
    private final Settings settings;
    private final Progress progress;
    private final Map<String, Output<?>> outputs = new HashMap<>();
    private final List<Calibration> calibrations = new ArrayList<>();
    private final Map<String, Tensor> fixed = new HashMap<>();
    private final Map<String, Tensor> fresh = new HashMap<>();
    private final Map<String, Result> ownerOf = new HashMap<>();
    private final Map<Result, Integer> refs = new IdentityHashMap<>();

    private UnitTimer(Session session, List<Unit> units, Settings settings, Progress progress) {
        this.session = session;
        this.units = units;
        this.settings = settings;
        this.progress = progress;
    }

    /**
     * Times the units.
     *
     * @param graph the graph; calibration ops are added to it under {@value #CALIBRATION_SCOPE}
     * @param modelInputs values of the model inputs; the caller closes them
     * @param units the units; the blocks in model order, each block's predecessor the block before it
     * @param settings how to time
     * @param progress receives progress; asked before every run whether to stop
     * @return the raw samples
     * @throws CancellationException if {@link Progress#cancelled()} said so; the session and every tensor it
     *     produced are closed
     */
    public static Measurement time(Graph graph, Map<String, Tensor> modelInputs, List<Unit> units, Settings settings,
            Progress progress) {
        List<Calibration> cal = new ArrayList<>();
        if (settings.calibrate()) {
            Map<String, DataType> types = new HashMap<>();
            for (Unit u : units) {
                for (String f : u.feeds()) {
                    types.put(f, graph.outputOrThrow(f).dataType());
                }
            }
            for (Unit u : units) {
                cal.add(calibration(graph, u, types));
            }
        }
        try (Session session = new Session(graph, settings.config())) {
            UnitTimer t = new UnitTimer(session, units, settings, progress);
            t.calibrations.addAll(cal);
            for (Unit u : units) {
                for (String f : u.feeds()) {
                    t.outputs.computeIfAbsent(f, graph::outputOrThrow);
                }
                for (String f : u.fetches()) {
                    t.outputs.computeIfAbsent(f, graph::outputOrThrow);
                }
            }
            t.fixed.putAll(modelInputs);
            Result reference = null;
            try {
                t.checkCancelled();
                if (!settings.interleaved()) {
                    reference = t.reference(modelInputs);
                }
                return settings.interleaved() ? t.interleaved() : t.unitByUnit();
            } finally {
                t.releaseFresh();
                if (reference != null) {
                    reference.close();
                }
            }
        }
    }

    /** Runs the whole model once and keeps every tensor that a unit feeds, for the unit-by-unit order. */
    private Result reference(Map<String, Tensor> modelInputs) {
        Set<String> needed = new LinkedHashSet<>();
        for (Unit u : units) {
            needed.addAll(u.feeds());
        }
        needed.removeAll(modelInputs.keySet());
        List<String> names = new ArrayList<>(needed);
        Session.Runner rr = session.runner();
        modelInputs.forEach(rr::feed);
        names.forEach(n -> rr.fetch(outputs.get(n)));
        if (names.isEmpty()) {
            rr.fetch(outputs.get(units.get(0).fetches().get(0)));
        }
        Result ref = rr.run();
        for (int i = 0; i < names.size(); i++) {
            fixed.put(names.get(i), ref.get(i));
        }
        return ref;
    }

    private Measurement interleaved() {
        int n = units.size();
        long[][] unitNanos = new long[n][settings.repeats()];
        long[][] calNanos = new long[n][settings.calibrate() ? settings.repeats() : 0];
        for (int pass = -settings.warmups(); pass < settings.repeats(); pass++) {
            boolean timed = pass >= 0;
            for (int k = 0; k < n; k++) {
                if (units.get(k).block()) {
                    long t = run(k, true);
                    if (timed) {
                        unitNanos[k][pass] = t;
                    }
                }
            }
            if (settings.calibrate()) {
                for (int k = 0; k < n; k++) {
                    run(units.get(k).predecessor(), true);
                    long t = calibrate(k);
                    if (timed) {
                        calNanos[k][pass] = t;
                    }
                }
            }
            for (int k = 0; k < n; k++) {
                if (!units.get(k).block()) {
                    run(units.get(k).predecessor(), true);
                    long t = run(k, true);
                    if (timed) {
                        unitNanos[k][pass] = t;
                    }
                }
            }
            releaseFresh();
            if (timed) {
                progress.done(pass + 1, settings.repeats(), "pass " + (pass + 1) + " of " + settings.repeats());
            }
        }
        return new Measurement(List.of(unitNanos), List.of(calNanos));
    }

    private Measurement unitByUnit() {
        int n = units.size();
        long[][] unitNanos = new long[n][settings.repeats()];
        long[][] calNanos = new long[n][settings.calibrate() ? settings.repeats() : 0];
        for (int k = 0; k < n; k++) {
            for (int i = -settings.warmups(); i < settings.repeats(); i++) {
                long c = settings.calibrate() ? calibrate(k) : 0;
                long t = run(k, false);
                if (i >= 0) {
                    unitNanos[k][i] = t;
                    if (settings.calibrate()) {
                        calNanos[k][i] = c;
                    }
                }
            }
            progress.done(k + 1, n, units.get(k).label());
        }
        return new Measurement(List.of(unitNanos), List.of(calNanos));
    }

    private Tensor value(String name) {
        Tensor t = fresh.get(name);
        if (t == null) {
            t = fixed.get(name);
        }
        if (t == null) {
            throw new IllegalStateException("No value for the tensor " + name + ": no earlier block fetches it.");
        }
        return t;
    }

    /** Stops with a CancellationException if the caller asked to. */
    private void checkCancelled() {
        if (progress.cancelled()) {
            throw new CancellationException("The timing was cancelled.");
        }
    }

    /** Runs a unit, fed the freshest values; keeps its outputs as the freshest if asked. Returns nanoseconds. */
    private long run(int k, boolean keep) {
        checkCancelled();
        Unit u = units.get(k);
        Session.Runner r = session.runner();
        for (String f : u.feeds()) {
            r.feed(outputs.get(f), value(f));
        }
        for (String f : u.fetches()) {
            r.fetch(outputs.get(f));
        }
        if (settings.runOptions() != null) {
            r.setOptions(settings.runOptions());
        }
        long t0 = System.nanoTime();
        Result res = r.run();
        long t = System.nanoTime() - t0;
        if (keep) {
            store(res, u.fetches());
        } else {
            res.close();
        }
        return t;
    }

    private long calibrate(int k) {
        checkCancelled();
        Unit u = units.get(k);
        Calibration c = calibrations.get(k);
        Session.Runner r = session.runner();
        for (int i = 0; i < u.feeds().size(); i++) {
            r.feed(c.feeds().get(i), value(u.feeds().get(i)));
        }
        c.fetches().forEach(r::fetch);
        if (settings.runOptions() != null) {
            r.setOptions(settings.runOptions());
        }
        long t0 = System.nanoTime();
        Result res = r.run();
        long t = System.nanoTime() - t0;
        res.close();
        return t;
    }

    private void store(Result res, List<String> names) {
        int kept = 0;
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            Result old = ownerOf.put(name, res);
            if (old != null) {
                release(old);
            }
            fresh.put(name, res.get(i));
            kept++;
        }
        refs.merge(res, kept, Integer::sum);
        if (kept == 0) {
            res.close();
        }
    }

    private void release(Result r) {
        int left = refs.merge(r, -1, Integer::sum);
        if (left <= 0) {
            refs.remove(r);
            r.close();
        }
    }

    private void releaseFresh() {
        for (Result r : refs.keySet()) {
            r.close();
        }
        refs.clear();
        ownerOf.clear();
        fresh.clear();
    }

    /**
     * Returns a unit's calibration feeds and fetches: one placeholder per fed tensor (shared by all units that
     * feed a tensor of that type in that position, so that few executors are built) and as many Identity outputs
     * of them as the unit fetches.
     */
    private static Calibration calibration(Graph g, Unit u, Map<String, DataType> types) {
        List<Output<?>> feeds = new ArrayList<>();
        for (int i = 0; i < u.feeds().size(); i++) {
            DataType dt = types.get(u.feeds().get(i));
            String name = CALIBRATION_SCOPE + "/input_" + i + "_" + dt.name().toLowerCase(Locale.ROOT);
            GraphOperation op = g.operation(name);
            if (op == null) {
                op = g.opBuilder("Placeholder", name, g.baseScope()).setAttr("dtype", dt).build();
            }
            feeds.add(op.output(0));
        }
        List<Output<?>> fetches = new ArrayList<>();
        for (int j = 0; j < u.fetches().size(); j++) {
            Output<?> src = feeds.get(j % feeds.size());
            String name = src.op().name() + "/identity_" + j / feeds.size();
            GraphOperation op = g.operation(name);
            if (op == null) {
                op = g.opBuilder("Identity", name, g.baseScope()).addInput(src).build();
            }
            fetches.add(op.output(0));
        }
        return new Calibration(feeds, fetches);
    }

    private record Calibration(List<Output<?>> feeds, List<Output<?>> fetches) {
    }
}
