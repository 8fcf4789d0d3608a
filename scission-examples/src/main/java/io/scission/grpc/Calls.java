package io.scission.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Deadline;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Calls of Predict on other workers: one channel per address, reused; the answer with its trailers and wall time;
 * failures turned into one error that names the hop and the worker.
 */
final class Calls implements AutoCloseable {

    /** The answer of a call. */
    record Answer(byte[] bytes, List<String> times, long wallNanos) {
    }

    private final ConcurrentMap<String, ManagedChannel> channels = new ConcurrentHashMap<>();

    /**
     * Calls Predict.
     *
     * @param address host:port
     * @param headers the metadata to send
     * @param request the serialised PredictRequest
     * @param deadline when to give up
     * @param hop the hop's description for errors, e.g. {@code hop 2 (edge -> cloud)}
     * @param worker the callee's description for errors, e.g. {@code worker cloud at 127.0.0.1:7003}
     * @throws StatusRuntimeException naming the hop and worker (trailer {@link Wire#ERROR_NAMED}), or one from further
     *     down the pipeline that already names them
     */
    Answer call(String address, Metadata headers, byte[] request, Deadline deadline, String hop, String worker) {
        AtomicReference<Metadata> h = new AtomicReference<>();
        AtomicReference<Metadata> t = new AtomicReference<>();
        Channel ch = ClientInterceptors.intercept(channel(address), MetadataUtils.newAttachHeadersInterceptor(headers),
                MetadataUtils.newCaptureMetadataInterceptor(h, t));
        long t0 = System.nanoTime();
        try {
            byte[] answer = ClientCalls.blockingUnaryCall(ch, PredictionGrpc.PREDICT,
                    CallOptions.DEFAULT.withDeadline(deadline), request);
            long wall = System.nanoTime() - t0;
            Metadata tr = t.get();
            Iterable<String> times = tr == null ? null : tr.getAll(Wire.TIMES);
            return new Answer(answer, times == null ? List.of() : copy(times), wall);
        } catch (StatusRuntimeException e) {
            Metadata tr = e.getTrailers();
            if (tr != null && tr.containsKey(Wire.ERROR_NAMED)) {
                throw e;
            }
            throw named(e.getStatus(), hop, worker, (System.nanoTime() - t0) / 1e6);
        }
    }

    private static List<String> copy(Iterable<String> values) {
        List<String> list = new java.util.ArrayList<>();
        values.forEach(list::add);
        return list;
    }

    /** An error of a hop, named. */
    static StatusRuntimeException named(Status status, String hop, String worker, double afterMillis) {
        String reason = switch (status.getCode()) {
            case DEADLINE_EXCEEDED -> String.format(Locale.ROOT, "no answer within %.0f ms (the hop timeout)",
                    afterMillis);
            case UNAVAILABLE -> "not reachable: the worker is not running or its address is wrong ("
                    + describe(status) + ")";
            case CANCELLED -> "the call was cancelled (" + describe(status) + ")";
            case INVALID_ARGUMENT, FAILED_PRECONDITION, NOT_FOUND, INTERNAL -> status.getDescription() == null
                    ? describe(status) : status.getDescription();
            default -> describe(status);
        };
        Metadata trailers = new Metadata();
        trailers.put(Wire.ERROR_NAMED, "1");
        return status.withDescription(hop + ", " + worker + ": " + reason).withCause(null)
                .asRuntimeException(trailers);
    }

    private static String describe(Status status) {
        String d = status.getDescription();
        return status.getCode() + (d == null || d.isBlank() ? "" : ": " + d)
                + (status.getCause() == null ? "" : " [" + status.getCause().getMessage() + "]");
    }

    private ManagedChannel channel(String address) {
        return channels.computeIfAbsent(address, a -> {
            InetSocketAddress s = socket(a);
            return NettyChannelBuilder.forAddress(s.getHostString(), s.getPort()).usePlaintext()
                    .maxInboundMessageSize(Integer.MAX_VALUE).build();
        });
    }

    /**
     * Parses host:port.
     *
     * @throws IllegalArgumentException if it is not host:port with a port in 0-65535
     */
    static InetSocketAddress socket(String address) {
        int colon = address.lastIndexOf(':');
        int port = -1;
        if (colon > 0) {
            try {
                port = Integer.parseInt(address.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "The address (%s) must be host:port with a "
                    + "port 0-65535.%nMaybe write 127.0.0.1:7001.", address));
        }
        return InetSocketAddress.createUnresolved(address.substring(0, colon), port);
    }

    @Override
    public void close() {
        for (ManagedChannel c : channels.values()) {
            c.shutdownNow();
        }
        for (ManagedChannel c : channels.values()) {
            try {
                c.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
