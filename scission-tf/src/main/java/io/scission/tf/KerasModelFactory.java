package io.scission.tf;

import static java.util.Objects.requireNonNull;

import io.scission.model.ModelGraph;
import io.scission.spi.ModelSource;
import io.scission.tf.keras.KerasArchitecture;
import io.scission.tf.keras.KerasGraphBuilder;
import io.scission.tf.keras.KerasReader;
import io.scission.tf.zoo.KerasZoo;
import java.util.List;
import java.util.Map;

/**
 * Keras architectures: {@code to_json()} files, Keras {@code .h5} files (their {@code model_config}), TF.js layers
 * models ({@code model.json} or its directory), and the built-in zoo by name ({@code ResNet50}, {@code zoo:vgg16}).
 * Parsing needs no TensorFlow; opening builds a graph with the file's own weights (TF.js shards, Keras h5) or
 * seeded random ones.
 */
final class KerasModelFactory implements TfModelFactory {

    private final TfLoadOptions options;

    KerasModelFactory(TfLoadOptions options) {
        this.options = requireNonNull(options, "options");
    }

    @Override
    public String name() {
        return "keras";
    }

    @Override
    public boolean accepts(ModelSource source) {
        if (source.exists()) {
            return KerasReader.accepts(source.path());
        }
        return KerasZoo.contains(source.location());
    }

    @Override
    public ModelGraph parse(ModelSource source) {
        return architecture(source).toModelGraph();
    }

    @Override
    public TfModel open(ModelSource source, long seed) {
        return KerasGraphBuilder.build(architecture(source), seed);
    }

    /** Reads the architecture, with the input shapes of the load options (see {@link TfLoadOptions#inputShapes}). */
    private KerasArchitecture architecture(ModelSource source) {
        boolean zoo = !source.exists() && KerasZoo.contains(source.location());
        KerasArchitecture a = zoo ? KerasZoo.architecture(source.location()) : KerasReader.read(source.path());
        if (options.inputShapes().isEmpty()) {
            return a;
        }
        Map<String, List<Long>> shapes = KerasReader.layerShapes(a, options.inputShapes());
        return zoo ? KerasReader.parse(KerasZoo.json(source.location()), a.source(), shapes)
                : KerasReader.read(source.path(), shapes);
    }
}
