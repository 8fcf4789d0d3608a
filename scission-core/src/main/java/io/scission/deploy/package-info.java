/**
 * Deploying a plan: {@link io.scission.Scission#export} cuts a model into one runnable model per segment of a
 * {@link io.scission.deploy.SegmentPlan} (a plan a query returned, or cuts given by hand) and writes a
 * {@link io.scission.deploy.Deployment} manifest; {@link io.scission.Scission#openModel},
 * {@link io.scission.Scission#openSegment} and {@link io.scission.Scission#openDeployment} run the whole model, one
 * segment alone, or the segments chained, as an {@link io.scission.deploy.Inference} on
 * {@link io.scission.deploy.HostTensor}s, which {@link io.scission.deploy.Npy} reads from and writes to NumPy
 * {@code .npy} files. The work is done by a {@link io.scission.spi.Deployer} (scission-tf provides TensorFlow's);
 * this package holds no TensorFlow types.
 */
@NullMarked
package io.scission.deploy;

import org.jspecify.annotations.NullMarked;
