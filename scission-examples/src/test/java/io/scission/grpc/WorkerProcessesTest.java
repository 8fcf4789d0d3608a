package io.scission.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.scission.Scission;
import io.scission.cli.TestData;
import io.scission.cli.TestData.Run;
import io.scission.deploy.Deployment;
import io.scission.deploy.HostTensor;
import io.scission.deploy.Inference;
import io.scission.deploy.Tensors;
import io.scission.grpc.proto.ModelSpec;
import io.scission.grpc.proto.PredictRequest;
import io.scission.platform.DataRate;
import io.scission.platform.Link;
import io.scission.platform.Network;
import io.scission.platform.Tier;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real worker processes ('scission serve' JVMs on 127.0.0.1) serving deployments of the zoo's MobileNet: the
 * pipeline computes what the in-process chain computes, every hop is delayed like its link, and each fault (a worker
 * killed mid-run, a port in use, a worker serving another deployment, a hop that times out, a malformed request)
 * ends in one error that names the hop and the worker, within a timeout, with no process left behind.
 */
class WorkerProcessesTest {

    @TempDir
    static Path dir;
    /** MobileNet cut after layers 30 and 60: device, edge, cloud. */
    static Path three;
    /** MobileNet cut after layer 30: device, cloud. */
    static Path two;
    static WorkerProcesses workers;
    static Map<String, HostTensor> input;

    @BeforeAll
    static void exportAndServe() {
        three = dir.resolve("three");
        two = dir.resolve("two");
        Run a = TestData.run("export", "MobileNet", "--cut", "30,60", "--resources", "device,edge,cloud", "--no-verify",
                "-o", three.toString());
        assertThat(a.code()).as(a.err()).isZero();
        Run b = TestData.run("export", "MobileNet", "--cut", "30", "--resources", "device,cloud", "--no-verify", "-o",
                two.toString());
        assertThat(b.code()).as(b.err()).isZero();
        input = Tensors.random(Scission.readDeployment(three).modelInputs(), 3);
        workers = WorkerProcesses.start(three, List.of(new WorkerProcesses.Spec("device", 1),
                new WorkerProcesses.Spec("edge", 1), new WorkerProcesses.Spec("cloud", 1)), Duration.ofMinutes(3));
    }

