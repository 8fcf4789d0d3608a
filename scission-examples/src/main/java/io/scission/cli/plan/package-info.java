/**
 * {@code scission plan} ({@link io.scission.cli.plan.PlanCommand}): every constraint of the core query as a flag,
 * with table or JSON output.
 */
@NullMarked
package io.scission.cli.plan;

import org.jspecify.annotations.NullMarked;
