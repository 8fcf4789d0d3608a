package io.scission.cli;

import io.scission.Scission;
import io.scission.model.ModelGraph;
import io.scission.profile.SamplingRule;
import io.scission.spi.BlockProfiler;
import io.scission.spi.ModelSource;
import io.scission.tf.ChildJvmOptions;
import io.scission.tf.TensorFlowModelParser;
import io.scission.tf.TensorFlowProfiler;
import io.scission.tf.TfLoadOptions;
import java.util.List;
import java.util.Map;

/**
 * The one class of the tool that configures scission-tf's providers: input shapes for models whose input size is
 * free, the until-stable rule, and profiling in a child JVM for a thread count. Only commands that parse a TensorFlow graph with input
 * shapes or profile a model load it, so every other command stays free of TensorFlow's classes
 * ({@code NoTensorFlowTest}).
 */
public final class TensorFlowOptions {

    /** The environment variable that lets TensorFlow honour a thread count in this JVM. */
    public static final String THREADPOOL_ENV = "TF_OVERRIDE_GLOBAL_THREADPOOL";

    private TensorFlowOptions() {
    }

    /**
     * Parses a TensorFlow graph (SavedModel, {@code .pb}) with input shapes.
     *
     * @param source the model
     * @param inputShapes shapes by input name or {@code *}, batch first
     * @return the graph
     */
    public static ModelGraph parse(ModelSource source, Map<String, List<Long>> inputShapes) {
        return Scission.parse(source, new TensorFlowModelParser(withShapes(TfLoadOptions.defaults(), inputShapes)));
    }

    /**
     * Returns the profiler for a source: the one core picks, and for TensorFlow's, the input shapes applied and
     * profiling in a child JVM if a thread count cannot take effect in this JVM ({@value #THREADPOOL_ENV} not 1) or
     * if TensorFlow's log lines must be kept out of this process's standard error: its absl INFO lines ignore
     * {@code TF_CPP_MIN_LOG_LEVEL}, and only a child's standard error, which scission-tf filters, can hold them back.
     *
     * @param source the model
     * @param threads the intra-op threads, 0 for the runtime's choice
     * @param rule when to stop repeating if a request repeats until stable (TensorFlow's profiler; others have
     *     their own)
     * @param inputShapes shapes by input name or {@code *}, batch first
     * @param debug true to let the child print TensorFlow's INFO logs
     * @param ownStandardError true if this process's standard error is the tool's output (not in a test or an
     *     embedding program), so that TensorFlow's lines would interleave with it
     * @return the profiler
     */
    public static BlockProfiler profiler(ModelSource source, int threads, SamplingRule rule,
            Map<String, List<Long>> inputShapes, boolean debug, boolean ownStandardError) {
        BlockProfiler picked = Scission.profiler(source);
        if (!(picked instanceof TensorFlowProfiler)) {
            return picked;
        }
        TensorFlowProfiler tf = (TensorFlowProfiler) picked;
        tf = new TensorFlowProfiler(withShapes(tf.loadOptions(), inputShapes),
                tf.timingOptions().withSampling(rule));
        if (threads > 0 && !"1".equals(System.getenv(THREADPOOL_ENV)) || ownStandardError && !debug) {
            ChildJvmOptions child = ChildJvmOptions.defaults();
            tf = tf.inChildJvm(debug ? child.withEnvironment("TF_CPP_MIN_LOG_LEVEL", "0") : child);
        }
        return tf;
    }

    private static TfLoadOptions withShapes(TfLoadOptions options, Map<String, List<Long>> inputShapes) {
        TfLoadOptions o = options;
        for (Map.Entry<String, List<Long>> e : inputShapes.entrySet()) {
            o = o.withInputShape(e.getKey(), e.getValue().stream().mapToLong(Long::longValue).toArray());
        }
        return o;
    }
}
