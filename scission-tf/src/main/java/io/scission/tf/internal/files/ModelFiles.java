package io.scission.tf.internal.files;

import io.scission.FileReasons;
import io.scission.tf.ModelLoadException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads model files; a file that cannot be read is a {@link ModelLoadException} that says why in words
 * ("cannot read FILE: permission denied") instead of the JDK's exception class.
 */
public final class ModelFiles {

    private ModelFiles() {
    }

    /**
     * Reads a whole file.
     *
     * @param file the file
     * @param source the model, as the user named it, for the message
     * @return the bytes
     * @throws ModelLoadException naming the model and the file if it cannot be read, or does not fit in memory
     */
    public static byte[] read(Path file, String source) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw cannotRead(source, file, e);
        } catch (OutOfMemoryError e) {
            throw new ModelLoadException(source, null, "cannot read " + file + ": it does not fit in memory.\nMaybe "
                    + "give the JVM more heap (-Xmx).", e);
        }
    }

    /**
     * Returns the error for a file of a model that cannot be read.
     *
     * @param source the model, as the user named it
     * @param file the file that failed (the model's own file, or one inside it)
     * @param e the failure
     * @return the exception, its message e.g. {@code m.h5: cannot read m.h5: permission denied.}
     */
    public static ModelLoadException cannotRead(String source, Path file, IOException e) {
        return new ModelLoadException(source, null, String.format(Locale.ROOT, "cannot read %s: %s.%nMaybe %s",
                file, FileReasons.of(e), e instanceof AccessDeniedException ? "check the file's permissions, or run "
                        + "as a user who may read it." : e instanceof NoSuchFileException ? "check the path."
                        : "check the path and copy the model again."), e);
    }
}
