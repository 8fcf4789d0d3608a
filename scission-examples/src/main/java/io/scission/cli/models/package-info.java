/**
 * {@code scission inspect} ({@link io.scission.cli.models.InspectCommand}) and {@code scission models}
 * ({@link io.scission.cli.models.ModelsCommand}): a model's layers and blocks, and the built-in zoo. Keras files and
 * zoo models are read without TensorFlow; {@link io.scission.cli.models.ModelArgument} resolves a model argument
 * for every command that takes one.
 */
@NullMarked
package io.scission.cli.models;

import org.jspecify.annotations.NullMarked;
