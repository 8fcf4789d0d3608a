package io.scission.tf.internal.graph;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.scission.tf.ModelLoadException;
import io.scission.tf.TfLoadOptions;
import io.scission.tf.internal.files.ModelFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operation;
import org.tensorflow.RawTensor;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.TensorFlow;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

/**
 * Loads a model into one {@link FlatGraph}: a SavedModel directory (TF2/Keras function calls inlined, variables
 * frozen into constants), a frozen GraphDef {@code .pb}, or an in-memory {@link Graph}. Every failure is a
 * {@link ModelLoadException} naming the file and, where one is to blame, the node.
 */
public final class GraphLoader {

    /** Ops that are never a model output even when nothing consumes them. */
    private static final Set<String> NOT_OUTPUTS = Set.of("NoOp", "Const", "Placeholder", "PlaceholderWithDefault",
            "VarHandleOp", "VariableV2", "Variable", "Assign", "AssignVariableOp", "AssignAddVariableOp",
            "AssignSubVariableOp", "SaveV2", "RestoreV2", "Save", "Restore", "MergeV2Checkpoints", "ShardedFilename",
            "VarIsInitializedOp", "IsVariableInitialized");
    /** Heap bytes needed per model-file byte while parsing and rewriting protos (bytes, protos, rewritten copies). */
    static final long HEAP_FACTOR = 6;
    /** The source name of graphs that come from memory. */
    public static final String IN_MEMORY = "in-memory graph";
    private static final Pattern NODE_IN_MSG = Pattern.compile("[Nn]ode '?([^' ]+?)'?[: ]");

    private GraphLoader() {
    }

    /**
     * Loads a SavedModel directory, or a frozen GraphDef file.
     *
     * @param path the directory or file
     * @param options how to load
     * @param seed the seed of random weights, if any are needed
     * @return the flat graph
     * @throws ModelLoadException naming the file and node if the model cannot be loaded
     */
    public static FlatGraph load(Path path, TfLoadOptions options, long seed) {
        if (Files.isDirectory(path)) {
            return loadSavedModel(path, options, seed);
        }
        if (path.getFileName() != null && path.getFileName().toString().equals("saved_model.pb")
                && path.getParent() != null) {
            return loadSavedModel(path.getParent(), options, seed);
        }
        return loadFrozenGraph(path, options, seed);
    }

    // ---------------------------------------------------------------------------------------------- SavedModel

