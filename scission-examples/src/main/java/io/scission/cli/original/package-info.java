/**
 * {@code scission predict} ({@link io.scission.cli.original.PredictCommand}): the original Scission tool's
 * predictor (qub-blesson/Scission, {@code scission_predict.py}) as a drop-in command. Its files are read by core's
 * {@link io.scission.original} package; here its criteria are translated into core queries and its lines printed.
 */
@NullMarked
package io.scission.cli.original;

import org.jspecify.annotations.NullMarked;
