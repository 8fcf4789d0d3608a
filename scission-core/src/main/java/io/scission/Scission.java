package io.scission;

import static java.util.Objects.requireNonNull;

import io.scission.deploy.Deployment;
import io.scission.deploy.DeploymentFiles;
import io.scission.deploy.ExportOptions;
import io.scission.deploy.Inference;
import io.scission.deploy.SegmentPlan;
import io.scission.model.ModelGraph;
import io.scission.platform.Network;
import io.scission.platform.NetworkFiles;
import io.scission.platform.NetworkPreset;
import io.scission.profile.Profile;
import io.scission.profile.ProfileFiles;
import io.scission.profile.ProfileSet;
import io.scission.reference.ReferenceData;
import io.scission.reference.ReferenceNetwork;
import io.scission.spi.BlockProfiler;
import io.scission.spi.Deployer;
import io.scission.spi.ModelParser;
import io.scission.spi.ModelSource;
import io.scission.spi.ProfileRequest;
import io.scission.spi.ProgressListener;
import io.scission.spi.ProviderInfo;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The entry point: queries, profile and network files, model parsing and profiling. Everything else is reached
 * through the types these methods return.
 *
 * <pre>{@code
 * ProfileSet profiles = Scission.readProfiles(Path.of("profiles/resnet50"));
 * QueryResult result = Scission.query()
 *         .mustUse(EDGE)
 *         .maxTransfer(EDGE, CLOUD, 1, MB)
 *         .top(3)
 *         .solve(profiles, Scission.network(NetworkPreset.FOUR_G));
 * }</pre>
 */
public final class Scission {

    private Scission() {
    }

    /**
     * Returns an empty query: minimum latency, top {@value Query#DEFAULT_TOP}, no constraints.
     *
     * @return the query
     */
    public static Query query() {
        return Query.empty();
    }

    /**
     * Returns a profile set.
     *
     * @param profiles the profiles of one model, one per resource
     * @return the set
     */
    public static ProfileSet profiles(Profile... profiles) {
        return ProfileSet.of(profiles);
    }

    /**
     * Returns a profile set.
     *
     * @param profiles the profiles of one model, one per resource
     * @return the set
     */
    public static ProfileSet profiles(Collection<Profile> profiles) {
        return ProfileSet.of(profiles);
    }

    /**
     * Reads one profile file.
     *
     * @param file the file
     * @return the profile
     * @throws InvalidFileException naming the file and field if it is malformed
     */
    public static Profile readProfile(Path file) {
        return ProfileFiles.read(file);
    }

    /**
     * Reads every {@code *.json} profile in a directory as one set.
     *
     * @param dir the directory
     * @return the set
     * @throws InvalidFileException naming the file and field if one is malformed
     */
    public static ProfileSet readProfiles(Path dir) {
        return ProfileSet.of(ProfileFiles.readDirectory(dir));
    }

    /**
     * Writes a profile file.
     *
     * @param profile the profile
     * @param file the file
     */
    public static void writeProfile(Profile profile, Path file) {
        ProfileFiles.write(profile, file);
    }

    /**
     * Returns the paper's network for a device uplink.
     *
     * @param preset 3G, 4G or wired
     * @return the network
     */
    public static Network network(NetworkPreset preset) {
        return Network.preset(preset);
    }

    /**
     * Reads a network file.
     *
     * @param file the file
     * @return the network
     * @throws InvalidFileException naming the file and field if it is malformed
     */
    public static Network readNetwork(Path file) {
        return NetworkFiles.read(file);
    }

    /**
     * Returns the paper's measurements of a model on its five machines (a Raspberry Pi 4, two edge servers, a cloud
     * machine with and without GPU), as published with the original Scission tool; see {@link ReferenceData} for
     * their source and what they hold.
     *
     * @param model one of {@link #referenceModels()}, in any case, e.g. {@code resnet50}
     * @return the profiles, one per machine
     * @throws IllegalArgumentException if the model is not in the reference data
     * @since 0.1
     */
    public static ProfileSet referenceProfiles(String model) {
        return ReferenceData.profiles(model);
    }

    /**
     * Returns the names of the models in the reference data: the 18 Keras Applications models of the paper's Table I.
     *
     * @return lower-case names, e.g. {@code vgg19}, {@code inception_v3}
     * @since 0.1
     */
    public static List<String> referenceModels() {
        return ReferenceData.models();
    }

    /**
     * Returns a network the original Scission tool was published with, between the reference machines' names.
     *
     * @param network 3G or wired
     * @return the network
     * @since 0.1
     */
    public static Network referenceNetwork(ReferenceNetwork network) {
        return ReferenceData.network(network);
    }

    /**
     * Lists the model parsers on the class path, available or not.
     *
     * @return the parsers, highest priority first
     */
    public static List<ProviderInfo> modelParsers() {
        return Providers.describe(ModelParser.class, ModelParser::name, ModelParser::priority,
                ModelParser::availability);
    }

    /**
     * Lists the block profilers on the class path, available or not.
     *
     * @return the profilers, highest priority first
     */
    public static List<ProviderInfo> profilers() {
        return Providers.describe(BlockProfiler.class, BlockProfiler::name, BlockProfiler::priority,
                BlockProfiler::availability);
    }

