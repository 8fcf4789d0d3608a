package io.scission.cli.deploy;

import io.scission.Scission;
import io.scission.cli.Columns;
import io.scission.deploy.HostTensor;
import io.scission.grpc.Pipeline;
import io.scission.platform.Network;
import io.scission.platform.NetworkPreset;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** {@code scission run DEPLOYMENT --workers ...}: inferences through worker processes, with every hop's times. */
final class RemoteRun {

    /** The command's options for a run through workers. */
    record Options(List<String> workers, @Nullable Path network, @Nullable String preset, boolean returnResult,
            double hopTimeoutSeconds, int repeats) {
    }

    private RemoteRun() {
    }

    static Map<String, HostTensor> run(CommandLine cmd, Path dir, Map<String, HostTensor> inputs, Options o) {
        PrintWriter out = cmd.getOut();
        Map<String, String> workers = workers(cmd, o.workers());
        if (o.network() != null && o.preset() != null) {
            throw new ParameterException(cmd, "--network and --preset both name a network.\nMaybe keep one.");
        }
        if (!(o.hopTimeoutSeconds() > 0) || o.hopTimeoutSeconds() > 86_400) {
            throw new ParameterException(cmd, String.format(Locale.ROOT, "The hop timeout (%s s) must be in "
                    + "(0, 86400].%nMaybe write --hop-timeout 60.", o.hopTimeoutSeconds()));
        }
        Network net = o.network() != null ? Scission.readNetwork(o.network())
                : o.preset() != null ? Scission.network(preset(cmd, o.preset())) : null;
        try (Pipeline p = Pipeline.open(dir, workers, net, o.returnResult(),
                Duration.ofMillis(Math.round(o.hopTimeoutSeconds() * 1000)))) {
            Pipeline.Result r = p.run(inputs, o.repeats());
            out.printf(Locale.ROOT, "Ran %s through %d worker%s %d time%s (%s):%n", dir, workers.size(),
                    workers.size() == 1 ? "" : "s", o.repeats(), o.repeats() == 1 ? "" : "s",
                    net == null ? "loopback speed, no link emulated" : "links emulated at the sender: "
                            + (o.network() != null ? o.network().toString() : o.preset()));
            print(out, r);
            return r.outputs();
        }
    }

    static Map<String, String> workers(CommandLine cmd, List<String> given) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String w : given) {
            int eq = w.indexOf('=');
            if (eq <= 0) {
                throw new ParameterException(cmd, String.format(Locale.ROOT, "The worker (%s) must be "
                        + "NAME=HOST:PORT.%nMaybe write --workers edge=127.0.0.1:7002.", w));
            }
            String name = w.substring(0, eq).strip();
            String address = w.substring(eq + 1).strip();
            try {
                io.scission.grpc.WorkerProcesses.checkAddress(address);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(cmd, e.getMessage());
            }
            if (m.put(name, address) != null) {
                throw new ParameterException(cmd, "The resource " + name + " is given twice in --workers.\nMaybe "
                        + "give each resource once.");
            }
        }
        return m;
    }

    private static NetworkPreset preset(CommandLine cmd, String id) {
        try {
            return NetworkPreset.parse(id);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cmd, e.getMessage());
        }
    }

    /** Medians over the inferences of every segment's and hop's times, the plan's latency and end to end. */
    static void print(PrintWriter out, Pipeline.Result r) {
        List<Pipeline.Sample> s = r.samples();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"part", "from -> to", "bytes", "compute", "convert", "serialise", "link", "wire",
            "wait"});
        Pipeline.Sample first = s.get(0);
        boolean outside = false;
        for (int i = 0; i < first.hops().size(); i++) {
            int k = i;
            Pipeline.Hop h = first.hops().get(k);
            outside |= !h.inLatency();
            rows.add(new String[] {h.name() + (h.inLatency() ? "" : " *"), h.from() + " -> " + h.to(),
                String.valueOf(h.bytes()), "", "", ms(s, x -> x.hops().get(k).serialisation()),
                ms(s, x -> x.hops().get(k).link()), ms(s, x -> x.hops().get(k).wire()),
                ms(s, x -> x.hops().get(k).queued())});
            if (k < first.stages().size()) {
                Pipeline.Stage st = first.stages().get(k);
                rows.add(new String[] {"segment " + st.index(), st.resource(), "", ms(s, x -> x.stages().get(k)
                        .compute()), ms(s, x -> x.stages().get(k).convert()), "", "", "", ""});
            }
        }
        boolean latency = s.stream().noneMatch(x -> Double.isNaN(x.latencySeconds()));
        if (latency) {
            rows.add(new String[] {"other", "", "", "", "", "", "", "", ms(s, Pipeline.Sample::latencyOtherSeconds)});
            rows.add(new String[] {"plan latency", "", "", "", "", "", "", "", ms(s, Pipeline.Sample::latencySeconds)});
        }
        rows.add(new String[] {"other (end to end)", "", "", "", "", "", "", "", ms(s, Pipeline.Sample::otherSeconds)});
        rows.add(new String[] {"end to end", "", "", "", "", "", "", "", ms(s, Pipeline.Sample::totalSeconds)});
        out.println("Median times in ms (compute: TensorFlow; convert: Java <-> TensorFlow tensors; serialise: "
                + "protobuf at both ends; link: emulated; wire: real transfer over loopback, the result's: its way "
                + "back; wait: queued):");
        Columns.print(out, rows, "LLRRRRRRR");
        if (outside) {
            out.println("* outside the plan's latency: this process handing the input to the source's own worker, "
                    + "or taking the result back when the query does not charge it (--return-result).");
        }
        if (latency) {
            double[] l = s.stream().mapToDouble(Pipeline.Sample::latencySeconds).sorted().toArray();
            out.printf(Locale.ROOT, "Plan latency (the input on the source to the output ready, as predicted): "
                    + "median %.2f ms, min %.2f ms, max %.2f ms.%n", median(l) * 1e3, l[0] * 1e3, l[l.length - 1] * 1e3);
        } else {
            out.println("Plan latency: not measurable (the workers' clocks are not this process's), only end to end.");
        }
        double[] e2e = s.stream().mapToDouble(Pipeline.Sample::totalSeconds).sorted().toArray();
        out.printf(Locale.ROOT, "End to end: median %.2f ms, min %.2f ms, max %.2f ms over %d inference%s.%n",
                median(e2e) * 1e3, e2e[0] * 1e3, e2e[e2e.length - 1] * 1e3, e2e.length, e2e.length == 1 ? "" : "s");
    }

    private static String ms(List<Pipeline.Sample> s, ToDoubleFunction<Pipeline.Sample> f) {
        return String.format(Locale.ROOT, "%.2f", median(s.stream().mapToDouble(f).toArray()) * 1e3);
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
