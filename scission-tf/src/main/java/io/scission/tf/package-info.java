/**
 * TensorFlow support for Scission: {@link io.scission.tf.TensorFlowModelParser} turns SavedModel directories,
 * frozen GraphDef files and in-memory graphs into layers, and {@link io.scission.tf.TensorFlowProfiler} times every
 * block on this machine. Both are found with {@link java.util.ServiceLoader}; construct them with
 * {@link io.scission.tf.TfLoadOptions} and {@link io.scission.tf.TfTimingOptions} to change how models are loaded
 * and timed.
 *
 * <p>TF2/Keras SavedModels keep their layers inside function-library functions; the loader inlines the called
 * functions into one flat graph so that every layer's tensors can be fed and fetched, and freezes the variables
 * (or, when they are absent or unreadable, uses seeded random weights of the declared shapes, which the profile's
 * provenance says).
 */
@NullMarked
package io.scission.tf;

import org.jspecify.annotations.NullMarked;
