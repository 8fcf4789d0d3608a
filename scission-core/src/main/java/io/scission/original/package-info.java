/**
 * The original Scission tool's files (qub-blesson/Scission): {@link io.scission.original.OriginalBenchmarks} reads
 * its pickled {@code <tier>-<name>.dat} benchmark files into core profiles, and
 * {@link io.scission.original.OriginalNetworkCsv} reads its network CSV into a core network, both exactly as its
 * {@code scission_predict.py} reads them. No TensorFlow and no Python are needed, so an orchestrator that plans on
 * the original's measurements depends on {@code scission-core} alone.
 *
 * <p>Errors are {@link io.scission.InvalidFileException}s that name the file and the record or line, in the terms
 * of the original tool (its file names, its fields, Python's types).
 */
@NullMarked
package io.scission.original;

import org.jspecify.annotations.NullMarked;
