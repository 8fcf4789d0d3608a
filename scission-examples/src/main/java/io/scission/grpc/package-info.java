/**
 * Serving a deployment's segments over gRPC (#12): {@link io.scission.grpc.Worker} serves one resource's segments
 * through TensorFlow Serving's {@code tensorflow.serving.PredictionService/Predict} and forwards each segment's
 * outputs to the worker of the next segment, found in the routing map that comes with the request;
 * {@link io.scission.grpc.Pipeline} drives inferences through the workers and collects the time of every hop;
 * {@code LinkEmulator} delays each hop like the network's link (latency + bytes / bandwidth, a
 * token bucket at the sender); {@link io.scission.grpc.WorkerProcesses} starts and always stops worker JVMs.
 */
@NullMarked
package io.scission.grpc;

import org.jspecify.annotations.NullMarked;