    /**
     * Parses a model with the available parser of highest priority that accepts it.
     *
     * @param source the model
     * @return the graph
     * @throws ScissionException if no parser accepts it, two tie, or parsing fails
     */
    public static ModelGraph parse(ModelSource source) {
        requireNonNull(source, "source");
        return Providers.pick(ModelParser.class, source, ModelParser::name, ModelParser::priority,
                ModelParser::availability, ModelParser::accepts).parse(source);
    }

    /**
     * Parses a model with the given parser.
     *
     * @param source the model
     * @param parser the parser, which wins over any found on the class path
     * @return the graph
     */
    public static ModelGraph parse(ModelSource source, ModelParser parser) {
        return requireNonNull(parser, "parser").parse(requireNonNull(source, "source"));
    }

    /**
     * Profiles a model on this machine with the available profiler of highest priority that accepts it. An
     * interrupt of the calling thread, or a listener that reports itself cancelled, stops it at the next timed run.
     *
     * @param source the model
     * @param request how to profile
     * @param listener receives progress, and may stop the profiling ({@link ProgressListener#isCancelled()})
     * @return the profile
     * @throws ScissionException if no profiler accepts it, two tie, or profiling fails
     * @throws java.util.concurrent.CancellationException if the thread was interrupted (its interrupt status stays
     *     set) or the listener cancelled; nothing of the partial work is kept
     */
    public static Profile profile(ModelSource source, ProfileRequest request, ProgressListener listener) {
        requireNonNull(source, "source");
        requireNonNull(request, "request");
        requireNonNull(listener, "listener");
        return profiler(source).profile(source, request, listener);
    }

    /**
     * Profiles a model with the given profiler.
     *
     * @param source the model
     * @param request how to profile
     * @param listener receives progress
     * @param profiler the profiler, which wins over any found on the class path
     * @return the profile
     */
    public static Profile profile(ModelSource source, ProfileRequest request, ProgressListener listener,
            BlockProfiler profiler) {
        return requireNonNull(profiler, "profiler").profile(requireNonNull(source, "source"),
                requireNonNull(request, "request"), requireNonNull(listener, "listener"));
    }
    /**
     * Profiles a model on a thread of its own with the profiler {@link #profile(ModelSource, ProfileRequest,
     * ProgressListener)} would pick. The returned future is the handle: {@code cancel(true)} (or completing it in
     * any other way, e.g. {@code orTimeout}) stops the profiling at the next timed run, typically within
     * milliseconds, discards the partial measurements and closes what the profiler opened; the listener also may
     * stop it ({@link ProgressListener#isCancelled()}). The thread is a daemon: it does not keep the JVM alive.
     *
     * <pre>{@code
     * CompletableFuture<Profile> f = Scission.profileAsync(model, request, ProgressListener.NONE);
     * f.cancel(true);   // stops it; f.join() throws CancellationException
     * }</pre>
     *
     * @param source the model
     * @param request how to profile
     * @param listener receives progress, on the profiling thread
     * @return the profile, or a future completed exceptionally with what {@code profile} would throw
     */
    public static CompletableFuture<Profile> profileAsync(ModelSource source, ProfileRequest request,
            ProgressListener listener) {
        requireNonNull(source, "source");
        requireNonNull(request, "request");
        requireNonNull(listener, "listener");
        return ProfileTask.start(source, request, listener, () -> profiler(source));
    }

    /**
     * Profiles a model on a thread of its own with the given profiler; see
     * {@link #profileAsync(ModelSource, ProfileRequest, ProgressListener)}.
     *
     * @param source the model
     * @param request how to profile
     * @param listener receives progress, on the profiling thread
     * @param profiler the profiler, which wins over any found on the class path
     * @return the profile, or a future completed exceptionally with what the profiler threw
     */
    public static CompletableFuture<Profile> profileAsync(ModelSource source, ProfileRequest request,
            ProgressListener listener, BlockProfiler profiler) {
        requireNonNull(source, "source");
        requireNonNull(request, "request");
        requireNonNull(listener, "listener");
        requireNonNull(profiler, "profiler");
        return ProfileTask.start(source, request, listener, () -> profiler);
    }

    /**
     * Returns the profiler that {@link #profile(ModelSource, ProfileRequest, ProgressListener)} would use for a
     * source: the available one of highest priority that accepts it, e.g. to configure or wrap it.
     *
     * @param source the model
     * @return the profiler
     * @throws ScissionException if no profiler accepts the source or two tie
     */
    public static BlockProfiler profiler(ModelSource source) {
        requireNonNull(source, "source");
        return Providers.pick(BlockProfiler.class, source, BlockProfiler::name, BlockProfiler::priority,
                BlockProfiler::availability, BlockProfiler::accepts);
    }

    // ---------------------------------------------------------------------------------------------- deployment

    /**
     * Lists the deployers on the class path, available or not.
     *
     * @return the deployers, highest priority first
     */
    public static List<ProviderInfo> deployers() {
        return Providers.describe(Deployer.class, Deployer::name, Deployer::priority, Deployer::availability);
    }

