/**
 * The {@code scission} command-line tool, {@link io.scission.cli.ScissionCli}. Commands live in packages by domain:
 * {@code original} (the original tool's files and its predictor, {@code predict}) and {@code plan}.
 *
 * <p>No command may name a TensorFlow type: commands that need TensorFlow reach it only through core's SPI
 * ({@code Scission.parse}, {@code Scission.profile}), whose providers are loaded by {@code ServiceLoader} when such a
 * command runs, so {@code predict} and {@code plan} never load TensorFlow classes or natives.
 * {@code NoTensorFlowTest} checks the compiled classes.
 */
@NullMarked
package io.scission.cli;

import org.jspecify.annotations.NullMarked;
