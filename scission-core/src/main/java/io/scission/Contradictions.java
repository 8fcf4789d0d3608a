package io.scission;

import io.scission.query.BlockNotOn;
import io.scission.query.BlockOn;
import io.scission.query.Constraint;
import io.scission.query.DistributedOnly;
import io.scission.query.Exclude;
import io.scission.query.LayerNotOn;
import io.scission.query.LayerOn;
import io.scission.query.MaxComputeShare;
import io.scission.query.MaxLayerShare;
import io.scission.query.MaxLayers;
import io.scission.query.MinComputeShare;
import io.scission.query.MinLayerShare;
import io.scission.query.MinLayers;
import io.scission.query.MustUse;
import io.scission.query.NativeOnly;
import io.scission.query.Target;
import org.jspecify.annotations.Nullable;

/**
 * Finds pairs of constraints that no plan can meet together, whatever the profiles. Contradictions that depend
 * on the platform (a resource's tier) are left to the search, whose empty result explains them.
 */
final class Contradictions {

    private Contradictions() {
    }

    /** Returns why the two contradict, or null. Symmetric. */
    static @Nullable String between(Constraint a, Constraint b) {
        String reason = oneWay(a, b);
        return reason != null ? reason : oneWay(b, a);
    }

    private static @Nullable String oneWay(Constraint a, Constraint b) {
        if (a instanceof MustUse m && b instanceof Exclude e && m.target().equals(e.target())) {
            return "a target cannot be both used and excluded";
        }
        if (a instanceof NativeOnly && b instanceof DistributedOnly) {
            return "a plan cannot be both native and distributed";
        }
        if (a instanceof LayerOn on && b instanceof LayerNotOn off && on.layer() == off.layer()
                && on.target().equals(off.target())) {
            return "layer " + on.layer() + " cannot both run and not run there";
        }
        if (a instanceof LayerOn x && b instanceof LayerOn y && x.layer() == y.layer()
                && differentSameKind(x.target(), y.target())) {
            return "layer " + x.layer() + " cannot run in two places";
        }
        if (a instanceof LayerOn on && b instanceof Exclude e && on.target().equals(e.target())) {
            return "layer " + on.layer() + " cannot run on an excluded target";
        }
        if (a instanceof BlockOn on && b instanceof BlockNotOn off && on.block() == off.block()
                && on.target().equals(off.target())) {
            return "block " + on.block() + " cannot both run and not run there";
        }
        if (a instanceof BlockOn x && b instanceof BlockOn y && x.block() == y.block()
                && differentSameKind(x.target(), y.target())) {
            return "block " + x.block() + " cannot run in two places";
        }
        if (a instanceof BlockOn on && b instanceof Exclude e && on.target().equals(e.target())) {
            return "block " + on.block() + " cannot run on an excluded target";
        }
        if (a instanceof MinLayers min && b instanceof MaxLayers max && min.target().equals(max.target())
                && min.count() > max.count()) {
            return "at least " + min.count() + " layers is more than at most " + max.count();
        }
        if (a instanceof MinLayerShare min && b instanceof MaxLayerShare max && min.target().equals(max.target())
                && min.fraction() > max.fraction()) {
            return "a least share of " + min.fraction() + " is above a most share of " + max.fraction();
        }
        if (a instanceof MinComputeShare min && b instanceof MaxComputeShare max
                && min.target().equals(max.target()) && min.of() == max.of() && min.fraction() > max.fraction()) {
            return "a least share of " + min.fraction() + " is above a most share of " + max.fraction();
        }
        if (b instanceof Exclude e) {
            if (a instanceof MinLayers min && min.count() > 0 && min.target().equals(e.target())
                    || a instanceof MinLayerShare ms && ms.fraction() > 0 && ms.target().equals(e.target())
                    || a instanceof MinComputeShare mc && mc.fraction() > 0 && mc.target().equals(e.target())) {
                return "an excluded target runs no layers";
            }
        }
        return null;
    }

    /** Two tier targets with different tiers, or two resource targets with different names. */
    private static boolean differentSameKind(Target x, Target y) {
        return x.getClass() == y.getClass() && !x.equals(y);
    }
}