    /**
     * Returns the deployer that {@link #export} uses for a source: the available one of highest priority that
     * accepts it.
     *
     * @param source the model
     * @return the deployer
     * @throws ScissionException if no deployer accepts the source or two tie
     */
    public static Deployer deployer(ModelSource source) {
        requireNonNull(source, "source");
        return Providers.pick(Deployer.class, source, Deployer::name, Deployer::priority, Deployer::availability,
                Deployer::accepts);
    }

    /**
     * Cuts a model into one runnable model per segment of a plan (with scission-tf: one TensorFlow SavedModel each)
     * and writes them with a manifest to a new directory, after checking that the chained segments compute what the
     * whole model computes.
     *
     * <pre>{@code
     * SegmentPlan plan = SegmentPlan.of(profiles, result.best().orElseThrow());   // or SegmentPlan.cuts(...)
     * Deployment d = Scission.export(new ModelSource("ResNet50"), plan, Path.of("deploy"), ExportOptions.defaults(),
     *         ProgressListener.NONE);
     * }</pre>
     *
     * @param source the model
     * @param plan what to cut and where each piece runs
     * @param outputDir the deployment's directory: absent or empty, unless the options allow replacing it
     * @param options the seed, verification and replacement options
     * @param listener receives progress; a listener that throws stops the export, leaving nothing behind
     * @return the deployment, as its manifest describes it
     * @throws io.scission.deploy.DeploymentException if the plan does not fit the model, the directory is in the
     *     way, or the segments do not compute what the model computes
     * @throws ScissionException if no deployer accepts the model, or it cannot be loaded
     */
    public static Deployment export(ModelSource source, SegmentPlan plan, Path outputDir, ExportOptions options,
            ProgressListener listener) {
        requireNonNull(source, "source");
        return export(source, plan, outputDir, options, listener, deployer(source));
    }

    /**
     * Exports a plan with the given deployer; see {@link #export(ModelSource, SegmentPlan, Path, ExportOptions,
     * ProgressListener)}.
     *
     * @param source the model
     * @param plan what to cut and where each piece runs
     * @param outputDir the deployment's directory
     * @param options the seed, verification and replacement options
     * @param listener receives progress
     * @param deployer the deployer, which wins over any found on the class path
     * @return the deployment
     */
    public static Deployment export(ModelSource source, SegmentPlan plan, Path outputDir, ExportOptions options,
            ProgressListener listener, Deployer deployer) {
        return requireNonNull(deployer, "deployer").export(requireNonNull(source, "source"),
                requireNonNull(plan, "plan"), requireNonNull(outputDir, "outputDir"),
                requireNonNull(options, "options"), requireNonNull(listener, "listener"));
    }

    /**
     * Reads a deployment's manifest.
     *
     * @param dir the deployment's directory (or its {@code deployment.json})
     * @return the deployment
     * @throws io.scission.InvalidFileException naming the file and field if the manifest is malformed
     */
    public static Deployment readDeployment(Path dir) {
        return DeploymentFiles.read(dir);
    }

    /**
     * Loads a model to run it whole, e.g. on {@code .npy} inputs ({@link io.scission.deploy.Npy}).
     *
     * @param source the model
     * @param seed the seed of random weights, used when the model has none of its own
     * @return the runner; close it
     */
    public static Inference openModel(ModelSource source, long seed) {
        return deployer(requireNonNull(source, "source")).openModel(source, seed);
    }

    /**
     * Loads the model a deployment was cut from, as the export loaded it, e.g. to compare the chain with it.
     *
     * @param deployment the deployment
     * @return the runner; close it
     */
    public static Inference openModel(Deployment deployment) {
        requireNonNull(deployment, "deployment");
        return deployer(new ModelSource(deployment.model().source())).openModel(deployment);
    }

    /**
     * Opens a deployment's segments chained in this process: its inputs and outputs are the model's, and each run
     * times every segment.
     *
     * @param dir the deployment's directory
     * @return the runner; close it
     * @throws io.scission.deploy.DeploymentException if a segment is missing or disagrees with the manifest
     */
    public static Inference openDeployment(Path dir) {
        return runner(readDeployment(dir), dir).openDeployment(dir);
    }

    /**
     * Opens one segment of a deployment, to run it alone given the tensors that enter it (e.g. in a worker that
     * serves it).
     *
     * @param dir the deployment's directory
     * @param index the segment's index, from 0
     * @return the runner; close it
     * @throws io.scission.deploy.DeploymentException if the segment is missing or disagrees with the manifest
     * @throws IllegalArgumentException if there is no such segment
     */
    public static Inference openSegment(Path dir, int index) {
        return runner(readDeployment(dir), dir).openSegment(dir, index);
    }

    private static Deployer runner(Deployment d, Path dir) {
        return Providers.pick(Deployer.class, "the deployment " + dir + " (written by " + d.runtime() + ")",
                Deployer::name, Deployer::priority, Deployer::availability, x -> x.runs(d),
                "Maybe add the runtime that wrote it to the classpath.");
    }
}
