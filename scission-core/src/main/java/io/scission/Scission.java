package io.scission;

import static java.util.Objects.requireNonNull;

import io.scission.model.ModelGraph;
import io.scission.platform.Network;
import io.scission.platform.NetworkFiles;
import io.scission.platform.NetworkPreset;
import io.scission.profile.Profile;
import io.scission.profile.ProfileFiles;
import io.scission.profile.ProfileSet;
import io.scission.spi.BlockProfiler;
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
}
