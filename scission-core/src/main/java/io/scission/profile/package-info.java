/**
 * Benchmark data: a {@link io.scission.profile.Profile} per resource with the {@link io.scission.profile.Timing} of
 * every block, grouped in a {@link io.scission.profile.ProfileSet}, and the JSON file formats
 * ({@link io.scission.profile.ProfileFiles}) that store profiles and networks.
 */
@NullMarked
package io.scission.profile;

import org.jspecify.annotations.NullMarked;
