package io.scission.tf.internal.graph;

import io.scission.tf.ModelLoadException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.FunctionDefLibrary;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.OpDef;

/**
 * Inlines function calls ({@code StatefulPartitionedCall}, {@code PartitionedCall}, and nodes whose op type is a
 * library function) recursively into one flat GraphDef, so that every op of a TF2/Keras SavedModel can be fed
 * and fetched by name.
 *
 * <ul>
 *   <li>Function arguments become the caller's input tensors.
 *   <li>Inner nodes are renamed {@code <call node's flat name>/<inner name>}; devices and {@code _class}
 *       colocation attributes are dropped.
 *   <li>FunctionDef references {@code node:out_arg:i} become GraphDef {@code node:k}, where {@code k} is the
 *       offset of {@code out_arg} among the op's output arguments (list arguments expanded through their
 *       {@code number_attr} / {@code type_list_attr}) plus {@code i}.
 *   <li>The call node becomes an {@code IdentityN} with the same name whose inputs are the function's return
 *       tensors, so {@code call:i} still names output {@code i}.
 *   <li>The call's control inputs go to a NoOp {@code <call>/input_control_node} that input-less inner nodes
 *       depend on; a control edge {@code ^call} becomes {@code ^<call>/output_control_node}, a NoOp that depends
 *       on the function's control outputs only. Pointing it at the data-carrying IdentityN instead would make a
 *       downstream node pull the whole function, and so the unfed model input, when an intermediate tensor is fed.
 * </ul>
 * Functional control flow ({@code If}, {@code While}, ...) is left alone; the functions it needs stay in the
 * library. Semantics follow TensorFlow's {@code InlineFunctionBody}; no code was copied.
 */
final class FunctionInliner {

    static final Set<String> CALL_OPS = Set.of("StatefulPartitionedCall", "PartitionedCall");
    static final String OUTPUT_CONTROL = "output_control_node";
    static final String INPUT_CONTROL = "input_control_node";
    private static final int MAX_DEPTH = 64;

    /** The flat graph, each flat node's name inside its function, and what was inlined. */
    record Result(GraphDef graphDef, Map<String, String> localNames, int callsInlined, int functionsInlined,
            int maxDepth) {
    }

    private final OpRegistry registry;
    private final String source;
    private Map<String, FunctionDef> lib = Map.of();
    private final List<NodeDef> out = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private final Map<String, String> localNames = new LinkedHashMap<>();
    private final Set<String> inlinedCalls = new LinkedHashSet<>();
    private final Set<String> functionsInlined = new LinkedHashSet<>();
    private int callsInlined;
    private int maxDepth;

    FunctionInliner(OpRegistry registry, String source) {
        this.registry = registry;
        this.source = source;
    }

    static boolean isCall(NodeDef n, Map<String, FunctionDef> lib) {
        if (CALL_OPS.contains(n.getOp())) {
            AttrValue f = n.getAttrMap().get("f");
            return f != null && lib.containsKey(f.getFunc().getName());
        }
        return lib.containsKey(n.getOp());
    }

    private static String calledFunction(NodeDef n) {
        return CALL_OPS.contains(n.getOp()) ? n.getAttrOrThrow("f").getFunc().getName() : n.getOp();
    }

    Result inline(GraphDef gd) {
        lib = new HashMap<>();
        for (FunctionDef f : gd.getLibrary().getFunctionList()) {
            lib.put(f.getSignature().getName(), f);
        }
        for (NodeDef n : gd.getNodeList()) {
            names.add(n.getName());
        }
        for (NodeDef n : gd.getNodeList()) {
            if (isCall(n, lib)) {
                List<String> data = new ArrayList<>();
                List<String> ctrl = new ArrayList<>();
                for (String in : n.getInputList()) {
                    (in.startsWith("^") ? ctrl : data).add(in);
                }
                inlineCall(n, n.getName(), data, ctrl, 1);
            } else {
                out.add(n);
                localNames.put(n.getName(), n.getName());
            }
        }
        List<NodeDef> fixed = new ArrayList<>(out.size());
        for (NodeDef n : out) {
            boolean change = false;
            for (String in : n.getInputList()) {
                change |= in.startsWith("^") && inlinedCalls.contains(in.substring(1));
            }
            if (!change) {
                fixed.add(n);
                continue;
            }
            NodeDef.Builder b = n.toBuilder().clearInput();
            Set<String> seen = new HashSet<>();
            for (String in : n.getInputList()) {
                String r = in.startsWith("^") && inlinedCalls.contains(in.substring(1))
                        ? "^" + in.substring(1) + "/" + OUTPUT_CONTROL : in;
                if (!r.startsWith("^") || seen.add(r)) {
                    b.addInput(r);
                }
            }
            fixed.add(b.build());
        }
        GraphDef flat = gd.toBuilder().clearNode().addAllNode(fixed)
                .setLibrary(pruneLibrary(fixed, gd.getLibrary())).build();
        return new Result(flat, localNames, callsInlined, functionsInlined.size(), maxDepth);
    }

