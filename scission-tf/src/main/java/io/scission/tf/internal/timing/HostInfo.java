package io.scission.tf.internal.timing;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Facts about this machine for profile provenance; every method returns {@code unknown} rather than failing. */
public final class HostInfo {

    private HostInfo() {
    }

    /**
     * Returns the host name.
     *
     * @return the host name
     */
    public static String host() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * Returns the CPU model from {@code /proc/cpuinfo} with the logical CPU count, e.g. {@code Intel(R) Xeon(R)
     * ... (2 logical CPUs)}.
     *
     * @return the CPU
     */
    public static String cpu() {
        String model = "unknown";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    model = line.substring(line.indexOf(':') + 1).strip();
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            model = System.getProperty("os.arch", "unknown");
        }
        return String.format(Locale.ROOT, "%s (%d logical CPUs)", model, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Returns the OS name, version and architecture.
     *
     * @return the OS
     */
    public static String os() {
        return System.getProperty("os.name", "unknown") + " " + System.getProperty("os.version", "") + " "
                + System.getProperty("os.arch", "");
    }

    /**
     * Returns the JVM's name, vendor and version.
     *
     * @return the JVM
     */
    public static String jvm() {
        return System.getProperty("java.vm.name", "unknown") + " " + System.getProperty("java.vm.vendor", "") + " "
                + System.getProperty("java.runtime.version", System.getProperty("java.version", ""));
    }

    /**
     * Returns the 1, 5 and 15 minute load averages from {@code /proc/loadavg}, or {@code unknown}.
     *
     * @return load
     */
    public static String loadAverage() {
        try {
            List<String> parts = List.of(Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+"));
            return parts.size() >= 3 ? String.join(" ", parts.subList(0, 3)) : "unknown";
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
