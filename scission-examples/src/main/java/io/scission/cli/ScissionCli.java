package io.scission.cli;

import io.scission.ScissionException;
import io.scission.cli.demo.DemoCommand;
import io.scission.cli.deploy.ExportCommand;
import io.scission.cli.deploy.RunCommand;
import io.scission.cli.deploy.ValidateCommand;
import io.scission.cli.serve.ServeCommand;
import io.scission.cli.models.InspectCommand;
import io.scission.cli.models.ModelsCommand;
import io.scission.cli.original.PredictCommand;
import io.scission.cli.plan.PlanCommand;
import io.scission.cli.profile.ProfileCommand;
import io.scission.cli.report.ReportCommand;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code scission} command-line tool: {@code demo} (profile a zoo model as an emulated device, edge and cloud,
 * then answer the paper's questions), {@code predict} (the original tool's predictor, line for line), {@code plan}
 * (every constraint of the core query), {@code inspect} and {@code models} (layers, blocks, the zoo; no TensorFlow),
 * {@code profile} (time a model's blocks on this machine), {@code report} (HTML with SVG charts), {@code export}
 * (one TensorFlow SavedModel per segment of a plan) and {@code run} (a model or a deployment on .npy files, timed).
 *
 * <p>Exit codes: 0 on success (also when no plan satisfies the query), 1 when a command fails (bad file, unknown
 * model, missing network link), 2 for a usage error (unknown option, malformed value). Every error is one line on
 * standard error saying what is wrong and what to do; {@code --debug} adds the stack trace.
 */
@Command(name = "scission", mixinStandardHelpOptions = true, versionProvider = ScissionCli.Version.class,
        usageHelpAutoWidth = true,
        description = "Decides how to split a deep neural network across device, edge and cloud.",
        subcommands = {DemoCommand.class, PredictCommand.class, PlanCommand.class, InspectCommand.class, ModelsCommand.class,
            ProfileCommand.class, ReportCommand.class, ExportCommand.class, RunCommand.class, ServeCommand.class, ValidateCommand.class,
            CommandLine.HelpCommand.class},
        footer = {"", "Run 'scission COMMAND --help' for a command's options."})
public final class ScissionCli implements Callable<Integer> {

    /** Exit code of a command that failed. */
    public static final int EXIT_FAILURE = 1;
    /** Exit code of a usage error. */
    public static final int EXIT_USAGE = 2;

    private static final String LOG_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

    @Spec
    private CommandSpec spec = CommandSpec.create();

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print the stack trace of an error.")
    private boolean debug;

    private final boolean standardStreams;
    private final List<String> args;

    /** Creates the command for a run inside another program (tests): output goes to the given writers. */
    public ScissionCli() {
        this(false, List.of());
    }

    private ScissionCli(boolean standardStreams, List<String> args) {
        this.standardStreams = standardStreams;
        this.args = List.copyOf(args);
    }

    /**
     * Returns true when the tool writes to the process's own standard output and error (run from {@link #main}), so a
     * child process may inherit them and a progress bar may draw on a terminal.
     *
     * @return whether the streams are the process's own
     */
    public boolean standardStreams() {
        return standardStreams;
    }

    /**
     * Returns the arguments of this run, as given, e.g. to run the same command again in a child JVM.
     *
     * @return the arguments
     */
    public List<String> args() {
        return args;
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "No command given.\nMaybe run 'scission demo' to see "
                + "it work, or pick a command from 'scission --help'.");
    }

    /**
     * Runs the tool and exits with its exit code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        // slf4j-simple reads its settings once, at the first logger: warnings only, unless --debug
        if (System.getProperty(LOG_LEVEL) == null) {
            System.setProperty(LOG_LEVEL, Arrays.asList(args).contains("--debug") ? "info" : "warn");
        }
        Charset charset = Charset.defaultCharset();
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, charset), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, charset), true);
        int code = execute(out, err, true, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * Runs the tool without exiting, e.g. from a test.
     *
     * @param out where results go
     * @param err where errors go
     * @param args the arguments
     * @return the exit code
     */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        return execute(out, err, false, args);
    }

    private static int execute(PrintWriter out, PrintWriter err, boolean standardStreams, String... args) {
        boolean debug = Arrays.asList(args).contains("--debug");
        CommandLine cli = new CommandLine(new ScissionCli(standardStreams, Arrays.asList(args)))
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(usageError(debug))
                .setExecutionExceptionHandler(failure(debug));
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    private static IParameterExceptionHandler usageError(boolean debug) {
        return (ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            PrintWriter err = cmd.getErr();
            err.println("error: " + oneLine(ex.getMessage()) + " (see '" + cmd.getCommandSpec().qualifiedName()
                    + " --help')");
            if (debug) {
                ex.printStackTrace(err);
            }
            err.flush();
            return EXIT_USAGE;
        };
    }

    private static IExecutionExceptionHandler failure(boolean debug) {
        return (ex, cmd, parseResult) -> {
            PrintWriter err = cmd.getErr();
            cmd.getOut().flush();
            err.println("error: " + describe(ex));
            if (debug) {
                ex.printStackTrace(err);
            }
            err.flush();
            return EXIT_FAILURE;
        };
    }

    /** The exception's message on one line; for an unexpected exception, also its type and what to do. */
    static String describe(Exception ex) {
        String message = ex.getMessage() == null ? "" : oneLine(ex.getMessage());
        if (ex instanceof IllegalArgumentException || ex instanceof IllegalStateException
                || ex instanceof ScissionException || ex instanceof UncheckedIOException) {
            return message;
        }
        return String.format(Locale.ROOT, "unexpected %s%s. Maybe re-run with --debug and report the stack trace.",
                ex.getClass().getName(), message.isEmpty() ? "" : ": " + message);
    }

    /** Joins the lines of a message ("What is wrong.\nMaybe fix.") into one. */
    static String oneLine(String message) {
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** The version from the jar's manifest. */
    public static final class Version implements IVersionProvider {
        /** Creates the provider. */
        public Version() {
        }

        @Override
        public String[] getVersion() {
            String version = ScissionCli.class.getPackage().getImplementationVersion();
            return new String[] {"scission " + (version == null ? "(development build)" : version)};
        }
    }
}
