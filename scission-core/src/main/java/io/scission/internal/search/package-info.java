/**
 * The search engine: the compiled instance, the exhaustive reference and the branch-and-bound search. Internal;
 * not exported by the module. Use {@link io.scission.Query#solve}.
 */
@NullMarked
package io.scission.internal.search;

import org.jspecify.annotations.NullMarked;
