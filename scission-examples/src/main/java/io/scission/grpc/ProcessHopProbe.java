package io.scission.grpc;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.scission.deploy.ElementType;
import io.scission.deploy.HostTensor;
import io.scission.grpc.proto.PredictRequest;
import io.scission.grpc.proto.PredictResponse;
import io.scission.grpc.proto.TensorProto;
import io.scission.profile.HopCost;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * Measures a hop between two JVMs on this machine, as a worker pays it: a float tensor held by TensorFlow in this
 * process (a segment's output) is copied to the host, encoded as a {@code TensorProto} in a {@code PredictRequest}
 * and sent by a real loopback {@code Predict} call to a <em>child JVM</em>, which parses the request, decodes the
 * tensor and copies it into a TensorFlow tensor (the next segment's feed). The time runs from the sender's copy out
 * of TensorFlow to the moment the child's TensorFlow tensor exists, on the one clock of the machine
 * ({@code System.nanoTime}, {@code CLOCK_MONOTONIC} on Linux; the child returns its stamp). Each call follows an
 * idle gap of {@link #IDLE_MILLIS} ms, as a worker waits for the next segment between requests (its threads sleep).
 * Timed at {@link #SIZES}, median of {@link #REPEATS} calls each after {@link #WARMUPS} untimed ones, fitted as a
 * least-squares line; a hop end is charged half of it.
 *
 * <p>The child ({@link #main}) listens on 127.0.0.1 only, is awaited until it prints that it listens (never a fixed
 * sleep), and is always stopped: after the probe, on error, by a shutdown hook, and by itself when its standard
 * input (a pipe from this JVM) closes. If it cannot start, {@link #measureOrFallback} falls back to the one-process
 * {@link GrpcHopProbe} and says so in one line.
 */
public final class ProcessHopProbe {

    /** The sizes probed, in bytes: a classifier's output, a mid-network cut, an early cut. */
    public static final List<Long> SIZES = List.of(4L << 10, 64L << 10, 2L << 20);
    /** Untimed calls per size first. */
    public static final int WARMUPS = 15;
    /** Timed calls per size. */
    public static final int REPEATS = 21;
    /** The idle gap before each call, in milliseconds. */
    public static final int IDLE_MILLIS = 20;
    /** How long the child may take to listen. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    /** The line the child prints once it accepts requests, as a worker does. */
    static final String READY = WorkerProcesses.READY;
    /** The system property that selects the probe: {@code two-process} (default) or {@code one-process}. */
    public static final String PROPERTY = "scission.hop-probe";

    /**
     * The outcome.
     *
     * @param bytes the sizes probed
     * @param seconds the median hop at each size
     * @param idleMillis the idle gap before each call
     */
    public record Outcome(List<Long> bytes, List<Double> seconds, int idleMillis) {

        /**
         * Validates and copies.
         *
         * @param bytes the sizes probed
         * @param seconds the median hop at each size
         * @param idleMillis the idle gap before each call
         */
        public Outcome {
            bytes = List.copyOf(bytes);
            seconds = List.copyOf(seconds);
            if (bytes.size() != seconds.size() || bytes.size() < 2) {
                throw new IllegalArgumentException("The probe needs a median per size and at least two sizes ("
                        + bytes + ", " + seconds + ").");
            }
        }

        /**
         * Returns one hop end's share: half the least-squares line through the medians (a negative slope or
         * intercept, from noise, counts as 0).
         *
         * @return the cost
         */
        public HopCost cost() {
            int n = bytes.size();
            double mx = 0;
            double my = 0;
            for (int i = 0; i < n; i++) {
                mx += bytes.get(i) / (double) n;
                my += seconds.get(i) / n;
            }
            double sxy = 0;
            double sxx = 0;
            for (int i = 0; i < n; i++) {
                sxy += (bytes.get(i) - mx) * (seconds.get(i) - my);
                sxx += (bytes.get(i) - mx) * (bytes.get(i) - mx);
            }
            double perByte = Math.max(0, sxy / sxx);
            double fixed = Math.max(0, my - perByte * mx);
            return new HopCost(fixed / 2, perByte / 2);
        }

        /**
         * Describes the probe and its numbers, for the profile's notes.
         *
         * @return one sentence
         */
        public String describe() {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < bytes.size(); i++) {
                b.append(i == 0 ? "" : i == bytes.size() - 1 ? " and " : ", ").append(String.format(Locale.ROOT,
                        "%.1f us at %d bytes", seconds.get(i) * 1e6, bytes.get(i)));
            }
            HopCost c = cost();
            return String.format(Locale.ROOT, "Plus a hop to another JVM (TensorFlow -> TensorProto -> loopback gRPC "
                    + "Predict -> TensorProto -> TensorFlow in a child JVM, after %d ms idle): %s (medians of %d "
                    + "after %d); each hop end is charged half: %.1f us + %.3f ns per byte.", idleMillis, b, REPEATS,
                    WARMUPS, c.fixedSeconds() * 1e6, c.secondsPerByte() * 1e9);
        }
    }

    /**
     * One hop end's share of the probe used, and the sentence for the profile's notes.
     *
     * @param cost one hop end's cost
     * @param description what was measured
     */
    public record Share(HopCost cost, String description) {
    }

    private ProcessHopProbe() {
    }

    /**
     * Probes as {@link #PROPERTY} selects: across two JVMs (the default), or in one process
     * ({@code -Dscission.hop-probe=one-process}, {@link GrpcHopProbe}); if the child JVM cannot start (or fails
     * while probed), falls back to the one-process probe and reports that in one line.
     *
     * @param warn where the fallback's line goes
     * @return the share and its description
     */
    public static Share measureOrFallback(Consumer<String> warn) {
        return measureOrFallback(warn, childCommand());
    }

    /**
     * As {@link #measureOrFallback(Consumer)}, with the child started by {@code command}.
     *
     * @param warn where the fallback's line goes
     * @param command the child's command line
     * @return the share and its description
     */
    static Share measureOrFallback(Consumer<String> warn, List<String> command) {
        return measureOrFallback(warn, command, GrpcHopProbe::measure);
    }

    /**
     * As {@link #measureOrFallback(Consumer, List)}, with the one-process probe {@code oneProcess} (ProcessHopProbeTest
     * runs the real one once for its two fallback cases).
     */
    static Share measureOrFallback(Consumer<String> warn, List<String> command,
            java.util.function.Supplier<GrpcHopProbe.Outcome> oneProcess) {
        if ("one-process".equals(System.getProperty(PROPERTY))) {
            GrpcHopProbe.Outcome g = oneProcess.get();
            return new Share(g.cost(), g.describe());
        }
        try {
            Outcome o = measure(command, IDLE_MILLIS);
            return new Share(o.cost(), o.describe());
        } catch (IllegalStateException | io.grpc.StatusRuntimeException e) {
            // the child did not start, or failed or died while probed
            warn.accept("warning: the hop probe could not use a second JVM (" + e.getMessage().lines().findFirst()
                    .orElse("") + "); the hop cost includes a gRPC call within this process only.");
            GrpcHopProbe.Outcome g = oneProcess.get();
            return new Share(g.cost(), g.describe());
        }
    }

    /**
     * The command that starts the child: this JVM's {@code java} with this JVM's class path.
     *
     * @return the command
     */
    static List<String> childCommand() {
        return WorkerProcesses.javaCommand(ProcessHopProbe.class.getName());
    }

    /**
     * Starts a child JVM (this JVM's {@code java} and class path), probes it with {@code idleMillis} ms idle before
     * each call, and always stops it (e.g. to compare idle gaps).
     *
     * @param idleMillis the idle gap before each call
     * @return the outcome
     * @throws IllegalStateException if the child cannot start or fails
     */
    public static Outcome measure(int idleMillis) {
        return measure(childCommand(), idleMillis);
    }

    /**
     * As {@link #measure(int)}, at other sizes (e.g. to see where the time per size steps).
     *
     * @param idleMillis the idle gap before each call
     * @param sizes the sizes probed, in bytes, each a positive multiple of 4, two or more
     * @return the outcome
     * @throws IllegalStateException if the child cannot start or fails
     */
    public static Outcome measure(int idleMillis, List<Long> sizes) {
        return measure(childCommand(), idleMillis, sizes, WARMUPS, REPEATS);
    }

    /**
     * Starts the child with {@code command}, probes it, and always stops it.
     *
     * @param command the child's command line (it must print {@link #READY} and its address)
     * @param idleMillis the idle gap before each call
     * @return the outcome
     * @throws IllegalStateException if the child cannot start or fails
     */
    static Outcome measure(List<String> command, int idleMillis) {
        return measure(command, idleMillis, SIZES, WARMUPS, REPEATS);
    }

    /**
     * As {@link #measure(List, int)} with {@code warmups} untimed and {@code repeats} timed calls per size instead of
     * {@link #WARMUPS} and {@link #REPEATS} (ProcessHopProbeTest checks the probe's workings with fewer calls).
     */
    static Outcome measure(List<String> command, int idleMillis, int warmups, int repeats) {
        return measure(command, idleMillis, SIZES, warmups, repeats);
    }

    private static Outcome measure(List<String> command, int idleMillis, List<Long> sizes, int warmups,
            int repeats) {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putIfAbsent("TF_CPP_MIN_LOG_LEVEL", "2");
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the child JVM: " + e.getMessage(), e);
        }
        Thread hook = new Thread(p::destroyForcibly, "scission-hop-probe-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try (Calls calls = new Calls()) {
            String address = awaitReady(p);
            List<Double> medians = new ArrayList<>();
            for (long b : sizes) {
                medians.add(median(calls, address, b, idleMillis, warmups, repeats));
            }
            return new Outcome(sizes, medians, idleMillis);
        } finally {
            stop(p);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down: the hook stops the child
            }
        }
    }

    private static String awaitReady(Process p) {
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith(READY)) {
                        ready.complete(line.substring(READY.length()).strip());
                    }
                }
            } catch (IOException e) {
                // the child is gone
            }
            ready.completeExceptionally(new IllegalStateException("the child JVM exited before it listened"));
        }, "scission-hop-probe-out");
        reader.setDaemon(true);
        reader.start();
        try {
            return ready.get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the child JVM did not listen within " + READY_TIMEOUT.toSeconds() + " s",
                    e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the child JVM", e);
        }
    }

    private static void stop(Process p) {
        p.destroy();
        WorkerProcesses.awaitExit(p);
    }

    private static double median(Calls calls, String address, long bytes, int idleMillis, int warmups, int repeats) {
        byte[] data = GrpcHopProbe.payload(bytes);
        long[] times = new long[repeats];
        Shape shape = Shape.of(1, bytes / 4);
        try (Tensor held = Tensor.of(TFloat32.class, shape, DataBuffers.of(data, true, false))) {
            for (int i = -warmups; i < repeats; i++) {
                idle(idleMillis);
                long start = System.nanoTime();
                // the sender: out of TensorFlow, encoded, sent (as Worker.run after a segment)
                byte[] host = new byte[Math.toIntExact(held.numBytes())];
                held.asRawTensor().data().read(host);
                HostTensor t = HostTensor.of(ElementType.FLOAT32, List.of(1L, bytes / 4), host);
                byte[] request = GrpcHopProbe.request(t);
                Calls.Answer a = calls.call(address, new Metadata(), request, Deadline.after(60, TimeUnit.SECONDS),
                        "the hop probe", "the probe's child JVM at " + address);
                long arrived = stamp(a.bytes());
                if (i >= 0) {
                    times[i] = Math.max(0, arrived - start);
                }
            }
        }
        Arrays.sort(times);
        return times[repeats / 2] / 1e9;
    }

    private static void idle(int millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while probing the hop", e);
        }
    }

    private static long stamp(byte[] response) {
        try {
            TensorProto p = PredictResponse.parseFrom(response).getOutputsOrThrow("ready_nanos");
            return TensorCodec.decode("ready_nanos", p).data().order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            throw new IllegalStateException("the probe's child JVM answered with no time stamp (" + e.getMessage()
                    + ")", e);
        }
    }

    /** The receiver: parse, decode, into TensorFlow (as a worker before its segment), then stamp. */
    private static byte[] receive(byte[] raw) {
        long ready;
        try {
            PredictRequest req = PredictRequest.parseFrom(raw);
            HostTensor h = TensorCodec.decode("probe", req.getInputsOrThrow("probe"));
            long[] dims = h.shape().stream().mapToLong(Long::longValue).toArray();
            try (Tensor fed = Tensor.of(TFloat32.class, Shape.of(dims), DataBuffers.of(h.toByteArray(), true,
                    false))) {
                ready = System.nanoTime();
            }
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not a PredictRequest: " + e.getMessage(), e);
        }
        byte[] stamp = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(ready).array();
        return PredictResponse.newBuilder().putOutputs("ready_nanos", TensorCodec.encode(HostTensor.of(
                ElementType.INT64, List.of(), stamp))).build().toByteArray();
    }

    /**
     * The child: serves the probe's Predict calls on 127.0.0.1 (any free port), prints {@link #READY} and its
     * address, and exits when its standard input closes (its parent is gone or done).
     *
     * @param args none
     * @throws IOException if it cannot listen
     * @throws InterruptedException if interrupted
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        ServerServiceDefinition service = ServerServiceDefinition.builder(PredictionGrpc.SERVICE)
                .addMethod(PredictionGrpc.PREDICT, ServerCalls.asyncUnaryCall((byte[] raw,
                        StreamObserver<byte[]> response) -> {
                    try {
                        response.onNext(receive(raw));
                        response.onCompleted();
                    } catch (RuntimeException e) {
                        response.onError(io.grpc.Status.INVALID_ARGUMENT.withDescription("the hop probe's child: "
                                + e.getMessage()).asRuntimeException());
                    }
                })).build();
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .maxInboundMessageSize(Integer.MAX_VALUE).addService(service).build().start();
        PrintStream out = System.out;
        out.println(READY + "127.0.0.1:" + server.getPort());
        out.flush();
        try (InputStream in = System.in) {
            while (in.read() >= 0) {
                // the parent writes nothing; EOF means it is gone
            }
        } catch (IOException e) {
            // the pipe broke: the parent is gone too
        }
        server.shutdownNow();
        server.awaitTermination(5, TimeUnit.SECONDS);
    }
}
