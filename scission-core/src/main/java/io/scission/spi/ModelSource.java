package io.scission.spi;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What to load: a file or directory, or a built-in model's name (e.g. {@code resnet50}).
 *
 * @param location a path or a built-in model's name, as the user wrote it
 */
public record ModelSource(String location) {

    /**
     * Validates the source.
     *
     * @param location a path or a built-in model's name, as the user wrote it
     */
    public ModelSource {
        requireNonNull(location, "location");
        if (location.isBlank()) {
            throw new IllegalArgumentException("The model location must not be blank.\nMaybe give a path or a "
                    + "built-in model name such as resnet50.");
        }
    }

    /**
     * Returns a source for a path.
     *
     * @param path the file or directory
     * @return the source
     */
    public static ModelSource of(Path path) {
        return new ModelSource(requireNonNull(path, "path").toString());
    }

    /**
     * Returns the location as a path.
     *
     * @return the path
     */
    public Path path() {
        return Path.of(location);
    }

    /**
     * Returns true if the location exists on the file system.
     *
     * @return whether it exists
     */
    public boolean exists() {
        try {
            return Files.exists(path());
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }
}
