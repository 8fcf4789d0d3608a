/**
 * The search engine: the compiled instance ({@code Instance}, with the pipeline rules), the compiled constraints
 * ({@code Restrictions}), the exhaustive reference and the branch-and-bound search. Internal; not exported by the
 * module. Use {@link io.scission.Query#solve}.
 *
 * <p>Dependencies run one way at class level: {@code Query} builds a {@link io.scission.internal.search.QuerySpec}
 * and calls {@link io.scission.internal.search.Solver}, which never refers to {@code Query} or
 * {@code QueryResult}. The search does produce the result records of {@code io.scission} ({@code PartitionConfig},
 * {@code Segment}, {@code Hop}), which the house style keeps in the base package next to the facade; that is the
 * only reason the two packages refer to each other.
 */
@NullMarked
package io.scission.internal.search;

import org.jspecify.annotations.NullMarked;
