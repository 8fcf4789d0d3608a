/**
 * TensorFlow's deployment, behind {@link io.scission.tf.TensorFlowDeployer} (not exported): {@link
 * io.scission.tf.deploy.Deployments} cuts a model's flat graph into one ordinary SavedModel per segment
 * ({@code SegmentGraphs}, {@code Exporter}) and opens the whole model ({@link io.scission.tf.deploy.ModelRunner}),
 * one segment ({@link io.scission.tf.deploy.SegmentRunner}) or the chain ({@link io.scission.tf.deploy.ChainRunner})
 * as core {@link io.scission.deploy.Inference}s.
 */
@NullMarked
package io.scission.tf.deploy;

import org.jspecify.annotations.NullMarked;