    static FlatGraph loadSavedModel(Path dir, TfLoadOptions o, long seed) {
        String src = dir.toString();
        if (!Files.exists(dir)) {
            throw new ModelLoadException(src, "no such file or directory.\nMaybe check the path.");
        }
        Path pb = dir.resolve("saved_model.pb");
        if (!Files.isRegularFile(pb)) {
            if (Files.isRegularFile(dir.resolve("saved_model.pbtxt"))) {
                throw new ModelLoadException(src, "the SavedModel is in text format (saved_model.pbtxt), which is not "
                        + "supported.\nMaybe re-export it in binary format.");
            }
            throw new ModelLoadException(src, "is not a SavedModel directory: it has no saved_model.pb (it holds: "
                    + listing(dir) + ").\nMaybe name the directory that holds saved_model.pb, or a GraphDef .pb file.");
        }
        checkMemory(src, sizeOf(pb) + sizeOf(dir.resolve("variables")), o);
        SavedModel sm;
        byte[] pbBytes = readAll(pb, src);
        if (pbBytes.length == 0) {
            throw new ModelLoadException(pb.toString(), "the file is empty (0 bytes), so this is not a usable "
                    + "SavedModel: its export or copy was cut short.\nMaybe export the model again, or copy the whole "
                    + "directory again.");
        }
        try {
            sm = SavedModel.parseFrom(pbBytes);
        } catch (InvalidProtocolBufferException e) {
            throw new ModelLoadException(pb.toString(), null, "the file is corrupt or truncated: it is not a "
                    + "SavedModel protocol buffer.\nMaybe export the model again, or copy the whole directory again.",
                    e);
        }
        if (sm.getMetaGraphsCount() == 0) {
            throw new ModelLoadException(pb.toString(), "the file holds no graph (no MetaGraph), so it is not a "
                    + "usable SavedModel.\nMaybe export the model again, or copy the whole directory again.");
        }
        MetaGraphDef mg = null;
        List<String> tagSets = new ArrayList<>();
        for (MetaGraphDef m : sm.getMetaGraphsList()) {
            tagSets.add(m.getMetaInfoDef().getTagsList().toString());
            if (mg == null && m.getMetaInfoDef().getTagsList().containsAll(o.tags())) {
                mg = m;
            }
        }
        if (mg == null) {
            throw new ModelLoadException(pb.toString(), "has no graph with the tags " + o.tags()
                    + " (its graphs have the tags " + String.join(", ", tagSets) + ").\nMaybe load it with one of "
                    + "those tag sets (in Java: TfLoadOptions.withTags).");
        }
        GraphDef gd = mg.getGraphDef();
        if (gd.getNodeCount() == 0) {
            throw new ModelLoadException(pb.toString(), "the MetaGraph " + o.tags() + " has an empty graph.");
        }
        String sigKey = "";
        List<String> inNames = new ArrayList<>(o.inputs());
        List<String> outNames = new ArrayList<>(o.outputs());
        if (inNames.isEmpty() || outNames.isEmpty()) {
            Map<String, SignatureDef> sigs = new TreeMap<>(mg.getSignatureDefMap());
            sigs.remove("__saved_model_init_op");
            if (!o.signature().isEmpty()) {
                sigKey = o.signature();
            } else if (sigs.containsKey("serving_default")) {
                sigKey = "serving_default";
            } else if (sigs.size() == 1) {
                sigKey = sigs.keySet().iterator().next();
            }
            if (!sigs.containsKey(sigKey)) {
                throw new ModelLoadException(pb.toString(), (sigKey.isEmpty()
                        ? "has no serving_default signature and " + sigs.size() + " others"
                        : "has no signature " + sigKey) + " (signatures: " + sigs.keySet() + ").\nMaybe choose one "
                        + "with TfLoadOptions.withSignature, or name tensors with withInputs and withOutputs.");
            }
            SignatureDef sig = sigs.get(sigKey);
            if (inNames.isEmpty()) {
                for (TensorInfo t : new TreeMap<>(sig.getInputsMap()).values()) {
                    inNames.add(t.getName());
                }
            }
            if (outNames.isEmpty()) {
                for (TensorInfo t : new TreeMap<>(sig.getOutputsMap()).values()) {
                    outNames.add(t.getName());
                }
            }
            if (inNames.isEmpty() || outNames.isEmpty()) {
                throw new ModelLoadException(pb.toString(), "the signature " + sigKey + " has no "
                        + (inNames.isEmpty() ? "inputs" : "outputs") + ".\nMaybe choose another signature.");
            }
        }
        Map<String, NodeDef> top = GraphDefs.byName(gd);
        Set<String> roots = new LinkedHashSet<>();
        for (String t : inNames) {
            roots.add(GraphDefs.nodeOf(t));
        }
        for (String t : outNames) {
            roots.add(GraphDefs.nodeOf(t));
        }
        for (String r : roots) {
            if (!top.containsKey(r)) {
                throw new ModelLoadException(pb.toString(), r, "the tensor's node does not exist in the graph.\n"
                        + "Maybe check the tensor names given to TfLoadOptions.");
            }
        }
        GraphDef pruned = GraphDefs.pruneToAncestors(gd, roots);
        int libBefore = gd.getLibrary().getFunctionCount();
        FunctionInliner.Result inl = new FunctionInliner(OpRegistry.get(), pb.toString()).inline(pruned);
        WeightFreezer.VariableReader reader = vars -> readFromBundle(dir, o.tags(), vars);
        WeightFreezer.Frozen frozen = WeightFreezer.freeze(inl.graphDef(), reader,
                o.weights() != TfLoadOptions.Weights.FROM_FILE, o.weights() == TfLoadOptions.Weights.SEEDED_RANDOM,
                seed, src);
        GraphDef flat = GraphDefs.pruneToAncestors(frozen.graphDef(), roots);
        FlatGraph.Inlining stats = new FlatGraph.Inlining(libBefore, inl.callsInlined(), inl.functionsInlined(),
                inl.maxDepth(), flat.getLibrary().getFunctionCount(), pruned.getNodeCount(), flat.getNodeCount());
        Map<String, String> local = new HashMap<>();
        for (NodeDef n : flat.getNodeList()) {
            String l = inl.localNames().get(n.getName());
            if (l != null && !l.equals(n.getName())) {
                local.put(n.getName(), l);
            }
        }
        return finish(src, applyInputShapes(flat, inNames, o), inNames, outNames, local, frozen.report(), stats,
                KerasMetadata.read(dir).orElse(null), sigKey);
    }

