package io.scission.tf;

import static java.util.Objects.requireNonNull;

import io.scission.profile.Profile;
import io.scission.spi.Availability;
import io.scission.spi.BlockProfiler;
import io.scission.spi.ModelSource;
import io.scission.spi.ProfileRequest;
import io.scission.spi.ProgressListener;
import io.scission.tf.internal.child.ChildProtocol;
import io.scission.tf.internal.child.ChildRun;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.jspecify.annotations.Nullable;

/**
 * Times every block of a TensorFlow model on this machine with TensorFlow Java, plus the whole model and random
 * contiguous ranges of blocks so that the profile shows how well block times add up. Found by
 * {@link java.util.ServiceLoader} under the name {@code tensorflow}; it takes the same sources as
 * {@link TensorFlowModelParser}.
 *
 * <pre>{@code
 * Profile p = Scission.profile(ModelSource.of(Path.of("saved_model_dir")),
 *         ProfileRequest.of(Resource.of("laptop", Tier.EDGE)), ProgressListener.NONE);
 * Scission.writeProfile(p, Path.of("profiles/laptop.json"));
 * }</pre>
 *
 * <p>Thread counts other than the runtime default ({@link ProfileRequest#threads()}) need the environment
 * variable {@code TF_OVERRIDE_GLOBAL_THREADPOOL=1} at JVM start: TensorFlow otherwise sizes its thread pool once per
 * process. Either start your JVM with it, or let the profiler run in a child JVM that has it:
 *
 * <pre>{@code
 * BlockProfiler inChild = new TensorFlowProfiler().inChildJvm();
 * Profile p = Scission.profile(model, new ProfileRequest(pi, PartitionRule.SCISSION, 1, 3, 10, 42L),
 *         ProgressListener.NONE, inChild);
 * }</pre>
 *
 * <p>Profiling stops at the next timed run when the calling thread is interrupted or the listener reports itself
 * cancelled ({@link ProgressListener#isCancelled()}), also in a child JVM; see
 * {@link io.scission.Scission#profileAsync} for a future that stops it.
 */
public final class TensorFlowProfiler implements BlockProfiler {

    private final TfLoadOptions loadOptions;
    private final TfTimingOptions timingOptions;
    private final @Nullable ChildJvmOptions childJvm;
    private final List<TfModelFactory> factories;

    /** Creates the profiler with default options; this is what {@code ServiceLoader} uses. */
    public TensorFlowProfiler() {
        this(TfLoadOptions.defaults(), TfTimingOptions.defaults());
    }

    /**
     * Creates the profiler with the given options.
     *
     * @param loadOptions how to load models
     * @param timingOptions how to time them
     */
    public TensorFlowProfiler(TfLoadOptions loadOptions, TfTimingOptions timingOptions) {
        this(loadOptions, timingOptions, null);
    }

    private TensorFlowProfiler(TfLoadOptions loadOptions, TfTimingOptions timingOptions,
            @Nullable ChildJvmOptions childJvm) {
        this.loadOptions = requireNonNull(loadOptions, "loadOptions");
        this.timingOptions = requireNonNull(timingOptions, "timingOptions");
        this.childJvm = childJvm;
        this.factories = TfModelFactories.all(loadOptions);
    }

    /**
     * Returns a copy that profiles every model source in a child JVM with {@code TF_OVERRIDE_GLOBAL_THREADPOOL=1}
     * and the default {@link ChildJvmOptions}, so that thread counts take effect without that variable in this
     * JVM's environment. Progress comes through, and a stop reaches the child; the child dies with this JVM.
     *
     * @return the profiler
     */
    public TensorFlowProfiler inChildJvm() {
        return inChildJvm(ChildJvmOptions.defaults());
    }

    /**
     * Returns a copy that profiles every model source in a child JVM started with the given options; see
     * {@link #inChildJvm()}.
     *
     * @param options how to start the child
     * @return the profiler
     */
    public TensorFlowProfiler inChildJvm(ChildJvmOptions options) {
        return new TensorFlowProfiler(loadOptions, timingOptions, requireNonNull(options, "options"));
    }

    /**
     * Returns how the child JVM is started, if this profiler profiles in one.
     *
     * @return the options, or empty when it profiles in this JVM
     */
    public Optional<ChildJvmOptions> childJvm() {
        return Optional.ofNullable(childJvm);
    }

