package io.scission.query;

import io.scission.PartitionConfig;
import java.util.List;

/**
 * A condition a plan must meet. Each kind is a record in this package; {@link io.scission.Query} has a fluent
 * method for each.
 *
 * <p>Semantics are exact and the same in every search: the exhaustive reference keeps a plan if and only if every
 * constraint's {@link #isSatisfiedBy(PartitionConfig)} is true, and the branch-and-bound search returns the same
 * plans. "Uses" a resource or tier means runs at least one block there; the source device that only sends the
 * input does not use its tier.
 */
public sealed interface Constraint permits MustUse, Exclude, Include, NativeOnly, DistributedOnly, LayerOn,
        LayerNotOn, BlockOn, BlockNotOn, MaxTransfer, MaxTransferOut, MaxTotalTransfer, MaxComputeTime,
        MaxComputeShare, MinComputeShare, MinLayers, MaxLayers, MinLayerShare, MaxLayerShare, Deadline, MaxMemory,
        MaxEnergy {

    /**
     * Returns true if the plan meets the constraint.
     *
     * @param plan the plan
     * @return whether it is satisfied
     */
    boolean isSatisfiedBy(PartitionConfig plan);

    /**
     * Returns the tiers and resources the constraint names. Solving checks that every resource named here is
     * profiled (or is the query's source), and fails naming the constraint otherwise.
     *
     * @return the targets, possibly none
     */
    List<Target> targets();

    /**
     * Returns the constraint's stable id, which names it in explanations; two constraints with the same id may not
     * be in one query. It is also its query-string form without the limit, e.g. {@code maxTransfer(EDGE, CLOUD)}.
     *
     * @return the id
     */
    String id();

    /**
     * Returns the constraint as written in a query string, e.g. {@code maxTransfer(EDGE, CLOUD, 1000000B)}.
     *
     * @return the text
     */
    String toParsable();

    /**
     * Returns a sentence describing the constraint, e.g. "at most 1000000 bytes from EDGE to CLOUD".
     *
     * @return the description
     */
    String describe();
}
