package io.scission.deploy;

import io.scission.ScissionException;

/**
 * A deployment that cannot be made or used: a plan that does not fit the model, an output directory in the way, a
 * manifest that disagrees with its SavedModels. The message names the file, segment or tensor and says what to do.
 */
public final class DeploymentException extends ScissionException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong and, on a new line, what to do
     */
    public DeploymentException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what is wrong and, on a new line, what to do
     * @param cause the underlying failure
     */
    public DeploymentException(String message, Throwable cause) {
        super(message, cause);
    }
}
