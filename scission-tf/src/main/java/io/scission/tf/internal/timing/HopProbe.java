package io.scission.tf.internal.timing;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.scission.profile.HopCost;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;
import org.tensorflow.types.TFloat32;

/**
 * Measures a resource's {@link HopCost}: what a hop costs at its two ends besides the link, on this machine with
 * the profile's TensorFlow threads. One probe is a whole hop done locally on an empty segment: a float tensor of
 * {@code b} bytes is copied from the host into TensorFlow and through an {@code Identity} run (the receiving
 * segment's feed and the sending segment's fetch, each a {@code Session.run} boundary), copied back to the host,
 * encoded as a TensorFlow {@code TensorProto} with {@code tensor_content} and serialised to bytes (what a worker
 * sends), parsed and decoded again (what the next worker does). That is what {@code scission serve}'s workers do
 * per hop, except the loopback RPC itself. Timed at two sizes, median of {@link #REPEATS} runs each after
 * {@link #WARMUPS} untimed ones, and fitted as a line; a hop end (one resource's share) is half the line.
 */
public final class HopProbe {

    /** The two tensor sizes probed, in bytes: 4 KiB (a classifier's output) and 2 MiB (an early cut). */
    public static final long SMALL_BYTES = 4L << 10;
    /** The larger size probed, in bytes. */
    public static final long LARGE_BYTES = 2L << 20;
    /** Untimed probes per size first. */
    public static final int WARMUPS = 5;
    /** Timed probes per size. */
    public static final int REPEATS = 31;

    /**
     * The outcome.
     *
     * @param cost one hop end's cost (half the fitted line)
     * @param smallSeconds the median whole-hop probe at {@link #SMALL_BYTES}
     * @param largeSeconds the median whole-hop probe at {@link #LARGE_BYTES}
     */
    public record Outcome(HopCost cost, double smallSeconds, double largeSeconds) {

        /**
         * Describes the probe and its numbers, for the profile's notes.
         *
         * @return one sentence
         */
        public String describe() {
            return String.format(Locale.ROOT, "Hop cost: a local hop (host -> TensorFlow Identity run -> host -> "
                    + "TensorProto bytes -> host) took %.1f us at %d bytes and %.1f us at %d bytes (medians of %d); "
                    + "each hop end is charged half the line through them: %.1f us + %.3f ns per byte.",
                    smallSeconds * 1e6, SMALL_BYTES, largeSeconds * 1e6, LARGE_BYTES, REPEATS,
                    cost.fixedSeconds() * 1e6, cost.secondsPerByte() * 1e9);
        }
    }

    private HopProbe() {
    }

    /**
     * Probes this machine.
     *
     * @param config the session configuration the profile's timings used (its threads)
     * @return the outcome
     */
    public static Outcome measure(ConfigProto config) {
        requireNonNull(config, "config");
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new IllegalStateException("Host tensors are little-endian; this platform is big-endian.");
        }
        try (Graph g = new Graph()) {
            var in = g.opBuilder("Placeholder", "scission_hop_probe_in", g.baseScope())
                    .setAttr("dtype", DataType.DT_FLOAT).build().output(0);
            g.opBuilder("Identity", "scission_hop_probe_out", g.baseScope()).addInput(in).build();
            try (Session s = new Session(g, config)) {
                double small = median(s, SMALL_BYTES);
                double large = median(s, LARGE_BYTES);
                double perByte = Math.max(0, (large - small) / (LARGE_BYTES - SMALL_BYTES));
                double fixed = Math.max(0, small - SMALL_BYTES * perByte);
                return new Outcome(new HopCost(fixed / 2, perByte / 2), small, large);
            }
        }
    }

    private static double median(Session s, long bytes) {
        byte[] host = new byte[Math.toIntExact(bytes)];
        new SplittableRandom(42).nextBytes(host);
        for (int i = 0; i < host.length; i += 4) {
            host[i + 3] = (byte) (host[i + 3] & 0x3f); // finite floats
        }
        long[] times = new long[REPEATS];
        for (int i = -WARMUPS; i < REPEATS; i++) {
            long start = System.nanoTime();
            host = once(s, host);
            long took = System.nanoTime() - start;
            if (i >= 0) {
                times[i] = took;
            }
        }
        Arrays.sort(times);
        return times[REPEATS / 2] / 1e9;
    }

    /** One local hop: host bytes into TensorFlow, through an Identity run, out, encoded, parsed, decoded. */
    private static byte[] once(Session s, byte[] host) {
        long n = host.length / 4;
        byte[] fetched;
        try (Tensor fed = Tensor.of(TFloat32.class, Shape.of(n), DataBuffers.of(host.clone(), true, false));
                Result r = s.runner().feed("scission_hop_probe_in", fed).fetch("scission_hop_probe_out").run()) {
            Tensor t = r.get(0);
            fetched = new byte[Math.toIntExact(t.numBytes())];
            t.asRawTensor().data().read(fetched);
        }
        byte[] wire = TensorProto.newBuilder().setDtype(DataType.DT_FLOAT)
                .setTensorShape(TensorShapeProto.newBuilder().addDim(TensorShapeProto.Dim.newBuilder().setSize(n)))
                .setTensorContent(ByteString.copyFrom(fetched)).build().toByteArray();
        try {
            return TensorProto.parseFrom(wire).getTensorContent().toByteArray();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("The hop probe could not parse its own TensorProto.", e);
        }
    }
}
