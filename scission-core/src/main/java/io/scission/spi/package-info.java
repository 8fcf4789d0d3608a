/**
 * Provider interfaces that other modules implement: {@link io.scission.spi.ModelParser} (model file to layers)
 * and {@link io.scission.spi.BlockProfiler} (time every block). They are found with {@link java.util.ServiceLoader}
 * through {@link io.scission.Scission#modelParsers()} and {@link io.scission.Scission#profilers()}; a provider
 * passed explicitly always wins.
 */
@NullMarked
package io.scission.spi;

import org.jspecify.annotations.NullMarked;
