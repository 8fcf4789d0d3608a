package io.scission.tf;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The shared real-model fixtures, read in place (never copied): {@code shared/models}, found by walking up from the
 * working directory (CI has {@code ../shared} next to the checkout), or at {@code -Dscission.models=...}.
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
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("models");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return Path.of("shared", "models").toAbsolutePath();
    }

    /** Skips the test if the fixture is absent (e.g. a checkout without ../shared). */
    public static Path require(Path p) {
        Assumptions.assumeTrue(Files.exists(p), "model fixture missing: " + p);
        return p;
    }
}
