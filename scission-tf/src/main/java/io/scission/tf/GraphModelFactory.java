package io.scission.tf;

import static java.util.Objects.requireNonNull;

import io.scission.model.ModelGraph;
import io.scission.spi.ModelSource;
import io.scission.tf.internal.graph.FlatGraph;
import io.scission.tf.internal.graph.GraphLoader;
import io.scission.tf.internal.graph.LayerGrouper;
import io.scission.tf.internal.graph.LayerStructure;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import org.tensorflow.Graph;
import org.tensorflow.Session;

/**
 * TensorFlow graphs: SavedModel directories (TF1 or TF2/Keras; function calls inlined, variables frozen), frozen
 * GraphDef {@code .pb} files, and in-memory {@link Graph}s. Layers come from Keras metadata where the SavedModel has
 * it, else from name scopes.
 */
final class GraphModelFactory implements TfModelFactory {

    /** The seed of the stand-in weights used when only the structure is wanted. */
    static final long STRUCTURE_SEED = 42L;

    private final TfLoadOptions options;

    GraphModelFactory(TfLoadOptions options) {
        this.options = requireNonNull(options, "options");
    }

    @Override
    public String name() {
        return "tensorflow-graph";
    }

    @Override
    public boolean accepts(ModelSource source) {
        Path p;
        try {
            p = source.path();
        } catch (InvalidPathException e) {
            return false;
        }
        if (Files.isDirectory(p)) {
            return Files.isRegularFile(p.resolve("saved_model.pb"))
                    || Files.isRegularFile(p.resolve("saved_model.pbtxt"));
        }
        String file = p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(p) && file.endsWith(".pb");
    }

    @Override
    public ModelGraph parse(ModelSource source) {
        TfLoadOptions structureOnly = options.weights() == TfLoadOptions.Weights.FROM_FILE ? options
                : options.withWeights(TfLoadOptions.Weights.SEEDED_RANDOM);
        try (TfModel m = open(source.path(), structureOnly, STRUCTURE_SEED)) {
            return m.structure();
        }
    }

    @Override
    public TfModel open(ModelSource source, long seed) {
        return open(source.path(), options, seed);
    }

    private static TfModel open(Path path, TfLoadOptions o, long seed) {
        try (FlatGraph flat = GraphLoader.load(path, o, seed)) {
            return model(flat, o.name().isEmpty() ? modelName(path) : o.name(), o);
        }
    }

    /**
     * Flattens an in-memory graph into a new model; the given graph is only read and stays the caller's.
     *
     * @param graph the graph
     * @param session a session holding the graph's variable values, or null to use seeded random values
     * @param name the model's name
     * @param seed the seed of random weights
     * @return the model
     */
    TfModel open(Graph graph, @org.jspecify.annotations.Nullable Session session, String name, long seed) {
        try (FlatGraph flat = session == null ? GraphLoader.fromGraph(graph, options, seed)
                : GraphLoader.fromGraph(graph, session, options, seed)) {
            return model(flat, name, options);
        }
    }

    private static TfModel model(FlatGraph flat, String name, TfLoadOptions o) {
        LayerStructure s = LayerGrouper.group(flat, name, o.inputShapes());
        return new TfModel(flat.source(), s.model(), flat.release(), s.tensors(), flat.weights().describe());
    }

    /** The file name without extension; for a directory named like {@code model} or {@code 1}, its parent's. */
    static String modelName(Path path) {
        Path p = path.toAbsolutePath().normalize();
        if (p.getFileName() != null && p.getFileName().toString().equals("saved_model.pb") && p.getParent() != null) {
            p = p.getParent();
        }
        String name = p.getFileName() == null ? "model" : p.getFileName().toString();
        if ((name.equals("model") || name.equals("saved_model") || name.matches("\\d+")) && p.getParent() != null
                && p.getParent().getFileName() != null) {
            return p.getParent().getFileName().toString();
        }
        int dot = name.lastIndexOf('.');
        return dot > 0 && !Files.isDirectory(p) ? name.substring(0, dot) : name;
    }
}
