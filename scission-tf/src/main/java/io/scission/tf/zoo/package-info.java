/**
 * The built-in zoo of the Scission paper's 18 Keras Applications models: {@link io.scission.tf.zoo.KerasZoo}
 * lists them ({@link io.scission.tf.zoo.ZooModel}: layers, partition points, parameters) and gives their
 * architectures. Needs no TensorFlow.
 */
@NullMarked
package io.scission.tf.zoo;

import org.jspecify.annotations.NullMarked;
