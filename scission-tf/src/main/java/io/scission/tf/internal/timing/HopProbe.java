package io.scission.tf.internal.timing;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.scission.deploy.ElementType;
import io.scission.deploy.HostTensor;
import io.scission.profile.CopyCost;
import io.scission.profile.HopCost;
import io.scission.tf.deploy.TfTensors;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

/**
 * Measures a resource's {@link HopCost}: what a hop costs at its two ends besides the link, on this machine with
 * the profile's TensorFlow threads. One probe is a whole hop done locally on an empty segment: a float tensor of
 * {@code b} bytes is copied from the host into TensorFlow and through an {@code Identity} run (the receiving
 * segment's feed and the sending segment's fetch, each a {@code Session.run} boundary), copied back to the host,
 * encoded as a TensorFlow {@code TensorProto} with {@code tensor_content} and serialised to bytes (what a worker
 * sends), parsed and decoded again (what the next worker does). That is what {@code scission serve}'s workers do
 * per hop, except the loopback RPC itself. Timed at two sizes, median of {@link #REPEATS} runs each after
 * {@link #WARMUPS} untimed ones, and fitted as a line; a hop end (one resource's share) is half the line.
 *
 * <p>The same runs also time, apart, the two copies between the host and TensorFlow with the workers' own code
 * ({@link TfTensors#toNative}, and {@link TfTensors#toHost} with the closing of the run's tensors), each fitted as
 * a line through its medians: the resource's {@link CopyCost}, what copying the model's own input in and output
 * out costs a plan (no hop carries those).
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
     * @param copies the copies between the host and TensorFlow (lines through the medians below)
     * @param copyMedians the median seconds of the copy in and the copy out at {@link #SMALL_BYTES}, then at
     *     {@link #LARGE_BYTES}
     */
    public record Outcome(HopCost cost, double smallSeconds, double largeSeconds, CopyCost copies,
            List<Double> copyMedians) {

        /**
         * Validates the outcome.
         *
         * @param cost one hop end's cost (half the fitted line)
         * @param smallSeconds the median whole-hop probe at {@link #SMALL_BYTES}
         * @param largeSeconds the median whole-hop probe at {@link #LARGE_BYTES}
         * @param copies the copies between the host and TensorFlow
         * @param copyMedians in and out at the small size, in and out at the large size
         */
        public Outcome {
            requireNonNull(cost, "cost");
            requireNonNull(copies, "copies");
            copyMedians = List.copyOf(copyMedians);
            if (copyMedians.size() != 4) {
                throw new IllegalArgumentException("The copy medians must be in and out at two sizes (4 numbers).");
            }
        }

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
                    cost.fixedSeconds() * 1e6, cost.secondsPerByte() * 1e9) + String.format(Locale.ROOT,
                    " Copy cost (the model's input into TensorFlow, its output to the host, as workers copy them): "
                    + "in %.1f / %.1f us, out %.1f / %.1f us at %d / %d bytes (medians): in %.1f us + %.3f ns per "
                    + "byte, out %.1f us + %.3f ns per byte.", copyMedians.get(0) * 1e6, copyMedians.get(2) * 1e6,
                    copyMedians.get(1) * 1e6, copyMedians.get(3) * 1e6, SMALL_BYTES, LARGE_BYTES,
                    copies.inFixedSeconds() * 1e6, copies.inSecondsPerByte() * 1e9, copies.outFixedSeconds() * 1e6,
                    copies.outSecondsPerByte() * 1e9);
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
                double[] small = medians(s, SMALL_BYTES);
                double[] large = medians(s, LARGE_BYTES);
                double[] hop = line(small[0], large[0]);
                double[] copyIn = line(small[1], large[1]);
                double[] copyOut = line(small[2], large[2]);
                return new Outcome(new HopCost(hop[0] / 2, hop[1] / 2), small[0], large[0],
                        new CopyCost(copyIn[0], copyIn[1], copyOut[0], copyOut[1]),
                        List.of(small[1], small[2], large[1], large[2]));
            }
        }
    }

    /**
     * A line {fixed, per byte} through two medians at {@link #SMALL_BYTES} and {@link #LARGE_BYTES}, neither below
     * 0.
     */
    static double[] line(double small, double large) {
        double perByte = Math.max(0, (large - small) / (LARGE_BYTES - SMALL_BYTES));
        return new double[] {Math.max(0, small - SMALL_BYTES * perByte), perByte};
    }

    /** The medians of the whole local hop, the copy in and the copy out, in seconds. */
    private static double[] medians(Session s, long bytes) {
        byte[] host = new byte[Math.toIntExact(bytes)];
        new SplittableRandom(42).nextBytes(host);
        for (int i = 0; i < host.length; i += 4) {
            host[i + 3] = (byte) (host[i + 3] & 0x3f); // finite floats
        }
        long[][] times = new long[3][REPEATS];
        long[] copies = new long[2];
        for (int i = -WARMUPS; i < REPEATS; i++) {
            long start = System.nanoTime();
            host = once(s, host, copies);
            long took = System.nanoTime() - start;
            if (i >= 0) {
                times[0][i] = took;
                times[1][i] = copies[0];
                times[2][i] = copies[1];
            }
        }
        double[] medians = new double[3];
        for (int k = 0; k < 3; k++) {
            Arrays.sort(times[k]);
            medians[k] = times[k][REPEATS / 2] / 1e9;
        }
        return medians;
    }

    /**
     * One local hop: host bytes into TensorFlow, through an Identity run, out, encoded, parsed, decoded; the copy
     * in ({@link TfTensors#toNative}) and the copy out ({@link TfTensors#toHost} and closing the run's tensors, as a
     * worker's segment run does) are stored in {@code copies} (nanoseconds).
     */
    private static byte[] once(Session s, byte[] host, long[] copies) {
        long n = host.length / 4;
        HostTensor given = HostTensor.of(ElementType.FLOAT32, List.of(n), host);
        HostTensor fetched;
        long t0 = System.nanoTime();
        Tensor fed = TfTensors.toNative(given);
        long t1 = System.nanoTime();
        long t2;
        try (fed; Result r = s.runner().feed("scission_hop_probe_in", fed).fetch("scission_hop_probe_out").run()) {
            t2 = System.nanoTime();
            fetched = TfTensors.toHost(r.get(0));
        }
        copies[0] = t1 - t0;
        copies[1] = System.nanoTime() - t2;
        byte[] wire = TensorProto.newBuilder().setDtype(DataType.DT_FLOAT)
                .setTensorShape(TensorShapeProto.newBuilder().addDim(TensorShapeProto.Dim.newBuilder().setSize(n)))
                .setTensorContent(ByteString.copyFrom(fetched.data())).build().toByteArray();
        try {
            return TensorProto.parseFrom(wire).getTensorContent().toByteArray();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("The hop probe could not parse its own TensorProto.", e);
        }
    }
}
