package io.scission.tf.internal.graph;

import io.scission.tf.ModelLoadException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

/**
 * Turns variables into constants so that the flat graph is self-contained: every {@code ReadVariableOp} whose
 * handle (through Identity chains) is a {@code VarHandleOp} becomes a Const of the same name and the handles are
 * removed; ref variables ({@code VariableV2}) become Consts in place.
 */
final class WeightFreezer {

    /** A variable to read: node name, type, declared shape (null if unknown rank), resource or ref variable. */
    record VarSpec(String name, DataType dtype, long @Nullable [] shape, boolean resource) {
    }

    /** Supplies variable values; throws to signal unreadable weights. */
    @FunctionalInterface
    interface VariableReader {
        Map<String, TensorProto> read(List<VarSpec> vars) throws Exception;
    }

    record Frozen(GraphDef graphDef, WeightsReport report) {
    }

    private static final Set<String> REF_VARS = Set.of("VariableV2", "Variable");

    private WeightFreezer() {
    }

    static List<VarSpec> variables(GraphDef gd) {
        List<VarSpec> vars = new ArrayList<>();
        for (NodeDef n : gd.getNodeList()) {
            boolean resource = n.getOp().equals("VarHandleOp");
            if (resource || REF_VARS.contains(n.getOp())) {
                vars.add(new VarSpec(n.getName(), n.getAttrOrThrow("dtype").getType(),
                        shapeOf(n.getAttrOrThrow("shape").getShape()), resource));
            }
        }
        return vars;
    }

    static long @Nullable [] shapeOf(TensorShapeProto s) {
        if (s.getUnknownRank()) {
            return null;
        }
        long[] r = new long[s.getDimCount()];
        for (int i = 0; i < r.length; i++) {
            r[i] = s.getDim(i).getSize();
        }
        return r;
    }

    /**
     * Freezes all variables. With no reader, or when reading fails, seeded random values are used if allowed, and
     * the report says why.
     */
    static Frozen freeze(GraphDef gd, @Nullable VariableReader reader, boolean allowSeeded, boolean forceSeeded,
            long seed, String source) {
        List<VarSpec> vars = variables(gd);
        if (vars.isEmpty()) {
            return new Frozen(gd, WeightsReport.fromFile(0, 0));
        }
        Map<String, TensorProto> values = null;
        String reason;
        if (forceSeeded) {
            reason = "seeded random weights were requested";
        } else if (reader == null) {
            reason = "the graph's variables have no values to read";
        } else {
            try {
                values = reader.read(vars);
                for (VarSpec v : vars) {
                    if (!values.containsKey(v.name())) {
                        throw new IllegalStateException("no value for variable " + v.name());
                    }
                }
                reason = "";
            } catch (Exception e) {
                values = null;
                reason = "the variables are unreadable (" + firstLine(e) + ")";
            }
        }
        boolean seeded = values == null;
        if (values == null) {
            if (!allowSeeded) {
                throw new ModelLoadException(source, "the model's weights cannot be read: " + reason
                        + ".\nMaybe allow seeded random weights (TfLoadOptions.Weights.AUTO); latency does not "
                        + "depend on weight values.");
            }
            values = new LinkedHashMap<>();
            for (VarSpec v : vars) {
                if (v.shape() == null) {
                    throw new ModelLoadException(source, v.name(), "the variable has no declared shape, so no "
                            + "random weights can stand in for it (" + reason + ").");
                }
                try {
                    values.put(v.name(), SyntheticWeights.generate(v.name(), v.dtype(), v.shape(), seed));
                } catch (IllegalArgumentException e) {
                    throw new ModelLoadException(source, v.name(), e.getMessage() + " (" + reason + ")");
                }
            }
        }
        long bytes = 0;
        for (TensorProto t : values.values()) {
            bytes += t.getTensorContent().size();
        }
        WeightsReport report = seeded ? WeightsReport.seeded(values.size(), bytes, seed, reason)
                : WeightsReport.fromFile(values.size(), bytes);
        return new Frozen(rewrite(gd, values, source), report);
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl > 0 ? m.substring(0, nl) : m;
    }

