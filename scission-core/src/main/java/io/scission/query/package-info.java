/**
 * What a query asks for: the sealed {@link io.scission.query.Constraint} records (one per kind of condition),
 * their {@link io.scission.query.Target}s, and the {@link io.scission.query.Objective}. Build them through
 * {@link io.scission.Query}; this package holds their exact semantics.
 */
@NullMarked
package io.scission.query;

import org.jspecify.annotations.NullMarked;
