/**
 * Scission for Java: decides how to split a deep neural network across a device, edge servers and the cloud.
 * Start at {@link io.scission.Scission}: build a {@link io.scission.Query}, solve it against a
 * {@link io.scission.profile.ProfileSet} and a {@link io.scission.platform.Network}, and read the ranked
 * {@link io.scission.PartitionConfig}s of the {@link io.scission.QueryResult}.
 */
@NullMarked
package io.scission;

import org.jspecify.annotations.NullMarked;
