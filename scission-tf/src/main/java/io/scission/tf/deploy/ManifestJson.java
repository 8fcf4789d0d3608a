package io.scission.tf.deploy;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scission.InvalidFileException;
import io.scission.model.PartitionRule;
import io.scission.platform.Resource;
import io.scission.platform.Tier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/** Reads and writes {@code deployment.json} strictly: unknown fields, duplicate keys and wrong types are errors. */
final class ManifestJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private ManifestJson() {
    }

    // ------------------------------------------------------------------------------------------------- writing

    static byte[] write(Deployment d) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", Deployment.FORMAT);
        root.put("version", Deployment.VERSION);
        ObjectNode m = root.putObject("model");
        m.put("name", d.model().name());
        m.put("source", d.model().source());
        m.put("layers", d.model().layers());
        m.put("blocks", d.model().blocks());
        m.put("fingerprint", d.model().fingerprint());
        m.put("filesSha256", d.model().filesSha256());
        m.put("weights", d.model().weights());
        m.put("seed", d.model().seed());
        ObjectNode p = root.putObject("plan");
        p.put("origin", d.plan().origin());
        p.put("partitionRule", d.plan().rule().id());
        p.put("key", d.plan().key());
        ArrayNode cuts = p.putArray("cuts");
        d.plan().cuts().forEach(cuts::add);
        p.put("source", d.plan().source());
        if (Double.isNaN(d.plan().predictedLatencySeconds())) {
            p.putNull("predictedLatencySeconds");
        } else {
            p.put("predictedLatencySeconds", d.plan().predictedLatencySeconds());
        }
        p.put("predictedBytes", d.plan().predictedBytes());
        root.put("runtime", d.runtime());
        root.put("created", d.created().toString());
        ArrayNode segs = root.putArray("segments");
        for (Deployment.SegmentInfo s : d.segments()) {
            ObjectNode o = segs.addObject();
            o.put("index", s.index());
            ObjectNode r = o.putObject("resource");
            r.put("name", s.resource().name());
            if (s.resource().tier().isStandard()) {
                r.put("tier", s.resource().tier().name());
            } else {
                r.putObject("tier").put("name", s.resource().tier().name()).put("rank", s.resource().tier().rank());
            }
            o.put("firstLayer", s.firstLayer());
            o.put("lastLayer", s.lastLayer());
            o.put("firstBlock", s.firstBlock());
            o.put("lastBlock", s.lastBlock());
            o.put("firstLayerName", s.firstLayerName());
            o.put("lastLayerName", s.lastLayerName());
            o.put("savedModel", s.savedModel());
            o.put("signature", s.signature());
            ArrayNode tags = o.putArray("tags");
            s.tags().forEach(tags::add);
            tensors(o.putArray("inputs"), s.inputs(), "modelInput");
            tensors(o.putArray("outputs"), s.outputs(), "modelOutput");
            o.put("variables", s.variables());
            o.put("weightBytes", s.weightBytes());
            ArrayNode files = o.putArray("files");
            for (Deployment.FileInfo f : s.files()) {
                files.addObject().put("path", f.path()).put("bytes", f.bytes()).put("sha256", f.sha256());
            }
        }
        ArrayNode hops = root.putArray("hops");
        for (Deployment.HopInfo h : d.hops()) {
            ObjectNode o = hops.addObject();
            o.put("fromSegment", h.fromSegment());
            o.put("toSegment", h.toSegment());
            o.put("from", h.from());
            o.put("to", h.to());
            ArrayNode t = o.putArray("tensors");
            h.tensors().forEach(t::add);
            o.put("bytes", h.bytes());
        }
        ObjectNode v = root.putObject("verification");
        v.put("done", d.verification().done());
        v.put("input", d.verification().input());
        ArrayNode checks = v.putArray("outputs");
        for (Deployment.OutputCheck c : d.verification().outputs()) {
            checks.addObject().put("key", c.key()).put("maxAbsDifference", c.maxAbsDifference())
                    .put("maxAbsValue", c.maxAbsValue()).put("tolerance", c.tolerance());
        }
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("A JSON tree always serialises.", e);
        }
    }

    private static void tensors(ArrayNode a, List<Deployment.CutTensor> list, String edge) {
        for (Deployment.CutTensor t : list) {
            ObjectNode o = a.addObject();
            o.put("key", t.key());
            o.put("layer", t.layer());
            o.put("layerIndex", t.layerIndex());
            o.put("output", t.output());
            o.put("tensor", t.tensor());
            o.put("modelTensor", t.modelTensor());
            o.put("dtype", t.dtype().id());
            ArrayNode shape = o.putArray("shape");
            t.shape().forEach(shape::add);
            o.put("bytes", t.bytes());
            o.put(edge, t.modelEdge());
        }
    }

    // ------------------------------------------------------------------------------------------------- reading

    static Deployment read(Path file) {
        String name = file.toString();
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new InvalidFileException(name, "", "the file does not exist.\nMaybe name a directory written by "
                    + "'scission export'.");
        } catch (JacksonException e) {
            throw new InvalidFileException(name, "", "is not valid JSON (" + e.getOriginalMessage() + ").\nMaybe the "
                    + "file is truncated or was edited by hand; export the deployment again.");
        } catch (IOException e) {
            throw new InvalidFileException(name, "", "cannot be read (" + e.getMessage() + ").");
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidFileException(name, "", "the file is empty.\nMaybe export the deployment again.");
        }
        Field r = new Field(name, root, "").object("format", "version", "model", "plan", "runtime", "created",
                "segments", "hops", "verification");
        if (!r.get("format").text().equals(Deployment.FORMAT)) {
            throw r.get("format").error("expected \"" + Deployment.FORMAT + "\", found \"" + r.get("format").text()
                    + "\".\nMaybe this is another kind of file.");
        }
        int version = r.get("version").intValue();
        if (version != Deployment.VERSION) {
            throw r.get("version").error("version " + version + " is not supported (this library reads "
                    + Deployment.VERSION + ").\nMaybe upgrade Scission.");
        }
        Field m = r.get("model").object("name", "source", "layers", "blocks", "fingerprint", "filesSha256",
                "weights", "seed");
        Deployment.ModelInfo model = m.check(() -> new Deployment.ModelInfo(m.get("name").text(),
                m.get("source").text(), m.get("layers").intValue(), m.get("blocks").intValue(),
                m.get("fingerprint").text(), m.get("filesSha256").text(), m.get("weights").text(),
                m.get("seed").longValue()));
        Field p = r.get("plan").object("origin", "partitionRule", "key", "cuts", "source", "predictedLatencySeconds",
                "predictedBytes");
        PartitionRule rule = p.get("partitionRule").check(() -> PartitionRule.parse(p.get("partitionRule").text()));
        Deployment.PlanInfo plan = p.check(() -> new Deployment.PlanInfo(p.get("origin").text(), rule,
                p.get("key").text(), p.get("cuts").list(Field::intValue), p.get("source").text(),
                p.isNull("predictedLatencySeconds") ? Double.NaN : p.get("predictedLatencySeconds").doubleValue(),
                p.get("predictedBytes").longValue()));
        Instant created = r.get("created").check(() -> {
            try {
                return Instant.parse(r.get("created").text());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not an ISO-8601 instant such as 2026-11-26T12:00:00Z.");
            }
        });
        List<Deployment.SegmentInfo> segments = r.get("segments").list(ManifestJson::segment);
        List<Deployment.HopInfo> hops = r.get("hops").list(h -> {
            h.object("fromSegment", "toSegment", "from", "to", "tensors", "bytes");
            return h.check(() -> new Deployment.HopInfo(h.get("fromSegment").intValue(),
                    h.get("toSegment").intValue(), h.get("from").text(), h.get("to").text(),
                    h.get("tensors").list(Field::text), h.get("bytes").longValue()));
        });
        Field v = r.get("verification").object("done", "input", "outputs");
        Deployment.Verification verification = new Deployment.Verification(v.get("done").bool(),
                v.get("input").text(), v.get("outputs").list(c -> {
                    c.object("key", "maxAbsDifference", "maxAbsValue", "tolerance");
                    return new Deployment.OutputCheck(c.get("key").text(), c.get("maxAbsDifference").doubleValue(),
                            c.get("maxAbsValue").doubleValue(), c.get("tolerance").doubleValue());
                }));
        return r.check(() -> new Deployment(model, plan, r.get("runtime").text(), created, segments, hops,
                verification));
    }

    private static Deployment.SegmentInfo segment(Field s) {
        s.object("index", "resource", "firstLayer", "lastLayer", "firstBlock", "lastBlock", "firstLayerName",
                "lastLayerName", "savedModel", "signature", "tags", "inputs", "outputs", "variables", "weightBytes",
                "files");
        Field res = s.get("resource").object("name", "tier");
        Field t = res.get("tier");
        Tier tier = t.check(() -> t.node.isTextual() ? Tier.named(t.text())
                : Tier.of(t.object("name", "rank").get("name").text(), t.get("rank").intValue()));
        Resource resource = res.check(() -> Resource.of(res.get("name").text(), tier));
        String savedModel = s.get("savedModel").text();
        if (savedModel.isEmpty() || savedModel.contains("/") || savedModel.contains("\\") || savedModel.equals(".")
                || savedModel.equals("..")) {
            throw s.get("savedModel").error("the SavedModel directory (" + savedModel + ") must be one plain "
                    + "directory name inside the deployment.\nMaybe export the deployment again.");
        }
        List<Deployment.FileInfo> files = s.get("files").list(f -> {
            f.object("path", "bytes", "sha256");
            String path = f.get("path").text();
            if (path.isEmpty() || path.startsWith("/") || List.of(path.split("/")).contains("..")) {
                throw f.get("path").error("the path (" + path + ") must be relative and stay inside the SavedModel.");
            }
            return new Deployment.FileInfo(path, f.get("bytes").longValue(), f.get("sha256").text());
        });
        return s.check(() -> new Deployment.SegmentInfo(s.get("index").intValue(), resource,
                s.get("firstLayer").intValue(), s.get("lastLayer").intValue(), s.get("firstBlock").intValue(),
                s.get("lastBlock").intValue(), s.get("firstLayerName").text(), s.get("lastLayerName").text(),
                savedModel, s.get("signature").text(), s.get("tags").list(Field::text),
                s.get("inputs").list(x -> tensor(x, "modelInput")), s.get("outputs").list(x -> tensor(x, "modelOutput")),
                s.get("variables").intValue(), s.get("weightBytes").longValue(), files));
    }

    private static Deployment.CutTensor tensor(Field t, String edge) {
        t.object("key", "layer", "layerIndex", "output", "tensor", "modelTensor", "dtype", "shape", "bytes", edge);
        ElementType type = ElementType.byId(t.get("dtype").text()).orElseThrow(() -> t.get("dtype").error("the "
                + "dtype (" + t.get("dtype").text() + ") is not one a deployment carries.\nMaybe export the "
                + "deployment again."));
        return t.check(() -> new Deployment.CutTensor(t.get("key").text(), t.get("layer").text(),
                t.get("layerIndex").intValue(), t.get("output").intValue(), t.get("tensor").text(),
                t.get("modelTensor").text(), type, t.get("shape").list(Field::longValue), t.get("bytes").longValue(),
                t.get(edge).bool()));
    }

    /** One node of the tree, with the file and the JSON pointer for messages. */
    private static final class Field {
        private final String file;
        private final JsonNode node;
        private final String pointer;

        Field(String file, JsonNode node, String pointer) {
            this.file = file;
            this.node = node;
            this.pointer = pointer;
        }

        InvalidFileException error(String problem) {
            return new InvalidFileException(file, pointer.isEmpty() ? "/" : pointer, problem);
        }

        Field object(String... allowed) {
            if (!node.isObject()) {
                throw error("expected an object.");
            }
            Set<String> ok = Set.of(allowed);
            for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
                String f = it.next();
                if (!ok.contains(f)) {
                    throw new InvalidFileException(file, pointer + "/" + f, String.format(Locale.ROOT, "unknown "
                            + "field \"%s\" (allowed: %s).%nMaybe the file is for another version of Scission.", f,
                            String.join(", ", new TreeSet<>(ok))));
                }
            }
            return this;
        }

        boolean isNull(String name) {
            return node.has(name) && node.get(name).isNull();
        }

        Field get(String name) {
            JsonNode c = node.get(name);
            if (c == null || c.isNull()) {
                throw new InvalidFileException(file, pointer + "/" + name, "the required field is missing.");
            }
            return new Field(file, c, pointer + "/" + name);
        }

        <T> List<T> list(Function<Field, T> element) {
            if (!node.isArray()) {
                throw error("expected an array.");
            }
            List<T> l = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                l.add(element.apply(new Field(file, node.get(i), pointer + "/" + i)));
            }
            return l;
        }

        String text() {
            if (!node.isTextual()) {
                throw error("expected a string.");
            }
            return node.asText();
        }

        boolean bool() {
            if (!node.isBoolean()) {
                throw error("expected true or false.");
            }
            return node.asBoolean();
        }

        long longValue() {
            if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                throw error("expected a whole number.");
            }
            return node.asLong();
        }

        int intValue() {
            if (!node.isIntegralNumber() || !node.canConvertToInt()) {
                throw error("expected a whole number (32-bit).");
            }
            return node.asInt();
        }

        double doubleValue() {
            if (!node.isNumber()) {
                throw error("expected a number.");
            }
            return node.asDouble();
        }

        <T> T check(java.util.function.Supplier<T> body) {
            try {
                return body.get();
            } catch (IllegalArgumentException e) {
                throw error(e.getMessage());
            }
        }
    }
}
