package io.scission.tf.internal.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Keras model JSON in a SavedModel's {@code keras_metadata.pb} (proto {@code SavedMetadata{repeated
 * SavedObject nodes = 1}}, {@code SavedObject{node_path = 3, metadata = 5 (JSON)}}, read field by field). Only
 * the root object's {@code config.layers} is used, nested Sequential and Functional models expanded in place.
 */
final class KerasMetadata {

    /** One Keras layer in {@code model.layers} order, nested models expanded right after their own entry. */
    record KerasLayer(String name, String className, int order) {
    }

    private final List<KerasLayer> layers;
    private final Set<String> modelNames;
    private final Map<String, KerasLayer> byName;

    private KerasMetadata(List<KerasLayer> layers, Set<String> modelNames) {
        this.layers = List.copyOf(layers);
        this.modelNames = Set.copyOf(modelNames);
        Map<String, KerasLayer> m = new LinkedHashMap<>();
        for (KerasLayer l : layers) {
            m.putIfAbsent(l.name(), l);
        }
        this.byName = m;
    }

    /** Reads {@code dir/keras_metadata.pb} if present; it is optional, so a malformed file gives empty. */
    static Optional<KerasMetadata> read(Path savedModelDir) {
        Path p = savedModelDir.resolve("keras_metadata.pb");
        if (!Files.isRegularFile(p)) {
            return Optional.empty();
        }
        try {
            return parse(Files.readAllBytes(p));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static Optional<KerasMetadata> parse(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        String rootJson = null;
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            if (WireFormat.getTagFieldNumber(tag) == 1
                    && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                String[] pathAndMeta = readSavedObject(in.readByteArray());
                if ("root".equals(pathAndMeta[0])) {
                    rootJson = pathAndMeta[1];
                    break;
                }
            } else {
                in.skipField(tag);
            }
        }
        if (rootJson == null) {
            return Optional.empty();
        }
        JsonNode root = new ObjectMapper().readTree(rootJson);
        JsonNode config = root.path("config");
        String name = config.path("name").asText(root.path("name").asText(""));
        List<KerasLayer> layers = new ArrayList<>();
        Set<String> models = new LinkedHashSet<>();
        models.add(name);
        collect(config, layers, models);
        return Optional.of(new KerasMetadata(layers, models));
    }

    private static void collect(JsonNode config, List<KerasLayer> out, Set<String> models) {
        for (JsonNode l : config.path("layers")) {
            String cls = l.path("class_name").asText("");
            JsonNode c = l.path("config");
            String name = c.path("name").asText(l.path("name").asText(""));
            out.add(new KerasLayer(name, cls, out.size()));
            if (c.path("layers").isArray()) {
                models.add(name);
                collect(c, out, models);
            }
        }
    }

    private static String[] readSavedObject(byte[] b) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(b);
        String path = null;
        String meta = null;
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            int f = WireFormat.getTagFieldNumber(tag);
            boolean delimited = WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
            if (f == 3 && delimited) {
                path = in.readStringRequireUtf8();
            } else if (f == 5 && delimited) {
                meta = in.readStringRequireUtf8();
            } else {
                in.skipField(tag);
            }
        }
        return new String[] {path, meta};
    }

    /** All layers in Keras order, nested models' layers right after the nested model's own entry. */
    List<KerasLayer> layers() {
        return layers;
    }

    /** The names of the root model and every nested model; these scope segments are stripped. */
    Set<String> modelNames() {
        return modelNames;
    }

    Optional<KerasLayer> layer(String name) {
        return Optional.ofNullable(byName.get(name));
    }
}
