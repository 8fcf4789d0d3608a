package io.scission.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.scission.platform.NetworkPreset;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Checks the sender-side link emulation ({@link LinkEmulator}, as the workers use it) against the Linux kernel's own
 * shaping of a loopback link: the 4G preset's bandwidth against a {@code tbf} qdisc, and its latency against
 * {@code netem}, each on the loopback of a network namespace this test creates ({@code unshare -n}; nothing outside
 * it is touched, and the namespace ends with its process). Needs root, {@code unshare}, {@code ip} and {@code tc};
 * each check is skipped with the reason when those or the qdisc are missing (netem is not built into every kernel).
 * Only in the {@code slow} profile: {@code mvn -B -pl scission-examples -am verify -Pslow -Dit.test=KernelLinkIT}.
 */
@Tag("slow")
class KernelLinkIT {

    private static final NetworkPreset PRESET = NetworkPreset.FOUR_G;
    private static final int ROUNDS = 5;

    @Test
    void should_take_as_long_as_a_kernel_token_bucket_when_the_4g_bandwidth_is_emulated() throws Exception {
        // GIVEN a namespace whose loopback the kernel limits to 12.4 Mbit/s (tbf, MTU 1500 so packets fit the bucket)
        String rate = String.format(Locale.ROOT, "%.0fbit", PRESET.deviceBandwidth().bytesPerSecond() * 8);
        String qdisc = "tbf rate " + rate + " burst 4kb latency 2s";
        assumeQdisc(qdisc);
        double bytesPerSecond = PRESET.deviceBandwidth().bytesPerSecond();
        for (int bytes : new int[] {256_000, 1_000_000}) {
            // WHEN the same message goes over the kernel's link and over our emulated one (no latency: bandwidth only)
            long[] kernel = inNamespace(qdisc, bytes);
            long[] emulated = KernelLinkProbe.rounds(bytes, ROUNDS, LinkEmulator.of(0, bytesPerSecond));
            // THEN both take bytes / bandwidth, within 10 % (the kernel also sends TCP/IP headers: ~3.6 % at MTU 1500)
            double k = median(kernel);
            double e = median(emulated);
            double model = bytes / bytesPerSecond;
            System.out.printf(Locale.ROOT, "KernelLinkIT tbf %s, %d bytes: kernel %.1f ms, emulated %.1f ms, model "
                    + "%.1f ms (medians of %d)%n", rate, bytes, k * 1e3, e * 1e3, model * 1e3, ROUNDS);
            assertThat(e).as("emulated %d bytes", bytes).isBetween(model, model * 1.05 + 0.002);
            assertThat(Math.abs(k - e) / e).as("%d bytes: kernel tbf %.1f ms, emulated %.1f ms, model %.1f ms",
                    bytes, k * 1e3, e * 1e3, model * 1e3).isLessThanOrEqualTo(0.10);
        }
    }

    @Test
    void should_take_as_long_as_kernel_netem_delay_when_the_4g_latency_is_emulated() throws Exception {
        // GIVEN a namespace whose loopback delays every packet by the preset's latency (netem)
        long ms = Math.round(PRESET.deviceLatencySeconds() * 1e3);
        String qdisc = "netem delay " + ms + "ms";
        assumeQdisc(qdisc);
        // WHEN one byte goes over the kernel's link and over our emulated one, and one byte comes back
        long[] kernel = inNamespace(qdisc, 1);
        long[] emulated = KernelLinkProbe.rounds(1, ROUNDS, LinkEmulator.of(PRESET.deviceLatencySeconds(), 1e12));
        // THEN the kernel's round trip pays the delay twice (request and answer), ours once (the answer is local)
        double k = median(kernel) / 2;
        double e = median(emulated);
        System.out.printf(Locale.ROOT, "KernelLinkIT netem %d ms: kernel one way %.2f ms, emulated %.2f ms%n", ms,
                k * 1e3, e * 1e3);
        assertThat(Math.abs(k - e)).as("one way: kernel netem %.2f ms, emulated %.2f ms", k * 1e3, e * 1e3)
                .isLessThanOrEqualTo(PRESET.deviceLatencySeconds() * 0.05 + 0.002);
    }

    /** Skips the test, saying why, unless this machine can put the qdisc on a new namespace's loopback. */
    private static void assumeQdisc(String qdisc) throws Exception {
        assumeTrue(System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux"),
                "needs Linux network namespaces and tc");
        Run id = run(List.of("id", "-u"));
        assumeTrue(id.exit() == 0 && id.out().strip().equals("0"), "needs root to create a network namespace and "
                + "shape its loopback with tc (id -u: " + id.out().strip() + ")");
        for (String tool : List.of("unshare", "ip", "tc")) {
            assumeTrue(run(List.of("sh", "-c", "command -v " + tool)).exit() == 0, "needs '" + tool + "' on PATH");
        }
        Run probe = run(List.of("unshare", "-n", "sh", "-c", setup(qdisc)));
        assumeTrue(probe.exit() == 0, "the kernel refused '" + qdisc + "' on a namespace's loopback: "
                + probe.out().strip() + " (e.g. netem is not available in this kernel)");
    }

    private static String setup(String qdisc) {
        return "ip link set lo mtu 1500 up && tc qdisc add dev lo root " + qdisc;
    }

    /** Runs the probe's rounds in a new network namespace with the qdisc on its loopback; returns each round. */
    private static long[] inNamespace(String qdisc, int bytes) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        List<String> cmd = List.of("unshare", "-n", "sh", "-c", setup(qdisc) + " && exec \"$0\" -cp \"$1\" "
                + KernelLinkProbe.class.getName() + " " + bytes + " " + ROUNDS, java, cp);
        Run r = run(cmd);
        assertThat(r.exit()).as("probe in the namespace: %s", r.out()).isZero();
        List<Long> rounds = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            if (line.strip().matches("\\d+")) {
                rounds.add(Long.parseLong(line.strip()));
            }
        }
        assertThat(rounds).as("rounds printed: %s", r.out()).hasSize(ROUNDS);
        return rounds.stream().mapToLong(Long::longValue).toArray();
    }

    private record Run(int exit, String out) {
    }

    /** Runs a process to its end within 2 minutes, killing it otherwise; stdout and stderr together. */
    private static Run run(List<String> cmd) throws IOException, InterruptedException {
        Path log = Files.createTempFile("kernel-link", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                throw new AssertionError("timed out: " + cmd);
            }
            return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(log);
        }
    }

    private static double median(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return s[s.length / 2] / 1e9;
    }
}
