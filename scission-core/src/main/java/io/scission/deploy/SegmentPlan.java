package io.scission.deploy;

import static java.util.Objects.requireNonNull;

import io.scission.PartitionConfig;
import io.scission.Segment;
import io.scission.model.BlockLayout;
import io.scission.model.ModelGraph;
import io.scission.model.PartitionRule;
import io.scission.model.TensorRef;
import io.scission.platform.Resource;
import io.scission.profile.ProfileSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What to deploy: the partition rule, and the resources that run consecutive layer ranges covering the model. Made
 * from a plan that a query returned ({@link #of(ProfileSet, PartitionConfig)}, which also remembers the profiles'
 * block layout so that the export can check that the model is the one profiled), or by hand from cut positions
 * ({@link #cuts}). Which cuts are valid is checked against the model at export time. Needs no TensorFlow.
 *
 * <pre>{@code
 * SegmentPlan byQuery = SegmentPlan.of(profiles, result.plans().get(0));
 * SegmentPlan byHand = SegmentPlan.cuts(PartitionRule.SCISSION, List.of(153, 175),
 *         List.of(Resource.of("device", DEVICE), Resource.of("edge", EDGE), Resource.of("cloud", CLOUD)));
 * }</pre>
 */
public final class SegmentPlan {

    /**
     * One segment: a resource and the layers it runs.
     *
     * @param resource where the layers run
     * @param firstLayer the first layer (Keras layer order)
     * @param lastLayer the last layer, inclusive
     */
    public record Placement(Resource resource, int firstLayer, int lastLayer) {

        /**
         * Validates the placement.
         *
         * @param resource where the layers run
         * @param firstLayer the first layer (Keras layer order)
         * @param lastLayer the last layer, inclusive
         * @throws IllegalArgumentException if the layer range is empty or negative
         */
        public Placement {
            requireNonNull(resource, "resource");
            if (firstLayer < 0 || lastLayer < firstLayer) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "The layer range (%d-%d) of the segment on %s must be non-empty and not negative.",
                        firstLayer, lastLayer, resource.name()));
            }
        }
    }

    private final PartitionRule rule;
    private final List<Placement> placements;
    private final String origin;
    private final String source;
    private final @Nullable BlockLayout profiled;
    private final @Nullable PartitionConfig config;

    private SegmentPlan(PartitionRule rule, List<Placement> placements, String origin, String source,
            @Nullable BlockLayout profiled, @Nullable PartitionConfig config) {
        this.rule = rule;
        this.placements = List.copyOf(placements);
        this.origin = origin;
        this.source = source;
        this.profiled = profiled;
        this.config = config;
        for (int i = 1; i < this.placements.size(); i++) {
            Placement a = this.placements.get(i - 1);
            Placement b = this.placements.get(i);
            if (b.firstLayer() != a.lastLayer() + 1) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "The segment on %s starts at layer %d, "
                        + "but the one before it (on %s) ends at layer %d.%nSegments must be consecutive.",
                        b.resource().name(), b.firstLayer(), a.resource().name(), a.lastLayer()));
            }
        }
        if (this.placements.isEmpty() || this.placements.get(0).firstLayer() != 0) {
            throw new IllegalArgumentException("A plan's segments must start at layer 0.");
        }
    }

    /**
     * Returns the plan of a query result, remembering the profiles' block layout (model, layer count, partition
     * rule, blocks and, where recorded, the model's fingerprint) so the export can refuse another model.
     *
     * @param profiles the profiles the plan was computed from
     * @param plan one of the plans the query returned
     * @return the segment plan
     * @throws IllegalArgumentException if the plan does not fit the profiles' blocks (another model's plan)
     */
    public static SegmentPlan of(ProfileSet profiles, PartitionConfig plan) {
        requireNonNull(profiles, "profiles");
        requireNonNull(plan, "plan");
        BlockLayout layout = profiles.layout();
        if (plan.layerCount() != layout.layerCount()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "The plan (%s) covers %d layers but the "
                    + "profiles of model %s have %d.%nMaybe solve the query on these profiles again.", plan.key(),
                    plan.layerCount(), layout.model(), layout.layerCount()));
        }
        List<Placement> placements = new ArrayList<>();
        for (Segment s : plan.segments()) {
            if (s.lastBlock() >= layout.size() || layout.blocks().get(s.firstBlock()).firstLayer() != s.firstLayer()
                    || layout.blocks().get(s.lastBlock()).lastLayer() != s.lastLayer()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "The plan's segment on %s (blocks "
                        + "%d-%d, layers %d-%d) does not match the blocks of the profiles of model %s.%nMaybe solve "
                        + "the query on these profiles again.", s.resource().name(), s.firstBlock(), s.lastBlock(),
                        s.firstLayer(), s.lastLayer(), layout.model()));
            }
            placements.add(new Placement(s.resource(), s.firstLayer(), s.lastLayer()));
        }
        return new SegmentPlan(layout.rule(), placements, "query", plan.source().name(), layout, plan);
    }

    /**
     * Returns a plan given by hand: cut after the given layers and run the pieces on the given resources, in order.
     *
     * @param rule the partition rule whose partition points the cuts must be
     * @param cutsAfterLayers the last layer of every segment but the last, ascending, e.g. {@code [153, 175]}
     * @param resources one resource per segment: one more than there are cuts
     * @return the plan
     * @throws IllegalArgumentException if the cuts are not ascending and non-negative, or the counts do not match
     */
    public static SegmentPlan cuts(PartitionRule rule, List<Integer> cutsAfterLayers, List<Resource> resources) {
        requireNonNull(rule, "rule");
        List<Integer> cuts = List.copyOf(requireNonNull(cutsAfterLayers, "cutsAfterLayers"));
        List<Resource> res = List.copyOf(requireNonNull(resources, "resources"));
        if (res.size() != cuts.size() + 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "The resources (%d: %s) must be one more "
                    + "than the cuts (%d: %s): one per segment.%nMaybe give %d resources.", res.size(), names(res),
                    cuts.size(), cuts, cuts.size() + 1));
        }
        List<Placement> placements = new ArrayList<>();
        int first = 0;
        for (int i = 0; i < cuts.size(); i++) {
            int c = cuts.get(i);
            if (c < first) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "The cuts (%s) must be ascending "
                        + "layer indices, each at least 0.%nMaybe sort them.", cuts));
            }
            placements.add(new Placement(res.get(i), first, c));
            first = c + 1;
        }
        placements.add(new Placement(res.get(res.size() - 1), first, Integer.MAX_VALUE));
        return new SegmentPlan(rule, placements, "cuts", res.get(0).name(), null, null);
    }

    private static String names(List<Resource> res) {
        List<String> n = new ArrayList<>();
        for (Resource r : res) {
            n.add(r.name());
        }
        return String.join(",", n);
    }

    /**

     * Returns the partition rule whose points the cuts are.

     *

     * @return the rule

     */
    public PartitionRule rule() {
        return rule;
    }

    /**
     * Returns the segments in pipeline order; for a plan given by hand, the last one's last layer is
     * {@link Integer#MAX_VALUE} (the model's last layer).
     *
     * @return the placements
     */
    public List<Placement> placements() {
        return placements;
    }

    /**

     * Returns {@code query} or {@code cuts}.

     *

     * @return how the plan was made

     */
    public String origin() {
        return origin;
    }

    /**

     * Returns the resource where the input starts (the first segment's, for a plan given by hand).

     *

     * @return it

     */
    public String source() {
        return source;
    }

    /**

     * Returns the profiles' block layout, for a plan made from profiles.

     *

     * @return the layout, if any

     */
    public Optional<BlockLayout> profiledLayout() {
        return Optional.ofNullable(profiled);
    }

    /**

     * Returns the query's plan, for a plan made from profiles.

     *

     * @return the plan, if any

     */
    public Optional<PartitionConfig> config() {
        return Optional.ofNullable(config);
    }

    /**
     * Returns the cut positions: the last layer of every segment but the last.
     *
     * @return the cuts
     */
    public List<Integer> cuts() {
        List<Integer> c = new ArrayList<>();
        for (int i = 0; i + 1 < placements.size(); i++) {
            c.add(placements.get(i).lastLayer());
        }
        return List.copyOf(c);
    }

    /**
     * Checks the plan against a model's layers, as an export does first: for a plan made from profiles, that they
     * were made from this model (layer count, fingerprint, blocks under their rule); and that every cut is a
     * partition point of the model under the rule. Needs no TensorFlow (the layers of a zoo model or a Keras file
     * parse without it).
     *
     * @param model the model's layers
     * @param source the model's name or path, for messages
     * @return the segments, the last one ending at the model's last layer
     * @throws DeploymentException naming the cut or the profiles' model if the plan does not fit the model
     */
    public List<Placement> check(ModelGraph model, String source) {
        return PlanCheck.check(requireNonNull(model, "model"), this, requireNonNull(source, "source"));
    }

    /**
     * Returns the tensors that cross the cut after a layer: produced by it or before it, and read after it or
     * returned by the model. They are what a segment ending at that layer hands on, in layer order.
     *
     * @param model the model
     * @param layer the last layer before the cut
     * @return the tensors
     */
    public static List<TensorRef> crossing(ModelGraph model, int layer) {
        return PlanCheck.live(requireNonNull(model, "model"), layer);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(origin).append(' ').append(rule.id()).append(':');
        for (Placement p : placements) {
            sb.append(' ').append(p.resource().name()).append(' ').append(p.firstLayer()).append('-')
                    .append(p.lastLayer() == Integer.MAX_VALUE ? "end" : Integer.toString(p.lastLayer()));
        }
        return sb.toString();
    }
}
