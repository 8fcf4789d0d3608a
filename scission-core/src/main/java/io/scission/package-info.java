/**
 * Scission for Java: decides how to split a deep neural network across a device, edge servers and the cloud.
 * Start at {@link io.scission.Scission}: build a {@link io.scission.Query}, solve it against a
 * {@link io.scission.profile.ProfileSet} and a {@link io.scission.platform.Network}, and read the ranked
 * {@link io.scission.PartitionConfig}s of the {@link io.scission.QueryResult}.
 *
 * <h2>Errors</h2>
 * Every exception the library throws is unchecked, and its message names the input ("The k (0) of top(k) must be
 * positive.") and, on a line starting "Maybe", says what to do. There is one rule for the whole library, its
 * modules and its service providers:
 * <ul>
 *   <li>{@link java.lang.NullPointerException}: a null argument; the message is the parameter's name.</li>
 *   <li>{@link java.lang.IllegalArgumentException}: a bad value, such as a negative size, an unknown tier name, a
 *       malformed query string, or a query that does not fit the profiles and network (an unknown resource,
 *       layer or block, a missing link, numbers so large that a latency or byte total would overflow).</li>
 *   <li>{@link java.lang.IllegalStateException}: a bad state or order, such as a setting given twice or two
 *       contradictory constraints; its subtype {@link java.util.concurrent.CancellationException} when a profiling
 *       run is stopped (an interrupt, the listener, a cancelled future).</li>
 *   <li>{@link io.scission.ScissionException} and its subtypes: a domain or file failure, naming the file, node
 *       or layer: {@link io.scission.InvalidFileException} for a profile, network or model file that is missing,
 *       unreadable, too large or malformed (with the field), {@link io.scission.FileAccessException} for a file
 *       that cannot be written, and plain {@code ScissionException} for a model that cannot be parsed or profiled
 *       or a missing or ambiguous provider.</li>
 * </ul>
 * No public method throws a checked exception. An infeasible query is not an error: its result is empty and
 * {@link io.scission.QueryResult#whyEmpty()} says which constraint left nothing.
 */
@NullMarked
package io.scission;

import org.jspecify.annotations.NullMarked;
