/**
 * A model's partitionable structure: the {@link io.scission.model.ModelGraph} of {@link io.scission.model.Layer}s,
 * the {@link io.scission.model.PartitionRule}s that find valid cuts, and the resulting
 * {@link io.scission.model.BlockLayout} of {@link io.scission.model.Block}s.
 */
@NullMarked
package io.scission.model;

import org.jspecify.annotations.NullMarked;
