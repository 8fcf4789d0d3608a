package io.scission;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * A file that cannot be written (or a folder that cannot be created): names the file and the reason, in the
 * operating system's words. Reading problems, including a file that is missing or unreadable, are
 * {@link InvalidFileException}s.
 *
 * @since 0.1
 */
public final class FileAccessException extends ScissionException {

    private static final long serialVersionUID = 1L;

    /** The file, as the user named it. */
    private final String file;

    /**
     * Creates the exception.
     *
     * @param file the file, as the user named it
     * @param problem what went wrong and, on a new line, what to do
     * @param cause the underlying failure
     */
    public FileAccessException(String file, String problem, Throwable cause) {
        super(String.format(Locale.ROOT, "%s: %s", requireNonNull(file, "file"), requireNonNull(problem, "problem")),
                cause);
        this.file = file;
    }

    /**
     * Returns the file.
     *
     * @return the file's name, as the user gave it
     */
    public String file() {
        return file;
    }
}
