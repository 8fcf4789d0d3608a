package io.scission.tf.keras;

import io.jhdf.api.Group;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The weights in a Keras HDF5 file, as {@code model.save()} ({@code /model_weights}) or {@code save_weights()}
 * (the root group) writes them: the group's {@code layer_names} attribute lists the layers, each layer group's
 * {@code weight_names} lists its weights in Keras order, e.g. {@code conv1_1/kernel:0} (TF may have uniquified the
 * prefix, so the weight is keyed by its layer group's name and the last path component: {@code conv1/kernel}).
 */
final class H5Weights implements WeightSource {

    private static final String MODEL_WEIGHTS = "model_weights";

    private final byte[] bytes;
    private final String source;
    private final boolean wholeModel;
    private final int layers;

    private H5Weights(byte[] bytes, String source, boolean wholeModel, int layers) {
        this.bytes = bytes;
        this.source = source;
        this.wholeModel = wholeModel;
        this.layers = layers;
    }

    /** Returns the file's weights, or null if it has none (no {@code layer_names}). */
    static @Nullable H5Weights of(byte[] bytes, String source) {
        try (Hdf5File file = Hdf5File.open(bytes, source)) {
            Group model = file.group(file.root(), MODEL_WEIGHTS).orElse(null);
            Group group = model != null ? model : file.root();
            return file.strings(group, "layer_names")
                    .map(n -> new H5Weights(bytes, source, model != null, n.size())).orElse(null);
        }
    }

    @Override
    public String describe() {
        return "keras-h5(" + layers + " layers)";
    }

    @Override
    public Map<String, Tensor> load() {
        Map<String, Tensor> out = new HashMap<>();
        try (Hdf5File file = Hdf5File.open(bytes, source)) {
            Group group = wholeModel ? file.group(file.root(), MODEL_WEIGHTS).orElseThrow() : file.root();
            for (String layer : file.strings(group, "layer_names").orElseThrow()) {
                Group layerGroup = file.group(group, layer).orElseThrow(() -> file.fail(group.getPath(), "lists "
                        + "the layer " + layer + " in layer_names but has no group for it.\nMaybe save the model "
                        + "again."));
                for (String weight : file.strings(layerGroup, "weight_names").orElse(List.of())) {
                    String last = weight.substring(weight.lastIndexOf('/') + 1);
                    int colon = last.lastIndexOf(':');
                    out.put(layer + "/" + (colon > 0 ? last.substring(0, colon) : last),
                            file.floats(layerGroup, weight));
                }
            }
        }
        return out;
    }
}
