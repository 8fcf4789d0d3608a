package io.scission.grpc;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.scission.Scission;
import io.scission.deploy.Deployment;
import io.scission.deploy.HostTensor;
import io.scission.deploy.Tensors;
import io.scission.grpc.proto.ModelSpec;
import io.scission.grpc.proto.PredictRequest;
import io.scission.grpc.proto.PredictResponse;
import io.scission.grpc.proto.TensorProto;
import io.scission.platform.Link;
import io.scission.platform.Network;
import io.scission.platform.Resource;
import io.scission.platform.Tier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Drives inferences through a deployment's workers, as the source of the input (the plan's source resource): sends
 * the model's inputs to the first segment's worker and receives the model's outputs from the chain, with every
 * worker's times. Each hop is delayed like the network's link between its resources (the source's sending of the
 * input here, the others in the sending worker); without a network the hops run at loopback speed.
 */
public final class Pipeline implements AutoCloseable {

    /**
     * One hop's times in one inference, in seconds.
     *
     * @param name {@code input}, {@code hop k} (into segment k) or {@code result}
     * @param from the sender's resource
     * @param to the receiver's resource
     * @param bytes the message's size on the wire
     * @param serialisation encoding at the sender, decoding at the receiver (protobuf and tensor copies)
     * @param link the emulated link's delay (the cost model's latency + bytes / bandwidth)
     * @param wire the real transfer over loopback: from the sender's call to the receiver's handler (one process's
     *     clock, {@link System#nanoTime}, on one machine); for {@code result}, the response's way back through
     *     the chain of calls to the source. Without a shared clock: the call's wall time at the sender minus the
     *     receiver's whole time, and the result's {@code wire} is 0.
     * @param queued time queued: behind earlier messages on the link, or for the receiving segment
     * @param inLatency whether the hop is part of the plan's latency ({@link Sample#latencySeconds()}): false for
     *     the driver's handing of the input to a first segment that runs on the source itself, and for the result's
     *     way back unless the query charges it ({@code --return-result}); the receiving segment's {@code queued}
     *     counts either way
     */
    public record Hop(String name, String from, String to, long bytes, double serialisation, double link, double wire,
            double queued, boolean inLatency) {
    }

    /**
     * One segment's times in one inference, in seconds.
     *
     * @param index the segment
     * @param resource its resource
     * @param compute TensorFlow's run of the segment
     * @param convert copying tensors between Java and TensorFlow
     */
    public record Stage(int index, String resource, double compute, double convert) {
    }

    /**
     * One inference's times.
     *
     * @param totalSeconds end to end, at the driving process: from the input to the decoded outputs, with the
     *     driver's own handing over of the input and taking back of the result
     * @param latencySeconds the plan's latency as the cost model defines it: from the input being on the source
     *     (decoded in the first segment's worker when that runs on the source; before the driver encodes it
     *     otherwise) to the last segment's outputs being on its host, or, when the result's way back is charged,
     *     to the result being decoded at the source; measured across the processes on {@link System#nanoTime}
     *     (one clock on one Linux machine). NaN when the workers' clocks are not this process's (e.g. remote
     *     workers)
     * @param stages every segment
     * @param hops every hop, in order
     */
    public record Sample(double totalSeconds, double latencySeconds, List<Stage> stages, List<Hop> hops) {

        /**
         * Validates and copies.
         *
         * @param totalSeconds end to end, at the driving process
         * @param latencySeconds the plan's latency, or NaN when it cannot be measured
         * @param stages every segment
         * @param hops every hop, in order
         */
        public Sample {
            stages = List.copyOf(stages);
            hops = List.copyOf(hops);
        }

        /**
         * Returns the end-to-end time that no part accounts for (worker overheads, thread hand-offs).
         *
         * @return seconds
         */
        public double otherSeconds() {
            double parts = 0;
            for (Stage s : stages) {
                parts += s.compute() + s.convert();
            }
            for (Hop h : hops) {
                parts += h.serialisation() + h.link() + h.wire() + h.queued();
            }
            return totalSeconds - parts;
        }

