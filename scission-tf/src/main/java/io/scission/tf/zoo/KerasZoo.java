package io.scission.tf.zoo;

import io.scission.ScissionException;
import io.scission.model.PartitionRule;
import io.scission.tf.keras.KerasArchitecture;
import io.scission.tf.keras.KerasReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * The 18 Keras Applications models of the Scission paper's Table I, as built by keras-applications 1.0.8 (the
 * package behind TF 2.0/2.1's {@code tf.keras.applications}), with {@code include_top=True} and their default
 * input sizes. Architectures only: graphs built from them get seeded random weights. Names are matched ignoring
 * case, {@code _} and {@code -}, so {@code ResNet50}, {@code resnet50}, {@code inception_v3} and
 * {@code InceptionV3} all work, with or without a {@code zoo:} prefix. Needs no TensorFlow.
 */
public final class KerasZoo {

    /** The prefix of zoo model locations, {@code zoo:}. */
    public static final String PREFIX = "zoo:";

    /** Key and display name, in the order of the paper's Table I. */
    private static final String[][] MODELS = {
        {"xception", "Xception"}, {"vgg16", "VGG16"}, {"vgg19", "VGG19"}, {"resnet50", "ResNet50"},
        {"resnet101", "ResNet101"}, {"resnet152", "ResNet152"}, {"resnet50v2", "ResNet50V2"},
        {"resnet101v2", "ResNet101V2"}, {"resnet152v2", "ResNet152V2"}, {"inception_v3", "InceptionV3"},
        {"inceptionresnet_v2", "InceptionResNetV2"}, {"mobilenet", "MobileNet"}, {"mobilenetv2", "MobileNetV2"},
        {"densenet121", "DenseNet121"}, {"densenet169", "DenseNet169"}, {"densenet201", "DenseNet201"},
        {"nasnetmobile", "NASNetMobile"}, {"nasnetlarge", "NASNetLarge"},
    };

    private static volatile List<ZooModel> models;

    private KerasZoo() {
    }

    /**
     * Returns the 18 models in the order of Table I, with their layer counts, partition points (Scission rule) and
     * parameter counts. Parses all 18 architectures on the first call (about a second).
     *
     * @return the models
     */
    public static List<ZooModel> models() {
        List<ZooModel> m = models;
        if (m == null) {
            List<ZooModel> list = new ArrayList<>();
            for (String[] entry : MODELS) {
                KerasArchitecture a = architecture(entry[0]);
                list.add(new ZooModel(entry[0], entry[1], a.layers().size(),
                        a.toModelGraph().blocks(PartitionRule.SCISSION).partitionPoints(), a.params(),
                        a.layers().get(0).outputShape()));
            }
            m = List.copyOf(list);
            models = m;
        }
        return m;
    }

    /**
     * Returns true if the name is a zoo model (cheap: no parsing).
     *
     * @param name e.g. {@code ResNet50} or {@code zoo:resnet50}
     * @return whether the zoo has it
     */
    public static boolean contains(String name) {
        return key(name).isPresent();
    }

    /**
     * Finds a model by name, ignoring case, {@code _} and {@code -} and an optional {@code zoo:} prefix.
     *
     * @param name e.g. {@code ResNet50}
     * @return the model, if the zoo has it
     */
    public static Optional<ZooModel> find(String name) {
        Optional<String> key = key(name);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        for (ZooModel m : models()) {
            if (m.key().equals(key.get())) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /**
     * Returns a model's architecture.
     *
     * @param name a zoo model name, e.g. {@code ResNet50}
     * @return the parsed architecture
     * @throws IllegalArgumentException if the zoo has no such model
     */
    public static KerasArchitecture architecture(String name) {
        String key = key(name).orElseThrow(() -> new IllegalArgumentException(String.format(Locale.ROOT,
                "The zoo has no model named %s.\nMaybe use one of: %s.", name, names())));
        return KerasReader.parse(json(key), PREFIX + key);
    }

    /**
     * Returns a model's Keras {@code to_json()} text.
     *
     * @param name a zoo model name
     * @return the JSON text
     * @throws IllegalArgumentException if the zoo has no such model
     */
    public static String json(String name) {
        String key = key(name).orElseThrow(() -> new IllegalArgumentException(String.format(Locale.ROOT,
                "The zoo has no model named %s.\nMaybe use one of: %s.", name, names())));
        String resource = key + ".json.gz";
        try (InputStream raw = KerasZoo.class.getResourceAsStream(resource)) {
            if (raw == null) {
                throw new ScissionException("The zoo resource " + resource + " is missing from scission-tf.");
            }
            try (InputStream in = new GZIPInputStream(raw)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new ScissionException("Cannot read the zoo resource " + resource + ": " + e.getMessage(), e);
        }
    }

    private static Optional<String> key(String name) {
        String n = name.trim();
        if (n.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            n = n.substring(PREFIX.length());
        }
        String norm = normalize(n);
        for (String[] entry : MODELS) {
            if (normalize(entry[0]).equals(norm) || normalize(entry[1]).equals(norm)) {
                return Optional.of(entry[0]);
            }
        }
        return Optional.empty();
    }

    private static String normalize(String s) {
        return s.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }

    private static String names() {
        List<String> names = new ArrayList<>();
        for (String[] entry : MODELS) {
            names.add(entry[1]);
        }
        return String.join(", ", names);
    }
}
