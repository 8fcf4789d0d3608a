package io.scission.cli;

import io.scission.Scission;
import io.scission.deploy.Deployment;
import io.scission.deploy.ExportOptions;
import io.scission.deploy.Inference;
import io.scission.deploy.SegmentPlan;
import io.scission.model.ModelGraph;
import io.scission.profile.SamplingRule;
import io.scission.spi.BlockProfiler;
import io.scission.spi.ModelSource;
import io.scission.spi.ProgressListener;
import io.scission.tf.ChildJvmOptions;
import io.scission.tf.TensorFlowModelParser;
import io.scission.tf.TensorFlowProfiler;
import io.scission.tf.TfLoadOptions;
import io.scission.tf.TfTimingOptions;
import io.scission.tf.deploy.Deployments;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The one class of the tool that configures scission-tf's providers: input shapes for models whose input size is
 * free (to parse, profile, export or run them), the until-stable rule, and profiling in a child JVM for a thread
 * count. Only commands that parse a TensorFlow graph with input shapes, profile, export or run a model load it, so
 * every other command stays free of TensorFlow's classes ({@code NoTensorFlowTest}).
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
        return profiler(source, threads, rule, false, inputShapes, debug, ownStandardError);
    }

    /**
     * Returns the profiler for a source as {@link #profiler(ModelSource, int, SamplingRule, Map, boolean, boolean)}
     * does, with TensorFlow's op fusion on if asked ({@code --fusion}): blocks merged across the cuts TensorFlow's
     * rewrites cross, timed as TensorFlow runs them ({@link TfTimingOptions.Fusion#DEFAULT}).
     *
     * @param source the model
     * @param threads the intra-op threads, 0 for the runtime's choice
     * @param rule when to stop repeating if a request repeats until stable
     * @param fusion true to profile what TensorFlow's op fusion runs
     * @param inputShapes shapes by input name or {@code *}, batch first
     * @param debug true to let the child print TensorFlow's INFO logs
     * @param ownStandardError true if this process's standard error is the tool's output
     * @return the profiler
     */
    public static BlockProfiler profiler(ModelSource source, int threads, SamplingRule rule, boolean fusion,
            Map<String, List<Long>> inputShapes, boolean debug, boolean ownStandardError) {
        BlockProfiler picked = Scission.profiler(source);
        if (!(picked instanceof TensorFlowProfiler)) {
            return picked;
        }
        TensorFlowProfiler tf = (TensorFlowProfiler) picked;
        TfTimingOptions timing = tf.timingOptions().withSampling(rule);
        tf = new TensorFlowProfiler(withShapes(tf.loadOptions(), inputShapes),
                fusion ? timing.withFusion(TfTimingOptions.Fusion.DEFAULT) : timing);
        if (threads > 0 && !"1".equals(System.getenv(THREADPOOL_ENV)) || ownStandardError && !debug) {
            ChildJvmOptions child = ChildJvmOptions.defaults();
            tf = tf.inChildJvm(debug ? child.withEnvironment("TF_CPP_MIN_LOG_LEVEL", "0") : child);
        }
        return tf;
    }

    /**
     * Exports a plan of a model, loaded with input shapes when given ({@code --input-shape} of export and validate);
     * without them, as {@link Scission#export(ModelSource, SegmentPlan, Path, ExportOptions, ProgressListener)}.
     *
     * @param source the model
     * @param plan what to cut and where each piece runs
     * @param outputDir the deployment's directory
     * @param options the seed, verification and replacement options
     * @param inputShapes shapes by input name or {@code *}, batch first; empty to keep the model's
     * @param listener receives progress
     * @return the deployment
     */
    public static Deployment export(ModelSource source, SegmentPlan plan, Path outputDir, ExportOptions options,
            Map<String, List<Long>> inputShapes, ProgressListener listener) {
        if (inputShapes.isEmpty()) {
            return Scission.export(source, plan, outputDir, options, listener);
        }
        return Deployments.export(source, plan, outputDir, options, withShapes(TfLoadOptions.defaults(), inputShapes),
                listener);
    }

    /**
     * Loads a model to run it whole, with input shapes when given ({@code --input-shape} of run); without them, as
     * {@link Scission#openModel(ModelSource, long)}.
     *
     * @param source the model
     * @param seed the seed of random weights, for a model without its own
     * @param inputShapes shapes by input name or {@code *}, batch first; empty to keep the model's
     * @return the model, ready to run; close it
     */
    public static Inference openModel(ModelSource source, long seed, Map<String, List<Long>> inputShapes) {
        if (inputShapes.isEmpty()) {
            return Scission.openModel(source, seed);
        }
        return Deployments.openModel(source, withShapes(TfLoadOptions.defaults(), inputShapes), seed);
    }

    private static TfLoadOptions withShapes(TfLoadOptions options, Map<String, List<Long>> inputShapes) {
        TfLoadOptions o = options;
        for (Map.Entry<String, List<Long>> e : inputShapes.entrySet()) {
            o = o.withInputShape(e.getKey(), e.getValue().stream().mapToLong(Long::longValue).toArray());
        }
        return o;
    }
}
