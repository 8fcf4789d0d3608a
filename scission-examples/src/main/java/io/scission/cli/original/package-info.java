/**
 * Parity with the original Scission tool (qub-blesson/Scission): {@link io.scission.cli.original.OriginalBenchmarks}
 * reads its pickled {@code <tier>-<name>.dat} benchmark files into core profiles, and
 * {@link io.scission.cli.original.OriginalNetworkCsv} reads its network CSV into a core network, both exactly as its
 * {@code scission_predict.py} reads them.
 *
 * <p>{@code scission predict} ({@link io.scission.cli.original.PredictCommand}) answers the original predictor's
 * queries with core queries and prints its lines.
 */
@NullMarked
package io.scission.cli.original;

import org.jspecify.annotations.NullMarked;
