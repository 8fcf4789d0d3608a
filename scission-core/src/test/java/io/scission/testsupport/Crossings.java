package io.scission.testsupport;

import io.scission.model.Layer;
import io.scission.model.ModelGraph;
import io.scission.model.TensorRef;
import java.util.HashSet;
import java.util.Set;

/**
 * Tensors crossing a cut, counted by brute force: the truth that core's and scission-tf's partition-rule tests check
 * the rules against. In a package of its own, which core's module does not have, so that scission-tf's tests can
 * use it from core's test-jar without splitting a package of the core module on their module path.
 */
public final class Crossings {

    private Crossings() {
    }

    /**
     * Returns the distinct tensors produced at or before the cut and read after it, or model outputs, by brute force.
     *
     * @param g the graph
     * @param cut the last layer before the cut
     * @return the tensors
     */
    public static Set<TensorRef> crossing(ModelGraph g, int cut) {
        Set<TensorRef> crossing = new HashSet<>();
        for (Layer l : g.layers()) {
            for (TensorRef in : l.inputs()) {
                if (in.layer() <= cut && l.index() > cut) {
                    crossing.add(in);
                }
            }
        }
        for (TensorRef out : g.outputs()) {
            if (out.layer() <= cut) {
                crossing.add(out);
            }
        }
        return crossing;
    }
}
