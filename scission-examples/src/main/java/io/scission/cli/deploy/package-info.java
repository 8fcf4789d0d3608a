/**
 * The {@code export} and {@code run} commands: {@link io.scission.cli.deploy.ExportCommand} cuts a model into one
 * SavedModel per segment of a plan; {@link io.scission.cli.deploy.RunCommand} runs a model or a deployment on
 * {@code .npy} files and times it.
 */
@NullMarked
package io.scission.cli.deploy;

import org.jspecify.annotations.NullMarked;
