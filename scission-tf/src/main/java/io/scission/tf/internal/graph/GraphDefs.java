package io.scission.tf.internal.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;

/** Helpers on GraphDef tensor names and reachability; no native calls. */
public final class GraphDefs {

    private GraphDefs() {
    }

    /**
     * Returns the node of an input or tensor name: {@code "^a"}, {@code "a:1"} and {@code "a"} give {@code a}.
     *
     * @param input the name
     * @return the node name
     */
    public static String nodeOf(String input) {
        String s = input.startsWith("^") ? input.substring(1) : input;
        int c = s.lastIndexOf(':');
        if (c > 0 && isDigits(s.substring(c + 1))) {
            return s.substring(0, c);
        }
        return s;
    }

    /**
     * Returns the output index of a data input or tensor name: {@code "a"} gives 0, {@code "a:3"} gives 3.
     *
     * @param input the name
     * @return the index
     */
    public static int indexOf(String input) {
        int c = input.lastIndexOf(':');
        if (c > 0 && isDigits(input.substring(c + 1))) {
            return Integer.parseInt(input.substring(c + 1));
        }
        return 0;
    }

    /**
     * Returns the canonical tensor name {@code "node:index"}.
     *
     * @param input a data input or tensor name
     * @return the canonical name
     */
    public static String tensorName(String input) {
        return nodeOf(input) + ":" + indexOf(input);
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static Map<String, NodeDef> byName(GraphDef gd) {
        Map<String, NodeDef> m = new HashMap<>();
        for (NodeDef n : gd.getNodeList()) {
            m.put(n.getName(), n);
        }
        return m;
    }

    /** Keeps the ancestors (data and control) of the roots, roots included, in their original order. */
    static GraphDef pruneToAncestors(GraphDef gd, Set<String> rootNodes) {
        Map<String, NodeDef> byName = byName(gd);
        Set<String> keep = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(rootNodes);
        while (!todo.isEmpty()) {
            String n = todo.pop();
            if (!keep.add(n)) {
                continue;
            }
            NodeDef d = byName.get(n);
            if (d == null) {
                continue;
            }
            for (String in : d.getInputList()) {
                todo.push(nodeOf(in));
            }
        }
        List<NodeDef> nodes = new ArrayList<>();
        for (NodeDef n : gd.getNodeList()) {
            if (keep.contains(n.getName())) {
                nodes.add(n);
            }
        }
        GraphDef.Builder b = gd.toBuilder().clearNode().addAllNode(nodes);
        b.setLibrary(FunctionInliner.pruneLibrary(nodes, gd.getLibrary()));
        return b.build();
    }

    /** Maps each node to the nodes that consume it (data or control). */
    static Map<String, Set<String>> consumers(GraphDef gd) {
        Map<String, Set<String>> m = new HashMap<>();
        for (NodeDef n : gd.getNodeList()) {
            for (String in : n.getInputList()) {
                m.computeIfAbsent(nodeOf(in), k -> new LinkedHashSet<>()).add(n.getName());
            }
        }
        return m;
    }

    /** Returns the nodes reachable from the given ones along consumer edges, the given ones included. */
    static Set<String> descendants(Set<String> from, Map<String, Set<String>> consumers) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(from);
        while (!todo.isEmpty()) {
            String n = todo.pop();
            if (seen.add(n)) {
                todo.addAll(consumers.getOrDefault(n, Set.of()));
            }
        }
        return seen;
    }
}