    private static Map<String, TensorProto> readFromBundle(Path dir, List<String> tags,
            List<WeightFreezer.VarSpec> vars) {
        if (!Files.isRegularFile(dir.resolve("variables").resolve("variables.index"))) {
            throw new IllegalStateException("there is no variables/variables.index");
        }
        try (SavedModelBundle b = SavedModelBundle.loader(dir.toString()).withTags(tags.toArray(String[]::new))
                .load()) {
            return readVariables(b.graph(), b.session(), vars);
        }
    }

    private static Map<String, TensorProto> readVariables(Graph g, Session s, List<WeightFreezer.VarSpec> vars) {
        Session.Runner r = s.runner();
        int i = 0;
        for (WeightFreezer.VarSpec v : vars) {
            GraphOperation op = g.operation(v.name());
            if (op == null) {
                throw new IllegalStateException("the variable " + v.name() + " is not in the loaded graph");
            }
            if (v.resource()) {
                String name = "scission_freeze_read_" + i++;
                while (g.operation(name) != null) {
                    name = "scission_freeze_read_" + i++;
                }
                Operation read = g.opBuilder("ReadVariableOp", name, g.baseScope()).addInput(op.output(0))
                        .setAttr("dtype", v.dtype()).build();
                r.fetch(read.output(0));
            } else {
                r.fetch(op.output(0));
            }
        }
        Map<String, TensorProto> values = new LinkedHashMap<>();
        try (Result res = r.run()) {
            for (int k = 0; k < vars.size(); k++) {
                values.put(vars.get(k).name(), toProto(res.get(k)));
            }
        }
        return values;
    }

    /** Copies a dense tensor into a TensorProto ({@code tensor_content}, bytes as in memory). */
    static TensorProto toProto(Tensor t) {
        RawTensor raw = t.asRawTensor();
        byte[] bytes = new byte[(int) raw.numBytes()];
        raw.data().read(bytes);
        TensorShapeProto.Builder sp = TensorShapeProto.newBuilder();
        for (long d : raw.shape().asArray()) {
            sp.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
        }
        return TensorProto.newBuilder().setDtype(raw.dataType()).setTensorShape(sp)
                .setTensorContent(ByteString.copyFrom(bytes)).build();
    }

    // ----------------------------------------------------------------------------------------- frozen GraphDef

    static FlatGraph loadFrozenGraph(Path pb, TfLoadOptions o, long seed) {
        String src = pb.toString();
        if (!Files.exists(pb)) {
            throw new ModelLoadException(src, "no such file or directory.\nMaybe check the path.");
        }
        checkMemory(src, sizeOf(pb), o);
        return loadFrozenGraph(readAll(pb, src), src, o, seed);
    }

    /**
     * Loads a frozen GraphDef from bytes.
     *
     * @param bytes the serialized GraphDef
     * @param src the name used in messages
     * @param o how to load
     * @param seed the seed of random weights, if any are needed
     * @return the flat graph
     */
    public static FlatGraph loadFrozenGraph(byte[] bytes, String src, TfLoadOptions o, long seed) {
        checkMemory(src, bytes.length, o);
        if (bytes.length == 0) {
            throw new ModelLoadException(src, "the file is empty.\nMaybe copy the model again.");
        }
        GraphDef gd;
        try {
            CodedInputStream in = CodedInputStream.newInstance(bytes);
            in.setRecursionLimit(1000);
            gd = GraphDef.parseFrom(in);
            in.checkLastTagWas(0);
        } catch (IOException e) {
            throw new ModelLoadException(src, null, "the file is corrupt or truncated: it is not a TensorFlow graph "
                    + "(GraphDef) protocol buffer.\nMaybe export or copy the model again.", e);
        }
        if (gd.getNodeCount() == 0) {
            throw new ModelLoadException(src, "is not a GraphDef: it parses to an empty graph."
                    + (src.endsWith("saved_model.pb") ? "\nMaybe name the SavedModel's directory instead." : ""));
        }
        return fromGraphDef(gd, src, o, null, seed);
    }

    // ------------------------------------------------------------------------------------------ in-memory graph