    /** Keeps only the functions still referenced, transitively, by the nodes' op types or function attributes. */
    static FunctionDefLibrary pruneLibrary(List<NodeDef> nodes, FunctionDefLibrary library) {
        Map<String, FunctionDef> byName = new HashMap<>();
        for (FunctionDef f : library.getFunctionList()) {
            byName.put(f.getSignature().getName(), f);
        }
        Set<String> keep = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        for (NodeDef n : nodes) {
            collectFuncRefs(n, byName, todo);
        }
        while (!todo.isEmpty()) {
            String f = todo.pop();
            if (keep.add(f)) {
                for (NodeDef n : byName.get(f).getNodeDefList()) {
                    collectFuncRefs(n, byName, todo);
                }
            }
        }
        FunctionDefLibrary.Builder b = FunctionDefLibrary.newBuilder();
        for (FunctionDef f : library.getFunctionList()) {
            if (keep.contains(f.getSignature().getName())) {
                b.addFunction(f);
            }
        }
        for (var gr : library.getGradientList()) {
            if (keep.contains(gr.getFunctionName())) {
                b.addGradient(gr);
            }
        }
        return b.build();
    }

    private static void collectFuncRefs(NodeDef n, Map<String, FunctionDef> byName, Deque<String> todo) {
        if (byName.containsKey(n.getOp())) {
            todo.push(n.getOp());
        }
        for (AttrValue v : n.getAttrMap().values()) {
            if (v.hasFunc() && byName.containsKey(v.getFunc().getName())) {
                todo.push(v.getFunc().getName());
            }
            for (var f : v.getList().getFuncList()) {
                if (byName.containsKey(f.getName())) {
                    todo.push(f.getName());
                }
            }
        }
    }

    private void addUnique(NodeDef n, String local, String function) {
        if (!names.add(n.getName())) {
            throw new ModelLoadException(source, n.getName(), "inlining function " + function
                    + " would create a second node of this name.\nMaybe the graph was edited by hand; re-export it.");
        }
        out.add(n);
        localNames.put(n.getName(), local);
    }

    private void inlineCall(NodeDef call, String flatCall, List<String> dataInputs, List<String> ctrlInputs,
            int depth) {
        String fname = calledFunction(call);
        FunctionDef fd = lib.get(fname);
        if (depth > MAX_DEPTH) {
            throw new ModelLoadException(source, flatCall, "function calls are nested deeper than " + MAX_DEPTH
                    + " (a recursive call of " + fname + "?).");
        }
        callsInlined++;
        maxDepth = Math.max(maxDepth, depth);
        functionsInlined.add(fname);
        inlinedCalls.add(flatCall);
        OpDef sig = fd.getSignature();
        if (sig.getInputArgCount() != dataInputs.size()) {
            throw new ModelLoadException(source, flatCall, "the call of function " + fname + " passes "
                    + dataInputs.size() + " inputs, but the function declares " + sig.getInputArgCount() + ".");
        }
        Map<String, String> argMap = new HashMap<>();
        for (int i = 0; i < sig.getInputArgCount(); i++) {
            OpDef.ArgDef a = sig.getInputArg(i);
            if (!a.getNumberAttr().isEmpty() || !a.getTypeListAttr().isEmpty()) {
                throw new ModelLoadException(source, flatCall, "function " + fname + " has the list-valued argument "
                        + a.getName() + "; polymorphic functions are not supported.\nMaybe export a concrete "
                        + "function (tf.function with an input_signature).");
            }
            argMap.put(a.getName(), dataInputs.get(i));
        }
        String prefix = flatCall + "/";
        Map<String, NodeDef> inner = new HashMap<>();
        for (NodeDef m : fd.getNodeDefList()) {
            inner.put(m.getName(), m);
        }
        String inputControl = null;
        if (!ctrlInputs.isEmpty()) {
            inputControl = prefix + INPUT_CONTROL;
            addUnique(NodeDef.newBuilder().setName(inputControl).setOp("NoOp").addAllInput(ctrlInputs).build(),
                    INPUT_CONTROL, fname);
        }
        for (NodeDef m : fd.getNodeDefList()) {
            for (AttrValue v : m.getAttrMap().values()) {
                if (!v.getPlaceholder().isEmpty()) {
                    throw new ModelLoadException(source, prefix + m.getName(), "function " + fname
                            + " uses the attribute placeholder $" + v.getPlaceholder()
                            + "; polymorphic functions are not supported.\nMaybe export a concrete function.");
                }
            }
            List<String> data = new ArrayList<>();
            List<String> ctrl = new ArrayList<>();
            for (String in : m.getInputList()) {
                if (in.startsWith("^")) {
                    ctrl.add("^" + prefix + in.substring(1));
                } else {
                    data.add(resolve(in, argMap, inner, prefix, fname, m.getName()));
                }
            }
            if (data.isEmpty() && ctrl.isEmpty() && inputControl != null) {
                ctrl.add("^" + inputControl);
            }
            String flatName = prefix + m.getName();
            if (isCall(m, lib)) {
                inlineCall(m, flatName, data, ctrl, depth + 1);
            } else {
                NodeDef.Builder b = m.toBuilder().setName(flatName).clearInput().addAllInput(data)
                        .addAllInput(ctrl).setDevice("");
                b.removeAttr("_class");
                addUnique(b.build(), m.getName(), fname);
            }
        }
        List<String> rets = new ArrayList<>();
        AttrValue.ListValue.Builder types = AttrValue.ListValue.newBuilder();
        for (OpDef.ArgDef o : sig.getOutputArgList()) {
            if (!o.getNumberAttr().isEmpty() || !o.getTypeListAttr().isEmpty() || o.getType() == DataType.DT_INVALID) {
                throw new ModelLoadException(source, flatCall, "function " + fname + " has the polymorphic output "
                        + o.getName() + ".\nMaybe export a concrete function.");
            }
            String ret = fd.getRetMap().get(o.getName());
            if (ret == null) {
                throw new ModelLoadException(source, flatCall, "function " + fname + " returns nothing for its output "
                        + o.getName() + "; the SavedModel is corrupt.");
            }
            rets.add(resolve(ret, argMap, inner, prefix, fname, "ret:" + o.getName()));
            types.addType(o.getType());
        }
        NodeDef outNode = rets.isEmpty()
                ? NodeDef.newBuilder().setName(flatCall).setOp("NoOp").build()
                : NodeDef.newBuilder().setName(flatCall).setOp("IdentityN").addAllInput(rets)
                        .putAttr("T", AttrValue.newBuilder().setList(types).build()).build();
        names.add(flatCall);
        out.add(outNode);
        localNames.put(flatCall, call.getName());
        NodeDef.Builder oc = NodeDef.newBuilder().setName(prefix + OUTPUT_CONTROL).setOp("NoOp");
        for (String cr : fd.getControlRetMap().values()) {
            oc.addInput("^" + prefix + cr);
        }
        addUnique(oc.build(), OUTPUT_CONTROL, fname);
    }

