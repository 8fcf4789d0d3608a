package io.scission.grpc;

import io.grpc.Metadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What travels beside TensorFlow Serving's messages, as gRPC metadata (so the messages stay TensorFlow Serving's):
 * the routing map, the links to emulate and the hop timeout go with the request; each worker's times and the origin
 * of an error come back in the trailers.
 */
final class Wire {

    /** The deployment's identity (a digest of its manifest): a worker refuses a request for another deployment. */
    static final Metadata.Key<String> DEPLOYMENT = key("scission-deployment");
    /** The routing map: {@code segment=host:port,...}. */
    static final Metadata.Key<String> ROUTE = key("scission-route");
    /** The links to emulate: {@code segment=latencySeconds/bytesPerSecond,...}, the hop into that segment, and
     * {@code result=...} for the result's way back to the source. */
    static final Metadata.Key<String> LINKS = key("scission-links");
    /** How long a hop may take, in milliseconds. */
    static final Metadata.Key<String> HOP_TIMEOUT = key("scission-hop-timeout-ms");
    /** One worker's times for one request (see {@link Times}); one value per worker on the path. */
    static final Metadata.Key<String> TIMES = key("scission-times");
    /** Set on an error that already names its hop and worker, so the workers upstream pass it on unchanged. */
    static final Metadata.Key<String> ERROR_NAMED = key("scission-error-named");

    private Wire() {
    }

    private static Metadata.Key<String> key(String name) {
        return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
    }

    /** A link's parameters. */
    record LinkSpec(double latencySeconds, double bytesPerSecond) {
        String text() {
            return String.format(Locale.ROOT, "%s/%s", latencySeconds, bytesPerSecond);
        }
    }

    static String routeText(Map<Integer, String> route) {
        List<String> parts = new ArrayList<>();
        route.forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(",", parts);
    }

    static Map<Integer, String> parseRoute(@Nullable String text) {
        Map<Integer, String> route = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return route;
        }
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("The routing map entry (" + part + ") must be segment=host:port.");
            }
            route.put(Integer.parseInt(part.substring(0, eq).strip()), part.substring(eq + 1).strip());
        }
        return route;
    }

    static String linksText(Map<String, LinkSpec> links) {
        List<String> parts = new ArrayList<>();
        links.forEach((k, v) -> parts.add(k + "=" + v.text()));
        return String.join(",", parts);
    }

    static Map<String, LinkSpec> parseLinks(@Nullable String text) {
        Map<String, LinkSpec> links = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return links;
        }
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            int slash = part.indexOf('/', eq);
            if (eq <= 0 || slash < 0) {
                throw new IllegalArgumentException("The link entry (" + part + ") must be hop=latency/bytesPerSecond.");
            }
            links.put(part.substring(0, eq).strip(), new LinkSpec(Double.parseDouble(part.substring(eq + 1, slash)),
                    Double.parseDouble(part.substring(slash + 1))));
        }
        return links;
    }

    /**
     * One worker's times for one request, in seconds.
     *
     * @param segment the segment it ran
     * @param resource the worker's resource
     * @param decode parsing the request and its tensors
     * @param queue waiting for the segment (another request held it)
     * @param compute TensorFlow's run of the segment
     * @param convert copying tensors between Java and TensorFlow
     * @param encode building and serialising the message it sends on (the next request, or the response)
     * @param link the emulated link's delay of that message, the cost model's part
     * @param linkQueue the emulated link's extra delay behind earlier messages
     * @param call the wall time of the call to the next worker (0 for the last segment)
     * @param server the whole time in this worker, from the request's arrival to the response
     * @param arrivedNanos {@link System#nanoTime} when the request reached the worker's handler
     * @param inputReadyNanos {@link System#nanoTime} when the request's tensors were decoded (on the host)
     * @param outputReadyNanos {@link System#nanoTime} when the segment's outputs were on the host
     * @param sentNanos {@link System#nanoTime} when the call to the next worker was made (after the emulated
     *     link's delay), or 0 for the last segment
     */
    record Times(int segment, String resource, double decode, double queue, double compute, double convert,
            double encode, double link, double linkQueue, double call, double server, long arrivedNanos,
            long inputReadyNanos, long outputReadyNanos, long sentNanos) {

        String text() {
            return String.format(Locale.ROOT, "%d;%s;%.9f;%.9f;%.9f;%.9f;%.9f;%.9f;%.9f;%.9f;%.9f;%d;%d;%d;%d",
                    segment, resource, decode, queue, compute, convert, encode, link, linkQueue, call, server,
                    arrivedNanos, inputReadyNanos, outputReadyNanos, sentNanos);
        }

        static Times parse(String text) {
            String[] f = text.split(";");
            if (f.length != 15) {
                throw new IllegalArgumentException("A worker's times (" + text + ") must have 15 fields.");
            }
            return new Times(Integer.parseInt(f[0]), f[1], d(f[2]), d(f[3]), d(f[4]), d(f[5]), d(f[6]), d(f[7]),
                    d(f[8]), d(f[9]), d(f[10]), Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]),
                    Long.parseLong(f[14]));
        }

        private static double d(String s) {
            return Double.parseDouble(s);
        }
    }
}
