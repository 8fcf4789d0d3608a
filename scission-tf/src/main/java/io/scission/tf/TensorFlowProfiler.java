package io.scission.tf;

import static java.util.Objects.requireNonNull;

import io.scission.profile.Profile;
import io.scission.spi.Availability;
import io.scission.spi.BlockProfiler;
import io.scission.spi.ModelSource;
import io.scission.spi.ProfileRequest;
import io.scission.spi.ProgressListener;
import java.util.List;

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
 * <p>Thread counts other than the runtime default need the environment variable
 * {@code TF_OVERRIDE_GLOBAL_THREADPOOL=1} at JVM start (TensorFlow otherwise sizes its thread pool once per process).
 */
public final class TensorFlowProfiler implements BlockProfiler {

    private final TfLoadOptions loadOptions;
    private final TfTimingOptions timingOptions;
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
        this.loadOptions = requireNonNull(loadOptions, "loadOptions");
        this.timingOptions = requireNonNull(timingOptions, "timingOptions");
        this.factories = TfModelFactories.all(loadOptions);
    }

    /** Returns {@code tensorflow}. @return the name */
    @Override
    public String name() {
        return "tensorflow";
    }

    /**
     * Returns whether the native TensorFlow runtime loads in this process, and why not if it does not.
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
     * Loads and profiles a model; random weights, if needed, use the request's seed.
     *
     * @param source the model
     * @param request the resource, partition rule, threads, warm-ups, repeats and seed
     * @param listener receives progress after each timed pass
     * @return the profile, with net samples (see {@link io.scission.profile.Provenance#runOverheadSeconds()})
     * @throws ModelLoadException naming the file and node if the model cannot be loaded or run
     * @throws IllegalStateException if threads are requested without {@code TF_OVERRIDE_GLOBAL_THREADPOOL=1}
     */
    @Override
    public Profile profile(ModelSource source, ProfileRequest request, ProgressListener listener) {
        requireNonNull(request, "request");
        requireNonNull(listener, "listener");
        TfProfiler.checkThreads(request.threads());
        try (TfModel model = TensorFlowModelParser.factory(factories, requireNonNull(source, "source"))
                .open(source, request.seed())) {
            return TfProfiler.profile(model, request, listener, timingOptions);
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
     * @throws IllegalStateException if threads are requested without {@code TF_OVERRIDE_GLOBAL_THREADPOOL=1}
     */
    public Profile profile(TfModel model, ProfileRequest request, ProgressListener listener) {
        return TfProfiler.profile(model, request, listener, timingOptions);
    }

    /** Returns the load options. @return the options */
    public TfLoadOptions loadOptions() {
        return loadOptions;
    }

    /** Returns the timing options. @return the options */
    public TfTimingOptions timingOptions() {
        return timingOptions;
    }
}
