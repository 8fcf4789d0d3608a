package io.scission.tf;

import static java.util.Objects.requireNonNull;

import io.scission.model.ModelGraph;
import io.scission.spi.Availability;
import io.scission.spi.ModelParser;
import io.scission.spi.ModelSource;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.tensorflow.Graph;
import org.tensorflow.Session;

/**
 * Parses TensorFlow models into layers: SavedModel directories (TF1 graphs and TF2/Keras models, whose
 * function calls are inlined into one flat graph), frozen GraphDef {@code .pb} files, and in-memory graphs. Found
 * by {@link java.util.ServiceLoader} under the name {@code tensorflow}; create one with options to load models that
 * need them, e.g. a named input tensor.
 *
 * <pre>{@code
 * ModelGraph g = Scission.parse(ModelSource.of(Path.of("saved_model_dir")));
 * ModelGraph kws = Scission.parse(ModelSource.of(Path.of("DS_CNN_L.pb")),
 *         new TensorFlowModelParser(TfLoadOptions.defaults().withInputs("Mfcc:0")));
 * BlockLayout blocks = kws.blocks(PartitionRule.SCISSION);
 * }</pre>
 *
 * <p>Checking {@link #accepts} and {@link #availability} only on demand loads the native TensorFlow runtime.
 */
public final class TensorFlowModelParser implements ModelParser {

    private final TfLoadOptions options;
    private final List<TfModelFactory> factories;

    /** Creates the parser with {@link TfLoadOptions#defaults()}; this is what {@code ServiceLoader} uses. */
    public TensorFlowModelParser() {
        this(TfLoadOptions.defaults());
    }

    /**
     * Creates the parser with the given options.
     *
     * @param options how to load graphs
     */
    public TensorFlowModelParser(TfLoadOptions options) {
        this.options = requireNonNull(options, "options");
        this.factories = TfModelFactories.all(options);
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
     * Returns true for a SavedModel directory, a {@code .pb} file, a Keras JSON or {@code .h5} file, a TF.js layers
     * model, or a zoo name: a source one of the model factories takes.
     *
     * @param source the source
     * @return whether it is accepted
     */
    @Override
    public boolean accepts(ModelSource source) {
        requireNonNull(source, "source");
        return find(factories, source) != null;
    }

    /**
     * Parses the model into layers in a deterministic topological order (Keras order for Keras models).
     *
     * @param source the model
     * @return the layer graph
     * @throws ModelLoadException naming the file and node if the model cannot be loaded
     */
    @Override
    public ModelGraph parse(ModelSource source) {
        try {
            return factory(factories, requireNonNull(source, "source")).parse(source);
        } catch (LinkageError e) {
            throw NativeRuntime.failure(e);
        }
    }

    /**
     * Loads the model ready to run: its flat graph, its layers and the tensor of every layer output. Close it.
     *
     * @param source the model
     * @param seed the seed of random weights, used if the model's own are absent or the options ask for them
     * @return the model
     * @throws ModelLoadException naming the file and node if the model cannot be loaded
     */
    public TfModel open(ModelSource source, long seed) {
        try {
            return factory(factories, requireNonNull(source, "source")).open(source, seed);
        } catch (LinkageError e) {
            throw NativeRuntime.failure(e);
        }
    }

    /**
     * Flattens an in-memory graph (inlining function calls, if any) into a new model; the given graph stays the
     * caller's and is only read. Variables, if any, get seeded random values.
     *
     * <pre>{@code
     * try (TfModel m = new TensorFlowModelParser().open(graph, "my-cnn", 42L)) {
     *     Profile p = new TensorFlowProfiler().profile(m, ProfileRequest.of(laptop), ProgressListener.NONE);
     * }
     * }</pre>
     *
     * @param graph the graph; inputs are its single used placeholder unless the options name them
     * @param name the model's name
     * @param seed the seed of random weights
     * @return the model
     * @throws ModelLoadException naming the node if the graph cannot be used
     */
    public TfModel open(Graph graph, String name, long seed) {
        return graphFactory().open(requireNonNull(graph, "graph"), null, requireNonNull(name, "name"), seed);
    }

    /**
     * Flattens an in-memory graph whose variables are initialised in a session, freezing their current values.
     *
     * @param graph the graph, only read
     * @param session a session on the graph with initialised variables
     * @param name the model's name
     * @return the model
     * @throws ModelLoadException naming the node if the graph cannot be used
     */
    public TfModel open(Graph graph, Session session, String name) {
        return graphFactory().open(requireNonNull(graph, "graph"), requireNonNull(session, "session"),
                requireNonNull(name, "name"), GraphModelFactory.STRUCTURE_SEED);
    }

    private GraphModelFactory graphFactory() {
        return new GraphModelFactory(options);
    }

    static @Nullable TfModelFactory find(List<TfModelFactory> factories, ModelSource source) {
        for (TfModelFactory f : factories) {
            if (f.accepts(source)) {
                return f;
            }
        }
        return null;
    }

    /** Returns the first factory that accepts the source, or fails saying why none does. */
    static TfModelFactory factory(List<TfModelFactory> factories, ModelSource source) {
        TfModelFactory f = find(factories, source);
        if (f != null) {
            return f;
        }
        List<String> names = new ArrayList<>();
        for (TfModelFactory x : factories) {
            names.add(x.name());
        }
        String loc = source.location();
        if (!source.exists()) {
            throw new ModelLoadException(loc, "no such file or directory.\nMaybe check the path.");
        }
        if (Files.isDirectory(source.path())) {
            throw new ModelLoadException(loc, "is not a model directory: it has no saved_model.pb, and no other "
                    + "model factory " + names + " takes it (it holds: " + NativeRuntime.listing(source.path())
                    + ").\nMaybe name the SavedModel directory, or a frozen GraphDef .pb file.");
        }
        throw new ModelLoadException(loc, "is not a model file that scission-tf reads (factories: " + names
                + ").\nMaybe name a SavedModel directory or a frozen GraphDef .pb file.");
    }
}
