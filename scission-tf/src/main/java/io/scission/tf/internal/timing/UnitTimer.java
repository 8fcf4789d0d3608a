package io.scission.tf.internal.timing;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
 * each run to the ops between the feeds and the fetches. The fed values come from one reference run of the
 * whole model on the given inputs, so every unit sees realistic activations.
 *
 * <p>For every unit a <em>calibration</em> run feeds the same tensor values (into placeholders of the same types)
 * and fetches as many {@code Identity} ops of them as the unit fetches: it costs what a run of the unit costs apart
 * from the unit's ops (Java and C API calls, executor start and finish, argument and return values), which is the
 * fixed per-run overhead.
 */
public final class UnitTimer {

    /** The prefix of the Identity ops added to the graph for calibration runs. */
    public static final String CALIBRATION_SCOPE = "scission_calibration";

    /**
     * A unit to time.
     *
     * @param label a label for messages, e.g. {@code block 6-17}
     * @param feeds the tensors to feed, {@code "node:index"}, each a model input or produced by the reference run
     * @param fetches the tensors to fetch
     */
    public record Unit(String label, List<String> feeds, List<String> fetches) {

        /** Validates and copies. */
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
     * @param warmups untimed passes before the timed ones
     * @param repeats timed passes
     * @param interleaved true to time one run of every unit per pass, in unit order; false to time all repeats of a
     *     unit before the next unit
     * @param calibrate true to time a calibration run right before every run of a unit
     */
    public record Settings(ConfigProto config, @Nullable RunOptions runOptions, int warmups, int repeats,
            boolean interleaved, boolean calibrate) {

        /** Validates. */
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

    /** Receives the number of completed timed passes. */
    @FunctionalInterface
    public interface Progress {
        /** Called after each timed pass (or unit, when not interleaved). */
        void done(int done, int total, String what);
    }

    private UnitTimer() {
    }

    /**
     * Times the units.
     *
     * @param graph the graph; calibration Identity ops are added to it under {@value #CALIBRATION_SCOPE}
     * @param modelInputs values of the model inputs, fed to the reference run; the caller closes them
     * @param units the units
     * @param settings how to time
     * @param progress receives progress
     * @return the raw samples
     */
    public static Measurement time(Graph graph, Map<String, Tensor> modelInputs, List<Unit> units, Settings settings,
            Progress progress) {
        Set<String> needed = new LinkedHashSet<>();
        for (Unit u : units) {
            needed.addAll(u.feeds());
        }
        needed.removeAll(modelInputs.keySet());
        List<String> reference = new ArrayList<>(needed);
        List<Calibration> calibrationOps = new ArrayList<>();
        if (settings.calibrate()) {
            Map<String, DataType> types = new HashMap<>();
            for (Unit u : units) {
                for (String f : u.feeds()) {
                    types.put(f, graph.outputOrThrow(f).dataType());
                }
            }
            for (Unit u : units) {
                calibrationOps.add(calibration(graph, u, types));
            }
        }
        try (Session session = new Session(graph, settings.config())) {
            Result ref = null;
            try {
                Session.Runner rr = session.runner();
                modelInputs.forEach(rr::feed);
                reference.forEach(rr::fetch);
                ref = reference.isEmpty() ? null : rr.run();
                Map<String, Tensor> values = new HashMap<>(modelInputs);
                for (int i = 0; i < reference.size(); i++) {
                    values.put(reference.get(i), ref.get(i));
                }
                List<Session.Runner> runners = new ArrayList<>();
                List<Session.@Nullable Runner> calibrations = new ArrayList<>();
                for (int k = 0; k < units.size(); k++) {
                    Unit u = units.get(k);
                    Session.Runner r = session.runner();
                    Session.Runner c = settings.calibrate() ? session.runner() : null;
                    for (int i = 0; i < u.feeds().size(); i++) {
                        Tensor value = values.get(u.feeds().get(i));
                        r.feed(u.feeds().get(i), value);
                        if (c != null) {
                            c.feed(calibrationOps.get(k).feeds().get(i), value);
                        }
                    }
                    u.fetches().forEach(r::fetch);
                    if (c != null) {
                        calibrationOps.get(k).fetches().forEach(c::fetch);
                    }
                    if (settings.runOptions() != null) {
                        r.setOptions(settings.runOptions());
                        if (c != null) {
                            c.setOptions(settings.runOptions());
                        }
                    }
                    runners.add(r);
                    calibrations.add(c);
                }
                return measure(units, runners, calibrations, settings, progress);
            } finally {
                if (ref != null) {
                    ref.close();
                }
            }
        }
    }

    private static Measurement measure(List<Unit> units, List<Session.Runner> runners,
            List<Session.@Nullable Runner> calibrations, Settings s, Progress progress) {
        int n = units.size();
        long[][] unitNanos = new long[n][s.repeats()];
        long[][] calNanos = new long[n][s.calibrate() ? s.repeats() : 0];
        if (s.interleaved()) {
            for (int pass = 0; pass < s.warmups(); pass++) {
                unitPass(runners, null, 0);
                calibrationPass(runners, calibrations, null, 0);
            }
            for (int pass = 0; pass < s.repeats(); pass++) {
                unitPass(runners, unitNanos, pass);
                if (s.calibrate()) {
                    calibrationPass(runners, calibrations, calNanos, pass);
                }
                progress.done(pass + 1, s.repeats(), "pass " + (pass + 1) + " of " + s.repeats());
            }
        } else {
            for (int k = 0; k < n; k++) {
                for (int i = 0; i < s.warmups(); i++) {
                    once(calibrations.get(k));
                    once(runners.get(k));
                }
                for (int i = 0; i < s.repeats(); i++) {
                    if (s.calibrate()) {
                        calNanos[k][i] = once(calibrations.get(k));
                    }
                    unitNanos[k][i] = once(runners.get(k));
                }
                progress.done(k + 1, n, units.get(k).label());
            }
        }
        return new Measurement(List.of(unitNanos), List.of(calNanos));
    }

    /** Times every unit once, in order: each run follows the run of the unit before it, as in an inference. */
    private static void unitPass(List<Session.Runner> runners, long @Nullable [][] nanos, int pass) {
        for (int k = 0; k < runners.size(); k++) {
            long t = once(runners.get(k));
            if (nanos != null) {
                nanos[k][pass] = t;
            }
        }
    }

    /**
     * Times every unit's calibration run once, each right after a run of the unit before it, so that it starts from
     * the same state (caches, threads) as the unit's own run in {@link #unitPass}.
     */
    private static void calibrationPass(List<Session.Runner> runners, List<Session.@Nullable Runner> calibrations,
            long @Nullable [][] nanos, int pass) {
        int n = runners.size();
        for (int k = 0; k < n; k++) {
            once(runners.get((k + n - 1) % n));
            long t = once(calibrations.get(k));
            if (nanos != null) {
                nanos[k][pass] = t;
            }
        }
    }

    private static long once(Session.@Nullable Runner r) {
        if (r == null) {
            return 0;
        }
        long t0 = System.nanoTime();
        Result res = r.run();
        long t = System.nanoTime() - t0;
        res.close();
        return t;
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
                op = (GraphOperation) g.opBuilder("Placeholder", name, g.baseScope()).setAttr("dtype", dt).build();
            }
            feeds.add(op.output(0));
        }
        List<Output<?>> fetches = new ArrayList<>();
        for (int j = 0; j < u.fetches().size(); j++) {
            Output<?> src = feeds.get(j % feeds.size());
            String name = src.op().name() + "/identity_" + j / feeds.size();
            GraphOperation op = g.operation(name);
            if (op == null) {
                op = (GraphOperation) g.opBuilder("Identity", name, g.baseScope()).addInput(src).build();
            }
            fetches.add(op.output(0));
        }
        return new Calibration(feeds, fetches);
    }

    private record Calibration(List<Output<?>> feeds, List<Output<?>> fetches) {
    }
}
