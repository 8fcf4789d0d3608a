package io.scission.search;

/** How a query's plans are found. Both return exactly the same plans in the same order. */
public enum SearchStrategy {
    /**
     * The default: best-first branch and bound over plan prefixes, with optimistic bounds from an exact backward
     * dynamic program and constraint pruning.
     */
    BRANCH_AND_BOUND,
    /** The reference: enumerate every plan, filter, sort. Exponential in the number of resources per plan. */
    EXHAUSTIVE
}
