package io.scission.tf;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real third-party model files the tests read, each folder with its {@code SOURCE.md} (repository, commit,
 * licence): {@code src/test/resources/models}, found through {@code -Dscission.models} (the root POM sets it).
 */
public final class Models {

    public static final Path ROOT = locate();
    public static final Path OPENMV = ROOT.resolve("arm-openmv-mobilenet-savedmodel/model");
    public static final Path EFFDET = ROOT.resolve("tfexamples-fake-effdet-lite0-savedmodel/model");
    public static final Path TFNET = ROOT.resolve("tfnet-keras-functional-savedmodel/model");
    public static final Path TFJAVA = ROOT.resolve("tfjava-saved-model-using-python/model");
    public static final Path HALF_PLUS_TWO = ROOT.resolve("tfserving-half-plus-two-tf2/model");
    public static final Path DS_CNN_L = ROOT.resolve("arm-kws-ds-cnn-frozen/DS_CNN_L.pb");
    public static final Path DS_CNN_S = ROOT.resolve("arm-kws-ds-cnn-frozen/DS_CNN_S.pb");
    public static final Path CNN_L = ROOT.resolve("arm-kws-cnn-frozen/CNN_L.pb");
    public static final Path MTCNN = ROOT.resolve("mtcnn-frozen/mtcnn.pb");
    public static final Path TFJS_MOBILENET = ROOT.resolve("tfjs-converter-mobilenet-v1-graph-noweights/optimized_model.pb");

    private Models() {
    }

    private static Path locate() {
        String prop = System.getProperty("scission.models");
        Path root = prop != null && !prop.isBlank() ? Path.of(prop) : Path.of("src", "test", "resources", "models");
        return root.toAbsolutePath().normalize();
    }

    /**
     * Returns a path under the models folder.
     *
     * @param relative e.g. {@code ml5-doodlenet-tfjs-layers/model.json}
     * @return the path
     */
    public static Path file(String relative) {
        return ROOT.resolve(relative);
    }

    /**
     * Returns the fixture, failing (not skipping) if it is missing: the files are part of the repository.
     *
     * @param p a path under {@link #ROOT}
     * @return the path
     */
    public static Path require(Path p) {
        if (!Files.exists(p)) {
            throw new IllegalStateException("The model fixture " + p + " is missing; it is part of the repository "
                    + "(scission-tf/src/test/resources/models).\nMaybe restore it with git checkout.");
        }
        return p;
    }
}