    /**
     * Returns {@code tensorflow}.
     *
     * @return the name
     */
    @Override
    public String name() {
        return "tensorflow";
    }

    /**
     * Returns whether TensorFlow Java and this platform's native library are present, and why not if they are not;
     * does not load the runtime.
     *
     * @return the availability
     */
    @Override
    public Availability availability() {
        return NativeRuntime.availability();
    }

    /**
     * Returns true for the sources {@link TensorFlowModelParser} accepts.
     *
     * @param source the source
     * @return whether it is accepted
     */
    @Override
    public boolean accepts(ModelSource source) {
        return TensorFlowModelParser.find(factories, requireNonNull(source, "source")) != null;
    }

    /**
     * Loads and profiles a model, in this JVM or in a child JVM ({@link #inChildJvm()}); random weights, if needed,
     * use the request's seed.
     *
     * @param source the model
     * @param request the resource, partition rule, threads, warm-ups, repeats and seed
     * @param listener receives progress after each timed pass, and may stop the profiling
     * @return the profile, with net samples (see {@link io.scission.profile.Provenance#runOverheadSeconds()})
     * @throws ModelLoadException naming the file and node if the model cannot be loaded or run
     * @throws IllegalStateException if threads are requested in this JVM without
     *     {@code TF_OVERRIDE_GLOBAL_THREADPOOL=1}, or a child JVM cannot find scission-tf's class path
     * @throws CancellationException if the thread was interrupted (its interrupt status stays set) or the listener
     *     cancelled; the model, its session and any child JVM are closed, and nothing is kept
     */
    @Override
    public Profile profile(ModelSource source, ProfileRequest request, ProgressListener listener) {
        requireNonNull(source, "source");
        requireNonNull(request, "request");
        requireNonNull(listener, "listener");
        if (childJvm != null) {
            return inChild(source, request, listener, childJvm);
        }
        TfProfiler.checkThreads(request.threads());
        Cancellation.check(listener, source.location());
        try (TfModel model = TensorFlowModelParser.factory(factories, source).open(source, request.seed())) {
            Cancellation.check(listener, source.location());
            return TfProfiler.profile(model, request, listener, timingOptions);
        } catch (CancellationException e) {
            throw e;
        } catch (LinkageError e) {
            throw NativeRuntime.failure(e);
        } catch (RuntimeException e) {
            // an interrupt may break file reads (ClosedByInterruptException) before a check sees it
            if (Cancellation.requested(listener)) {
                throw Cancellation.stopped(source.location());
            }
            throw e;
        }
    }

    private Profile inChild(ModelSource source, ProfileRequest request, ProgressListener listener,
            ChildJvmOptions options) {
        List<String> command = ChildRun.command(ChildRun.javaBinary(), options.jvmOptions(), options.classPath(),
                TensorFlowProfiler.class);
        try {
            return ChildRun.profile(command, options.environment(), new ChildProtocol.Job(source.location(),
                    request, loadOptions, timingOptions), source.location(), listener,
                    () -> Cancellation.requested(listener));
        } catch (CancellationException e) {
            throw Cancellation.stopped(source.location());
        }
    }

    /**
     * Profiles an already loaded model, e.g. one from {@link TensorFlowModelParser#open}; the model stays open.
     * Calibration ops are added to its graph under {@code scission_calibration/}.
     *
     * @param model the model
     * @param request the resource, partition rule, threads, warm-ups, repeats and seed
     * @param listener receives progress after each timed pass
     * @return the profile
     * @throws ModelLoadException naming the node if a run fails
     * @throws IllegalStateException if threads are requested without {@code TF_OVERRIDE_GLOBAL_THREADPOOL=1} (a
     *     loaded model is always profiled in this JVM)
     * @throws CancellationException if the thread was interrupted or the listener cancelled
     */
    public Profile profile(TfModel model, ProfileRequest request, ProgressListener listener) {
        return TfProfiler.profile(model, request, listener, timingOptions);
    }

    /**
     * Returns the load options.
     *
     * @return the options
     */
    public TfLoadOptions loadOptions() {
        return loadOptions;
    }

    /**
     * Returns the timing options.
     *
     * @return the options
     */
    public TfTimingOptions timingOptions() {
        return timingOptions;
    }
}
