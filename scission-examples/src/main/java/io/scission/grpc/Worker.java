package io.scission.grpc;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Deadline;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.scission.deploy.Deployment;
import io.scission.deploy.HostTensor;
import io.scission.deploy.Inference;
import io.scission.deploy.RunReport;
import io.scission.deploy.Tensors;
import io.scission.grpc.proto.ModelSpec;
import io.scission.grpc.proto.PredictRequest;
import io.scission.grpc.proto.PredictResponse;
import io.scission.grpc.proto.TensorProto;
import io.scission.model.PartitionRule;
import io.scission.tf.TensorFlowDeployer;
import io.scission.tf.TfLoadOptions;
import io.scission.tf.TfTimingOptions;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.RunOptions;

/**
 * A worker: serves one resource's segments of a deployment over gRPC, as TensorFlow Serving's
 * {@code PredictionService/Predict} (model name = the segment's SavedModel directory, e.g. {@code segment-1-edge};
 * signature {@code serving_default}). After running a segment it sends the outputs on to the worker of the next
 * segment, whose address comes with the request (the routing map, metadata {@code scission-route}), delays the message as the
 * link given with the request would ({@code LinkEmulator}), and returns the last segment's response with every
 * worker's times in the trailers. Start one with {@link #start}; {@link #close} stops it.
 */
public final class Worker implements AutoCloseable {

    /** How a worker's TensorFlow sessions run its segments. */
    public enum SessionMode {
        /**
         * As {@code scission profile} timed the blocks, so that the profile's block times predict the worker's
         * compute. The default. The deployment's partition rule says which session that was: under a
         * {@link io.scission.model.PartitionRule#fused fused} rule ({@code profile --fusion}) TensorFlow's rewrites
         * on ({@link TfTimingOptions.Fusion#DEFAULT}), otherwise {@link TfTimingOptions#defaults()} (no op fusion or
         * arithmetic rewrites by Grappler); both with the ops dispatched by the calling thread and per-session
         * thread pools.
         */
        PROFILED,
        /** TensorFlow's defaults (every Grappler rewrite, the inter-op pool): often faster, but not what was timed. */
        TENSORFLOW
    }

    private static final Context.Key<Metadata> HEADERS = Context.key("scission-headers");
    private static final Context.Key<Metadata> TRAILERS = Context.key("scission-trailers");

    /** A served segment: one request at a time (the times stay the segment's own). */
    private record Served(Deployment.SegmentInfo info, Inference runner, ReentrantLock lock) {
    }

    /** The sessions' configuration and run options, as {@link SessionMode} chose them. */
    record SessionSettings(ConfigProto config, @org.jspecify.annotations.Nullable RunOptions runOptions) {
        static SessionSettings of(SessionMode mode, int threads, PartitionRule rule) {
            if (mode == SessionMode.PROFILED) {
                TfTimingOptions timed = profiled(rule);
                return new SessionSettings(timed.sessionConfig(threads), timed.runOptions());
            }
            return new SessionSettings(threads == 0 ? ConfigProto.getDefaultInstance() : ConfigProto.newBuilder()
                    .setIntraOpParallelismThreads(threads).setInterOpParallelismThreads(threads).build(), null);
        }
    }

    /**
     * Returns how the profiles of a deployment under this partition rule timed its blocks: with TensorFlow's rewrites
     * on under a fused rule, else the profiler's defaults.
     *
     * @param rule the deployment's partition rule
     * @return the timing options whose session the worker runs
     */
    static TfTimingOptions profiled(PartitionRule rule) {
        return rule.isFused() ? TfTimingOptions.defaults().withFusion(TfTimingOptions.Fusion.DEFAULT)
                : TfTimingOptions.defaults();
    }

    private final Path dir;
    private final Deployment deployment;
    private final String deploymentId;
    private final String resource;
    private final Map<String, Served> byModel;
    private final Calls calls = new Calls();
    private final Map<String, LinkEmulator> links = new ConcurrentHashMap<>();
    private volatile Server server;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private Worker(Path dir, Deployment deployment, String deploymentId, String resource, Map<String, Served> byModel) {
        this.dir = dir;
        this.deployment = deployment;
        this.deploymentId = deploymentId;
        this.resource = resource;
        this.byModel = byModel;
    }