    /**
     * Flattens an in-memory graph into a new graph; the given graph is only read. Variables, if any, get seeded
     * random values, since no session holds theirs.
     *
     * @param graph the graph
     * @param o how to load
     * @param seed the seed of random weights
     * @return the flat graph
     */
    public static FlatGraph fromGraph(Graph graph, TfLoadOptions o, long seed) {
        GraphDef gd = graph.toGraphDef();
        if (gd.getNodeCount() == 0) {
            throw new ModelLoadException(IN_MEMORY, "the graph is empty.\nMaybe build the model first.");
        }
        return fromGraphDef(gd, IN_MEMORY, o, null, seed);
    }

    /**
     * Flattens an in-memory graph whose variables are initialised in a session, reading their values through it.
     *
     * @param graph the graph
     * @param session a session on the graph with initialised variables
     * @param o how to load
     * @param seed the seed of random weights, used if reading fails and the options allow it
     * @return the flat graph
     */
    public static FlatGraph fromGraph(Graph graph, Session session, TfLoadOptions o, long seed) {
        GraphDef gd = graph.toGraphDef();
        if (gd.getNodeCount() == 0) {
            throw new ModelLoadException(IN_MEMORY, "the graph is empty.\nMaybe build the model first.");
        }
        return fromGraphDef(gd, IN_MEMORY, o, vars -> readVariables(graph, session, vars), seed);
    }

    private static FlatGraph fromGraphDef(GraphDef input, String src, TfLoadOptions o,
            WeightFreezer.@Nullable VariableReader reader, long seed) {
        GraphDef gd = input;
        Map<String, FunctionDef> lib = new HashMap<>();
        for (FunctionDef f : gd.getLibrary().getFunctionList()) {
            lib.put(f.getSignature().getName(), f);
        }
        checkReferences(gd, src);
        int nodesBefore = gd.getNodeCount();
        Map<String, String> local = new HashMap<>();
        FlatGraph.Inlining stats;
        boolean hasCalls = false;
        for (NodeDef n : gd.getNodeList()) {
            hasCalls |= FunctionInliner.isCall(n, lib);
        }
        if (hasCalls) {
            FunctionInliner.Result inl = new FunctionInliner(OpRegistry.get(), src).inline(gd);
            gd = inl.graphDef();
            inl.localNames().forEach((k, v) -> {
                if (!k.equals(v)) {
                    local.put(k, v);
                }
            });
            stats = new FlatGraph.Inlining(lib.size(), inl.callsInlined(), inl.functionsInlined(), inl.maxDepth(),
                    gd.getLibrary().getFunctionCount(), nodesBefore, gd.getNodeCount());
        } else {
            stats = new FlatGraph.Inlining(lib.size(), 0, 0, 0, lib.size(), nodesBefore, nodesBefore);
        }
        WeightsReport report;
        if (!WeightFreezer.variables(gd).isEmpty()) {
            WeightFreezer.Frozen f = WeightFreezer.freeze(gd, reader, o.weights() != TfLoadOptions.Weights.FROM_FILE,
                    o.weights() == TfLoadOptions.Weights.SEEDED_RANDOM, seed, src);
            gd = f.graphDef();
            report = f.report();
        } else {
            WeightFreezer.Frozen f = WeightFreezer.fillEmptyConsts(gd, seed);
            if (f.report().seeded() && o.weights() == TfLoadOptions.Weights.FROM_FILE) {
                throw new ModelLoadException(src, "the graph's weights are stripped (" + f.report().reason()
                        + ").\nMaybe allow seeded random weights (TfLoadOptions.Weights.AUTO).");
            }
            gd = f.graphDef();
            report = f.report();
        }
        List<String> inNames = new ArrayList<>(o.inputs());
        if (inNames.isEmpty()) {
            inNames = List.of(singlePlaceholder(gd, src));
        }
        List<String> outNames = new ArrayList<>(o.outputs());
        if (outNames.isEmpty()) {
            outNames = sinks(gd, inNames, src);
        }
        return finish(src, applyInputShapes(gd, inNames, o), inNames, outNames, local, report, stats, null, "");
    }

    // -------------------------------------------------------------------------------------------------- shared

