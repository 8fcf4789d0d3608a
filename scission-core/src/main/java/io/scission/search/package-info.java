/**
 * Search settings and statistics. The engine itself is internal: run a search with
 * {@link io.scission.Query#solve}, choose the engine with {@link io.scission.Query#strategy}, and read what it did
 * from {@link io.scission.QueryResult#stats()}.
 */
@NullMarked
package io.scission.search;

import org.jspecify.annotations.NullMarked;
