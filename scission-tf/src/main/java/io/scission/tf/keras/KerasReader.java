package io.scission.tf.keras;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scission.InvalidFileException;
import io.scission.ScissionException;
import io.scission.model.TensorRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import io.scission.tf.internal.files.ModelFiles;
import org.jspecify.annotations.Nullable;

/**
 * Reads Keras model architectures as Keras writes them and infers every layer's output shape and weights, without
 * TensorFlow:
 * <ul>
 *   <li>Keras 2.x / tf.keras {@code model.to_json()}: classes {@code Model}, {@code Functional} (layers with
 *       {@code inbound_nodes} lists) and {@code Sequential} (a layer list, or {@code {"name", "layers"}});</li>
 *   <li>the {@code model_config} attribute of a Keras HDF5 file ({@code model.save("x.h5")}), with its
 *       {@code model_weights}; or a JSON file plus the HDF5 file {@code model.save_weights()} wrote for it;</li>
 *   <li>TensorFlow.js layers models: a {@code model.json} whose {@code modelTopology} holds the Keras config, with
 *       its weight shards when they are next to it.</li>
 * </ul>
 * Layers keep Keras's {@code model.layers} order when it is topological (it always is for files Keras writes). A
 * Sequential model gets an explicit input layer {@code <first layer>_input} at index 0, as tf.keras names it.
 */