    /** Writes user-given input shapes into the input placeholders, so that static shapes propagate. */
    private static GraphDef applyInputShapes(GraphDef gd, List<String> inputs, TfLoadOptions o) {
        if (o.inputShapes().isEmpty()) {
            return gd;
        }
        Map<String, List<Long>> byNode = new HashMap<>();
        for (String in : inputs) {
            List<Long> shape = o.inputShapes().get(in);
            if (shape == null) {
                shape = o.inputShapes().get(GraphDefs.nodeOf(in));
            }
            if (shape == null) {
                shape = o.inputShapes().get(TfLoadOptions.ALL_INPUTS);
            }
            if (shape != null && GraphDefs.indexOf(in) == 0) {
                byNode.put(GraphDefs.nodeOf(in), shape);
            }
        }
        GraphDef.Builder b = gd.toBuilder();
        for (int i = 0; i < b.getNodeCount(); i++) {
            NodeDef n = b.getNode(i);
            List<Long> shape = byNode.get(n.getName());
            if (shape != null && n.getOp().equals("Placeholder")) {
                TensorShapeProto.Builder sp = TensorShapeProto.newBuilder();
                for (long d : shape) {
                    sp.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
                }
                b.setNode(i, n.toBuilder().putAttr("shape", AttrValue.newBuilder().setShape(sp).build()));
            }
        }
        return b.build();
    }

    private static FlatGraph finish(String src, GraphDef flat, List<String> inNames, List<String> outNames,
            Map<String, String> local, WeightsReport weights, FlatGraph.Inlining stats, @Nullable KerasMetadata keras,
            String sigKey) {
        Graph g = importChecked(flat, src);
        try {
            List<String> ins = checkTensors(g, inNames, src, "input");
            List<String> outs = checkTensors(g, outNames, src, "output");
            return new FlatGraph(src, g, flat, ins, outs, local, weights, stats, keras, sigKey);
        } catch (RuntimeException e) {
            g.close();
            throw e;
        }
    }

    private static List<String> checkTensors(Graph g, List<String> names, String src, String what) {
        List<String> r = new ArrayList<>();
        for (String n : names) {
            String node = GraphDefs.nodeOf(n);
            int idx = GraphDefs.indexOf(n);
            GraphOperation op = g.operation(node);
            if (op == null) {
                throw new ModelLoadException(src, node, "the " + what + " tensor " + n + " does not exist in the "
                        + "graph.\nMaybe check the tensor names given to TfLoadOptions.");
            }
            if (idx >= op.numOutputs()) {
                throw new ModelLoadException(src, node, String.format(Locale.ROOT, "the %s tensor %s does not exist: "
                        + "the op %s has only %d outputs.", what, n, op.type(), op.numOutputs()));
            }
            r.add(node + ":" + idx);
        }
        return r;
    }

    /** Checks that every op is registered in the runtime, then imports the GraphDef into a new graph. */
    static Graph importChecked(GraphDef gd, String src) {
        OpRegistry reg = OpRegistry.get();
        Set<String> fnames = new HashSet<>();
        for (FunctionDef f : gd.getLibrary().getFunctionList()) {
            fnames.add(f.getSignature().getName());
        }
        for (NodeDef n : gd.getNodeList()) {
            if (!reg.has(n.getOp()) && !fnames.contains(n.getOp())) {
                throw new ModelLoadException(src, n.getName(), "the op type " + n.getOp() + " is not registered in "
                        + "the native TensorFlow runtime (TensorFlow " + TensorFlow.version() + ").\nMaybe the model "
                        + "needs a custom op library, or another TensorFlow version.");
            }
        }
        for (FunctionDef f : gd.getLibrary().getFunctionList()) {
            for (NodeDef n : f.getNodeDefList()) {
                if (!reg.has(n.getOp()) && !fnames.contains(n.getOp())) {
                    throw new ModelLoadException(src, f.getSignature().getName() + "/" + n.getName(), "the op type "
                            + n.getOp() + " (inside function " + f.getSignature().getName() + ") is not registered "
                            + "in the native TensorFlow runtime (TensorFlow " + TensorFlow.version() + ").");
                }
            }
        }
        checkReferences(gd, src);
        Graph g = new Graph();
        try {
            g.importGraphDef(gd);
            return g;
        } catch (RuntimeException e) {
            g.close();
            String msg = e.getMessage() == null ? e.toString() : e.getMessage();
            Matcher m = NODE_IN_MSG.matcher(msg);
            throw new ModelLoadException(src, m.find() ? m.group(1) : null, "TensorFlow rejects the graph: " + msg, e);
        } catch (OutOfMemoryError e) {
            g.close();
            throw new ModelLoadException(src, null, "the graph does not fit in memory.\nMaybe give the JVM more "
                    + "heap (-Xmx).", e);
        }
    }

