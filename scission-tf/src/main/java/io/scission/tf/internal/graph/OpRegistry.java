package io.scission.tf.internal.graph;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.tensorflow.TensorFlow;
import org.tensorflow.internal.c_api.TF_Buffer;
import org.tensorflow.internal.c_api.global.tensorflow;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.OpDef;
import org.tensorflow.proto.OpList;

/** The OpDefs registered in the loaded native TensorFlow runtime, read once through {@code TF_GetAllOpList}. */
final class OpRegistry {

    private static volatile @Nullable OpRegistry instance;

    private final Map<String, OpDef> ops;

    private OpRegistry(Map<String, OpDef> ops) {
        this.ops = Map.copyOf(ops);
    }

    /** Returns the process-wide registry, loading the native library on first use. */
    static OpRegistry get() {
        OpRegistry r = instance;
        if (r == null) {
            synchronized (OpRegistry.class) {
                r = instance;
                if (r == null) {
                    r = load();
                    instance = r;
                }
            }
        }
        return r;
    }

    private static OpRegistry load() {
        TensorFlow.version();
        TF_Buffer buf = tensorflow.TF_GetAllOpList();
        try {
            byte[] bytes = new byte[(int) buf.length()];
            buf.data().capacity(buf.length()).asByteBuffer().get(bytes);
            Map<String, OpDef> m = new HashMap<>();
            for (OpDef d : OpList.parseFrom(bytes).getOpList()) {
                m.put(d.getName(), d);
            }
            return new OpRegistry(m);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("The native runtime's op list (TF_GetAllOpList) cannot be parsed.", e);
        } finally {
            tensorflow.TF_DeleteBuffer(buf);
        }
    }

    Optional<OpDef> find(String opType) {
        return Optional.ofNullable(ops.get(opType));
    }

    boolean has(String opType) {
        return ops.containsKey(opType);
    }

    /**
     * Returns how many tensors an output argument expands to for a node ({@code number_attr} or
     * {@code type_list_attr}), reading the attribute from the node or else the OpDef default.
     */
    static int outputArgLength(OpDef def, OpDef.ArgDef arg, NodeDef node) {
        if (!arg.getNumberAttr().isEmpty()) {
            return (int) attr(def, node, arg.getNumberAttr()).getI();
        }
        if (!arg.getTypeListAttr().isEmpty()) {
            return attr(def, node, arg.getTypeListAttr()).getList().getTypeCount();
        }
        return 1;
    }

    private static AttrValue attr(OpDef def, NodeDef node, String name) {
        AttrValue v = node.getAttrMap().get(name);
        if (v != null) {
            return v;
        }
        for (OpDef.AttrDef a : def.getAttrList()) {
            if (a.getName().equals(name) && a.hasDefaultValue()) {
                return a.getDefaultValue();
            }
        }
        throw new IllegalArgumentException("The node " + node.getName() + " (" + node.getOp()
                + ") lacks the attribute " + name + ".");
    }
}
