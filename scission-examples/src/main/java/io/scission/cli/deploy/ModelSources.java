package io.scission.cli.deploy;

import io.scission.cli.models.ModelArgument;
import io.scission.spi.ModelSource;
import io.scission.tf.zoo.KerasZoo;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** A model named on the command line, as a source to load: an existing path, or a zoo name. */
final class ModelSources {

    private ModelSources() {
    }

    /**
     * Resolves a model argument without loading it.
     *
     * @param text a path or a zoo name
     * @return the source
     * @throws IllegalArgumentException if it is neither, with a suggestion for a mistyped zoo name
     */
    static ModelSource resolve(String text) {
        String t = text.strip();
        try {
            Path p = Path.of(t);
            if (!t.isEmpty() && Files.exists(p)) {
                return ModelSource.of(p);
            }
        } catch (InvalidPathException e) {
            // not a path: a zoo name, or an error below
        }
        if (KerasZoo.contains(t)) {
            return new ModelSource(KerasZoo.find(t).orElseThrow().location());
        }
        // neither: ModelArgument says why, with the nearest zoo name
        return new ModelSource(ModelArgument.resolve(t).location());
    }
}
