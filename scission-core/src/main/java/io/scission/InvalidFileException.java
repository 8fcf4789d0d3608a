package io.scission;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/** A file that does not follow its format: names the file, the field (a JSON pointer) and the problem. */
public final class InvalidFileException extends ScissionException {

    private static final long serialVersionUID = 1L;

    /** The file, as the user named it. */
    private final String file;
    /** Where in the file: a JSON pointer, or empty for the whole file. */
    private final String field;

    /**
     * Creates the exception.
     *
     * @param file the file, as the user named it
     * @param field where in the file, e.g. a JSON pointer {@code /blocks/3/samples}; empty for the whole file
     * @param problem what is wrong and, on a new line, what to do
     */
    public InvalidFileException(String file, String field, String problem) {
        super(String.format(Locale.ROOT, "%s%s: %s", requireNonNull(file, "file"),
                requireNonNull(field, "field").isEmpty() ? "" : " at " + field, requireNonNull(problem, "problem")));
        this.file = file;
        this.field = field;
    }

    /**
     * Returns the file.
     *
     * @return the file name
     */
    public String file() {
        return file;
    }

    /**
     * Returns the field, a JSON pointer, or empty.
     *
     * @return the field
     */
    public String field() {
        return field;
    }
}
