package io.scission.tf.deploy;

import io.scission.deploy.Deployment;
import io.scission.deploy.DeploymentException;
import io.scission.deploy.ElementType;
import io.scission.model.Layer;
import io.scission.model.ModelGraph;
import io.scission.model.TensorRef;
import io.scission.model.TensorSpec;
import io.scission.tf.TfModel;
import io.scission.tf.internal.graph.GraphDefs;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tensorflow.GraphOperation;
import org.tensorflow.proto.DataType;

/** Describes a model's layer outputs as {@link Deployment.CutTensor}s, named after their layers. */
final class CutTensors {

    private CutTensors() {
    }

    /** The signature key of a layer output: the layer's name, or {@code name:k} if the layer has several outputs. */
    static String key(ModelGraph g, TensorRef ref) {
        Layer layer = g.layers().get(ref.layer());
        return layer.outputs().size() == 1 ? layer.name() : layer.name() + ":" + ref.output();
    }

    /** The TensorFlow type of a layer output, read from the model's graph. */
    static DataType dataType(TfModel model, TensorRef ref) {
        String t = model.tensor(ref);
        GraphOperation op = model.graph().operation(GraphDefs.nodeOf(t));
        if (op == null) {
            throw new IllegalStateException("The tensor " + t + " of model " + model.structure().name()
                    + " is not in its graph.");
        }
        return op.output(GraphDefs.indexOf(t)).dataType();
    }

    /**
     * Describes a layer output.
     *
     * @param model the model
     * @param ref the layer output
     * @param segmentTensor its name in the segment's graph (for the whole model: the model tensor)
     * @param modelEdge whether it is a model input or output at this place
     * @return the description
     * @throws DeploymentException if its type cannot cross a cut (e.g. string)
     */
    static Deployment.CutTensor describe(TfModel model, TensorRef ref, String segmentTensor, boolean modelEdge) {
        ModelGraph g = model.structure();
        Layer layer = g.layers().get(ref.layer());
        TensorSpec spec = layer.outputs().get(ref.output());
        DataType dt = dataType(model, ref);
        ElementType type = TfTensors.elementType(dt).orElseThrow(() -> new DeploymentException(String.format(
                Locale.ROOT, "The tensor %s (output %d of layer %s) of model %s has type %s, which a deployment "
                        + "cannot carry between segments or to and from .npy files.%nMaybe cut elsewhere, or feed "
                        + "a numeric tensor further in.", model.tensor(ref), ref.output(), layer.name(), g.name(),
                dt)));
        return new Deployment.CutTensor(key(g, ref), layer.name(), ref.layer(), ref.output(), segmentTensor,
                model.tensor(ref), type, spec.shape(), spec.bytes(), modelEdge);
    }

    /** The model's inputs: every output of every input layer, in layer order. */
    static List<TensorRef> modelInputs(ModelGraph g) {
        List<TensorRef> refs = new ArrayList<>();
        for (Layer layer : g.layers()) {
            if (layer.isInput()) {
                for (int k = 0; k < layer.outputs().size(); k++) {
                    refs.add(new TensorRef(layer.index(), k));
                }
            }
        }
        return refs;
    }
}