    @AfterAll
    static void stop() {
        if (workers != null) {
            workers.close();
            // THEN (every test) no worker outlives its use
            assertThat(workers.processes().values()).noneMatch(Process::isAlive);
        }
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)).isEmpty();
    }

    @Test
    void should_compute_what_the_chain_computes_in_one_process_when_run_through_workers() {
        // GIVEN the in-process chain's outputs
        Map<String, HostTensor> chain;
        try (Inference c = Scission.openDeployment(three)) {
            chain = c.run(input, 1).outputs();
        }

        // WHEN the same input goes through the three worker processes
        Pipeline.Result r;
        try (Pipeline p = Pipeline.open(three, workers.addresses(), null, false, Duration.ofSeconds(60))) {
            r = p.run(input, 2);
        }

        // THEN the same outputs (within the export's tolerance), and the times of 3 segments and 4 hops
        assertThat(Tensors.compare(chain, r.outputs())).isNotEmpty().allMatch(Deployment.OutputCheck::passed);
        Pipeline.Sample s = r.samples().get(1);
        assertThat(s.stages()).extracting(Pipeline.Stage::resource).containsExactly("device", "edge", "cloud");
        assertThat(s.stages()).allMatch(st -> st.compute() > 0);
        assertThat(s.hops()).extracting(Pipeline.Hop::name).containsExactly("input", "hop 1", "hop 2", "result");
        assertThat(s.hops()).allMatch(h -> h.link() == 0 && h.serialisation() > 0);
        assertThat(s.totalSeconds()).isGreaterThan(s.stages().stream().mapToDouble(Pipeline.Stage::compute).sum());
        // and the plan's latency, measured across the processes: device is the source and runs segment 0, so this
        // process's handing over of the input, and the uncharged result's way back, are outside it and only them
        assertThat(s.hops()).extracting(Pipeline.Hop::inLatency).containsExactly(false, true, true, false);
        for (Pipeline.Sample x : r.samples()) {
            double compute = x.stages().stream().mapToDouble(st -> st.compute() + st.convert()).sum();
            double inside = x.hops().get(1).serialisation() + x.hops().get(1).wire() + x.hops().get(2).serialisation()
                    + x.hops().get(2).wire();
            double outside = x.hops().get(0).serialisation() + x.hops().get(0).wire() + x.hops().get(3)
                    .serialisation() + x.hops().get(3).wire();
            assertThat(x.latencySeconds()).isGreaterThanOrEqualTo(compute + inside - 1e-6)
                    .isLessThanOrEqualTo(x.totalSeconds() - outside + 1e-6);
            assertThat(x.hops()).allMatch(h -> h.wire() > 0);
            assertThat(x.latencyOtherSeconds()).isGreaterThanOrEqualTo(-1e-6);
        }
    }

    @Test
    void should_delay_every_hop_like_its_link_when_a_network_is_given() {
        // GIVEN links slow enough to dominate: device -> edge 30 ms, 8 MB/s; edge -> cloud 20 ms, 40 MB/s
        Network net = Network.builder()
                .tierLink(Tier.DEVICE, Tier.EDGE, Duration.ofMillis(30), DataRate.mbps(64))
                .tierLink(Tier.EDGE, Tier.CLOUD, Duration.ofMillis(20), DataRate.mbps(320)).build();
        Deployment d = Scission.readDeployment(three);
        Link de = net.link(d.segments().get(0).resource(), d.segments().get(1).resource()).orElseThrow();
        Link ec = net.link(d.segments().get(1).resource(), d.segments().get(2).resource()).orElseThrow();

        // WHEN the same inferences run with and without the links
        Pipeline.Result fast;
        Pipeline.Result slow;
        try (Pipeline p = Pipeline.open(three, workers.addresses(), null, false, Duration.ofSeconds(60));
                Pipeline q = Pipeline.open(three, workers.addresses(), net, false, Duration.ofSeconds(60))) {
            fast = p.run(input, 5);
            slow = q.run(input, 5);
        }

        // THEN each hop's link part is the cost model's latency + bytes / bandwidth of the message it sent (a few
        // bytes of protobuf beside the tensor), the input hop stays local (device is the source), and every
        // inference's end-to-end time holds those delays besides the segments' compute (the hops are sequential):
        // the emulation never sends early
        Pipeline.Sample s = slow.samples().get(4);
        assertThat(s.hops().get(0).link()).isZero();
        assertThat(s.hops().get(1).link()).isBetween(de.secondsFor(d.segments().get(1).inputBytes()),
                de.secondsFor(d.segments().get(1).inputBytes() + 1024));
        assertThat(s.hops().get(2).link()).isBetween(ec.secondsFor(d.segments().get(2).inputBytes()),
                ec.secondsFor(d.segments().get(2).inputBytes() + 1024));
        for (Pipeline.Sample x : slow.samples()) {
            double links = x.hops().get(1).link() + x.hops().get(2).link();
            double compute = x.stages().stream().mapToDouble(Pipeline.Stage::compute).sum();
            assertThat(x.totalSeconds()).isGreaterThanOrEqualTo(links + compute);
        }
        assertThat(fast.samples()).allMatch(x -> x.hops().stream().allMatch(h -> h.link() == 0));
        // and the plan's latency holds them too, from the source's worker having the input to the last output
        for (Pipeline.Sample x : slow.samples()) {
            double links = x.hops().get(1).link() + x.hops().get(2).link();
            double compute = x.stages().stream().mapToDouble(Pipeline.Stage::compute).sum();
            assertThat(x.latencySeconds()).isGreaterThanOrEqualTo(links + compute).isLessThan(x.totalSeconds());
        }
    }

    @Test
    void should_wait_until_the_processes_are_quiet_when_asked_before_timing() {
        // GIVEN the started workers, idle between inferences
        // WHEN / THEN they (and this process) become quiet: under 5 % of a core over 250 ms, within 20 s
        assertThat(workers.awaitQuiet(0.05, Duration.ofMillis(250), Duration.ofSeconds(20))).isBetween(0.25, 20.0);
        // and no process ever uses less than no CPU, so that never holds and the wait ends at its limit
        long t0 = System.nanoTime();
        assertThat(workers.awaitQuiet(0, Duration.ofMillis(100), Duration.ofMillis(500))).isEqualTo(-1.0);
        assertThat((System.nanoTime() - t0) / 1e9).isBetween(0.5, 5.0);
    }

    @Test
    void should_count_the_results_way_back_in_the_latency_when_the_query_charges_it() {
        // GIVEN a network whose cloud -> device link (the result's way back) takes 40 ms
        Network net = Network.builder()
                .tierLink(Tier.DEVICE, Tier.EDGE, Duration.ofMillis(5), DataRate.mbps(640))
                .tierLink(Tier.EDGE, Tier.CLOUD, Duration.ofMillis(5), DataRate.mbps(640))
                .tierLink(Tier.CLOUD, Tier.DEVICE, Duration.ofMillis(40), DataRate.mbps(640)).build();

        // WHEN inferences run with the result's way back emulated
        Pipeline.Result r;
        try (Pipeline p = Pipeline.open(three, workers.addresses(), net, true, Duration.ofSeconds(60))) {
            r = p.run(input, 3);
        }

        // THEN the result hop is part of the latency, which now ends at this process (the source) with the result
        // decoded: it holds the 40 ms and the result's whole way back, and only the input's hand-over is outside
        for (Pipeline.Sample x : r.samples()) {
            Pipeline.Hop result = x.hops().get(3);
            assertThat(result.inLatency()).isTrue();
            assertThat(result.link()).isGreaterThanOrEqualTo(0.040);
            double compute = x.stages().stream().mapToDouble(Pipeline.Stage::compute).sum();
            assertThat(x.latencySeconds()).isGreaterThanOrEqualTo(compute + result.link() + result.wire())
                    .isLessThanOrEqualTo(x.totalSeconds() - x.hops().get(0).serialisation() - x.hops().get(0).wire()
                            + 1e-6);
        }
    }

    @Test
    void should_print_every_hops_times_when_the_cli_runs_through_workers() {
        // GIVEN
        Map<String, String> a = workers.addresses();
        String list = "device=" + a.get("device") + ",edge=" + a.get("edge") + ",cloud=" + a.get("cloud");

        // WHEN
        Run r = TestData.run("run", three.toString(), "--workers", list, "--preset", "4g", "--repeats", "2");
        Run bad = TestData.run("run", three.toString(), "--workers", "edge");

        // THEN a row per hop and segment, end to end, and the output; a malformed worker is a usage error
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.lines()).anySatisfy(l -> assertThat(l).startsWith("Ran " + three + " through 3 workers 2 "
                + "times (links emulated at the sender: 4g)"));
        assertThat(r.lines()).anySatisfy(l -> assertThat(l.strip()).matches("hop 2 +edge -> cloud +\\d+( +\\d+\\.\\d\\d){4}"));
        assertThat(r.lines()).anySatisfy(l -> assertThat(l.strip()).matches("segment 1 +edge( +\\d+\\.\\d\\d){2}"));
        assertThat(r.lines()).anySatisfy(l -> assertThat(l.strip()).matches("end to end +\\d+\\.\\d\\d"));
        assertThat(r.lines()).anySatisfy(l -> assertThat(l.strip()).matches("plan latency +\\d+\\.\\d\\d"));
        assertThat(r.lines()).anySatisfy(l -> assertThat(l.strip()).matches("input \\* +device -> device .*"));
        assertThat(r.lines()).anySatisfy(l -> assertThat(l).startsWith("Plan latency (the input on the source to "
                + "the output ready, as predicted): median "));
        assertThat(r.lines()).anySatisfy(l -> assertThat(l).startsWith("Output act_softmax: float32[1, 1000]"));
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("The worker (edge) must be NAME=HOST:PORT.");
    }

    @Test
    void should_name_the_hop_and_worker_when_the_worker_serves_another_deployment() {
        // GIVEN the two-segment deployment, sent to the workers of the three-segment one
        Map<String, String> a = workers.addresses();

        // WHEN / THEN
        try (Pipeline p = Pipeline.open(two, Map.of("device", a.get("device"), "cloud", a.get("cloud")), null, false,
                Duration.ofSeconds(30))) {
            assertThatThrownBy(() -> p.run(input, 1)).isInstanceOf(Pipeline.HopFailure.class)
                    .hasMessageStartingWith("The inference failed at hop 0 (device -> device), worker device at "
                            + a.get("device") + ": worker device (deployment " + Deployments.id(three))
                    .hasMessageContaining("refused a request for deployment " + Deployments.id(two))
                    .hasMessageContaining("Maybe start the worker with the deployment you run");
        }
    }

    @Test
    void should_name_the_worker_when_a_request_is_malformed() {
        // GIVEN bytes that are no PredictRequest, and a PredictRequest whose tensor has the wrong shape
        String edge = workers.addresses().get("edge");
        Deployment d = Scission.readDeployment(three);
        Deployment.CutTensor in = d.segments().get(1).inputs().get(0);
        PredictRequest wrongShape = PredictRequest.newBuilder()
                .setModelSpec(ModelSpec.newBuilder().setName(Worker.modelName(d.segments().get(1))))
                .putInputs(in.key(), TensorCodec.encode(HostTensor.ofFloats(List.of(1L, 2L), 1f, 2f))).build();

        try (Calls calls = new Calls()) {
            // WHEN / THEN
            assertThatThrownBy(() -> calls.call(edge, new Metadata(), new byte[] {(byte) 0xff, 1, 2}, deadline(),
                    "hop 1 (test -> edge)", "worker edge at " + edge))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode())
                            .isEqualTo(Status.Code.INVALID_ARGUMENT))
                    .hasMessageContaining("hop 1 (test -> edge), worker edge at " + edge + ": worker edge (deployment ")
                    .hasMessageContaining("refused the request: it is not a tensorflow.serving.PredictRequest");
            assertThatThrownBy(() -> calls.call(edge, new Metadata(), wrongShape.toByteArray(), deadline(),
                    "hop 1 (test -> edge)", "worker edge at " + edge))
                    .hasMessageContaining("refused segment 1's request: ")
                    .hasMessageContaining(in.key());
        }
    }

    @Test
    void should_refuse_to_serve_with_a_clear_error_when_the_port_is_in_use() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // WHEN a worker is asked to listen on a port that is taken
            Run r = assertTimeoutPreemptively(Duration.ofMinutes(2), () -> TestData.run("serve", two.toString(),
                    "--resource", "cloud", "--listen", "127.0.0.1:" + taken.getLocalPort()));

            // THEN one line naming the worker, the address and what to do
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err()).startsWith("error: The worker cloud cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .contains("Maybe the port is in use: choose another --listen port");
        }
    }

    @Test
    void should_name_the_hop_and_worker_when_a_hop_times_out() throws Exception {
        // GIVEN the two-segment deployment's workers, the cloud one frozen (SIGSTOP)
        try (WorkerProcesses w = WorkerProcesses.start(two, List.of(new WorkerProcesses.Spec("device", 1),
                new WorkerProcesses.Spec("cloud", 1)), Duration.ofMinutes(3));
                Pipeline warm = Pipeline.open(two, w.addresses(), null, false, Duration.ofSeconds(60));
                Pipeline p = Pipeline.open(two, w.addresses(), null, false, Duration.ofSeconds(2))) {
            warm.run(input, 1);
            Process cloud = w.processes().get("cloud");
            signal("STOP", cloud);
            try {
                // WHEN / THEN the hop into the frozen worker fails after its timeout, not the whole pipeline's
                long t0 = System.nanoTime();
                assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThatThrownBy(() -> p.run(input, 1))
                        .isInstanceOf(Pipeline.HopFailure.class)
                        .hasMessageStartingWith("The inference failed at hop 1 (device -> cloud), worker cloud at "
                                + w.addresses().get("cloud") + ": no answer within "));
                assertThat((System.nanoTime() - t0) / 1e9).isLessThan(6);
            } finally {
                signal("CONT", cloud);
            }
        }
    }

    @Test
    void should_name_the_hop_and_worker_when_a_worker_is_killed_mid_run() throws Exception {
        // GIVEN the two-segment deployment's workers, running inferences
        try (WorkerProcesses w = WorkerProcesses.start(two, List.of(new WorkerProcesses.Spec("device", 1),
                new WorkerProcesses.Spec("cloud", 1)), Duration.ofMinutes(3));
                Pipeline p = Pipeline.open(two, w.addresses(), null, false, Duration.ofSeconds(10))) {
            p.run(input, 1);
            Process cloud = w.processes().get("cloud");

            // WHEN the cloud worker is killed while inferences run
            Thread killer = new Thread(() -> {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                cloud.destroyForcibly();
            });
            killer.start();

            // THEN the next inference fails at once, naming the hop and the dead worker
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThatThrownBy(() -> p.run(input, 100_000))
                    .isInstanceOf(Pipeline.HopFailure.class)
                    .hasMessageStartingWith("The inference failed at hop 1 (device -> cloud), worker cloud at "
                            + w.addresses().get("cloud") + ": "));
            killer.join();
            assertThat(cloud.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static Deadline deadline() {
        return Deadline.after(30, TimeUnit.SECONDS);
    }

    private static void signal(String signal, Process p) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(p.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }
}
