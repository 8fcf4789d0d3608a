/**
 * Internal, not API: the timing engine behind {@link io.scission.tf.TensorFlowProfiler}. {@link
 * io.scission.tf.internal.timing.Spans} says which tensors enter and leave a range of layers; {@link
 * io.scission.tf.internal.timing.UnitTimer} times such ranges in one session with calibrated per-run overhead.
 */
@NullMarked
package io.scission.tf.internal.timing;

import org.jspecify.annotations.NullMarked;
