/**
 * Serving and validating a deployment across processes (#12): {@link io.scission.cli.serve.ServeCommand} is a
 * worker serving one resource's segments over gRPC; {@link io.scission.cli.deploy.ValidateCommand} exports the best
 * plans, starts one worker per resource, runs each plan and compares the measured latency with the predicted one.
 */
@NullMarked
package io.scission.cli.serve;

import org.jspecify.annotations.NullMarked;
