package io.scission.cli;

import io.scission.ScissionException;
import io.scission.cli.demo.DemoCommand;
import io.scission.cli.deploy.ExportCommand;
import io.scission.cli.deploy.RunCommand;
import io.scission.cli.deploy.ValidateCommand;
import io.scission.cli.models.InspectCommand;
import io.scission.cli.models.ModelsCommand;
import io.scission.cli.original.PredictCommand;
import io.scission.cli.plan.MapCommand;
import io.scission.cli.plan.PlanCommand;
import io.scission.cli.profile.ProfileCommand;
import io.scission.cli.report.ReportCommand;
import io.scission.cli.serve.ServeCommand;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

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
        footer = {"", "Run 'scission COMMAND --help' for a command's options."})
public final class ScissionCli implements Callable<Integer> {

    /** Exit code of a command that failed. */
    public static final int EXIT_FAILURE = 1;
    /** Exit code of a usage error. */
    public static final int EXIT_USAGE = 2;

    private static final String LOG_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

    /**
     * The subcommands, in the order of the help text. picocli reads a command's annotations when the command is added
     * (reflection and an object per option), which cost most of a short run when all of them were added for every
     * run: so a run adds only the command it runs ({@link #commandLine}), and adding one is a switch, not a lambda.
     */
    static final List<String> COMMANDS = List.of("demo", "predict", "plan", "inspect", "models", "profile", "map",
            "report", "export", "run", "serve", "validate");

    @Spec
    private @Nullable CommandSpec spec;

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
        throw new ParameterException(Objects.requireNonNull(spec, "spec").commandLine(), "No command given.\nMaybe run 'scission demo' to see "
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
        OptionalInt direct = DirectRun.run(out, err, args);
        int code = direct.isPresent() ? direct.getAsInt() : execute(out, err, true, args);
        out.flush();
        err.flush();
        StartupClasses.loadIfRecording();
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
        OptionalInt direct = DirectRun.run(out, err, args);
        return direct.isPresent() ? direct.getAsInt() : execute(out, err, false, args);
    }

