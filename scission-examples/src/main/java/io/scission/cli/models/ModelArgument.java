package io.scission.cli.models;

import io.scission.InvalidFileException;
import io.scission.Scission;
import io.scission.ScissionException;
import io.scission.cli.TensorFlowOptions;
import io.scission.model.ModelGraph;
import io.scission.spi.ModelSource;
import io.scission.tf.keras.KerasArchitecture;
import io.scission.tf.keras.KerasLayer;
import io.scission.tf.keras.KerasReader;
import io.scission.tf.zoo.KerasZoo;
import io.scission.tf.zoo.ZooModel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * A model named on the command line: a zoo name ({@code ResNet50}, any case, with or without {@code zoo:}) or a path.
 * Zoo models and Keras files (JSON, h5, TF.js) are parsed here without TensorFlow; other paths (SavedModel
 * directories, {@code .pb} files) go through {@link Scission#parse(ModelSource)}, i.e. the model parsers on the class
 * path, which load TensorFlow.
 *
 * @param argument the text as the user wrote it
 * @param location the model source location for core's SPI ({@code zoo:resnet50} or the path)
 * @param displayName the name to show, e.g. {@code ResNet50} or the file's model name
 * @param fileKey a name usable in file names, e.g. {@code resnet50}
 * @param format how it was read, e.g. {@code zoo}, {@code keras-json}, {@code keras-h5}, {@code tfjs-layers} or
 *     {@code tensorflow}
 * @param graph the layer graph
 * @param params the parameter count when known (Keras models)
 */
public record ModelArgument(String argument, String location, String displayName, String fileKey, String format,
        ModelGraph graph, OptionalLong params) {

    /**
     * Resolves a model argument.
     *
     * @param text a zoo name or a path
     * @return the model
     * @throws IllegalArgumentException if it is neither an existing path nor a zoo model (with a suggestion)
     */
    public static ModelArgument resolve(String text) {
        return resolve(text, Map.of());
    }

    /**
     * Resolves a model argument, giving model inputs a fixed shape, e.g. for a fully convolutional model whose
     * input is {@code (None, None, None, 3)}.
     *
     * @param text a zoo name or a path
     * @param inputShapes shapes by input name or {@code *} (every input), batch first, as
     *     {@link InputShapeOption#shapes()} gives them; empty to keep the model's
     * @return the model
     * @throws IllegalArgumentException if it is neither an existing path nor a zoo model (with a suggestion), an
     *     input shape names no input, or a Keras model's input size is free and no shape was given
     */
    public static ModelArgument resolve(String text, Map<String, List<Long>> inputShapes) {
        String t = text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("The model is empty.\nMaybe give a zoo name such as ResNet50 (see "
                    + "'scission models') or a model file.");
        }
        Path path = pathOrNull(t);
        if (path != null && Files.exists(path)) {
            if (KerasReader.accepts(path)) {
                KerasArchitecture a = KerasReader.read(path);
                if (!inputShapes.isEmpty()) {
                    a = KerasReader.read(path, KerasReader.layerShapes(a, inputShapes));
                }
                requireFixedInputs(path.toString(), a);
                return new ModelArgument(t, path.toString(), a.name(), fileKey(a.name()), a.format(), a.toModelGraph(),
                        OptionalLong.of(a.params()));
            }
            String fileName = path.getFileName() == null ? "" : path.getFileName().toString();
            if (fileName.toLowerCase(Locale.ROOT).endsWith(".json")) {
                // a JSON file that is not a Keras or TF.js model: no other reader takes JSON, so do not load TensorFlow
                throw new IllegalArgumentException(String.format(Locale.ROOT, "The model file %s is not a Keras model "
                        + "(to_json(), with \"class_name\") nor a TF.js model.json (with \"modelTopology\").%nMaybe "
                        + "give the model's .h5 file, its SavedModel directory or its TF.js model.json.", path));
            }
            ModelSource source = ModelSource.of(path);
            ModelGraph g;
            try {
                g = inputShapes.isEmpty() ? Scission.parse(source) : TensorFlowOptions.parse(source, inputShapes);
            } catch (ScissionException e) {
                if (e instanceof InvalidFileException || e.getMessage() == null
                        || !e.getMessage().startsWith("No ModelParser accepts")) {
                    throw e;
                }
                throw new IllegalArgumentException(String.format(Locale.ROOT, "The model %s is in no format this tool "
                        + "reads.%nMaybe give a Keras file (.json, .h5), a TF.js model.json, a SavedModel directory or "
                        + "a frozen graph (.pb).", path), e);
            }
            return new ModelArgument(t, path.toString(), g.name(), fileKey(g.name()), "tensorflow", g,
                    OptionalLong.empty());
        }
        if (KerasZoo.contains(t)) {
            ZooModel z = KerasZoo.find(t).orElseThrow();
            KerasArchitecture a = KerasZoo.architecture(z.key());
            if (!inputShapes.isEmpty()) {
                a = KerasReader.parse(KerasZoo.json(z.key()), z.location(), KerasReader.layerShapes(a, inputShapes));
            }
            return new ModelArgument(t, z.location(), z.displayName(), z.key(), "zoo", a.toModelGraph(),
                    inputShapes.isEmpty() ? OptionalLong.of(z.params()) : OptionalLong.of(a.params()));
        }
        if (looksLikePath(t)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The model file (%s) does not exist (looked in %s).%nMaybe check the path, or give a zoo name "
                            + "such as ResNet50 (see 'scission models').", t,
                    Path.of("").toAbsolutePath()));
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT,
                "The model (%s) is neither a file nor a zoo model.%nMaybe %s", t, suggestion(t)));
    }

    private static void requireFixedInputs(String file, KerasArchitecture a) {
        for (KerasLayer l : a.layers()) {
            if (l.className().equals("InputLayer") && l.outputShape().stream().anyMatch(d -> d < 0)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "The model %s has an input (%s) whose "
                        + "size is only known at run time.%nMaybe give it a size with --input-shape, e.g. "
                        + "--input-shape 224x224x3.", file, l.name()));
            }
        }
    }

    /** A hint for a mistyped zoo name: the closest name, or the list of all. */
    static String suggestion(String text) {
        String norm = normalize(text);
        @Nullable String best = null;
        int bestDistance = Integer.MAX_VALUE;
        List<String> all = new ArrayList<>();
        for (String[] names : zooNames()) {
            all.add(names[1]);
            for (String name : names) {
                int d = distance(norm, normalize(name));
                if (d < bestDistance) {
                    bestDistance = d;
                    best = names[1];
                }
            }
        }
        if (best != null && bestDistance <= Math.max(2, norm.length() / 3)) {
            return "you meant " + best + " ('scission models' lists the zoo).";
        }
        return "use one of the zoo models (" + String.join(", ", all) + ") or a model file.";
    }

    private static List<String[]> zooNames() {
        List<String[]> names = new ArrayList<>();
        for (ZooModel m : KerasZoo.models()) {
            names.add(new String[] {m.key(), m.displayName()});
        }
        return names;
    }

    private static String normalize(String s) {
        String n = s.toLowerCase(Locale.ROOT);
        if (n.startsWith(KerasZoo.PREFIX)) {
            n = n.substring(KerasZoo.PREFIX.length());
        }
        return n.replace("_", "").replace("-", "");
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] tmp = prev;
            prev = cur;
            cur = tmp;
        }
        return prev[b.length()];
    }

    private static boolean looksLikePath(String t) {
        String lower = t.toLowerCase(Locale.ROOT);
        return t.contains("/") || t.contains("\\") || lower.endsWith(".json") || lower.endsWith(".h5")
                || lower.endsWith(".hdf5") || lower.endsWith(".pb") || lower.endsWith(".keras");
    }

    private static @Nullable Path pathOrNull(String t) {
        try {
            return Path.of(t);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** A file-name-safe key: lower case, anything but letters, digits, {@code .}, {@code _} and {@code -} as {@code _}. */
    static String fileKey(String name) {
        String k = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "_");
        return k.isEmpty() || k.equals(".") || k.equals("..") ? "model" : k;
    }
}