    private static void checkReferences(GraphDef gd, String src) {
        Set<String> names = new HashSet<>();
        for (NodeDef n : gd.getNodeList()) {
            if (!names.add(n.getName())) {
                throw new ModelLoadException(src, n.getName(), "two nodes have this name; the graph is corrupt.");
            }
        }
        for (NodeDef n : gd.getNodeList()) {
            for (String in : n.getInputList()) {
                if (!names.contains(GraphDefs.nodeOf(in))) {
                    throw new ModelLoadException(src, n.getName(), "the input " + in + " names a node that does not "
                            + "exist; the graph is corrupt or truncated.\nMaybe copy the model again.");
                }
            }
        }
    }

    private static String singlePlaceholder(GraphDef gd, String src) {
        Map<String, Set<String>> consumers = GraphDefs.consumers(gd);
        List<String> ph = new ArrayList<>();
        for (NodeDef n : gd.getNodeList()) {
            if (n.getOp().equals("Placeholder") && consumers.containsKey(n.getName())) {
                ph.add(n.getName());
            }
        }
        if (ph.size() == 1) {
            return ph.get(0) + ":0";
        }
        if (ph.isEmpty()) {
            throw new ModelLoadException(src, "the graph has no input (no Placeholder feeds any node).\nMaybe name "
                    + "the input tensor with TfLoadOptions.withInputs.");
        }
        throw new ModelLoadException(src, String.format(Locale.ROOT, "the graph has %d inputs %s, but one was "
                + "expected.%nMaybe name the input tensors with TfLoadOptions.withInputs, e.g. withInputs(\"%s:0\").",
                ph.size(), ph, ph.get(0)));
    }

    private static List<String> sinks(GraphDef gd, List<String> inputs, String src) {
        Map<String, Set<String>> consumers = GraphDefs.consumers(gd);
        Set<String> inputNodes = new HashSet<>();
        for (String in : inputs) {
            inputNodes.add(GraphDefs.nodeOf(in));
        }
        Set<String> desc = GraphDefs.descendants(inputNodes, consumers);
        List<String> out = new ArrayList<>();
        for (NodeDef n : gd.getNodeList()) {
            if (desc.contains(n.getName()) && !consumers.containsKey(n.getName()) && !NOT_OUTPUTS.contains(n.getOp())
                    && !inputNodes.contains(n.getName())) {
                out.add(n.getName() + ":0");
            }
        }
        if (out.isEmpty()) {
            throw new ModelLoadException(src, "no output was found downstream of the inputs " + inputs
                    + ".\nMaybe name the output tensors with TfLoadOptions.withOutputs.");
        }
        return out;
    }

    private static byte[] readAll(Path p, String src) {
        return ModelFiles.read(p, src);
    }

    private static long sizeOf(Path p) {
        if (!Files.exists(p)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(p)) {
            long total = 0;
            for (Path f : (Iterable<Path>) s::iterator) {
                if (Files.isRegularFile(f)) {
                    total += Files.size(f);
                }
            }
            return total;
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Refuses models whose files would not fit: the explicit limit if set, else {@value #HEAP_FACTOR} times the
     * file size against the free heap.
     */
    static void checkMemory(String src, long bytes, TfLoadOptions o) {
        if (o.maxModelBytes() > 0) {
            if (bytes > o.maxModelBytes()) {
                throw new ModelLoadException(src, String.format(Locale.ROOT, "the model is too big: its files hold "
                        + "%d bytes, more than the limit of %d bytes.%nMaybe raise TfLoadOptions.withMaxModelBytes.",
                        bytes, o.maxModelBytes()));
            }
            return;
        }
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (bytes > Integer.MAX_VALUE - 8 || bytes * HEAP_FACTOR > free) {
            throw new ModelLoadException(src, String.format(Locale.ROOT, "the model is too big for memory: its "
                    + "files hold %d bytes and need about %d bytes of heap to load, but only %d bytes are free "
                    + "(max heap %d).%nMaybe give the JVM more heap (-Xmx).", bytes, bytes * HEAP_FACTOR, free,
                    rt.maxMemory()));
        }
    }

    private static String listing(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            List<String> l = s.map(p -> p.getFileName().toString()).sorted().limit(10).toList();
            return l.isEmpty() ? "nothing" : String.join(", ", l);
        } catch (IOException e) {
            return "unreadable";
        }
    }
}
