package io.scission.tf;

import static java.util.Objects.requireNonNull;

import io.scission.profile.SamplingRule;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;
import org.tensorflow.proto.RunOptions;

/**
 * How {@link TensorFlowProfiler} times blocks; the counts (threads, warm-ups, repeats, seed) come from the
 * {@link io.scission.spi.ProfileRequest}. A request with {@link io.scission.spi.ProfileRequest#UNTIL_STABLE}
 * repeats (the default) repeats until stable under {@link #sampling()}; a positive repeat count is timed exactly.
 * Immutable; every {@code with...} method returns a copy. The defaults are the methodology that gave additive block
 * times on this project's measurements (see {@link #defaults()}).
 *
 * @param interOpThreads inter-op threads when the request sets intra-op threads; 0 for the same number
 * @param execution where a run's ops are dispatched
 * @param fusion which Grappler rewrites run
 * @param overhead whether the calibrated per-run overhead is subtracted from every sample
 * @param order the order of timed runs
 * @param rangeChecks how many random contiguous ranges of two or more blocks are timed as one unit, besides the
 *     whole model, to check that block times add up
 * @param sampling when to stop repeating if the request asks to repeat until stable
 */
public record TfTimingOptions(int interOpThreads, Execution execution, Fusion fusion, Overhead overhead,
        Order order, int rangeChecks, SamplingRule sampling) {

    /** Where a run's ops are dispatched. */
    public enum Execution {
        /**
         * In the calling thread, one op after another ({@code RunOptions.inter_op_thread_pool = -1}); ops still use
         * the intra-op pool. No hand-over to a pool thread at the start and end of each run.
         */
        CALLER_THREAD,
        /** On TensorFlow's inter-op thread pool, as a plain {@code Session.run} does. */
        INTER_OP_POOL
    }

    /** Which Grappler rewrites run. */
    public enum Fusion {
        /**
         * Grappler's defaults, what TensorFlow runs: the whole model fuses e.g. Conv2D+BatchNorm+ReLU, a block cut
         * between them cannot. So the profiler leaves out the cuts TensorFlow's rewrites cross (it reads them from the
         * graph TensorFlow executes, and profiles under {@link io.scission.model.PartitionRule#fused}), and its blocks
         * add up again; workers run deployments of such profiles with the same session.
         */
        DEFAULT,
        /** No op fusion (remapper) and no arithmetic rewrites, so every unit runs the same kernels per layer. */
        NONE,
        /** Grappler switched off entirely (no constant folding either). */
        GRAPPLER_OFF
    }

    /** Whether the calibrated per-run overhead is subtracted. */
    public enum Overhead {
        /**
         * Samples are net: raw minus the calibrated per-run cost of a cut, clamped at 0. The cost is measured twice:
         * by calibration runs that feed the unit's values and fetch Identity ops of them (Java and C API calls,
         * executor start and finish), and by merging adjacent pairs of small blocks into one run
         * ({@code t(k) + t(k+1) - t(k..k+1)}, which also shows waking the intra-op threads and materializing the
         * tensors at the cut); the larger is used. Adds one merged run per two blocks to every pass.
         */
        SUBTRACT,
        /** Samples are raw wall times of {@code Session.run}. */
        KEEP
    }

    /** The order of timed runs. */
    public enum Order {
        /**
         * Each repeat is a pass over all units, so that slow drift hits every block alike: the blocks run in model
         * order as a split inference (each fed what the blocks before it just fetched), then every calibration run
         * and every range is timed right after a run of the block before it. Every timed run thus starts from the
         * state it has in an inference: its inputs just written, the weights last touched one inference ago.
         */
        INTERLEAVED,
        /**
         * All repeats of one unit, each right after its calibration run, then the next unit; fed values from one
         * reference run. Inputs and weights stay hot in the caches, so blocks look faster than within the model.
         */
        UNIT_BY_UNIT
    }

    /**
     * Validates the options.
     *
     * @param interOpThreads inter-op threads when the request sets intra-op threads; 0 for the same number
     * @param execution where a run's ops are dispatched
     * @param fusion which Grappler rewrites run
     * @param overhead whether the calibrated per-run overhead is subtracted from every sample
     * @param order the order of timed runs
     * @param rangeChecks how many random contiguous ranges of two or more blocks are timed as one unit, besides the
     *     whole model, to check that block times add up
     * @param sampling when to stop repeating if the request asks to repeat until stable
     * @throws IllegalArgumentException if a count is negative
     */
    public TfTimingOptions {
        requireNonNull(sampling, "sampling");
        requireNonNull(execution, "execution");
        requireNonNull(fusion, "fusion");
        requireNonNull(overhead, "overhead");
        requireNonNull(order, "order");
        if (interOpThreads < 0 || rangeChecks < 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The inter-op threads (%d) and range checks (%d) must not be negative.", interOpThreads,
                    rangeChecks));
        }
    }

    /**
     * Returns the defaults: caller-thread execution, no fusion, overhead subtracted, interleaved order, 1 range
     * check (each costs about its share of the whole model in every pass; 5 before the until-stable rule, 2 before
     * the rule stopped on the sums),
     * {@link SamplingRule#UNTIL_STABLE}.
     *
     * @return the defaults
     */
    public static TfTimingOptions defaults() {
        return new TfTimingOptions(0, Execution.CALLER_THREAD, Fusion.NONE, Overhead.SUBTRACT, Order.INTERLEAVED,
                DEFAULT_RANGE_CHECKS, SamplingRule.UNTIL_STABLE);
    }

    /** The default number of random range checks besides the whole model. */
    public static final int DEFAULT_RANGE_CHECKS = 1;

    /**
     * Returns a copy with the given inter-op threads.
     *
     * @param threads inter-op threads; 0 for as many as intra-op threads
     * @return the options
     */
    public TfTimingOptions withInterOpThreads(int threads) {
        return new TfTimingOptions(threads, execution, fusion, overhead, order, rangeChecks, sampling);
    }

    /**
     * Returns a copy with the given execution.
     *
     * @param e where ops are dispatched
     * @return the options
     */
    public TfTimingOptions withExecution(Execution e) {
        return new TfTimingOptions(interOpThreads, e, fusion, overhead, order, rangeChecks, sampling);
    }

    /**
     * Returns a copy with the given fusion.
     *
     * @param f which Grappler rewrites run
     * @return the options
     */
    public TfTimingOptions withFusion(Fusion f) {
        return new TfTimingOptions(interOpThreads, execution, f, overhead, order, rangeChecks, sampling);
    }

    /**
     * Returns a copy with the given overhead handling.
     *
     * @param o whether to subtract the calibrated overhead
     * @return the options
     */
    public TfTimingOptions withOverhead(Overhead o) {
        return new TfTimingOptions(interOpThreads, execution, fusion, o, order, rangeChecks, sampling);
    }

    /**
     * Returns a copy with the given order.
     *
     * @param o the order of timed runs
     * @return the options
     */
    public TfTimingOptions withOrder(Order o) {
        return new TfTimingOptions(interOpThreads, execution, fusion, overhead, o, rangeChecks, sampling);
    }

    /**
     * Returns a copy with the given number of random range checks.
     *
     * @param count ranges besides the whole model
     * @return the options
     */
    public TfTimingOptions withRangeChecks(int count) {
        return new TfTimingOptions(interOpThreads, execution, fusion, overhead, order, count, sampling);
    }

    /**
     * Returns a copy with another rule for requests that repeat until stable; requests with a repeat count ignore
     * it.
     *
     * @param rule when to stop repeating
     * @return the options
     */
    public TfTimingOptions withSampling(SamplingRule rule) {
        return new TfTimingOptions(interOpThreads, execution, fusion, overhead, order, rangeChecks, rule);
    }

    /**
     * Returns the session configuration blocks are timed with: the threads (intra-op, inter-op as
     * {@link #interOpThreads()} says, per-session pools), and Grappler as {@link #fusion()} says: under
     * {@link Fusion#DEFAULT} Grappler's defaults, otherwise its rewrites limited and the pruned graph placed. A worker that runs exported segments with this configuration and {@link #runOptions()} runs the graph
     * the profile timed, so the profile's block times predict its compute (docs/serving.md).
     *
     * @param threads intra-op threads, or 0 for TensorFlow's defaults
     * @return the configuration
     * @throws IllegalArgumentException if threads is negative
     */
    public ConfigProto sessionConfig(int threads) {
        if (threads < 0) {
            throw new IllegalArgumentException("The threads (" + threads + ") must be 0 (default) or more.");
        }
        ConfigProto.Builder b = ConfigProto.newBuilder();
        if (threads > 0) {
            b.setIntraOpParallelismThreads(threads);
            b.setInterOpParallelismThreads(interOpThreads > 0 ? interOpThreads : threads);
            b.setUsePerSessionThreads(true);
        }
        // a session that places the pruned graph skips Grappler altogether (measured: no node fused), so only the
        // sessions that switch rewrites off place it
        GraphOptions.Builder go = GraphOptions.newBuilder().setPlacePrunedGraph(fusion != Fusion.DEFAULT);
        if (fusion == Fusion.NONE) {
            go.setRewriteOptions(RewriterConfig.newBuilder()
                    .setRemapping(RewriterConfig.Toggle.OFF)
                    .setArithmeticOptimization(RewriterConfig.Toggle.OFF));
        } else if (fusion == Fusion.GRAPPLER_OFF) {
            go.setRewriteOptions(RewriterConfig.newBuilder().setDisableMetaOptimizer(true));
        }
        b.setGraphOptions(go);
        return b.build();
    }

    /**
     * Returns the options of every timed run: the caller's thread dispatches the ops under
     * {@link Execution#CALLER_THREAD}, or null (TensorFlow's inter-op pool).
     *
     * @return the run options, or null
     */
    public @Nullable RunOptions runOptions() {
        return execution == Execution.CALLER_THREAD ? RunOptions.newBuilder().setInterOpThreadPool(-1).build() : null;
    }
}