        /**
         * Returns the part of the plan's latency that no part inside it accounts for (worker overheads, thread
         * hand-offs), or NaN when the latency cannot be measured.
         *
         * @return seconds
         */
        public double latencyOtherSeconds() {
            double parts = 0;
            for (Stage s : stages) {
                parts += s.compute() + s.convert();
            }
            for (Hop h : hops) {
                parts += h.inLatency() ? h.serialisation() + h.link() + h.wire() + h.queued() : 0;
            }
            for (int i = 0; i < hops.size() && i < stages.size(); i++) {
                parts += hops.get(i).inLatency() ? 0 : hops.get(i).queued();
            }
            return latencySeconds - parts;
        }
    }

    /**
     * The result of {@link #run}.
     *
     * @param outputs the model's outputs of the last inference
     * @param samples every inference's times
     */
    public record Result(Map<String, HostTensor> outputs, List<Sample> samples) {

        /**
         * Validates and copies.
         *
         * @param outputs the model's outputs of the last inference
         * @param samples every inference's times
         */
        public Result {
            outputs = Map.copyOf(outputs);
            samples = List.copyOf(samples);
        }
    }

    /**
     * An inference failed: the message names the hop and the worker (e.g. {@code hop 2 (edge -> cloud), worker
     * cloud at 127.0.0.1:7003: not reachable ...}).
     */
    public static final class HopFailure extends IllegalStateException {
        private static final long serialVersionUID = 1L;
        private final transient io.grpc.Status status;

        HopFailure(io.grpc.StatusRuntimeException e) {
            super("The inference failed at " + e.getStatus().getDescription() + (e.getStatus().getDescription()
                    .contains("\nMaybe") ? "" : "\nMaybe check that worker: scission serve prints what it "
                    + "serves, and each worker must serve this deployment."), e);
            this.status = e.getStatus();
        }

        /**
         * Returns the gRPC status of the failure.
         *
         * @return the status
         */
        public io.grpc.Status status() {
            return status;
        }
    }

    private final Deployment deployment;
    private final String deploymentId;
    private final Map<Integer, String> route;
    private final Map<String, Wire.LinkSpec> links;
    private final @Nullable LinkEmulator inputLink;
    private final String source;
    private final Duration hopTimeout;
    private final Calls calls = new Calls();

    private Pipeline(Deployment deployment, String deploymentId, Map<Integer, String> route,
            Map<String, Wire.LinkSpec> links, String source, Duration hopTimeout) {
        this.deployment = deployment;
        this.deploymentId = deploymentId;
        this.route = route;
        this.links = links;
        this.source = source;
        this.hopTimeout = hopTimeout;
        Wire.LinkSpec in = links.get("0");
        this.inputLink = in == null ? null : LinkEmulator.of(in.latencySeconds(), in.bytesPerSecond());
    }

