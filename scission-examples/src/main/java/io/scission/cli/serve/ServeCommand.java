package io.scission.cli.serve;

import io.scission.cli.ScissionCli;
import io.scission.grpc.Worker;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code scission serve}: a worker that serves one resource's segments of a deployment over gRPC. */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = ScissionCli.Version.class,
        sortOptions = false, usageHelpAutoWidth = true, separator = " ",
        description = {"Serves one resource's segments of a deployment written by 'scission export' over gRPC, as "
                + "TensorFlow Serving's tensorflow.serving.PredictionService/Predict (model name: the segment's "
                + "directory, e.g. segment-1-edge; signature serving_default). A request carries the routing map: "
                + "after its segment the worker sends the outputs on to the next segment's worker, delayed like the "
                + "link the request names, and returns the last segment's outputs. Runs until stopped (Ctrl-C).", ""},
        footer = {"", "Examples:",
            "  scission serve deploy/resnet50 --resource edge --listen 127.0.0.1:7002 --threads 2",
            "  scission run deploy/resnet50 --workers device=127.0.0.1:7001,edge=127.0.0.1:7002,cloud=127.0.0.1:7003"})
public final class ServeCommand implements Callable<Integer> {

    /** The line a worker prints once it accepts requests; {@code WorkerProcesses} waits for it. */
    public static final String READY = "Listening on ";  // WorkerProcesses waits for this line

    @Spec
    private CommandSpec spec = CommandSpec.create();

    @Parameters(index = "0", paramLabel = "DEPLOYMENT", description = "A directory with deployment.json.")
    private Path dir = Path.of("");

    @Option(names = "--resource", required = true, paramLabel = "NAME",
            description = "The resource whose segments to serve.")
    private String resource = "";

    @Option(names = "--listen", required = true, paramLabel = "HOST:PORT",
            description = "The address to listen on (port 0: any free port, printed).")
    private String listen = "";

    @Option(names = "--threads", paramLabel = "N", description = "TensorFlow's intra- and inter-op threads "
            + "(default: TensorFlow's, every core); give the profile's thread cap to emulate the profiled resource.")
    private int threads;

    @Option(names = "--session", paramLabel = "profiled|tensorflow", converter = SessionConverter.class,
            description = "How TensorFlow runs the segments: 'profiled' (default) as 'scission profile' timed the "
            + "blocks, so the profile predicts the worker's compute (the deployment's partition rule says how: with "
            + "TensorFlow's op fusion on for profiles made with --fusion, else without Grappler op fusion or "
            + "arithmetic rewrites; ops dispatched by the calling thread); 'tensorflow': TensorFlow's defaults, "
            + "often faster than a profile made without --fusion, not what the profile timed.")
    private Worker.SessionMode session = Worker.SessionMode.PROFILED;

    @Option(names = "--exit-with-parent", hidden = true,
            description = "Stop when standard input closes (the starting process died).")
    private boolean exitWithParent;

    /** Creates the command; picocli sets the fields. */
    public ServeCommand() {
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (threads < 0) {
            throw new ParameterException(spec.commandLine(), String.format(Locale.ROOT, "The threads (%d) must be 0 "
                    + "or more.%nMaybe write --threads 1.", threads));
        }
        try {
            io.scission.grpc.WorkerProcesses.checkAddress(listen);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Worker w = Worker.start(dir, resource, listen, threads, session);
        Thread hook = new Thread(w::close, "scission-serve-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        String host = listen.substring(0, listen.lastIndexOf(':'));
        out.printf(Locale.ROOT, "Serving %s of deployment %s (%s) for %s, %s.%n", String.join(", ", w.models()),
                w.deploymentId(), dir, resource, (threads == 0 ? "TensorFlow's default threads"
                        : threads + " thread" + (threads == 1 ? "" : "s")) + (session == Worker.SessionMode.PROFILED
                        ? ", sessions as profiled" + (w.fused() ? " (TensorFlow's op fusion on)" : "")
                        : ", TensorFlow's default sessions"));
        out.println(READY + host + ":" + w.port());
        out.flush();
        if (exitWithParent) {
            Thread watch = new Thread(() -> {
                try (InputStream in = System.in) {
                    while (in.read() >= 0) {
                        // nothing: the parent writes nothing; EOF means it is gone
                    }
                } catch (IOException e) {
                    // the pipe broke: the parent is gone too
                }
                w.close();
            }, "scission-serve-parent-watch");
            watch.setDaemon(true);
            watch.start();
        }
        w.awaitTermination();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down already
        }
        w.close();
        return 0;
    }

    /** Reads {@code --session}: {@code profiled} or {@code tensorflow}, with one clear error otherwise. */
    static final class SessionConverter implements picocli.CommandLine.ITypeConverter<Worker.SessionMode> {
        @Override
        public Worker.SessionMode convert(String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "profiled" -> Worker.SessionMode.PROFILED;
                case "tensorflow" -> Worker.SessionMode.TENSORFLOW;
                default -> throw new picocli.CommandLine.TypeConversionException("The session (" + value
                        + ") is not known.\nMaybe write profiled or tensorflow.");
            };
        }
    }
}
