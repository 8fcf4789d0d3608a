/**
 * Keras model import: {@link io.scission.tf.keras.KerasReader} reads Keras {@code to_json()} files, the
 * {@code model_config} of Keras HDF5 files and TensorFlow.js layers models into a
 * {@link io.scission.tf.keras.KerasArchitecture} with Java-side shape inference and parameter counts, without
 * TensorFlow; {@link io.scission.tf.keras.KerasGraphBuilder} turns it into a runnable TensorFlow graph, one name
 * scope per Keras layer. These classes are used by scission-tf's providers and are not a stable API.
 */
@NullMarked
package io.scission.tf.keras;

import org.jspecify.annotations.NullMarked;