    /**
     * Loads the resource's segments and starts serving them.
     *
     * @param dir the deployment directory
     * @param resource the resource whose segments to serve
     * @param listen the address to listen on, host:port (port 0: any free port)
     * @param threads TensorFlow's intra- and inter-op threads, or 0 for TensorFlow's default
     * @return the running worker
     * @throws IllegalArgumentException if the deployment has no segment for the resource, or the address is bad
     * @throws IllegalStateException if the port is in use
     */
    public static Worker start(Path dir, String resource, String listen, int threads) {
        return start(dir, resource, listen, threads, SessionMode.PROFILED);
    }

    /**
     * Loads the resource's segments and starts serving them, their sessions configured as {@code mode} says.
     *
     * @param dir the deployment directory
     * @param resource the resource whose segments to serve
     * @param listen the address to listen on, host:port (port 0: any free port)
     * @param threads TensorFlow's intra- and inter-op threads, or 0 for TensorFlow's default
     * @param mode how the sessions run the segments
     * @return the running worker
     * @throws IllegalArgumentException if the deployment has no segment for the resource, or the address is bad
     * @throws IllegalStateException if the port is in use
     */
    public static Worker start(Path dir, String resource, String listen, int threads, SessionMode mode) {
        requireNonNull(dir, "dir");
        requireNonNull(mode, "mode");
        requireNonNull(resource, "resource");
        Deployment d = io.scission.Scission.readDeployment(dir);
        List<Deployment.SegmentInfo> mine = d.segments().stream()
                .filter(s -> s.resource().name().equals(resource)).toList();
        if (mine.isEmpty()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "The deployment %s has no segment for the "
                    + "resource %s (its resources: %s).%nMaybe name one of them with --resource.", dir, resource,
                    String.join(", ", d.segments().stream().map(s -> s.resource().name()).distinct().toList())));
        }
        InetSocketAddress address = Calls.socket(listen);
        if (threads < 0) {
            throw new IllegalArgumentException("The threads (" + threads + ") must be 0 (default) or more.");
        }
        SessionSettings settings = SessionSettings.of(mode, threads, d.plan().rule());
        TensorFlowDeployer deployer = new TensorFlowDeployer(TfLoadOptions.defaults(), settings.config(),
                settings.runOptions());
        Map<String, Served> byModel = new LinkedHashMap<>();
        try {
            for (Deployment.SegmentInfo s : mine) {
                byModel.put(modelName(s), new Served(s, deployer.openSegment(dir, s.index()), new ReentrantLock()));
            }
            Worker w = new Worker(dir, d, Deployments.id(dir), resource, byModel);
            w.serve(new InetSocketAddress(address.getHostString(), address.getPort()));
            return w;
        } catch (RuntimeException e) {
            byModel.values().forEach(s -> s.runner().close());
            throw e;
        }
    }

    /** A segment's model name: its SavedModel directory's name. */
    static String modelName(Deployment.SegmentInfo s) {
        return Path.of(s.savedModel()).getFileName().toString();
    }

    private void serve(InetSocketAddress address) {
        ServerServiceDefinition service = ServerServiceDefinition.builder(PredictionGrpc.SERVICE)
                .addMethod(PredictionGrpc.PREDICT, ServerCalls.asyncUnaryCall(this::predict)).build();
        ServerInterceptor keep = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                    ServerCallHandler<Q, R> next) {
                Metadata extra = new Metadata();
                ServerCall<Q, R> wrapped = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
                    @Override
                    public void close(Status status, Metadata trailers) {
                        trailers.merge(extra);
                        super.close(status, trailers);
                    }
                };
                return Contexts.interceptCall(Context.current().withValues(HEADERS, headers, TRAILERS, extra), wrapped,
                        headers, next);
            }
        };
        Server s = NettyServerBuilder.forAddress(address).maxInboundMessageSize(Integer.MAX_VALUE)
                .addService(ServerInterceptors.intercept(service, keep)).build();
        try {
            s.start();
        } catch (IOException e) {
            boolean inUse = e instanceof BindException || e.getCause() instanceof BindException
                    || String.valueOf(e.getMessage()).contains("bind");
            throw new IllegalStateException(String.format(Locale.ROOT, "The worker %s cannot listen on %s:%d (%s).%n%s",
                    resource, address.getHostString(), address.getPort(),
                    e.getCause() == null ? e.getMessage() : e.getCause().getMessage(),
                    inUse ? "Maybe the port is in use: choose another --listen port, or stop the process that holds it."
                            : "Maybe check the address."), e);
        }
        server = s;
    }

    /**
     * Returns the port the worker listens on.
     *
     * @return the port
     */
    public int port() {
        return server.getPort();
    }

    /**
     * Returns the deployment's identity, a digest of its manifest.
     *
     * @return the identity
     */
    public String deploymentId() {
        return deploymentId;
    }

    /**
     * Returns whether the deployment was cut under a {@link PartitionRule#fused fused} rule: its profiles were timed
     * with TensorFlow's op fusion on, which {@link SessionMode#PROFILED} then runs.
     *
     * @return true for a fused deployment
     */
    public boolean fused() {
        return deployment.plan().rule().isFused();
    }

    /**
     * Returns the names of the models (segments) served.
     *
     * @return the names
     */
    public List<String> models() {
        return List.copyOf(byModel.keySet());
    }

    /**
     * Waits until the worker is stopped.
     *
     * @throws InterruptedException if interrupted
     */
    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    /** A refusal of this worker; the caller names the hop and this worker's address. */
    private StatusRuntimeException refuse(Status status, String what) {
        return status.withDescription("worker " + resource + " (deployment " + deploymentId + " of "
                + deployment.model().name() + ") " + what).asRuntimeException();
    }

    private void predict(byte[] raw, StreamObserver<byte[]> response) {
        try {
            response.onNext(handle(raw));
            response.onCompleted();
        } catch (StatusRuntimeException e) {
            Metadata t = e.getTrailers();
            if (t != null) {
                TRAILERS.get().merge(t);
            }
            response.onError(e.getStatus().asRuntimeException());
        } catch (RuntimeException e) {
            response.onError(refuse(Status.INTERNAL, "failed (" + e + ").\nMaybe report this with the deployment."));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            response.onError(refuse(Status.CANCELLED, "was interrupted."));
        }
    }

    private byte[] handle(byte[] raw) throws InterruptedException {
        long t0 = System.nanoTime();
        Metadata headers = HEADERS.get();
        PredictRequest req;
        try {
            req = PredictRequest.parseFrom(raw);
        } catch (InvalidProtocolBufferException e) {
            throw refuse(Status.INVALID_ARGUMENT, "refused the request: it is not a tensorflow.serving.PredictRequest ("
                    + e.getMessage() + ").\nMaybe send one.");
        }
        String wanted = headers.get(Wire.DEPLOYMENT);
        if (wanted == null && req.getModelSpec().hasVersionLabel()) {
            wanted = req.getModelSpec().getVersionLabel();
        }
        if (wanted != null && !wanted.equals(deploymentId)) {
            throw refuse(Status.FAILED_PRECONDITION, String.format(Locale.ROOT, "refused a request for deployment %s: "
                    + "it serves deployment %s (%s, %s).%nMaybe start the worker with the deployment "
                    + "you run: scission serve DEPLOYMENT_DIR --resource %s ...", wanted, deploymentId,
                    deployment.model().name(), dir, resource));
        }
        Served s = byModel.get(req.getModelSpec().getName());
        if (s == null) {
            throw refuse(Status.NOT_FOUND, String.format(Locale.ROOT, "has no model named '%s'; it serves %s.%n"
                    + "Maybe send the request to the worker of that segment.", req.getModelSpec().getName(),
                    String.join(", ", byModel.keySet())));
        }
        Deployment.SegmentInfo info = s.info();
        String sig = req.getModelSpec().getSignatureName();
        if (!sig.isEmpty() && !sig.equals(info.signature())) {
            throw refuse(Status.INVALID_ARGUMENT, String.format(Locale.ROOT, "refused the request: segment %d has no signature '%s', only "
                    + "'%s'.%nMaybe leave signature_name empty.", info.index(), sig, info.signature()));
        }
        Map<String, HostTensor> all = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, TensorProto> e : req.getInputsMap().entrySet()) {
                all.put(e.getKey(), TensorCodec.decode(e.getKey(), e.getValue()));
            }
            Map<String, HostTensor> in = new LinkedHashMap<>();
            for (Deployment.CutTensor t : info.inputs()) {
                HostTensor v = all.remove(t.key());
                if (v != null) {
                    in.put(t.key(), v);
                }
            }
            Tensors.check("segment " + info.index(), info.inputs(), in);
            long t1 = System.nanoTime();
            return run(s, in, all, headers, t0, t1);
        } catch (IllegalArgumentException e) {
            throw refuse(Status.INVALID_ARGUMENT, "refused segment " + info.index() + "'s request: " + e.getMessage());
        }
    }

    private byte[] run(Served s, Map<String, HostTensor> in, Map<String, HostTensor> carry, Metadata headers, long t0,
            long t1) throws InterruptedException {
        Deployment.SegmentInfo info = s.info();
        s.lock().lockInterruptibly();
        long t2 = System.nanoTime();
        RunReport report;
        try {
            report = s.runner().run(in, 1);
        } finally {
            s.lock().unlock();
        }
        long t3 = System.nanoTime();
        double compute = report.stages().get(0).seconds().get(0);
        double convert = Math.max(0, (t3 - t2) / 1e9 - compute);
        Map<String, Wire.LinkSpec> linkSpecs = Wire.parseLinks(headers.get(Wire.LINKS));
        int next = info.index() + 1;
        byte[] out;
        long t4;
        LinkEmulator.Delay delay = new LinkEmulator.Delay(0, 0);
        double call = 0;
        long sent = 0;
        List<String> downstream = List.of();
        if (next < deployment.segments().size()) {
            Deployment.SegmentInfo n = deployment.segments().get(next);
            PredictRequest.Builder b = PredictRequest.newBuilder().setModelSpec(ModelSpec.newBuilder()
                    .setName(modelName(n)).setSignatureName(n.signature()));
            Set<String> later = new HashSet<>();
            for (int j = next; j < deployment.segments().size(); j++) {
                deployment.segments().get(j).inputs().stream().filter(Deployment.CutTensor::modelEdge)
                        .forEach(t -> later.add(t.key()));
            }
            for (Deployment.CutTensor t : n.inputs()) {
                HostTensor v = t.modelEdge() ? carry.get(t.key()) : report.outputs().get(t.key());
                if (v == null) {
                    throw refuse(Status.INVALID_ARGUMENT, String.format(Locale.ROOT, "cannot send on: segment %d needs the tensor "
                            + "%s, which neither segment %d nor the request gave.%nMaybe send the model's inputs "
                            + "that later segments take.", next, t.key(), info.index()));
                }
                b.putInputs(t.key(), TensorCodec.encode(v));
            }
            carry.forEach((k, v) -> {
                if (later.contains(k) && !b.containsInputs(k)) {
                    b.putInputs(k, TensorCodec.encode(v));
                }
            });
            out = b.build().toByteArray();
            t4 = System.nanoTime();
            Map<Integer, String> route;
            long hopTimeoutMs;
            try {
                route = Wire.parseRoute(headers.get(Wire.ROUTE));
                String timeout = headers.get(Wire.HOP_TIMEOUT);
                hopTimeoutMs = timeout == null ? 60_000 : Long.parseLong(timeout);
            } catch (IllegalArgumentException e) {
                throw refuse(Status.INVALID_ARGUMENT, "refused the request's routing metadata: " + e.getMessage());
            }
            String hop = String.format(Locale.ROOT, "hop %d (%s -> %s)", next, resource, n.resource().name());
            String address = route.get(next);
            if (address == null) {
                throw refuse(Status.FAILED_PRECONDITION, String.format(Locale.ROOT, "cannot send on: the routing map (%s) names no "
                        + "worker for segment %d (%s), so %s cannot be sent.%nMaybe give --workers %s=HOST:PORT.",
                        headers.get(Wire.ROUTE), next, n.resource().name(), hop, n.resource().name()));
            }
            int remaining = deployment.segments().size() - next;
            Deadline deadline = Deadline.after(hopTimeoutMs * remaining, TimeUnit.MILLISECONDS);
            String callee = "worker " + n.resource().name() + " at " + address;
            Wire.LinkSpec spec = linkSpecs.get(String.valueOf(next));
            if (spec != null) {
                delay = emulate(String.valueOf(next), spec, out.length);
                long due = System.nanoTime() + delay.totalNanos();
                if (delay.totalNanos() > deadline.timeRemaining(TimeUnit.NANOSECONDS)) {
                    throw Calls.named(Status.DEADLINE_EXCEEDED, hop, callee, hopTimeoutMs * remaining);
                }
                LinkEmulator.sleepUntil(due);
            }
            sent = System.nanoTime();
            Calls.Answer a = calls.call(address, forward(headers), out, deadline, hop, callee);
            call = a.wallNanos() / 1e9;
            downstream = a.times();
            out = a.bytes();
        } else {
            PredictResponse.Builder b = PredictResponse.newBuilder().setModelSpec(ModelSpec.newBuilder()
                    .setName(modelName(info)).setSignatureName(info.signature()));
            for (Deployment.CutTensor t : info.outputs()) {
                b.putOutputs(t.key(), TensorCodec.encode(report.outputs().get(t.key())));
            }
            out = b.build().toByteArray();
            t4 = System.nanoTime();
            Wire.LinkSpec spec = linkSpecs.get("result");
            if (spec != null) {
                delay = emulate("result", spec, out.length);
                LinkEmulator.sleepUntil(System.nanoTime() + delay.totalNanos());
            }
        }
        long t5 = System.nanoTime();
        Wire.Times own = new Wire.Times(info.index(), resource, (t1 - t0) / 1e9, (t2 - t1) / 1e9, compute, convert,
                (t4 - t3) / 1e9, delay.modelNanos() / 1e9, delay.queueNanos() / 1e9, call, (t5 - t0) / 1e9, t0, t1, t3,
                sent);
        Metadata trailers = TRAILERS.get();
        trailers.put(Wire.TIMES, own.text());
        downstream.forEach(v -> trailers.put(Wire.TIMES, v));
        return out;
    }

    private LinkEmulator.Delay emulate(String hop, Wire.LinkSpec spec, long bytes) {
        LinkEmulator e = links.compute(hop, (k, old) -> old != null && old.latencySeconds() == spec.latencySeconds()
                && old.bytesPerSecond() == spec.bytesPerSecond() ? old
                : LinkEmulator.of(spec.latencySeconds(), spec.bytesPerSecond()));
        return e.send(bytes);
    }

    private static Metadata forward(Metadata headers) {
        Metadata m = new Metadata();
        for (Metadata.Key<String> k : List.of(Wire.DEPLOYMENT, Wire.ROUTE, Wire.LINKS, Wire.HOP_TIMEOUT)) {
            String v = headers.get(k);
            if (v != null) {
                m.put(k, v);
            }
        }
        return m;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Server s = server;
        if (s != null) {
            s.shutdownNow();
            try {
                s.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        calls.close();
        List<RuntimeException> errors = new ArrayList<>();
        for (Served sv : byModel.values()) {
            try {
                sv.runner().close();
            } catch (RuntimeException e) {
                errors.add(e);
            }
        }
        if (!errors.isEmpty()) {
            throw errors.get(0);
        }
    }
}
