package io.scission.tf.keras;

import com.fasterxml.jackson.databind.JsonNode;
import io.scission.InvalidFileException;
import io.scission.ScissionException;
import io.scission.internal.numeric.Half;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import io.scission.tf.internal.files.ModelFiles;
import org.jspecify.annotations.Nullable;

/**
 * The weights of a TensorFlow.js layers model: the {@code weightsManifest} of its {@code model.json} and the
 * binary shards next to it. Each group's shards are concatenated; each weight is float32, int32, or quantized
 * (uint8/uint16 with {@code scale} and {@code min}, or float16) and is returned dequantized as float32. Shards are
 * read only when {@link #load()} is called.
 */
public final class TfjsWeights implements WeightSource {

    private final String source;
    private final Path dir;
    private final JsonNode manifest;

    private TfjsWeights(String source, Path dir, JsonNode manifest) {
        this.source = source;
        this.dir = dir;
        this.manifest = manifest;
    }

    /** Returns the weights if every shard the manifest names exists, else null (topology-only file). */
    static @Nullable TfjsWeights of(String source, Path dir, JsonNode manifest) {
        if (!manifest.isArray() || manifest.isEmpty()) {
            return null;
        }
        for (JsonNode group : manifest) {
            for (JsonNode path : group.path("paths")) {
                if (!Files.isRegularFile(dir.resolve(path.asText()))) {
                    return null;
                }
            }
        }
        return new TfjsWeights(source, dir, manifest);
    }

    @Override
    public String describe() {
        Map<String, Integer> quantized = new java.util.TreeMap<>();
        for (JsonNode group : manifest) {
            for (JsonNode w : group.path("weights")) {
                if (w.has("quantization")) {
                    quantized.merge(w.get("quantization").path("dtype").asText(), 1, Integer::sum);
                }
            }
        }
        return "tfjs-shards(" + manifest.size() + " groups" + (quantized.isEmpty() ? ""
                : ", quantized " + quantized) + ")";
    }

    /** {@inheritDoc} Quantized weights are dequantized. */
    @Override
    public Map<String, Tensor> load() {
        Map<String, Tensor> out = new HashMap<>();
        for (JsonNode group : manifest) {
            ByteBuffer data = concat(group.path("paths"));
            for (JsonNode w : group.path("weights")) {
                String name = w.path("name").asText();
                List<Long> shape = new ArrayList<>();
                long n = 1;
                for (JsonNode d : w.path("shape")) {
                    shape.add(d.asLong());
                    n *= d.asLong();
                }
                float[] values = new float[Math.toIntExact(n)];
                String dtype = w.path("dtype").asText("float32");
                JsonNode q = w.get("quantization");
                try {
                    if (q != null) {
                        readQuantized(data, values, q, name);
                    } else if (dtype.equals("float32")) {
                        for (int i = 0; i < values.length; i++) {
                            values[i] = data.getFloat();
                        }
                    } else if (dtype.equals("int32")) {
                        for (int i = 0; i < values.length; i++) {
                            values[i] = data.getInt();
                        }
                    } else {
                        throw new ScissionException(String.format(Locale.ROOT, "%s: the weight %s has the dtype %s; "
                                + "only float32 and int32 are supported.", source, name, dtype));
                    }
                } catch (java.nio.BufferUnderflowException e) {
                    throw new InvalidFileException(source, "weightsManifest", "names more bytes than its shards "
                            + group.path("paths") + " hold (at weight " + name + ").");
                }
                out.put(stripIndex(name), new Tensor(shape, values));
            }
        }
        return out;
    }

    private ByteBuffer concat(JsonNode paths) {
        List<byte[]> parts = new ArrayList<>();
        int total = 0;
        for (JsonNode p : paths) {
            try {
                byte[] b = Files.readAllBytes(dir.resolve(p.asText()));
                parts.add(b);
                total += b.length;
            } catch (IOException e) {
                throw ModelFiles.cannotRead(source, dir.resolve(p.asText()), e);
            }
        }
        ByteBuffer all = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        for (byte[] b : parts) {
            all.put(b);
        }
        return all.flip();
    }

    private void readQuantized(ByteBuffer data, float[] values, JsonNode q, String name) {
        String qtype = q.path("dtype").asText();
        double scale = q.path("scale").asDouble();
        double min = q.path("min").asDouble();
        switch (qtype) {
            case "uint8":
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) ((data.get() & 0xff) * scale + min);
                }
                break;
            case "uint16":
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) ((data.getShort() & 0xffff) * scale + min);
                }
                break;
            case "float16":
                for (int i = 0; i < values.length; i++) {
                    values[i] = Half.toFloat(data.getShort());
                }
                break;
            default:
                throw new ScissionException(String.format(Locale.ROOT, "%s: the weight %s is quantized as %s; only "
                        + "uint8, uint16 and float16 are supported.", source, name, qtype));
        }
    }


    private static String stripIndex(String name) {
        int colon = name.lastIndexOf(':');
        return colon > 0 && name.substring(colon + 1).chars().allMatch(Character::isDigit)
                ? name.substring(0, colon) : name;
    }
}
