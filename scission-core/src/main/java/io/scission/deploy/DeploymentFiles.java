package io.scission.deploy;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scission.InvalidFileException;
import io.scission.internal.json.StrictJson;
import io.scission.internal.json.TierJson;
import io.scission.model.PartitionRule;
import io.scission.platform.Resource;
import io.scission.platform.Tier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Reads and writes a deployment's manifest, {@code deployment.json} (format {@code scission-deployment}, version 1,
 * documented in {@code docs/file-formats.md}), strictly: unknown fields, duplicate keys, wrong types and parts that
 * disagree are errors naming the file and the field.
 */
public final class DeploymentFiles {

    private DeploymentFiles() {
    }

    /**
     * Reads a deployment's manifest.
     *
     * @param dir the deployment's directory, or its {@code deployment.json}
     * @return the deployment
     * @throws DeploymentException if the directory does not exist or holds no manifest
     * @throws InvalidFileException naming the file and field if the manifest is malformed
     */
    public static Deployment read(Path dir) {
        Path root = root(requireNonNull(dir, "dir"));
        if (!Files.isDirectory(root)) {
            throw new DeploymentException(String.format(Locale.ROOT, "The deployment (%s) does not exist.%nMaybe "
                    + "check the path, or write one with 'scission export'.", dir));
        }
        Path file = root.resolve(Deployment.MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new DeploymentException(String.format(Locale.ROOT, "%s is not a deployment: it has no %s.%nMaybe "
                    + "name a directory written by 'scission export'.", root, Deployment.MANIFEST));
        }
        return read(StrictJson.read(file));
    }

    /**
     * Returns the deployment's directory: the path itself, or the directory of a {@code deployment.json}.
     *
     * @param dirOrManifest a deployment's directory or its manifest
     * @return the directory
     */
    public static Path root(Path dirOrManifest) {
        Path p = requireNonNull(dirOrManifest, "dirOrManifest");
        return !Files.isDirectory(p) && p.getFileName() != null && p.getFileName().toString()
                .equals(Deployment.MANIFEST) ? p.toAbsolutePath().getParent() : p;
    }

    /**
     * Returns the manifest's JSON text.
     *
     * @param d the deployment
     * @return the JSON, indented
     */
    public static String toJson(Deployment d) {
        return StrictJson.toJson(tree(requireNonNull(d, "deployment")));
    }