    private static int execute(PrintWriter out, PrintWriter err, boolean standardStreams, String... args) {
        boolean debug = Arrays.asList(args).contains("--debug");
        CommandLine cli = commandLine(new ScissionCli(standardStreams, Arrays.asList(args)), args)
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

    /**
     * Builds the command line with the subcommand that the arguments run, or with every subcommand when they name none
     * of ours (help, version, a mistyped or missing name). Settings must be made afterwards: picocli passes them only
     * to subcommands already added.
     *
     * @param root the tool
     * @param args the arguments
     * @return the command line
     */
    static CommandLine commandLine(ScissionCli root, String... args) {
        CommandLine cli = new CommandLine(root);
        String name = commandName(args);
        for (String c : COMMANDS) {
            if (name == null || name.equals(c)) {
                cli.addSubcommand(c, newCommand(c));
            }
        }
        if (name == null) {
            cli.addSubcommand("help", new CommandLine.HelpCommand());
            // hidden: prints the bash/zsh completion script, e.g. source <(scission generate-completion)
            cli.addSubcommand("generate-completion", new AutoComplete.GenerateCompletion());
        }
        return cli;
    }

    /**
     * Returns the subcommand the arguments run: the first argument after the tool's own {@code --debug}, if it is one
     * of {@link #COMMANDS}.
     *
     * @param args the arguments
     * @return the name, or null
     */
    static @Nullable String commandName(String... args) {
        for (String a : args) {
            if (!"--debug".equals(a)) {
                return COMMANDS.contains(a) ? a : null;
            }
        }
        return null;
    }

    /**
     * Creates a subcommand's object, fields unset.
     *
     * @param name one of {@link #COMMANDS}
     * @return the command
     */
    static Object newCommand(String name) {
        switch (name) {
            case "demo":
                return new DemoCommand();
            case "predict":
                return new PredictCommand();
            case "plan":
                return new PlanCommand();
            case "inspect":
                return new InspectCommand();
            case "models":
                return new ModelsCommand();
            case "profile":
                return new ProfileCommand();
            case "map":
                return new MapCommand();
            case "report":
                return new ReportCommand();
            case "export":
                return new ExportCommand();
            case "run":
                return new RunCommand();
            case "serve":
                return new ServeCommand();
            case "validate":
                return new ValidateCommand();
            default:
                throw new IllegalArgumentException("No command named " + name + ".");
        }
    }

    private static IParameterExceptionHandler usageError(boolean debug) {
        return (ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            String text = groupUsage(String.valueOf(ex.getMessage()), cmd.getCommandSpec());
            if (ex instanceof UnmatchedArgumentException unmatched) {
                text = unmatched(unmatched, cmd);
            }
            return reportUsage(text.equals(ex.getMessage()) ? ex : new UsageException(text, ex),
                    cmd.getCommandSpec().qualifiedName(), cmd.getErr(), debug);
        };
    }

    /**
     * Says which argument was not understood and, when picocli has one, what may have been meant:
     * {@code Unknown command: 'prdict'. Maybe you meant predict.}
     */
    private static String unmatched(UnmatchedArgumentException ex, CommandLine cmd) {
        List<String> unmatched = ex.getUnmatched();
        String text = cmd.getParent() == null && !unmatched.isEmpty() && !unmatched.get(0).startsWith("-")
                ? "Unknown command: '" + unmatched.get(0) + "'." : String.valueOf(ex.getMessage());
        List<String> suggestions = ex.getSuggestions();
        if (!suggestions.isEmpty()) {
            text += (text.endsWith(".") ? "" : ".") + "\nMaybe you meant " + String.join(" or ", suggestions) + ".";
        }
        return text;
    }

    /**
     * Rewrites picocli's messages about argument groups, such as {@code Error: expected only one match but got
     * [--preset=3g|4g|wired]={4g} and [--preset=3g|4g|wired]={3g}}, in the tool's words: which options, and what to
     * do. Other messages are returned as they are.
     *
     * @param message picocli's message
     * @param spec the command it is about
     * @return the message to show
     */
    static String groupUsage(String message, CommandSpec spec) {
        if (!message.startsWith("Error: ")) {
            return message;
        }
        for (ArgGroupSpec group : spec.argGroups()) {
            if (!group.exclusive() || group.options().isEmpty()) {
                continue;
            }
            List<String> names = new ArrayList<>();
            List<String> usages = new ArrayList<>();
            for (OptionSpec o : group.options()) {
                names.add(o.longestName());
                usages.add(o.longestName() + " " + o.paramLabel());
            }
            if (names.stream().noneMatch(message::contains)) {
                continue;
            }
            String list = String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
            if (message.contains("Missing required argument")) {
                return "Give one of " + String.join(", ", usages.subList(0, usages.size() - 1)) + " or "
                        + usages.get(usages.size() - 1) + ".\nMaybe add one of them.";
            }
            return "Give only one of " + list + ", once.\nMaybe remove the others.";
        }
        return message.substring("Error: ".length());
    }

    private static IExecutionExceptionHandler failure(boolean debug) {
        return (ex, cmd, parseResult) -> report(ex, cmd.getCommandSpec().qualifiedName(), cmd.getOut(), cmd.getErr(),
                debug);
    }

    /**
     * Reports an exception that a command threw: a usage error as one line pointing to the command's help, anything
     * else as one line from {@link #describe} and a line "also: ..." for each failure attached to it (a clean-up that
     * failed after it, {@link Throwable#getSuppressed}), plus the stack trace with {@code --debug}.
     *
     * @param ex the exception
     * @param command the command's name with its parents, e.g. {@code scission plan}
     * @param out the output, flushed first so the error comes after it
     * @param err where the error goes
     * @param debug whether to print the stack trace
     * @return the exit code
     */
    static int report(Exception ex, String command, PrintWriter out, PrintWriter err, boolean debug) {
        out.flush();
        if (ex instanceof UsageException) {
            return reportUsage(ex, command, err, debug);
        }
        err.println("error: " + describe(ex));
        for (Throwable later : ex.getSuppressed()) { // e.g. stopping the workers failed too, after the error above
            err.println("also: " + (later instanceof Exception e ? describe(e) : later.toString()));
        }
        if (debug) {
            ex.printStackTrace(err);
        }
        err.flush();
        return EXIT_FAILURE;
    }

    private static int reportUsage(Exception ex, String command, PrintWriter err, boolean debug) {
        err.println("error: " + oneLine(String.valueOf(ex.getMessage())) + " (see '" + command + " --help')");
        if (debug) {
            ex.printStackTrace(err);
        }
        err.flush();
        return EXIT_USAGE;
    }

    /**
     * The exception's message on one line, in the user's words ({@link UserText#plain}); for an unexpected exception, also
     * its type and what to do.
     */
    static String describe(Exception ex) {
        String message = ex.getMessage() == null ? "" : UserText.plain(oneLine(ex.getMessage()));
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
