/**
 * The platform a model is split across: ordered {@link io.scission.platform.Tier}s, the
 * {@link io.scission.platform.Resource}s in them and the {@link io.scission.platform.Network} that links them,
 * with the paper's {@link io.scission.platform.NetworkPreset}s and the units {@link io.scission.platform.DataSize}
 * and {@link io.scission.platform.DataRate} (MB = 10^6 bytes, Mbps = 10^6 bit/s).
 */
@NullMarked
package io.scission.platform;

import org.jspecify.annotations.NullMarked;
