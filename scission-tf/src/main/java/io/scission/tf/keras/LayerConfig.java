package io.scission.tf.keras;

import com.fasterxml.jackson.databind.JsonNode;
import io.scission.ScissionException;
import java.util.Locale;

/**
 * Typed, validating access to one Keras layer's {@code config} object. Every failure names the file, the layer, its
 * class and the key.
 */
public final class LayerConfig {

    private final String source;
    private final String layer;
    private final String className;
    private final JsonNode node;

    LayerConfig(String source, String layer, String className, JsonNode node) {
        this.source = source;
        this.layer = layer;
        this.className = className;
        this.node = node;
    }

    /**
     * Returns the raw JSON.
     *
     * @return the config node
     */
    public JsonNode json() {
        return node;
    }

    boolean has(String key) {
        JsonNode v = node.get(key);
        return v != null && !v.isNull();
    }

    JsonNode get(String key) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            throw fail(key, "is missing");
        }
        return v;
    }

    int intValue(String key) {
        JsonNode v = get(key);
        if (!v.canConvertToInt() || (v.isFloatingPointNumber() && v.asDouble() != Math.rint(v.asDouble()))) {
            throw fail(key, "(" + v + ") must be an integer");
        }
        return v.asInt();
    }

    int intValue(String key, int fallback) {
        return has(key) ? intValue(key) : fallback;
    }

    double doubleValue(String key, double fallback) {
        if (!has(key)) {
            return fallback;
        }
        JsonNode v = get(key);
        if (!v.isNumber()) {
            throw fail(key, "(" + v + ") must be a number");
        }
        return v.asDouble();
    }

    boolean boolValue(String key, boolean fallback) {
        if (!has(key)) {
            return fallback;
        }
        JsonNode v = get(key);
        if (!v.isBoolean()) {
            throw fail(key, "(" + v + ") must be true or false");
        }
        return v.asBoolean();
    }

    String string(String key, String fallback) {
        if (!has(key)) {
            return fallback;
        }
        JsonNode v = get(key);
        if (!v.isTextual()) {
            throw fail(key, "(" + v + ") must be a string");
        }
        return v.asText();
    }

    /** An int or a list of n ints (Keras's {@code conv_utils.normalize_tuple}). */
    int[] ints(String key, int n, int fallback) {
        int[] out = new int[n];
        if (!has(key)) {
            java.util.Arrays.fill(out, fallback);
            return out;
        }
        JsonNode v = get(key);
        if (v.isInt()) {
            java.util.Arrays.fill(out, v.asInt());
            return out;
        }
        if (!v.isArray() || v.size() != n) {
            throw fail(key, "(" + v + ") must be an integer or a list of " + n + " integers");
        }
        for (int i = 0; i < n; i++) {
            if (!v.get(i).canConvertToInt()) {
                throw fail(key, "(" + v + ") must be an integer or a list of " + n + " integers");
            }
            out[i] = v.get(i).asInt();
        }
        return out;
    }

    /**
     * ZeroPadding2D / Cropping2D amounts: an int, a pair {@code [rows, cols]} or {@code [[top, bottom], [left,
     * right]]}; returns {top, bottom, left, right}.
     */
    int[] pairs2d(String key) {
        JsonNode v = get(key);
        if (v.isInt()) {
            int p = v.asInt();
            return new int[] {p, p, p, p};
        }
        if (v.isArray() && v.size() == 2) {
            int[] out = new int[4];
            for (int i = 0; i < 2; i++) {
                JsonNode e = v.get(i);
                if (e.isInt()) {
                    out[2 * i] = e.asInt();
                    out[2 * i + 1] = e.asInt();
                } else if (e.isArray() && e.size() == 2 && e.get(0).isInt() && e.get(1).isInt()) {
                    out[2 * i] = e.get(0).asInt();
                    out[2 * i + 1] = e.get(1).asInt();
                } else {
                    throw fail(key, "(" + v + ") must be an integer, 2 integers or 2 pairs of integers");
                }
            }
            return out;
        }
        throw fail(key, "(" + v + ") must be an integer, 2 integers or 2 pairs of integers");
    }

    /** Checks {@code data_format}: only channels_last is supported. */
    void requireChannelsLast() {
        String format = string("data_format", "channels_last");
        if (!"channels_last".equals(format)) {
            throw fail("data_format", "(" + format + ") is not supported; only channels_last is.\n"
                    + "Maybe re-save the model with data_format='channels_last'");
        }
    }

    /** {@code padding}, lower-cased: same or valid. */
    String padding() {
        String p = string("padding", "valid").toLowerCase(Locale.ROOT);
        if (!p.equals("same") && !p.equals("valid")) {
            throw fail("padding", "(" + p + ") must be same or valid");
        }
        return p;
    }

    /** Returns an error naming the file, the layer, its class and the key. */
    ScissionException fail(String key, String problem) {
        return new ScissionException(String.format(Locale.ROOT, "%s: layer %s (%s): config %s ", source, layer,
                className, key) + problem + ".");
    }

    /** Returns an error naming the file, the layer and its class. */
    ScissionException fail(String problem) {
        return new ScissionException(String.format(Locale.ROOT, "%s: layer %s (%s): ", source, layer, className)
                + problem + ".");
    }
}