    /**
     * Checks, before any long work, that a deployment may be written to a directory: it is not a file, and it is
     * absent or empty, or replacing it is allowed.
     *
     * @param dir the deployment's directory
     * @param replaceExisting whether a non-empty directory may be replaced
     * @throws DeploymentException if it may not
     */
    public static void checkOutputDirectory(Path dir, boolean replaceExisting) {
        requireNonNull(dir, "dir");
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new DeploymentException(String.format(Locale.ROOT, "The output (%s) is a file, not a directory.%n"
                    + "Maybe choose a directory name for the deployment.", dir));
        }
        if (replaceExisting || !Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> s = Files.list(dir)) {
            if (s.findAny().isPresent()) {
                throw notEmpty(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot be read (" + e + ").", e);
        }
    }

    /**
     * Returns the error for an output directory that exists and is not empty.
     *
     * @param dir the directory
     * @return the exception
     */
    public static DeploymentException notEmpty(Path dir) {
        return new DeploymentException(String.format(Locale.ROOT, "The output directory (%s) exists and is not "
                + "empty; a deployment is not written over other files.%nMaybe choose a new directory, or let the export "
                + "replace it (--force).", dir));
    }

    // ------------------------------------------------------------------------------------------------- writing

    private static ObjectNode tree(Deployment d) {
        ObjectNode root = StrictJson.object();
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
            r.set("tier", TierJson.write(s.resource().tier()));
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
        return root;
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

    private static Deployment read(StrictJson r) {
        r.object(Set.of("format", "version", "model", "plan", "runtime", "created", "segments", "hops",
                "verification"));
        if (!r.get("format").text().equals(Deployment.FORMAT)) {
            throw r.get("format").error("expected \"" + Deployment.FORMAT + "\", found \"" + r.get("format").text()
                    + "\".\nMaybe this is another kind of file.");
        }
        int version = r.get("version").intValue();
        if (version != Deployment.VERSION) {
            throw r.get("version").error("version " + version + " is not supported (this library reads "
                    + Deployment.VERSION + ").\nMaybe upgrade Scission.");
        }
        StrictJson m = r.get("model").object(Set.of("name", "source", "layers", "blocks", "fingerprint",
                "filesSha256", "weights", "seed"));
        Deployment.ModelInfo model = m.check(() -> new Deployment.ModelInfo(m.get("name").text(),
                m.get("source").text(), m.get("layers").intValue(), m.get("blocks").intValue(),
                m.get("fingerprint").text(), m.get("filesSha256").text(), m.get("weights").text(),
                m.get("seed").longValue()));
        StrictJson p = r.get("plan").object(Set.of("origin", "partitionRule", "key", "cuts", "source",
                "predictedLatencySeconds", "predictedBytes"));
        PartitionRule rule = p.get("partitionRule").check(() -> PartitionRule.parse(p.get("partitionRule").text()));
        Deployment.PlanInfo plan = p.check(() -> new Deployment.PlanInfo(p.get("origin").text(), rule,
                p.get("key").text(), list(p.get("cuts"), StrictJson::intValue), p.get("source").text(),
                p.doubleOrNaN("predictedLatencySeconds"), p.get("predictedBytes").longValue()));
        Instant created = r.get("created").check(() -> {
            try {
                return Instant.parse(r.get("created").text());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not an ISO-8601 instant such as 2026-11-26T12:00:00Z.", e);
            }
        });
        List<Deployment.SegmentInfo> segments = list(r.get("segments"), DeploymentFiles::segment);
        List<Deployment.HopInfo> hops = list(r.get("hops"), h -> {
            h.object(Set.of("fromSegment", "toSegment", "from", "to", "tensors", "bytes"));
            return h.check(() -> new Deployment.HopInfo(h.get("fromSegment").intValue(),
                    h.get("toSegment").intValue(), h.get("from").text(), h.get("to").text(),
                    list(h.get("tensors"), StrictJson::text), h.get("bytes").longValue()));
        });
        StrictJson v = r.get("verification").object(Set.of("done", "input", "outputs"));
        Deployment.Verification verification = new Deployment.Verification(bool(v.get("done")),
                v.get("input").text(), list(v.get("outputs"), c -> {
                    c.object(Set.of("key", "maxAbsDifference", "maxAbsValue", "tolerance"));
                    return new Deployment.OutputCheck(c.get("key").text(), c.get("maxAbsDifference").doubleValue(),
                            c.get("maxAbsValue").doubleValue(), c.get("tolerance").doubleValue());
                }));
        return r.check(() -> new Deployment(model, plan, r.get("runtime").text(), created, segments, hops,
                verification));
    }

    private static Deployment.SegmentInfo segment(StrictJson s) {
        s.object(Set.of("index", "resource", "firstLayer", "lastLayer", "firstBlock", "lastBlock", "firstLayerName",
                "lastLayerName", "savedModel", "signature", "tags", "inputs", "outputs", "variables", "weightBytes",
                "files"));
        StrictJson res = s.get("resource").object(Set.of("name", "tier"));
        Tier tier = TierJson.read(res.get("tier"));
        Resource resource = res.check(() -> Resource.of(res.get("name").text(), tier));
        String savedModel = s.get("savedModel").text();
        if (savedModel.isEmpty() || savedModel.contains("/") || savedModel.contains("\\") || savedModel.equals(".")
                || savedModel.equals("..")) {
            throw s.get("savedModel").error("the SavedModel directory (" + savedModel + ") must be one plain "
                    + "directory name inside the deployment.\nMaybe export the deployment again.");
        }
        List<Deployment.FileInfo> files = list(s.get("files"), f -> {
            f.object(Set.of("path", "bytes", "sha256"));
            String path = f.get("path").text();
            if (path.isEmpty() || path.startsWith("/") || List.of(path.split("/")).contains("..")) {
                throw f.get("path").error("the path (" + path + ") must be relative and stay inside the SavedModel.");
            }
            return new Deployment.FileInfo(path, f.get("bytes").longValue(), f.get("sha256").text());
        });
        return s.check(() -> new Deployment.SegmentInfo(s.get("index").intValue(), resource,
                s.get("firstLayer").intValue(), s.get("lastLayer").intValue(), s.get("firstBlock").intValue(),
                s.get("lastBlock").intValue(), s.get("firstLayerName").text(), s.get("lastLayerName").text(),
                savedModel, s.get("signature").text(), list(s.get("tags"), StrictJson::text),
                list(s.get("inputs"), x -> tensor(x, "modelInput")),
                list(s.get("outputs"), x -> tensor(x, "modelOutput")),
                s.get("variables").intValue(), s.get("weightBytes").longValue(), files));
    }

    private static Deployment.CutTensor tensor(StrictJson t, String edge) {
        t.object(Set.of("key", "layer", "layerIndex", "output", "tensor", "modelTensor", "dtype", "shape", "bytes",
                edge));
        ElementType type = ElementType.byId(t.get("dtype").text()).orElseThrow(() -> t.get("dtype").error("the "
                + "dtype (" + t.get("dtype").text() + ") is not one a deployment carries.\nMaybe export the "
                + "deployment again."));
        return t.check(() -> new Deployment.CutTensor(t.get("key").text(), t.get("layer").text(),
                t.get("layerIndex").intValue(), t.get("output").intValue(), t.get("tensor").text(),
                t.get("modelTensor").text(), type, list(t.get("shape"), StrictJson::longValue),
                t.get("bytes").longValue(), bool(t.get(edge))));
    }

    private static <T> List<T> list(StrictJson array, Function<StrictJson, T> element) {
        List<T> l = new ArrayList<>();
        for (StrictJson e : array.elements()) {
            l.add(element.apply(e));
        }
        return l;
    }

    private static boolean bool(StrictJson json) {
        if (!json.node().isBoolean()) {
            throw json.error("expected true or false.");
        }
        return json.node().asBoolean();
    }
}
