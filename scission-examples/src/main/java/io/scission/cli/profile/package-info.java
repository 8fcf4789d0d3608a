/**
 * {@code scission profile} ({@link io.scission.cli.profile.ProfileCommand}): times every block of a model on this
 * machine through core's profiler SPI, with a progress bar, and writes a core profile file.
 * A thread count that cannot take effect in this JVM is honoured by profiling in a child JVM (scission-tf's
 * {@code TensorFlowProfiler.inChildJvm()}); {@link io.scission.cli.profile.StopOnSignal} stops a run cleanly on
 * SIGTERM or SIGINT and writes files only when the run completes.
 */
@NullMarked
package io.scission.cli.profile;

import org.jspecify.annotations.NullMarked;
