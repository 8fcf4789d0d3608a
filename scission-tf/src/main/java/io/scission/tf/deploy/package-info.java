/**
 * Deploying a plan: {@link io.scission.tf.deploy.Deployments} cuts a model into one ordinary TensorFlow SavedModel
 * per segment (a {@code serving_default} signature taking the tensors that enter the segment and returning those that
 * leave it, named after the Keras layers; the weights as resource variables in a checkpoint) plus a manifest
 * {@code deployment.json}, and runs the whole model ({@link io.scission.tf.deploy.ModelRunner}), one segment alone
 * ({@link io.scission.tf.deploy.SegmentRunner}) or the segments chained ({@link io.scission.tf.deploy.ChainRunner})
 * on {@link io.scission.tf.deploy.HostTensor}s, which {@link io.scission.tf.deploy.Npy} reads from and writes to
 * NumPy {@code .npy} files.
 *
 * <p>What to cut is a {@link io.scission.tf.deploy.SegmentPlan}: a plan a query returned, or cuts given by hand.
 */
@NullMarked
package io.scission.tf.deploy;

import org.jspecify.annotations.NullMarked;