    /**
     * Prepares inferences through workers.
     *
     * @param dir the deployment directory (the one the workers serve)
     * @param workers each resource's worker, host:port, by resource name
     * @param network the links to emulate, or null to run at loopback speed
     * @param returnResult true to emulate the result's way back from the last segment to the source too (as
     *     {@code Query.returnResult()} charges it)
     * @param hopTimeout how long one hop may take before the inference fails
     * @return the pipeline
     * @throws IllegalArgumentException if a resource has no worker or the network has no link for a hop
     */
    public static Pipeline open(Path dir, Map<String, String> workers, @Nullable Network network,
            boolean returnResult, Duration hopTimeout) {
        requireNonNull(workers, "workers");
        requireNonNull(hopTimeout, "hopTimeout");
        if (hopTimeout.isNegative() || hopTimeout.isZero()) {
            throw new IllegalArgumentException("The hop timeout (" + hopTimeout + ") must be positive.");
        }
        Deployment d = Scission.readDeployment(dir);
        Map<Integer, String> route = new LinkedHashMap<>();
        for (Deployment.SegmentInfo s : d.segments()) {
            String a = workers.get(s.resource().name());
            if (a == null) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "No worker is given for the resource "
                        + "%s (segment %d of %s).%nMaybe add %s=HOST:PORT to --workers.", s.resource().name(),
                        s.index(), dir, s.resource().name()));
            }
            Calls.socket(a);
            route.put(s.index(), a);
        }
        String source = d.plan().source();
        Map<String, Wire.LinkSpec> links = new LinkedHashMap<>();
        if (network != null) {
            Resource src = sourceResource(d);
            Resource prev = src;
            for (Deployment.SegmentInfo s : d.segments()) {
                if (!prev.name().equals(s.resource().name())) {
                    links.put(String.valueOf(s.index()), spec(network, prev, s.resource()));
                }
                prev = s.resource();
            }
            if (returnResult && !prev.name().equals(src.name())) {
                links.put("result", spec(network, prev, src));
            }
        }
        return new Pipeline(d, Deployments.id(dir), route, links, source, hopTimeout);
    }

    private static Resource sourceResource(Deployment d) {
        String name = d.plan().source();
        for (Deployment.SegmentInfo s : d.segments()) {
            if (s.resource().name().equals(name)) {
                return s.resource();
            }
        }
        try {
            return Resource.of(name, Tier.named(name));
        } catch (IllegalArgumentException e) {
            return Resource.of(name, Tier.DEVICE);
        }
    }

    private static Wire.LinkSpec spec(Network network, Resource from, Resource to) {
        Link l = network.link(from, to).orElseThrow(() -> new IllegalArgumentException(String.format(Locale.ROOT,
                "The network has no link from %s to %s, which the deployment sends over.%nMaybe add one to the "
                        + "network file.", from.name(), to.name())));
        return new Wire.LinkSpec(l.latencySeconds(), l.bandwidth().bytesPerSecond());
    }

    /**
     * Returns the deployment.
     *
     * @return the manifest
     */
    public Deployment deployment() {
        return deployment;
    }

    /**
     * Runs inferences.
     *
     * @param inputs the model's inputs
     * @param repeats how many inferences, one after another
     * @return the last outputs and every inference's times
     * @throws IllegalArgumentException if an input is missing or has the wrong type or shape
     * @throws HopFailure if a hop fails, naming the hop and the worker
     */
    public Result run(Map<String, HostTensor> inputs, int repeats) {
        Tensors.check("the deployment", deployment.modelInputs(), inputs);
        if (repeats < 1) {
            throw new IllegalArgumentException("The repeats (" + repeats + ") must be at least 1.");
        }
        List<Sample> samples = new ArrayList<>();
        Map<String, HostTensor> outputs = Map.of();
        for (int k = 0; k < repeats; k++) {
            Map<String, HostTensor> out = new LinkedHashMap<>();
            samples.add(once(inputs, out));
            outputs = out;
        }
        return new Result(outputs, samples);
    }

    private Sample once(Map<String, HostTensor> inputs, Map<String, HostTensor> outputs) {
        long t0 = System.nanoTime();
        Deployment.SegmentInfo first = deployment.segments().get(0);
        PredictRequest.Builder b = PredictRequest.newBuilder().setModelSpec(ModelSpec.newBuilder()
                .setName(Worker.modelName(first)).setSignatureName(first.signature()));
        for (Deployment.CutTensor t : deployment.modelInputs()) {
            b.putInputs(t.key(), TensorCodec.encode(inputs.get(t.key())));
        }
        byte[] request = b.build().toByteArray();
        long t1 = System.nanoTime();
        int n = deployment.segments().size();
        Deadline deadline = Deadline.after(hopTimeout.toMillis() * (n + 1), TimeUnit.MILLISECONDS);
        String hop = String.format(Locale.ROOT, "hop 0 (%s -> %s)", source, first.resource().name());
        String callee = "worker " + first.resource().name() + " at " + route.get(0);
        LinkEmulator.Delay delay = new LinkEmulator.Delay(0, 0);
        if (inputLink != null) {
            delay = inputLink.send(request.length);
            try {
                LinkEmulator.sleepUntil(System.nanoTime() + delay.totalNanos());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while sending the input.", e);
            }
        }
        Metadata headers = new Metadata();
        headers.put(Wire.DEPLOYMENT, deploymentId);
        headers.put(Wire.ROUTE, Wire.routeText(route));
        headers.put(Wire.HOP_TIMEOUT, String.valueOf(hopTimeout.toMillis()));
        if (!links.isEmpty()) {
            headers.put(Wire.LINKS, Wire.linksText(links));
        }
        Calls.Answer a;
        long called = System.nanoTime();
        try {
            a = calls.call(route.get(0), headers, request, deadline, hop, callee);
        } catch (io.grpc.StatusRuntimeException e) {
            throw new HopFailure(e);
        }
        long t2 = System.nanoTime();
        PredictResponse resp;
        try {
            resp = PredictResponse.parseFrom(a.bytes());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(String.format(Locale.ROOT, "The pipeline's answer (via %s) is not a "
                    + "tensorflow.serving.PredictResponse (%s).%nMaybe check that the workers run this version of "
                    + "scission.", callee, e.getMessage()), e);
        }
        for (Deployment.CutTensor t : deployment.modelOutputs()) {
            TensorProto p = resp.getOutputsMap().get(t.key());
            if (p == null) {
                throw new IllegalStateException(String.format(Locale.ROOT, "The pipeline's answer lacks the output "
                        + "%s (it has %s).%nMaybe check that every worker serves this deployment.", t.key(),
                        resp.getOutputsMap().keySet()));
            }
            outputs.put(t.key(), TensorCodec.decode(t.key(), p));
        }
        long t3 = System.nanoTime();
        Map<Integer, Wire.Times> times = new LinkedHashMap<>();
        for (String s : a.times()) {
            Wire.Times w = Wire.Times.parse(s);
            times.put(w.segment(), w);
        }
        if (times.size() != n) {
            throw new IllegalStateException(String.format(Locale.ROOT, "The workers reported the times of %d "
                    + "segments, not %d.%nMaybe check that every worker runs this version of scission.", times.size(),
                    n));
        }
        boolean shared = sharedClock(times, t0, called, t2);
        boolean sourceRunsFirst = first.resource().name().equals(source);
        boolean resultCharged = links.containsKey("result");
        List<Stage> stages = new ArrayList<>();
        List<Hop> hops = new ArrayList<>();
        double senderEncode = (t1 - t0) / 1e9;
        double senderLink = delay.modelNanos() / 1e9;
        double senderQueue = delay.queueNanos() / 1e9;
        double senderCall = a.wallNanos() / 1e9;
        long senderSent = called;
        double back = 0;
        long bytes = request.length;
        String from = source;
        for (int i = 0; i < n; i++) {
            Wire.Times w = times.get(i);
            Deployment.SegmentInfo s = deployment.segments().get(i);
            double forward = shared ? (w.arrivedNanos() - senderSent) / 1e9 : Math.max(0, senderCall - w.server());
            if (shared) {
                back += Math.max(0, senderCall - forward - w.server());
            }
            hops.add(new Hop(i == 0 ? "input" : "hop " + i, from, s.resource().name(), bytes, senderEncode
                    + w.decode(), senderLink, forward, senderQueue + w.queue(), i > 0 || !sourceRunsFirst));
            stages.add(new Stage(i, s.resource().name(), w.compute(), w.convert()));
            senderEncode = w.encode();
            senderLink = w.link();
            senderQueue = w.linkQueue();
            senderCall = w.call();
            senderSent = w.sentNanos();
            from = s.resource().name();
            bytes = i + 1 < n ? deployment.segments().get(i + 1).inputBytes() : a.bytes().length;
        }
        hops.add(new Hop("result", from, source, a.bytes().length, senderEncode + (t3 - t2) / 1e9, senderLink, back,
                senderQueue, resultCharged));
        double latency = Double.NaN;
        if (shared) {
            long start = sourceRunsFirst ? times.get(0).inputReadyNanos() : t0;
            long end = resultCharged ? t3 : times.get(n - 1).outputReadyNanos();
            latency = (end - start) / 1e9;
        }
        return new Sample((t3 - t0) / 1e9, latency, stages, hops);
    }

    /**
     * Whether the workers' {@link System#nanoTime} is this process's: every worker's stamps must lie inside the
     * driver's call, in the order of the chain (each request arrives after its sender called). On one Linux machine
     * every process reads the same CLOCK_MONOTONIC; workers on other machines fail this check.
     */
    static boolean sharedClock(Map<Integer, Wire.Times> times, long t0, long called, long returned) {
        long previous = called;
        for (int i = 0; i < times.size(); i++) {
            Wire.Times w = times.get(i);
            if (w.arrivedNanos() < previous || w.inputReadyNanos() < w.arrivedNanos()
                    || w.outputReadyNanos() < w.inputReadyNanos() || w.outputReadyNanos() > returned
                    || w.arrivedNanos() < t0) {
                return false;
            }
            if (i + 1 < times.size()) {
                if (w.sentNanos() < w.outputReadyNanos() || w.sentNanos() > returned) {
                    return false;
                }
                previous = w.sentNanos();
            }
        }
        return true;
    }

    @Override
    public void close() {
        calls.close();
    }
}