public final class KerasReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private KerasReader() {
    }

    /**
     * Returns true if the path looks like a Keras architecture this reader understands: a {@code .h5}/{@code .hdf5}
     * file, a {@code .json} file whose top level has {@code class_name} or {@code modelTopology}, or a directory
     * holding such a {@code model.json}. Reads at most the first 64 KiB.
     *
     * @param path the path
     * @return whether the reader accepts it
     */
    public static boolean accepts(Path path) {
        try {
            Path file = Files.isDirectory(path) ? path.resolve("model.json") : path;
            if (!Files.isRegularFile(file)) {
                return false;
            }
            String fileName = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (fileName.endsWith(".h5") || fileName.endsWith(".hdf5")) {
                return true;
            }
            if (!fileName.endsWith(".json")) {
                return false;
            }
            byte[] head;
            try (var in = Files.newInputStream(file)) {
                head = in.readNBytes(65536);
            }
            String text = new String(head, StandardCharsets.UTF_8);
            return text.contains("\"modelTopology\"")
                    || text.contains("\"class_name\"") && (text.contains("\"Model\"")
                            || text.contains("\"Functional\"") || text.contains("\"Sequential\""));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Reads a Keras JSON file, a Keras HDF5 file, a TF.js {@code model.json} or a directory holding one.
     *
     * @param path the file or directory
     * @return the architecture
     * @throws ScissionException naming the file and layer if it cannot be read or has an unsupported layer
     */
    public static KerasArchitecture read(Path path) {
        return read(path, Map.of());
    }

    /**
     * Reads a file as {@link #read(Path)}, replacing the shapes of the named input layers, e.g. to give a fully
     * convolutional model (input {@code (None, None, None, 3)}) a fixed size.
     *
     * @param path the file or directory
     * @param inputShapes input layer name to its shape without the batch dimension
     * @return the architecture
     * @throws ScissionException naming the file and layer if it cannot be read or has an unsupported layer
     */
    public static KerasArchitecture read(Path path, Map<String, List<Long>> inputShapes) {
        Path file = Files.isDirectory(path) ? path.resolve("model.json") : path;
        String source = path.toString();
        byte[] bytes = ModelFiles.read(file, source);
        if (startsWith(bytes, HDF5_SIGNATURE)) {
            String config;
            String version;
            try (Hdf5File h5 = Hdf5File.open(bytes, source)) {
                config = h5.strings(h5.root(), "model_config").orElseThrow(() -> h5.fail("", "has no root "
                        + "attribute model_config.\nMaybe it holds weights only (model.save_weights); pass the "
                        + "architecture JSON (model.to_json()) with it: KerasReader.read(json, h5)")).get(0);
                version = h5.strings(h5.root(), "keras_version").map(v -> v.get(0)).orElse("");
            }
            return parse(config, source, "keras-h5", null, inputShapes).withKerasVersion(version)
                    .withWeights(H5Weights.of(bytes, source));
        }
        return parse(new String(bytes, StandardCharsets.UTF_8), source, null, file.getParent(), inputShapes);
    }

    /**
     * Turns input shapes as {@link io.scission.tf.TfLoadOptions#inputShapes()} gives them (by tensor name
     * {@code input_1:0}, layer name {@code input_1} or {@link io.scission.tf.TfLoadOptions#ALL_INPUTS}; batch
     * dimension first) into the per-layer shapes of {@link #read(Path, Map)} (by input layer name, no batch).
     *
     * @param architecture the model as read without shapes
     * @param shapes the shapes, batch dimension included
     * @return input layer name to its shape without the batch dimension
     * @throws IllegalArgumentException naming the model if a name is not one of its input layers, or a shape has
     *     no dimension besides the batch
     */
    public static Map<String, List<Long>> layerShapes(KerasArchitecture architecture,
            Map<String, List<Long>> shapes) {
        List<String> inputs = new ArrayList<>();
        for (KerasLayer l : architecture.layers()) {
            if (l.className().equals("InputLayer")) {
                inputs.add(l.name());
            }
        }
        Map<String, List<Long>> out = new LinkedHashMap<>();
        List<Long> all = shapes.get(io.scission.tf.TfLoadOptions.ALL_INPUTS);
        if (all != null) {
            for (String in : inputs) {
                out.put(in, withoutBatch(architecture, in, all));
            }
        }
        for (Map.Entry<String, List<Long>> e : shapes.entrySet()) {
            String key = e.getKey();
            if (key.equals(io.scission.tf.TfLoadOptions.ALL_INPUTS)) {
                continue;
            }
            String layer = key.endsWith(":0") ? key.substring(0, key.length() - 2) : key;
            if (!inputs.contains(layer)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "The input (%s) given a shape is not "
                        + "an input of %s (its inputs: %s).%nMaybe give the shape for %s, or for %s (every input).",
                        key, architecture.source(), String.join(", ", inputs), inputs.isEmpty() ? "*" : inputs.get(0),
                        io.scission.tf.TfLoadOptions.ALL_INPUTS));
            }
            out.put(layer, withoutBatch(architecture, key, e.getValue()));
        }
        return out;
    }

    private static List<Long> withoutBatch(KerasArchitecture a, String input, List<Long> shape) {
        if (shape.size() < 2) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "The input shape %s given for %s of %s "
                    + "has no dimension besides the batch.%nMaybe give the batch first, e.g. [-1, 224, 224, 3].",
                    shape, input, a.source()));
        }
        return List.copyOf(shape.subList(1, shape.size()));
    }

    /**
     * Reads an architecture (a Keras JSON file) together with the weights that {@code model.save_weights("x.h5")}
     * wrote for it.
     *
     * @param model the architecture file
     * @param weights the HDF5 weights file
     * @return the architecture, with the weights
     * @throws ScissionException naming the file if either cannot be read
     */
    public static KerasArchitecture read(Path model, Path weights) {
        KerasArchitecture a = read(model);
        byte[] bytes = ModelFiles.read(weights, weights.toString());
        if (!startsWith(bytes, HDF5_SIGNATURE)) {
            throw new InvalidFileException(weights.toString(), "", "is not an HDF5 file.");
        }
        H5Weights h5 = H5Weights.of(bytes, weights.toString());
        if (h5 == null) {
            throw new InvalidFileException(weights.toString(), "", "has no layer_names attribute, so it holds no "
                    + "Keras weights.");
        }
        return a.withWeights(h5);
    }

    /**
     * Parses Keras JSON text ({@code to_json()} output or a TF.js {@code model.json}; TF.js weights are not loaded).
     *
     * @param json the text
     * @param source a name for messages, e.g. the file name
     * @return the architecture
     * @throws ScissionException naming the source and layer if it cannot be parsed or has an unsupported layer
     */
    public static KerasArchitecture parse(String json, String source) {
        return parse(json, source, null, null, Map.of());
    }

    /**
     * Parses Keras JSON text as {@link #parse(String, String)}, replacing the shapes of the named input layers as
     * {@link #read(Path, Map)} does.
     *
     * @param json the text
     * @param source a name for messages
     * @param inputShapes input layer name to its shape without the batch dimension
     * @return the architecture
     * @throws ScissionException naming the source and layer if it cannot be parsed or has an unsupported layer
     */
    public static KerasArchitecture parse(String json, String source, Map<String, List<Long>> inputShapes) {
        return parse(json, source, null, null, inputShapes);
    }

    static KerasArchitecture parse(String json, String source, @Nullable String formatHint, @Nullable Path dir,
            Map<String, List<Long>> inputShapes) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidFileException(source, "", "is not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + "): " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidFileException(source, "", "is not a JSON object.\nMaybe pass the output of "
                    + "model.to_json(), a Keras .h5 file or a TF.js model.json.");
        }
        String format = formatHint == null ? "keras-json" : formatHint;
        String kerasVersion = text(root, "keras_version");
        JsonNode model = root;
        String pointer = "";
        TfjsWeights weights = null;
        if (root.has("modelTopology")) {
            format = "tfjs-layers";
            JsonNode topology = root.get("modelTopology");
            kerasVersion = text(topology, "keras_version");
            if (topology.has("model_config")) {
                model = topology.get("model_config");
                pointer = "/modelTopology/model_config";
            } else {
                model = topology;
                pointer = "/modelTopology";
            }
            if (dir != null && root.has("weightsManifest")) {
                weights = TfjsWeights.of(source, dir, root.get("weightsManifest"));
            }
        }
        String cls = text(model, "class_name");
        JsonNode config = model.get("config");
        if (config == null) {
            throw new InvalidFileException(source, pointer + "/config", "is missing.\nMaybe pass the output of "
                    + "model.to_json(), a Keras .h5 file or a TF.js model.json.");
        }
        List<RawLayer> raw;
        String name;
        List<RawRef> outputs;
        switch (cls) {
            case "Model":
            case "Functional":
                name = text(config, "name");
                raw = functionalLayers(source, pointer, config);
                outputs = refs(source, pointer + "/config/output_layers", config.get("output_layers"));
                break;
            case "Sequential": {
                JsonNode list = config.isArray() ? config : config.get("layers");
                name = config.isObject() ? text(config, "name") : "sequential";
                raw = sequentialLayers(source, pointer + "/config", list);
                outputs = List.of(new RawRef(raw.get(raw.size() - 1).name, 0, 0));
                break;
            }
            default:
                throw new InvalidFileException(source, pointer + "/class_name", "(" + cls + ") is not a Keras "
                        + "model class; expected Model, Functional or Sequential.");
        }
        return build(source, name.isEmpty() ? "model" : name, format, kerasVersion, raw, outputs, weights,
                inputShapes);
    }

    /** A layer as written: class, name, config, inbound references (of its one node). */
    private static final class RawLayer {
        final String cls;
        final String name;
        final JsonNode config;
        final List<RawRef> inbound;
        final int position;

        RawLayer(String cls, String name, JsonNode config, List<RawRef> inbound, int position) {
            this.cls = cls;
            this.name = name;
            this.config = config;
            this.inbound = inbound;
            this.position = position;
        }
    }

    private record RawRef(String layer, int node, int tensor) {
    }

    private static List<RawLayer> functionalLayers(String source, String pointer, JsonNode config) {
        JsonNode layers = config.get("layers");
        if (layers == null || !layers.isArray() || layers.isEmpty()) {
            throw new InvalidFileException(source, pointer + "/config/layers", "must be a non-empty list.");
        }
        List<RawLayer> out = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            JsonNode l = layers.get(i);
            String where = pointer + "/config/layers/" + i;
            String cls = text(l, "class_name");
            String name = l.hasNonNull("name") ? l.get("name").asText() : text(l.path("config"), "name");
            if (name.isEmpty()) {
                throw new InvalidFileException(source, where + "/name", "is missing.");
            }
            JsonNode nodes = l.get("inbound_nodes");
            List<RawRef> inbound = new ArrayList<>();
            if (nodes != null && nodes.isArray() && !nodes.isEmpty()) {
                if (nodes.size() > 1) {
                    throw new ScissionException(String.format(Locale.ROOT, "%s: layer %s (%s) is called %d times "
                            + "(a shared layer); only layers called once are supported.\nMaybe give each call "
                            + "its own layer.", source, name, cls, nodes.size()));
                }
                JsonNode node = nodes.get(0);
                if (node.isObject()) {
                    throw new InvalidFileException(source, where + "/inbound_nodes", "uses the Keras 3 node "
                            + "format ({\"args\": ...}); only Keras 2.x / tf.keras inbound_nodes lists are "
                            + "supported.\nMaybe save the model with Keras 2 (tf.keras) or as a TF.js layers model.");
                }
                inbound = refs(source, where + "/inbound_nodes/0", node);
            }
            out.add(new RawLayer(cls, name, l.path("config"), inbound, i));
        }
        return out;
    }

    private static List<RawLayer> sequentialLayers(String source, String pointer, @Nullable JsonNode list) {
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new InvalidFileException(source, pointer + "/layers", "must be a non-empty list.");
        }
        List<RawLayer> out = new ArrayList<>();
        int start = 0;
        JsonNode first = list.get(0);
        String firstCls = text(first, "class_name");
        if (firstCls.equals("InputLayer")) {
            out.add(new RawLayer("InputLayer", text(first.path("config"), "name"), first.path("config"), List.of(),
                    0));
            start = 1;
        } else {
            JsonNode shape = first.path("config").get("batch_input_shape");
            if (shape == null || shape.isNull()) {
                throw new InvalidFileException(source, pointer + "/layers/0/config/batch_input_shape", "is missing: "
                        + "the Sequential model does not say its input shape.\nMaybe build the model with "
                        + "input_shape=... on its first layer before saving it.");
            }
            ObjectNode input = JsonNodeFactory.instance.objectNode();
            String inputName = text(first.path("config"), "name") + "_input";
            input.set("batch_input_shape", shape);
            input.put("dtype", first.path("config").path("dtype").asText("float32"));
            input.put("name", inputName);
            out.add(new RawLayer("InputLayer", inputName, input, List.of(), -1));
        }
        for (int i = start; i < list.size(); i++) {
            JsonNode l = list.get(i);
            String name = text(l.path("config"), "name");
            if (name.isEmpty()) {
                throw new InvalidFileException(source, pointer + "/layers/" + i + "/config/name", "is missing.");
            }
            out.add(new RawLayer(text(l, "class_name"), name, l.path("config"),
                    List.of(new RawRef(out.get(out.size() - 1).name, 0, 0)), i));
        }
        return out;
    }

    /** Reads {@code [[name, node, tensor(, kwargs)], ...]} or a single {@code [name, node, tensor]}. */
    private static List<RawRef> refs(String source, String where, @Nullable JsonNode node) {
        if (node == null || !node.isArray()) {
            throw new InvalidFileException(source, where, "must be a list of [layer, node, tensor] entries.");
        }
        List<RawRef> out = new ArrayList<>();
        if (node.size() >= 3 && node.get(0).isTextual()) {
            out.add(ref(source, where, node));
            return out;
        }
        for (int i = 0; i < node.size(); i++) {
            out.add(ref(source, where + "/" + i, node.get(i)));
        }
        return out;
    }

    private static RawRef ref(String source, String where, JsonNode e) {
        if (!e.isArray() || e.size() < 3 || !e.get(0).isTextual() || !e.get(1).canConvertToInt()
                || !e.get(2).canConvertToInt()) {
            throw new InvalidFileException(source, where, "(" + e + ") must be [layer name, node index, tensor "
                    + "index, kwargs].");
        }
        if (e.size() > 3 && e.get(3).isObject() && e.get(3).size() > 0) {
            throw new InvalidFileException(source, where, "(" + e + ") passes call arguments " + e.get(3)
                    + ", which are not supported.");
        }
        return new RawRef(e.get(0).asText(), e.get(1).asInt(), e.get(2).asInt());
    }

    private static KerasArchitecture build(String source, String name, String format, String kerasVersion,
            List<RawLayer> raw, List<RawRef> outputRefs, @Nullable TfjsWeights weights,
            Map<String, List<Long>> inputShapes) {
        List<RawLayer> ordered = topological(source, raw);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            if (index.put(ordered.get(i).name, i) != null) {
                throw new ScissionException(String.format(Locale.ROOT, "%s: the layer name %s appears twice.",
                        source, ordered.get(i).name));
            }
        }
        for (String input : inputShapes.keySet()) {
            Integer i = index.get(input);
            if (i == null || !ordered.get(i).cls.equals("InputLayer")) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "The input shape given for %s does "
                        + "not name an input layer of %s.", input, source));
            }
        }
        List<KerasLayer> layers = new ArrayList<>();
        List<long[]> shapes = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            RawLayer r = ordered.get(i);
            LayerConfig config = new LayerConfig(source, r.name, r.cls, r.config);
            List<TensorRef> inputs = new ArrayList<>();
            List<long[]> inShapes = new ArrayList<>();
            for (RawRef ref : r.inbound) {
                inputs.add(resolve(source, r, ref, index));
                inShapes.add(shapes.get(index.get(ref.layer)));
            }
            LayerTypes.Inferred inferred;
            if (r.cls.equals("InputLayer")) {
                inferred = new LayerTypes.Inferred(inputShape(config, inputShapes.get(r.name)), List.of());
            } else if (inputs.isEmpty()) {
                throw config.fail("has no inbound nodes, but only an InputLayer may be a model input");
            } else {
                inferred = LayerTypes.infer(r.cls, config, inShapes);
            }
            shapes.add(inferred.shape());
            List<Long> shape = new ArrayList<>();
            for (long d : inferred.shape()) {
                shape.add(d);
            }
            layers.add(new KerasLayer(i, r.name, r.cls, config, inputs, shape, inferred.weights()));
        }
        List<TensorRef> outputs = new ArrayList<>();
        for (RawRef ref : outputRefs) {
            Integer i = index.get(ref.layer);
            if (i == null || ref.tensor != 0 || ref.node != 0) {
                throw new InvalidFileException(source, "output_layers", "names " + ref.layer + " (node "
                        + ref.node + ", tensor " + ref.tensor + "), which is not a layer output of the model.");
            }
            outputs.add(TensorRef.of(i));
        }
        return new KerasArchitecture(source, name, format, kerasVersion, layers, outputs, weights);
    }

    private static TensorRef resolve(String source, RawLayer layer, RawRef ref, Map<String, Integer> index) {
        Integer i = index.get(ref.layer);
        if (i == null) {
            throw new ScissionException(String.format(Locale.ROOT, "%s: layer %s (%s) reads layer %s, which "
                    + "does not exist.", source, layer.name, layer.cls, ref.layer));
        }
        if (ref.tensor != 0 || ref.node != 0) {
            throw new ScissionException(String.format(Locale.ROOT, "%s: layer %s (%s) reads node %d, output %d "
                    + "of layer %s; only the single output of a layer called once is supported.", source,
                    layer.name, layer.cls, ref.node, ref.tensor, ref.layer));
        }
        return TensorRef.of(i);
    }

    private static long[] inputShape(LayerConfig c, @Nullable List<Long> override) {
        String dtype = c.string("dtype", "float32");
        if (!dtype.equals("float32")) {
            throw c.fail("dtype", "(" + dtype + ") is not supported; only float32 inputs are");
        }
        JsonNode shape = c.has("batch_input_shape") ? c.get("batch_input_shape")
                : c.has("batch_shape") ? c.get("batch_shape") : null;
        if (shape == null || !shape.isArray() || shape.size() < 2) {
            throw c.fail("batch_input_shape", "must list the batch and at least one more dimension");
        }
        long[] out = new long[shape.size() - 1];
        for (int i = 1; i < shape.size(); i++) {
            out[i - 1] = shape.get(i).isNull() ? -1 : shape.get(i).asLong();
        }
        if (override != null) {
            if (override.size() != out.length) {
                throw c.fail("batch_input_shape", "has rank " + out.length + " but the given input shape "
                        + override + " has rank " + override.size());
            }
            for (int i = 0; i < out.length; i++) {
                long d = override.get(i);
                if (d <= 0 || out[i] >= 0 && out[i] != d) {
                    throw c.fail("batch_input_shape", KerasArchitecture.shapeText(out) + " does not admit the "
                            + "given input shape " + override);
                }
                out[i] = d;
            }
        }
        return out;
    }

    /** Keeps the file order when it is topological, else a stable topological sort (Kahn, by file position). */
    private static List<RawLayer> topological(String source, List<RawLayer> raw) {
        Map<String, Integer> pos = new LinkedHashMap<>();
        for (int i = 0; i < raw.size(); i++) {
            pos.putIfAbsent(raw.get(i).name, i);
        }
        boolean ordered = true;
        for (int i = 0; i < raw.size() && ordered; i++) {
            for (RawRef ref : raw.get(i).inbound) {
                Integer p = pos.get(ref.layer);
                if (p != null && p >= i) {
                    ordered = false;
                }
            }
        }
        if (ordered) {
            return raw;
        }
        int n = raw.size();
        int[] pending = new int[n];
        List<List<Integer>> readers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            readers.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            for (RawRef ref : raw.get(i).inbound) {
                Integer p = pos.get(ref.layer);
                if (p != null) {
                    pending[i]++;
                    readers.get(p).add(i);
                }
            }
        }
        java.util.PriorityQueue<Integer> ready = new java.util.PriorityQueue<>();
        for (int i = 0; i < n; i++) {
            if (pending[i] == 0) {
                ready.add(i);
            }
        }
        List<RawLayer> out = new ArrayList<>();
        while (!ready.isEmpty()) {
            int i = ready.poll();
            out.add(raw.get(i));
            for (int r : readers.get(i)) {
                if (--pending[r] == 0) {
                    ready.add(r);
                }
            }
        }
        if (out.size() != n) {
            Deque<String> stuck = new ArrayDeque<>();
            for (int i = 0; i < n; i++) {
                if (pending[i] > 0) {
                    stuck.add(raw.get(i).name);
                }
            }
            throw new ScissionException(String.format(Locale.ROOT, "%s: the layers %s form a cycle.", source,
                    stuck));
        }
        return out;
    }

    private static String text(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? "" : v.asText();
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
