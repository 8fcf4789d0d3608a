package io.scission;

/**
 * A domain failure: a model that cannot be loaded, a file that does not follow its format, a profiler that
 * fails. The message names the file, node or layer and says what to do.
 */
public class ScissionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong and what to do
     */
    public ScissionException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what is wrong and what to do
     * @param cause the underlying failure
     */
    public ScissionException(String message, Throwable cause) {
        super(message, cause);
    }
}