    /** Translates a FunctionDef data input reference into a flat GraphDef tensor name. */
    private String resolve(String ref, Map<String, String> argMap, Map<String, NodeDef> inner, String prefix,
            String fname, String where) {
        String[] parts = ref.split(":");
        if (parts.length == 1) {
            String a = argMap.get(ref);
            if (a != null) {
                return a;
            }
            if (inner.containsKey(ref)) {
                return prefix + ref;
            }
            throw new ModelLoadException(source, prefix + where, "function " + fname + " reads the unknown input "
                    + ref + "; the SavedModel is corrupt.");
        }
        if (parts.length == 2) {
            String a = argMap.get(parts[0]);
            if (a != null && parts[1].equals("0")) {
                return a;
            }
            return flat(prefix + parts[0], Integer.parseInt(parts[1]));
        }
        NodeDef src = inner.get(parts[0]);
        if (src == null) {
            throw new ModelLoadException(source, prefix + where, "function " + fname + " reads " + ref
                    + ", whose node " + parts[0] + " does not exist; the SavedModel is corrupt.");
        }
        return flat(prefix + parts[0], outputArgOffset(src, parts[1], fname, prefix) + Integer.parseInt(parts[2]));
    }

    private static String flat(String node, int index) {
        return index == 0 ? node : node + ":" + index;
    }

    private int outputArgOffset(NodeDef node, String argName, String fname, String prefix) {
        @Nullable FunctionDef called = lib.get(node.getOp());
        if (called != null) {
            int i = 0;
            for (OpDef.ArgDef a : called.getSignature().getOutputArgList()) {
                if (a.getName().equals(argName)) {
                    return i;
                }
                i++;
            }
        } else {
            OpDef def = registry.find(node.getOp()).orElseThrow(() -> new ModelLoadException(source,
                    prefix + node.getName(), "the op type " + node.getOp() + " is not registered in the native "
                            + "TensorFlow runtime.\nMaybe the model needs a newer TensorFlow or a custom op library."));
            int off = 0;
            for (OpDef.ArgDef a : def.getOutputArgList()) {
                if (a.getName().equals(argName)) {
                    return off;
                }
                off += OpRegistry.outputArgLength(def, a, node);
            }
        }
        throw new ModelLoadException(source, prefix + node.getName(), "function " + fname + " reads the output "
                + argName + " of op " + node.getOp() + ", which has no such output.");
    }
}
