package io.scission.cli;

import java.io.PrintWriter;

/**
 * A command that runs once its option fields are set, given only where to print: picocli calls it through
 * {@code call()}, and {@link DirectRun} calls it without building picocli's model, which would cost most of a short
 * run's time. It reports a bad value with {@link UsageException}, not with a picocli type.
 */
public interface DirectCommand {

    /**
     * Runs the command.
     *
     * @param out where results go
     * @param err where warnings go
     * @return the exit code
     * @throws UsageException for a value the command cannot use
     */
    int run(PrintWriter out, PrintWriter err);
}
