package io.scission.tf;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the project's {@code shared/} folder (paper data, third-party model files) by walking up from the module
 * directory; CI has it next to the checkout. The files are read in place, never copied into the repository.
 */
public final class SharedFiles {

    private SharedFiles() {
    }

    /**
     * Returns the shared folder.
     *
     * @return the path of {@code shared/}
     * @throws IllegalStateException if no parent directory holds {@code shared/scission-data}
     */
    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path candidate = d.resolve("shared");
            if (Files.isDirectory(candidate.resolve("scission-data"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("No shared/ folder with scission-data/ above " + dir
                + ".\nMaybe check out the repository next to shared/ (CI has ../shared).");
    }

    /**
     * Returns a path under {@code shared/models/}.
     *
     * @param relative e.g. {@code ml5-doodlenet-tfjs-layers/model.json}
     * @return the path
     */
    public static Path model(String relative) {
        return root().resolve("models").resolve(relative);
    }
}
