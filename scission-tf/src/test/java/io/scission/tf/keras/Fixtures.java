package io.scission.tf.keras;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scission.model.TensorRef;
import io.scission.tf.TfModel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/** Small hand-written Keras models, with given weights written as TF.js shards, and a runner for them. */
final class Fixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    /** A functional model builder: layers in order, each reading earlier layers by name. */
    static final class Model {
        private final ObjectMapper m = JSON;
        private final ArrayNode layers = m.createArrayNode();
        private final Map<String, float[]> weights = new LinkedHashMap<>();
        private final Map<String, long[]> shapes = new LinkedHashMap<>();
        private String last;

        Model input(String name, long... shape) {
            ObjectNode l = layers.addObject();
            l.put("class_name", "InputLayer");
            ObjectNode c = l.putObject("config");
            ArrayNode b = c.putArray("batch_input_shape");
            b.addNull();
            for (long d : shape) {
                b.add(d);
            }
            c.put("dtype", "float32");
            c.put("name", name);
            l.put("name", name);
            l.putArray("inbound_nodes");
            last = name;
            return this;
        }

        /** Adds a layer with a config given as JSON text (without name), reading the given layers. */
        Model layer(String cls, String name, String config, String... inputs) {
            ObjectNode l = layers.addObject();
            l.put("class_name", cls);
            try {
                ObjectNode c = (ObjectNode) m.readTree(config);
                c.put("name", name);
                l.set("config", c);
            } catch (IOException e) {
                throw new IllegalArgumentException(config, e);
            }
            l.put("name", name);
            ArrayNode node = l.putArray("inbound_nodes").addArray();
            for (String in : inputs.length == 0 ? new String[] {last} : inputs) {
                ArrayNode ref = node.addArray();
                ref.add(in).add(0).add(0).addObject();
            }
            last = name;
            return this;
        }

        Model weight(String name, float[] values, long... shape) {
            weights.put(name, values);
            shapes.put(name, shape);
            return this;
        }

        String json() {
            ObjectNode root = m.createObjectNode();
            root.put("class_name", "Model");
            ObjectNode config = root.putObject("config");
            config.put("name", "fixture");
            config.set("layers", layers);
            String first = layers.get(0).get("name").asText();
            config.putArray("input_layers").addArray().add(first).add(0).add(0);
            config.putArray("output_layers").addArray().add(last).add(0).add(0);
            root.put("keras_version", "2.2.4-tf");
            root.put("backend", "tensorflow");
            return root.toString();
        }

        /** Writes model.json (TF.js layers format) plus one float32 shard into dir; returns model.json. */
        Path writeTfjs(Path dir) throws IOException {
            ObjectNode root = m.createObjectNode();
            ObjectNode topology = root.putObject("modelTopology");
            topology.put("keras_version", "2.2.4-tf");
            topology.put("backend", "tensorflow");
            topology.set("model_config", m.readTree(json()));
            ArrayNode manifest = root.putArray("weightsManifest");
            ObjectNode group = manifest.addObject();
            group.putArray("paths").add("group1-shard1of1.bin");
            ArrayNode ws = group.putArray("weights");
            int bytes = 0;
            for (Map.Entry<String, float[]> e : weights.entrySet()) {
                ObjectNode w = ws.addObject();
                w.put("name", e.getKey());
                ArrayNode s = w.putArray("shape");
                for (long d : shapes.get(e.getKey())) {
                    s.add(d);
                }
                w.put("dtype", "float32");
                bytes += 4 * e.getValue().length;
            }
            ByteBuffer data = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
            for (float[] v : weights.values()) {
                for (float f : v) {
                    data.putFloat(f);
                }
            }
            Files.write(dir.resolve("group1-shard1of1.bin"), data.array());
            Path model = dir.resolve("model.json");
            Files.writeString(model, root.toString());
            return model;
        }
    }

    /** Runs a built model on one input (batch 1) and returns the values of the given layer's output. */
    static float[] run(TfModel model, float[] input, long[] inputShape, int layer) {
        long[] dims = new long[inputShape.length + 1];
        dims[0] = 1;
        System.arraycopy(inputShape, 0, dims, 1, inputShape.length);
        try (Session s = new Session(model.graph());
                TFloat32 x = TFloat32.tensorOf(Shape.of(dims), DataBuffers.of(input, true, false));
                Result r = s.runner().feed(model.tensor(TensorRef.of(0)), x).fetch(model.tensor(TensorRef.of(layer)))
                        .run()) {
            TFloat32 y = (TFloat32) r.get(0);
            float[] out = new float[Math.toIntExact(y.shape().size())];
            y.copyTo(DataBuffers.of(out, false, false));
            return out;
        }
    }

    /** Returns the static shape TF infers for a layer's output tensor, batch included. */
    static List<Long> graphShape(TfModel model, int layer) {
        Shape shape = model.graph().output(model.tensor(TensorRef.of(layer))).shape();
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < shape.numDimensions(); i++) {
            out.add(shape.get(i));
        }
        return out;
    }

    static float[] range(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = i + 1;
        }
        return v;
    }

    static float[] filled(int n, float value) {
        float[] v = new float[n];
        java.util.Arrays.fill(v, value);
        return v;
    }
}
