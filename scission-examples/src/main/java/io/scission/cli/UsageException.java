package io.scission.cli;

/**
 * A usage error found while a command runs: a value the parser accepted but the command cannot use (a malformed
 * criterion, two inputs where one is allowed). Reported like a parser's usage error: one line on standard error that
 * points to the command's help, exit code {@value ScissionCli#EXIT_USAGE}. Commands throw it instead of picocli's
 * {@code ParameterException} so that they also run without picocli (see {@link DirectCommand}).
 */
public final class UsageException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what is wrong and, on a new line, what to do
     */
    public UsageException(String message) {
        super(message);
    }

    /**
     * Creates the error, in the tool's words, for an error found by the parser.
     *
     * @param message what is wrong and, on a new line, what to do
     * @param cause the parser's error
     */
    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
