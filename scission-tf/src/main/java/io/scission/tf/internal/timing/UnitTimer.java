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
 *
 * <p>With a {@link Schedule} the passes go on until the schedule says enough, and are leaner: the blocks in model
 * order, then the ranges (the whole model first, right after the last block, its predecessor, with no second run
 * of it; the other ranges fed the values the blocks produced earlier in the pass, without running their
 * predecessor again, which for a range that starts after a large block cost as much as the rest of the pass); the
 * calibration runs (without a predecessor run: they only pass their inputs through) and the
 * <em>extra</em> units (merged block pairs that only serve the overhead estimate, chained so that each follows its
 * predecessor) run in the first warm-up pass and the first {@link Settings#calibrationPasses()} timed passes only,
 * and extra units slower than {@link Settings#extraLimit()} calibration runs at their second run are dropped.
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
     * @param extra true for a range that only serves the overhead estimate: with a {@link Schedule}, it is timed in
     *     the calibration passes only
     * @param lastBlock the index of the block unit that ends this unit (itself for a block), or -1 if unknown; with
     *     a {@link Schedule}, a unit whose predecessor is the last block just run is not preceded by another run of
     *     it
     */
    public record Unit(String label, List<String> feeds, List<String> fetches, boolean block, int predecessor,
            boolean extra, int lastBlock) {

        /**
         * Validates and copies.
         *
         * @param label a label for messages, e.g. {@code block 6-17}
         * @param feeds the tensors to feed, {@code "node:index"}: model inputs or tensors that earlier blocks fetch
         * @param fetches the tensors to fetch
         * @param block true for a block (timed in the split-inference pass), false for a range
         * @param predecessor the index of the block unit that runs right before this unit's timed runs in the other
         *     passes (the block before its first block, or the last block for units that start the model)
         * @param extra true for a range that only serves the overhead estimate
         * @param lastBlock the index of the block unit that ends this unit, or -1 if unknown
         */
        public Unit {
            requireNonNull(label, "label");
            feeds = List.copyOf(feeds);
            fetches = List.copyOf(fetches);
            if (feeds.isEmpty() || fetches.isEmpty()) {
                throw new IllegalArgumentException("The unit " + label + " must feed and fetch at least one tensor.");
            }
        }

        /**
         * Creates a unit that is not extra.
         *
         * @param label a label for messages
         * @param feeds the tensors to feed
         * @param fetches the tensors to fetch
         * @param block true for a block, false for a range
         * @param predecessor the block unit that runs right before this unit's timed runs
         */
        public Unit(String label, List<String> feeds, List<String> fetches, boolean block, int predecessor) {
            this(label, feeds, fetches, block, predecessor, false, -1);
        }

        /**
         * Returns a copy marked extra: timed in the calibration passes only.
         *
         * @return the unit
         */
        public Unit asExtra() {
            return new Unit(label, feeds, fetches, block, predecessor, true, lastBlock);
        }

        /**
         * Returns a copy that knows the block unit that ends it.
         *
         * @param index the index of its last block unit
         * @return the unit
         */
        public Unit endingAt(int index) {
            return new Unit(label, feeds, fetches, block, predecessor, extra, index);
        }
    }

    /** Decides, after each timed pass of an open-ended timing, whether to stop. */
    @FunctionalInterface
    public interface Schedule {
        /**
         * Returns whether the passes so far are enough.
         *
         * @param soFar the raw samples so far: every non-extra unit has one per pass; extra units and calibrations
         *     one per calibration pass (none for a dropped extra unit)
         * @param passes the timed passes so far
         * @param elapsedNanos the wall time of the timed passes so far, without the pauses {@link #pauseNanos}
         *     asked for
         * @return true to stop
         */
        boolean enough(Measurement soFar, int passes, long elapsedNanos);

        /**
         * Called as a timed pass starts.
         *
         * @param pass the pass, from 0
         * @param wallNanos the wall time since the first timed pass started, pauses included
         */
        default void started(int pass, long wallNanos) {
        }

        /**
         * Returns how long to pause before the next timed pass, asked after {@link #enough} said no: a schedule can
         * spread the passes over a wall-clock window. Checks for cancellation go on during a pause.
         *
         * @param passes the timed passes so far
         * @param wallNanos the wall time since the first timed pass started, pauses included
         * @return nanoseconds, 0 (the default) for none
         */
        default long pauseNanos(int passes, long wallNanos) {
            return 0;
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
     * @param schedule when to stop, asked after every timed pass; null for exactly {@code repeats} passes. With a
     *     schedule the passes are interleaved and {@code repeats} is the most passes
     * @param calibrationPasses with a schedule: the timed passes, from the first, that include calibration runs and
     *     extra units
     * @param extraLimit with a schedule: extra units slower than this many median calibration runs at their second
     *     run are dropped; 0 to keep all
     */
    public record Settings(ConfigProto config, @Nullable RunOptions runOptions, int warmups, int repeats,
            boolean interleaved, boolean calibrate, @Nullable Schedule schedule, int calibrationPasses,
            double extraLimit) {

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
         * @param schedule when to stop; null for exactly {@code repeats} passes
         * @param calibrationPasses with a schedule: the timed passes that include calibration runs and extra units
         * @param extraLimit with a schedule: the slowest extra unit kept, in median calibration runs; 0 for all
         */
        public Settings {
            requireNonNull(config, "config");
        }

        /**
         * Creates settings for exactly {@code repeats} passes (or runs per unit).
         *
         * @param config the session configuration
         * @param runOptions options of every run, or null
         * @param warmups untimed passes before the timed ones
         * @param repeats timed passes
         * @param interleaved true for the three-part passes
         * @param calibrate true to time calibration runs
         */
        public Settings(ConfigProto config, @Nullable RunOptions runOptions, int warmups, int repeats,
                boolean interleaved, boolean calibrate) {
            this(config, runOptions, warmups, repeats, interleaved, calibrate, null, 0, 0);
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
                if (settings.schedule() != null) {
                    return t.scheduled(settings.schedule());
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

    /**
     * Open-ended interleaved passes: blocks, then ranges, then (in calibration passes) calibration runs and extra
     * units, until the schedule says enough or {@code repeats} passes. Ranges are fed the values the chain produced
     * in this pass, without running their predecessor again; an extra unit whose predecessor block's outputs were not
     * the last ones produced runs the predecessor first (a merged pair right after the pair before it does not);
     * calibration runs, which only pass their inputs through, run without it. Warm-up passes after the first leave
     * out the calibration runs and extra units.
     */
    private Measurement scheduled(Schedule schedule) {
        int n = units.size();
        Samples[] unitNanos = new Samples[n];
        Samples[] calNanos = new Samples[n];
        boolean[] dropped = new boolean[n];
        for (int k = 0; k < n; k++) {
            unitNanos[k] = new Samples();
            calNanos[k] = new Samples();
        }
        long[] extraNanos = new long[n];
        long[] cal = new long[n];
        int extraRuns = 0;
        long start = 0;
        long paused = 0;
        for (int pass = -settings.warmups(); pass < settings.repeats(); pass++) {
            boolean timed = pass >= 0;
            if (pass == 0) {
                start = System.nanoTime();
            }
            if (timed) {
                schedule.started(pass, System.nanoTime() - start);
            }
            int last = -1;
            for (int k = 0; k < n; k++) {
                if (units.get(k).block()) {
                    long t = run(k, true);
                    last = units.get(k).lastBlock();
                    if (timed) {
                        unitNanos[k].add(t);
                    }
                }
            }
            for (int k = 0; k < n; k++) {
                Unit u = units.get(k);
                if (!u.block() && !u.extra()) {
                    // fed what the chain produced this pass (still held), not re-run: the predecessor's outputs
                    // are valid, only no longer the last ones written
                    long t = run(k, true);
                    last = u.lastBlock();
                    if (timed) {
                        unitNanos[k].add(t);
                    }
                }
            }
            boolean calibrating = timed ? pass < settings.calibrationPasses() : pass == -settings.warmups();
            if (calibrating) {
                for (int k = 0; k < n && settings.calibrate(); k++) {
                    cal[k] = calibrate(k);
                    if (timed) {
                        calNanos[k].add(cal[k]);
                    }
                }
                for (int k = 0; k < n; k++) {
                    if (units.get(k).extra() && !dropped[k]) {
                        last = runAfterPredecessor(k, last, timed ? unitNanos[k] : null);
                        extraNanos[k] = lastNanos;
                    }
                }
                if (++extraRuns == 2) {
                    // the second run of each extra unit (the first builds its executor) shows which are too slow
                    dropSlowExtras(dropped, extraNanos, cal, unitNanos);
                }
            }
            releaseFresh();
            if (timed) {
                int passes = pass + 1;
                progress.done(passes, settings.repeats(), "pass " + passes + " of at most " + settings.repeats());
                if (schedule.enough(snapshot(unitNanos, calNanos), passes, System.nanoTime() - start - paused)) {
                    break;
                }
                long pause = schedule.pauseNanos(passes, System.nanoTime() - start);
                if (pause > 0) {
                    paused += pause(pause);
                }
            }
        }
        return snapshot(unitNanos, calNanos);
    }

    /** The wall time of the last unit run by {@link #runAfterPredecessor}. */
    private long lastNanos;

    /**
     * Runs a unit's predecessor unless its outputs are the freshest, then times the unit.
     *
     * @param k the unit
     * @param last the last block whose outputs are the freshest, or -1
     * @param into where to add the sample, or null for an untimed run
     * @return the unit's last block, whose outputs are now the freshest
     */
    private int runAfterPredecessor(int k, int last, @Nullable Samples into) {
        Unit u = units.get(k);
        if (last != u.predecessor()) {
            run(u.predecessor(), true);
        }
        lastNanos = run(k, true);
        if (into != null) {
            into.add(lastNanos);
        }
        return u.lastBlock();
    }

    private void dropSlowExtras(boolean[] dropped, long[] extraNanos, long[] calNanos, Samples[] unitNanos) {
        if (settings.extraLimit() <= 0 || !settings.calibrate()) {
            return;
        }
        long[] c = calNanos.clone();
        java.util.Arrays.sort(c);
        double median = c[c.length / 2];
        for (int k = 0; k < units.size(); k++) {
            if (units.get(k).extra() && extraNanos[k] > settings.extraLimit() * median) {
                dropped[k] = true;
                unitNanos[k] = new Samples();
            }
        }
    }

    private static Measurement snapshot(Samples[] units, Samples[] calibrations) {
        List<long[]> u = new ArrayList<>();
        List<long[]> c = new ArrayList<>();
        for (int k = 0; k < units.length; k++) {
            u.add(units[k].toArray());
            c.add(calibrations[k].toArray());
        }
        return new Measurement(u, c);
    }

    /** A growable array of nanosecond samples. */
    private static final class Samples {
        private long[] values = new long[16];
        private int size;

        void add(long v) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        long[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
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

    /** The longest sleep of a pause between two checks for cancellation. */
    private static final long PAUSE_SLICE_NANOS = 100_000_000L;

    /**
     * Pauses between two timed passes, checking for cancellation at least every 0.1 s.
     *
     * @param nanos how long
     * @return how long it really paused, in nanoseconds
     */
    private long pause(long nanos) {
        long begin = System.nanoTime();
        long left = nanos;
        while (left > 0) {
            checkCancelled();
            long slice = Math.min(left, PAUSE_SLICE_NANOS);
            try {
                Thread.sleep(slice / 1_000_000L, (int) (slice % 1_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("The timing was interrupted.");
            }
            left = nanos - (System.nanoTime() - begin);
        }
        checkCancelled();
        return System.nanoTime() - begin;
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