    static GraphDef rewrite(GraphDef gd, Map<String, TensorProto> values, String source) {
        Map<String, NodeDef> byName = GraphDefs.byName(gd);
        List<NodeDef> nodes = new ArrayList<>();
        for (NodeDef n : gd.getNodeList()) {
            if (REF_VARS.contains(n.getOp()) && values.containsKey(n.getName())) {
                nodes.add(constNode(n.getName(), values.get(n.getName())));
            } else if (n.getOp().equals("ReadVariableOp")) {
                String var = traceHandle(n.getInput(0), byName);
                nodes.add(var != null && values.containsKey(var) ? constNode(n.getName(), values.get(var)) : n);
            } else {
                nodes.add(n);
            }
        }
        Map<String, NodeDef> after = new HashMap<>();
        Map<String, List<String>> users = new HashMap<>();
        for (NodeDef n : nodes) {
            after.put(n.getName(), n);
            for (String in : n.getInputList()) {
                users.computeIfAbsent(GraphDefs.nodeOf(in), k -> new ArrayList<>()).add(n.getName());
            }
        }
        Set<String> removed = new HashSet<>();
        Set<String> handleUsers = new HashSet<>();
        for (NodeDef n : nodes) {
            if (n.getOp().equals("VarHandleOp") && values.containsKey(n.getName())) {
                removed.add(n.getName());
                findNonIdentityUsers(n.getName(), users, after, handleUsers, new HashSet<>());
            }
        }
        if (!handleUsers.isEmpty()) {
            String u = handleUsers.iterator().next();
            throw new ModelLoadException(source, u, "the op " + after.get(u).getOp() + " uses a resource variable "
                    + "directly; only ReadVariableOp reads can be frozen into constants.");
        }
        List<NodeDef> kept = new ArrayList<>();
        for (NodeDef n : nodes) {
            if (!removed.contains(n.getName())) {
                kept.add(n);
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            List<NodeDef> next = new ArrayList<>();
            for (NodeDef n : kept) {
                if (n.getOp().equals("Identity") && n.getInputCount() > 0
                        && removed.contains(GraphDefs.nodeOf(n.getInput(0)))) {
                    removed.add(n.getName());
                    changed = true;
                } else {
                    next.add(n);
                }
            }
            kept = next;
        }
        List<NodeDef> result = new ArrayList<>();
        for (NodeDef n : kept) {
            boolean dangling = false;
            for (String in : n.getInputList()) {
                dangling |= removed.contains(GraphDefs.nodeOf(in));
            }
            if (!dangling) {
                result.add(n);
                continue;
            }
            NodeDef.Builder b = n.toBuilder().clearInput();
            for (String in : n.getInputList()) {
                if (!removed.contains(GraphDefs.nodeOf(in))) {
                    b.addInput(in);
                } else if (!in.startsWith("^")) {
                    throw new ModelLoadException(source, n.getName(), "the node reads the variable handle " + in
                            + " directly; only ReadVariableOp reads can be frozen into constants.");
                }
            }
            result.add(b.build());
        }
        return gd.toBuilder().clearNode().addAllNode(result).build();
    }

    private static void findNonIdentityUsers(String node, Map<String, List<String>> users,
            Map<String, NodeDef> byName, Set<String> bad, Set<String> seen) {
        if (!seen.add(node)) {
            return;
        }
        for (String u : users.getOrDefault(node, List.of())) {
            NodeDef un = byName.get(u);
            if (un.getOp().equals("Identity")) {
                findNonIdentityUsers(u, users, byName, bad, seen);
            } else if (!un.getOp().equals("Const") && !isControlOnly(un, node)) {
                bad.add(u);
            }
        }
    }

    private static boolean isControlOnly(NodeDef user, String node) {
        for (String in : user.getInputList()) {
            if (!in.startsWith("^") && GraphDefs.nodeOf(in).equals(node)) {
                return false;
            }
        }
        return true;
    }

    private static @Nullable String traceHandle(String input, Map<String, NodeDef> byName) {
        NodeDef n = byName.get(GraphDefs.nodeOf(input));
        int guard = 0;
        while (n != null && n.getOp().equals("Identity") && guard++ < 100) {
            n = byName.get(GraphDefs.nodeOf(n.getInput(0)));
        }
        return n != null && n.getOp().equals("VarHandleOp") ? n.getName() : null;
    }

    static NodeDef constNode(String name, TensorProto value) {
        return NodeDef.newBuilder().setName(name).setOp("Const")
                .putAttr("dtype", AttrValue.newBuilder().setType(value.getDtype()).build())
                .putAttr("value", AttrValue.newBuilder().setTensor(value).build()).build();
    }

    /**
     * Fills Const nodes that declare a shape but hold no data (weight-stripped graphs such as tfjs-converter's)
     * with seeded random values. A stripped int32/int64 vector that is a Reshape's target shape becomes
     * {@code [1, ..., 1, -1]}: batch 1, everything in the last dimension (the target cannot be known).
     */
    static Frozen fillEmptyConsts(GraphDef gd, long seed) {
        List<NodeDef> nodes = new ArrayList<>();
        int count = 0;
        long bytes = 0;
        Set<String> reshapeTargets = new HashSet<>();
        for (NodeDef n : gd.getNodeList()) {
            if (n.getOp().equals("Reshape") && n.getInputCount() > 1) {
                reshapeTargets.add(GraphDefs.nodeOf(n.getInput(1)));
            }
        }
        for (NodeDef n : gd.getNodeList()) {
            if (n.getOp().equals("Const") && n.containsAttr("value")) {
                TensorProto t = n.getAttrOrThrow("value").getTensor();
                long[] shape = shapeOf(t.getTensorShape());
                if (shape != null && isEmpty(t) && numElements(shape) > 0 && Dtypes.size(t.getDtype()) > 0) {
                    TensorProto v = reshapeTargets.contains(n.getName()) && shape.length == 1
                            && (t.getDtype() == DataType.DT_INT32 || t.getDtype() == DataType.DT_INT64)
                            ? reshapeTarget(t.getDtype(), (int) shape[0])
                            : SyntheticWeights.generate(n.getName(), t.getDtype(), shape, seed);
                    nodes.add(n.toBuilder().putAttr("value", AttrValue.newBuilder().setTensor(v).build()).build());
                    count++;
                    bytes += v.getTensorContent().size() + 8L * v.getIntValCount();
                    continue;
                }
            }
            nodes.add(n);
        }
        if (count == 0) {
            return new Frozen(gd, WeightsReport.fromFile(0, 0));
        }
        return new Frozen(gd.toBuilder().clearNode().addAllNode(nodes).build(), WeightsReport.seeded(count, bytes,
                seed, count + " Const nodes declare a shape but hold no data (weights stripped)"));
    }

    private static TensorProto reshapeTarget(DataType dt, int rank) {
        TensorProto.Builder b = TensorProto.newBuilder().setDtype(dt)
                .setTensorShape(TensorShapeProto.newBuilder().addDim(TensorShapeProto.Dim.newBuilder().setSize(rank)));
        for (int i = 0; i < rank; i++) {
            if (dt == DataType.DT_INT32) {
                b.addIntVal(i == rank - 1 ? -1 : 1);
            } else {
                b.addInt64Val(i == rank - 1 ? -1 : 1);
            }
        }
        return b.build();
    }

    private static long numElements(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                return -1;
            }
            n *= d;
        }
        return n;
    }

    private static boolean isEmpty(TensorProto t) {
        return t.getTensorContent().isEmpty() && t.getFloatValCount() == 0 && t.getIntValCount() == 0
                && t.getInt64ValCount() == 0 && t.getDoubleValCount() == 0 && t.getBoolValCount() == 0
                && t.getHalfValCount() == 0 && t.getStringValCount() == 0;
    }
}
