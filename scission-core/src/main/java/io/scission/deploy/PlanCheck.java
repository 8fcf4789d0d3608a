package io.scission.deploy;

import io.scission.model.BlockLayout;
import io.scission.model.Layer;
import io.scission.model.ModelGraph;
import io.scission.model.PartitionRule;
import io.scission.model.TensorRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Checks a {@link SegmentPlan} against a model: profiles made from it, cuts at its partition points. */
final class PlanCheck {

    private PlanCheck() {
    }

    /** Checks a plan against a model and returns its placements with the last one's end resolved. */
    static List<SegmentPlan.Placement> check(ModelGraph g, SegmentPlan plan, String source) {
        BlockLayout layout = g.blocks(plan.rule());
        checkProfiles(plan, g, layout, source);
        return resolve(plan, g, layout, source);
    }

    /** A plan made from profiles must come from this model: same layers, fingerprint and blocks under its rule. */
    private static void checkProfiles(SegmentPlan plan, ModelGraph g, BlockLayout layout, String source) {
        if (plan.profiledLayout().isEmpty()) {
            return;
        }
        BlockLayout p = plan.profiledLayout().get();
        if (p.layerCount() != g.size()) {
            throw new DeploymentException(String.format(Locale.ROOT, "The profiles (model %s, %d layers) were made "
                    + "from another model than %s (%d layers).%nMaybe profile %s and query again, or export the "
                    + "model the profiles were made from.", p.model(), p.layerCount(), source, g.size(), source));
        }
        if (!p.fingerprint().isEmpty() && !p.fingerprint().equals(layout.fingerprint())) {
            throw new DeploymentException(String.format(Locale.ROOT, "The profiles (model %s, fingerprint %s) were "
                    + "made from another model than %s (fingerprint %s): the layer count is the same, the layers "
                    + "are not.%nMaybe profile %s and query again, or export the model the profiles were made from.",
                    p.model(), p.fingerprint().substring(0, 12), source, layout.fingerprint().substring(0, 12),
                    source));
        }
        if (!p.blocks().equals(layout.blocks())) {
            int k = 0;
            while (k < Math.min(p.size(), layout.size()) && p.blocks().get(k).equals(layout.blocks().get(k))) {
                k++;
            }
            String where = k < Math.min(p.size(), layout.size())
                    ? String.format(Locale.ROOT, "; block %d is %s (%d bytes out) in the profiles but %s (%d bytes "
                            + "out) in the model", k, p.blocks().get(k).label(), p.blocks().get(k).outputBytes(),
                            layout.blocks().get(k).label(), layout.blocks().get(k).outputBytes())
                    : "";
            throw new DeploymentException(String.format(Locale.ROOT, "The profiles split model %s into %d blocks "
                    + "under the %s rule, but %s splits into %d under that rule%s.%nMaybe the profiles were made "
                    + "from another model or another version of it: profile %s again.", p.model(), p.size(),
                    p.rule().id(), source, layout.size(), where, source));
        }
    }

    /** Resolves "to the end" and checks that every cut is a partition point of the model under the rule. */
    private static List<SegmentPlan.Placement> resolve(SegmentPlan plan, ModelGraph g, BlockLayout layout,
            String source) {
        Set<Integer> points = new TreeSet<>();
        for (int i = 0; i + 1 < layout.size(); i++) {
            points.add(layout.blocks().get(i).lastLayer());
        }
        List<SegmentPlan.Placement> in = plan.placements();
        List<SegmentPlan.Placement> out = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            SegmentPlan.Placement p = in.get(i);
            boolean last = i == in.size() - 1;
            if (last) {
                if (p.lastLayer() != Integer.MAX_VALUE && p.lastLayer() != g.size() - 1) {
                    throw new DeploymentException(String.format(Locale.ROOT, "The plan ends at layer %d, but model "
                            + "%s has %d layers (0-%d).%nMaybe the plan is for another model.", p.lastLayer(),
                            source, g.size(), g.size() - 1));
                }
                if (p.firstLayer() > g.size() - 1) {
                    throw new DeploymentException(String.format(Locale.ROOT, "The cut after layer %d is past the "
                            + "model's last layer (%d) of %s.%nMaybe cut at one of %s.", p.firstLayer() - 1,
                            g.size() - 1, source, points));
                }
                out.add(new SegmentPlan.Placement(p.resource(), p.firstLayer(), g.size() - 1));
                continue;
            }
            int c = p.lastLayer();
            if (c >= g.size() - 1) {
                throw new DeploymentException(String.format(Locale.ROOT, "The cut after layer %d is at or past the "
                        + "model's last layer (%d) of %s: nothing would be left for %s.%nMaybe cut at one of the "
                        + "partition points, e.g. %s.", c, g.size() - 1, source, in.get(i + 1).resource().name(),
                        near(points, c, g)));
            }
            if (!points.contains(c)) {
                throw new DeploymentException(String.format(Locale.ROOT, "The cut after layer %d (%s) is not a "
                        + "partition point of %s under the %s rule.%nMaybe cut after %s; 'scission inspect' lists the "
                        + "blocks%s.", c, g.layers().get(c).name(), source, plan.rule().id(), near(points, c, g),
                        plan.rule().equals(PartitionRule.SCISSION)
                                ? ", and the single-tensor rule (--partition-rule single-tensor) has more points" : ""));
            }
            out.add(p);
        }
        return out;
    }

    private static String near(Set<Integer> points, int c, ModelGraph g) {
        Integer below = null;
        Integer above = null;
        for (int p : points) {
            if (p < c) {
                below = p;
            } else if (p > c && above == null) {
                above = p;
            }
        }
        List<String> l = new ArrayList<>();
        if (below != null) {
            l.add(String.format(Locale.ROOT, "layer %d (%s)", below, g.layers().get(below).name()));
        }
        if (above != null) {
            l.add(String.format(Locale.ROOT, "layer %d (%s)", above, g.layers().get(above).name()));
        }
        return l.isEmpty() ? "nothing: the model has no partition point" : String.join(" or ", l);
    }

    /** The tensors live across the cut after layer c: produced at or before c, read after c or a model output. */
    static List<TensorRef> live(ModelGraph g, int c) {
        Map<TensorRef, Integer> last = new HashMap<>();
        for (Layer layer : g.layers()) {
            for (TensorRef in : layer.inputs()) {
                last.merge(in, layer.index(), Math::max);
            }
        }
        for (TensorRef o : g.outputs()) {
            last.put(o, g.size());
        }
        List<TensorRef> refs = new ArrayList<>();
        for (Map.Entry<TensorRef, Integer> e : last.entrySet()) {
            if (e.getKey().layer() <= c && e.getValue() > c) {
                refs.add(e.getKey());
            }
        }
        refs.sort(Comparator.comparingInt(TensorRef::layer).thenComparingInt(TensorRef::output));
        return refs;
    }

}
