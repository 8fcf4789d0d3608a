package io.scission.tf.internal.timing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.scission.tf.internal.graph.Dtypes;
import org.jspecify.annotations.Nullable;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.proto.AllocationRecord;
import org.tensorflow.proto.AllocatorMemoryUsed;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.proto.StepStats;

/**
 * Measures the memory peak of each block run alone, as TensorFlow reports it: one traced run
 * ({@link RunOptions.TraceLevel#FULL_TRACE}) per block, fed the block's inputs from a whole-model run, after one
 * untraced run of the same feeds and fetches. TensorFlow 2.18 (TF Java 1.1.0) fills each executed node's
 * {@code memory} (per allocator: every allocation and release with its time) and {@code memory_stats} (persistent
 * bytes, e.g. a constant's tensor). A block's peak is the bytes of the tensors fed to it, plus the persistent bytes
 * of its nodes, plus the highest point of the running sum of all allocation records in time order (at equal times
 * allocations before releases, so ties never hide a peak). Names refer to the graph after Grappler rewrote it
 * (fused operations, folded constants), so the figure is what the runtime really held, not the layers' sum.
 */
public final class MemoryPeaks {

    private MemoryPeaks() {
    }

    /**
     * Measures every block.
     *
     * @param graph the model's graph
     * @param config the session configuration (threads) the block timing used
     * @param modelInputs values of the model's inputs, by tensor name; not closed
     * @param blocks for each block, in order, its feeds and fetches (tensor names {@code "op:index"})
     * @return the peak of each block in bytes; -1 for every block if no trace recorded any allocation (a runtime
     *     that does not report memory); a block whose trace records nothing while others do gets its fed bytes
     */
    public static long[] measure(Graph graph, @Nullable ConfigProto config, Map<String, Tensor> modelInputs,
            List<UnitTimer.Unit> blocks) {
        long[] peaks = new long[blocks.size()];
        long[] fedBytes = new long[blocks.size()];
        try (Session session = config == null ? new Session(graph) : new Session(graph, config)) {
            Set<String> needed = new LinkedHashSet<>();
            for (UnitTimer.Unit u : blocks) {
                needed.addAll(u.feeds());
            }
            needed.removeAll(modelInputs.keySet());
            List<String> names = new ArrayList<>(needed);
            Session.Runner whole = session.runner();
            modelInputs.forEach(whole::feed);
            names.forEach(whole::fetch);
            if (names.isEmpty()) {
                whole.fetch(blocks.get(0).fetches().get(0));
            }
            try (Result reference = whole.run()) {
                Map<String, Tensor> values = new HashMap<>(modelInputs);
                for (int i = 0; i < names.size(); i++) {
                    values.put(names.get(i), reference.get(i));
                }
                RunOptions traced = RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build();
                for (int k = 0; k < blocks.size(); k++) {
                    UnitTimer.Unit u = blocks.get(k);
                    long fed = 0;
                    for (String f : u.feeds()) {
                        Tensor t = values.get(f);
                        fed += t.shape().size() * Math.max(0, Dtypes.size(t.dataType()));
                    }
                    // the untraced run builds and optimises the pruned graph first
                    runner(session, u, values).run().close();
                    try (Result res = runner(session, u, values).setOptions(traced).runAndFetchMetadata()) {
                        long peak = peak(res.getMetadata().map(RunMetadata::getStepStats).orElse(null));
                        fedBytes[k] = fed;
                        peaks[k] = peak < 0 ? -1 : fed + peak;
                    }
                }
            }
        }
        // a block whose run records nothing while others record allocations allocated nothing (an Identity or a
        // Reshape that forwards its input): its peak is what was fed to it
        boolean reported = false;
        for (long p : peaks) {
            reported |= p >= 0;
        }
        for (int k = 0; k < peaks.length; k++) {
            if (reported && peaks[k] < 0) {
                peaks[k] = fedBytes[k];
            }
        }
        return peaks;
    }

    private static Session.Runner runner(Session session, UnitTimer.Unit u, Map<String, Tensor> values) {
        Session.Runner r = session.runner();
        for (String f : u.feeds()) {
            r.feed(f, values.get(f));
        }
        for (String f : u.fetches()) {
            r.fetch(f);
        }
        return r;
    }

    /**
     * Returns the persistent bytes plus the peak of the running sum of allocation records, or -1 if the step
     * stats hold no allocation record and no persistent memory.
     *
     * @param stats the step stats of a traced run, or null
     * @return bytes, or -1
     */
    static long peak(@Nullable StepStats stats) {
        if (stats == null) {
            return -1;
        }
        List<long[]> records = new ArrayList<>();
        long persistent = 0;
        boolean any = false;
        for (DeviceStepStats device : stats.getDevStatsList()) {
            for (NodeExecStats node : device.getNodeStatsList()) {
                if (node.hasMemoryStats()) {
                    persistent += node.getMemoryStats().getPersistentMemorySize();
                    any |= node.getMemoryStats().getPersistentMemorySize() > 0;
                }
                for (AllocatorMemoryUsed used : node.getMemoryList()) {
                    for (AllocationRecord r : used.getAllocationRecordsList()) {
                        records.add(new long[] {r.getAllocMicros(), r.getAllocBytes()});
                        any = true;
                    }
                }
            }
        }
        if (!any) {
            return -1;
        }
        records.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(b[1], a[1]));
        long sum = 0;
        long max = 0;
        for (long[] r : records) {
            sum += r[1];
            max = Math.max(max, sum);
        }
        return persistent + max;
    }
}
