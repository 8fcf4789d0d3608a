/**
 * {@code scission profile} ({@link io.scission.cli.profile.ProfileCommand}): times every block of a model on this
 * machine through core's profiler SPI, with a progress bar, and writes a core profile file.
 * {@link io.scission.cli.profile.ThreadPoolRelaunch} re-runs a command in a child JVM when TensorFlow needs
 * {@code TF_OVERRIDE_GLOBAL_THREADPOOL=1} for a thread count to take effect.
 */
@NullMarked
package io.scission.cli.profile;

import org.jspecify.annotations.NullMarked;
