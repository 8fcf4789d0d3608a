package io.scission.tf.keras;

import static java.util.Objects.requireNonNull;

import io.scission.ScissionException;
import io.scission.model.Layer;
import io.scission.model.ModelGraph;
import io.scission.model.TensorRef;
import io.scission.model.TensorSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A Keras model's architecture after parsing and Java-side shape inference: its layers in Keras order, with
 * output shapes and weights, and its output tensors. Needs no TensorFlow. {@link KerasReader} makes it;
 * {@link #toModelGraph()} gives the core layer graph, and the graph builder turns it into a runnable TensorFlow
 * graph.
 */
public final class KerasArchitecture {

    private final String source;
    private final String name;
    private final String format;
    private final String kerasVersion;
    private final List<KerasLayer> layers;
    private final List<TensorRef> outputs;
    private final @Nullable WeightSource weights;

    KerasArchitecture(String source, String name, String format, String kerasVersion, List<KerasLayer> layers,
            List<TensorRef> outputs, @Nullable WeightSource weights) {
        this.source = requireNonNull(source, "source");
        this.name = requireNonNull(name, "name");
        this.format = requireNonNull(format, "format");
        this.kerasVersion = requireNonNull(kerasVersion, "kerasVersion");
        this.layers = List.copyOf(layers);
        this.outputs = List.copyOf(outputs);
        this.weights = weights;
    }

    /**
     * Returns where the architecture came from (a file, or {@code zoo:<key>}).
     *
     * @return the source
     */
    public String source() {
        return source;
    }

    KerasArchitecture withKerasVersion(String version) {
        return new KerasArchitecture(source, name, format, version, layers, outputs, weights);
    }

    KerasArchitecture withWeights(@Nullable WeightSource real) {
        return new KerasArchitecture(source, name, format, kerasVersion, layers, outputs, real);
    }

    /**
     * Returns the Keras model name ({@code config.name}).
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the file format, e.g. {@code keras-json}, {@code keras-h5} or {@code tfjs-layers}.
     *
     * @return format
     */
    public String format() {
        return format;
    }

    /**
     * Returns the {@code keras_version} the file states, or empty.
     *
     * @return the version
     */
    public String kerasVersion() {
        return kerasVersion;
    }

    /**
     * Returns the layers in Keras {@code model.layers} order.
     *
     * @return the layers
     */
    public List<KerasLayer> layers() {
        return layers;
    }

    /**
     * Returns the model's output tensors.
     *
     * @return the outputs
     */
    public List<TensorRef> outputs() {
        return outputs;
    }

    /**
     * Returns the real weights that came with the file (TF.js shards, Keras h5), if any.
     *
     * @return the weights
     */
    public Optional<WeightSource> weights() {
        return Optional.ofNullable(weights);
    }

    /**
     * Returns the total number of parameters, as Keras's {@code count_params()}.
     *
     * @return parameters
     */
    public long params() {
        long n = 0;
        for (KerasLayer layer : layers) {
            n += layer.params();
        }
        return n;
    }

    /**
     * Returns the number of trainable parameters.
     *
     * @return trainable parameters
     */
    public long trainableParams() {
        long n = 0;
        for (KerasLayer layer : layers) {
            n += layer.trainableParams();
        }
        return n;
    }

    /**
     * Returns the core layer graph: one layer per Keras layer, same order and names, float32 outputs with a batch
     * dimension of -1.
     *
     * @return the graph
     * @throws ScissionException if a layer's output shape is not fully known (a model with a free input size)
     */
    public ModelGraph toModelGraph() {
        List<Layer> out = new ArrayList<>(layers.size());
        for (KerasLayer layer : layers) {
            List<Long> shape = new ArrayList<>();
            shape.add(-1L);
            for (long d : layer.outputShape()) {
                if (d < 0) {
                    String input = layers.stream().filter(l -> l.className().equals("InputLayer")).map(KerasLayer::name)
                            .findFirst().orElse("input_1");
                    throw new ScissionException(String.format(Locale.ROOT,
                            "%s: layer %s (%s) has the output shape %s, with a dimension that is only known at run "
                                    + "time.%nMaybe give the model's input a fixed size: "
                                    + "TfLoadOptions.withInputShape(\"%s\", -1, 224, 224, 3) with your sizes.",
                            source, layer.name(), layer.className(), shapeText(layer.outputShape()), input));
                }
                shape.add(d);
            }
            out.add(new Layer(layer.index(), layer.name(), layer.className(), layer.inputs(),
                    List.of(new TensorSpec("float32", 4, shape))));
        }
        return ModelGraph.of(name, out, outputs);
    }

    /** Formats a shape without batch as Keras prints it: {@code (None, 224, 224, 3)}. */
    static String shapeText(long[] shape) {
        StringBuilder b = new StringBuilder("(None");
        for (long d : shape) {
            b.append(", ").append(d < 0 ? "None" : Long.toString(d));
        }
        return b.append(')').toString();
    }

    static String shapeText(List<Long> shape) {
        long[] a = new long[shape.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = shape.get(i);
        }
        return shapeText(a);
    }

    @Override
    public String toString() {
        return "KerasArchitecture{" + name + ", " + layers.size() + " layers, " + format + "}";
    }
}
