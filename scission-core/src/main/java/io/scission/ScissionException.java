package io.scission;

/**
 * A domain failure: a model that cannot be loaded, a file that does not follow its format or cannot be written, a
 * profiler that fails, a missing or ambiguous provider. The message names the file, node or layer and says what to
 * do. Bad argument values are {@link IllegalArgumentException}s and bad states {@link IllegalStateException}s
 * instead; the package documentation of {@code io.scission} states the rule.
 *
 * @since 0.1
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
