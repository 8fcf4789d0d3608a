package io.scission.grpc;

import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import io.scission.deploy.ElementType;
import io.scission.deploy.HostTensor;
import io.scission.grpc.proto.ModelSpec;
import io.scission.grpc.proto.PredictRequest;
import io.scission.grpc.proto.PredictResponse;
import io.scission.profile.HopCost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures the gRPC part of a hop on this machine: a real loopback {@code Predict} call carrying one float tensor of
 * {@code b} bytes, from the sender's call to the receiver's handler (the request received and handed over) — what
 * {@code run} reports as a hop's {@code wire}, which the profiler's in-process hop probe (feed, fetch,
 * {@code TensorProto} encoding and decoding) does not include. Client and server run in this process on one clock;
 * timed at two sizes, median of {@link #REPEATS} calls each after {@link #WARMUPS} untimed ones, fitted as a line; a
 * hop end is charged half of it. {@code scission profile} uses it only where {@link ProcessHopProbe}'s child JVM cannot
 * start (or with {@code -Dscission.hop-probe=one-process}).
 */
public final class GrpcHopProbe {

    /** The smaller size probed, in bytes (a classifier's output). */
    public static final long SMALL_BYTES = 4L << 10;
    /** The larger size probed, in bytes (an early cut). */
    public static final long LARGE_BYTES = 2L << 20;
    /** Untimed calls per size first. */
    public static final int WARMUPS = 20;
    /** Timed calls per size. */
    public static final int REPEATS = 31;

    /**
     * The outcome.
     *
     * @param smallSeconds the median forward transfer at {@link #SMALL_BYTES}
     * @param largeSeconds the median forward transfer at {@link #LARGE_BYTES}
     */
    public record Outcome(double smallSeconds, double largeSeconds) {

        /**
         * Returns one hop end's share: half the line through the two medians (a negative slope or intercept, from
         * noise, counts as 0).
         *
         * @return the cost
         */
        public HopCost cost() {
            double perByte = Math.max(0, (largeSeconds - smallSeconds) / (LARGE_BYTES - SMALL_BYTES));
            double fixed = Math.max(0, smallSeconds - SMALL_BYTES * perByte);
            return new HopCost(fixed / 2, perByte / 2);
        }

        /**
         * Describes the probe and its numbers, for the profile's notes.
         *
         * @return one sentence
         */
        public String describe() {
            HopCost c = cost();
            return String.format(Locale.ROOT, "Plus a loopback gRPC Predict call (the sender's call to the "
                    + "receiver's handler): %.1f us at %d bytes and %.1f us at %d bytes (medians of %d after %d); "
                    + "each hop end is charged half: %.1f us + %.3f ns per byte.", smallSeconds * 1e6, SMALL_BYTES,
                    largeSeconds * 1e6, LARGE_BYTES, REPEATS, WARMUPS, c.fixedSeconds() * 1e6,
                    c.secondsPerByte() * 1e9);
        }
    }

    private GrpcHopProbe() {
    }

    /**
     * Probes this machine: starts a Predict server on 127.0.0.1 (any free port) in this process, calls it, and
     * always stops it.
     *
     * @return the outcome
     * @throws UncheckedIOException if the server cannot listen on loopback
     */
    public static Outcome measure() {
        AtomicLong arrival = new AtomicLong();
        byte[] empty = PredictResponse.getDefaultInstance().toByteArray();
        ServerServiceDefinition service = ServerServiceDefinition.builder(PredictionGrpc.SERVICE)
                .addMethod(PredictionGrpc.PREDICT, ServerCalls.asyncUnaryCall((byte[] request,
                        io.grpc.stub.StreamObserver<byte[]> response) -> {
                    arrival.set(System.nanoTime());
                    response.onNext(empty);
                    response.onCompleted();
                })).build();
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .maxInboundMessageSize(Integer.MAX_VALUE).addService(service).build();
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("The gRPC hop probe cannot listen on 127.0.0.1 (" + e.getMessage() + ").",
                    e);
        }
        try (Calls calls = new Calls()) {
            String address = "127.0.0.1:" + server.getPort();
            double small = median(calls, address, arrival, SMALL_BYTES);
            double large = median(calls, address, arrival, LARGE_BYTES);
            return new Outcome(small, large);
        } finally {
            server.shutdownNow();
            try {
                server.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static double median(Calls calls, String address, AtomicLong arrival, long bytes) {
        byte[] request = request(HostTensor.of(ElementType.FLOAT32, List.of(1L, bytes / 4), payload(bytes)));
        long[] times = new long[REPEATS];
        for (int i = -WARMUPS; i < REPEATS; i++) {
            long start = System.nanoTime();
            calls.call(address, new Metadata(), request, Deadline.after(60, TimeUnit.SECONDS), "the gRPC hop probe",
                    "a probe server at " + address);
            if (i >= 0) {
                times[i] = Math.max(0, arrival.get() - start);
            }
        }
        Arrays.sort(times);
        return times[REPEATS / 2] / 1e9;
    }

    /** Seeded bytes of {@code bytes / 4} finite float32 values: the tensor both hop probes send. */
    static byte[] payload(long bytes) {
        byte[] data = new byte[Math.toIntExact(bytes)];
        new SplittableRandom(42).nextBytes(data);
        for (int i = 3; i < data.length; i += 4) {
            data[i] = (byte) (data[i] & 0x3f); // finite floats
        }
        return data;
    }

    /** The Predict request both hop probes send, as a worker's hop would: one input tensor to a segment. */
    static byte[] request(HostTensor t) {
        return PredictRequest.newBuilder().setModelSpec(ModelSpec.newBuilder().setName("segment-1-probe")
                .setSignatureName("serving_default")).putInputs("probe", TensorCodec.encode(t)).build().toByteArray();
    }
}
