package io.scission.tf;

import static java.util.Objects.requireNonNull;

import io.scission.ScissionException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A model that cannot be loaded, analysed or run: a missing or corrupt file, a graph without a usable input, an
 * operation the native runtime lacks, a model too big for memory. The message names the file (or
 * {@code in-memory graph}) and, where one is to blame, the graph node, then says what to do.
 */
public final class ModelLoadException extends ScissionException {

    private static final long serialVersionUID = 1L;

    /** The file, directory or {@code in-memory graph} that failed. */
    private final String file;
    /** The graph node to blame, or null. */
    private final @Nullable String node;

    /**
     * Creates the exception.
     *
     * @param file the file or directory as the user named it, or {@code in-memory graph}
     * @param node the graph node to blame, or null when no single node is
     * @param problem what is wrong and, on a new line starting with "Maybe", what to do
     * @param cause the underlying failure, or null
     */
    public ModelLoadException(String file, @Nullable String node, String problem, @Nullable Throwable cause) {
        super(requireNonNull(file, "file") + (node == null ? "" : " [node " + node + "]") + ": "
                + requireNonNull(problem, "problem"), cause);
        this.file = file;
        this.node = node;
    }

    /**
     * Creates the exception for a problem that no single node is to blame for.
     *
     * @param file the file or directory as the user named it
     * @param problem what is wrong and what to do
     */
    public ModelLoadException(String file, String problem) {
        this(file, null, problem, null);
    }

    /**
     * Creates the exception for a problem with one node.
     *
     * @param file the file or directory as the user named it
     * @param node the graph node to blame
     * @param problem what is wrong and what to do
     */
    public ModelLoadException(String file, String node, String problem) {
        this(file, node, problem, null);
    }

    /**
     * Returns the file, directory or {@code in-memory graph} that failed.
     *
     * @return the file
     */
    public String file() {
        return file;
    }

    /**
     * Returns the graph node to blame, if one is.
     *
     * @return the node name
     */
    public Optional<String> node() {
        return Optional.ofNullable(node);
    }
}
