package io.scission.tf.keras;

import io.scission.InvalidFileException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The weights in a Keras HDF5 file, as {@code model.save()} ({@code /model_weights}) or {@code save_weights()}
 * (the root group) writes them: the group's {@code layer_names} attribute lists the layers, each layer group's
 * {@code weight_names} lists its weights in Keras order, e.g. {@code conv1_1/kernel:0} (TF may have uniquified the
 * prefix, so the weight is keyed by its layer group's name and the last path component: {@code conv1/kernel}).
 */
final class H5Weights implements WeightSource {

    private final byte[] bytes;
    private final String source;
    private final long group;
    private final int layers;

    private H5Weights(byte[] bytes, String source, long group, int layers) {
        this.bytes = bytes;
        this.source = source;
        this.group = group;
        this.layers = layers;
    }

    /** Returns the file's weights, or null if it has none (no {@code layer_names}). */
    static @Nullable H5Weights of(byte[] bytes, String source) {
        Hdf5File file = new Hdf5File(bytes, source);
        try {
            long group = file.find(file.root(), "model_weights").orElse(file.root());
            Optional<List<String>> names = file.stringAttribute(group, "layer_names");
            return names.map(n -> new H5Weights(bytes, source, group, n.size())).orElse(null);
        } catch (IndexOutOfBoundsException e) {
            throw truncated(source);
        }
    }

    @Override
    public String describe() {
        return "keras-h5(" + layers + " layers)";
    }

    @Override
    public Map<String, Tensor> load() {
        Hdf5File file = new Hdf5File(bytes, source);
        Map<String, Tensor> out = new HashMap<>();
        try {
            for (String layer : file.stringAttribute(group, "layer_names").orElseThrow()) {
                long layerGroup = file.find(group, layer).orElseThrow(() -> file.fail("lists the layer " + layer
                        + " in layer_names but has no group for it"));
                for (String weight : file.stringAttribute(layerGroup, "weight_names").orElse(List.of())) {
                    long dataset = file.find(layerGroup, weight).orElseThrow(() -> file.fail("lists the weight "
                            + weight + " of layer " + layer + " but has no dataset for it"));
                    Hdf5File.Dataset d = file.dataset(dataset, layer + "/" + weight);
                    String last = weight.substring(weight.lastIndexOf('/') + 1);
                    int colon = last.lastIndexOf(':');
                    out.put(layer + "/" + (colon > 0 ? last.substring(0, colon) : last),
                            new Tensor(d.shape(), d.values()));
                }
            }
        } catch (IndexOutOfBoundsException e) {
            throw truncated(source);
        }
        return out;
    }

    private static InvalidFileException truncated(String source) {
        return new InvalidFileException(source, "", "is a truncated or unsupported HDF5 file (read past its end).");
    }
}
