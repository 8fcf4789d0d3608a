package io.scission.tf;

import static java.util.Objects.requireNonNull;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How {@link TensorFlowProfiler#inChildJvm(ChildJvmOptions)} starts the JVM it profiles in. Immutable; every
 * {@code with...} method returns a copy.
 *
 * <p>The child is this JVM's {@code java} binary with this JVM's class path (or module path), so it needs no
 * set-up; it gets {@code TF_OVERRIDE_GLOBAL_THREADPOOL=1}, and {@code TF_CPP_MIN_LOG_LEVEL=2} unless this process
 * or {@link #environment()} sets it. Its standard error (TensorFlow's own log lines) goes to the SLF4J logger
 * {@code io.scission.tf.child} at INFO, the last lines also into the error if the child fails.
 *
 * @param jvmOptions the child's JVM options, e.g. {@code -Xmx4g}
 * @param environment variables set in the child's environment, on top of this process's
 * @param classPath the child's class path; empty to use this JVM's (which must then have loaded scission-tf
 *     from its class path or boot-layer module path, not through a class loader of its own)
 */
public record ChildJvmOptions(List<String> jvmOptions, Map<String, String> environment, List<Path> classPath) {

    /**
     * Validates the options and copies the collections.
     *
     * @param jvmOptions the child's JVM options, e.g. {@code -Xmx4g}
     * @param environment variables set in the child's environment, on top of this process's
     * @param classPath the child's class path; empty to use this JVM's (which must then have loaded scission-tf
     *     from its class path or boot-layer module path, not through a class loader of its own)
     * @throws IllegalArgumentException if a JVM option is blank or an environment variable's name is blank or
     *     holds {@code =}
     */
    public ChildJvmOptions {
        jvmOptions = List.copyOf(requireNonNull(jvmOptions, "jvmOptions"));
        environment = Map.copyOf(new LinkedHashMap<>(requireNonNull(environment, "environment")));
        classPath = List.copyOf(requireNonNull(classPath, "classPath"));
        for (String o : jvmOptions) {
            if (o.isBlank()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "The JVM options (%s) of the child JVM must not be blank.", jvmOptions));
            }
        }
        for (String name : environment.keySet()) {
            if (name.isBlank() || name.contains("=")) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "The environment variable name "
                        + "(%s) of the child JVM must not be blank or hold '='.", name));
            }
        }
    }

    /**
     * Returns the defaults: this JVM's heap and stack options ({@code -Xmx}, {@code -Xms}, {@code -Xss},
     * {@code -XX:...RAM...}) and system properties ({@code -D...}, e.g. JavaCPP's cache directory), no extra
     * environment, this JVM's class path. Agents, logging and recording options are not passed on: the child
     * would otherwise write to the same files.
     *
     * @return the defaults
     */
    public static ChildJvmOptions defaults() {
        return new ChildJvmOptions(inherited(ManagementFactory.getRuntimeMXBean().getInputArguments()), Map.of(),
                List.of());
    }

    /**
     * Returns a copy with these JVM options instead of the current ones.
     *
     * @param options the options, e.g. {@code -Xmx4g}
     * @return the options
     */
    public ChildJvmOptions withJvmOptions(String... options) {
        return new ChildJvmOptions(List.of(options), environment, classPath);
    }

    /**
     * Returns a copy that sets an environment variable in the child, e.g. {@code TF_CPP_MIN_LOG_LEVEL=0} to see
     * TensorFlow's INFO lines.
     *
     * @param name the variable
     * @param value its value
     * @return the options
     */
    public ChildJvmOptions withEnvironment(String name, String value) {
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put(requireNonNull(name, "name"), requireNonNull(value, "value"));
        return new ChildJvmOptions(jvmOptions, env, classPath);
    }

    /**
     * Returns a copy with this class path for the child, e.g. when scission-tf was loaded by an application
     * server's class loader.
     *
     * @param entries the jars and directories, scission-tf and its dependencies among them
     * @return the options
     */
    public ChildJvmOptions withClassPath(List<Path> entries) {
        return new ChildJvmOptions(jvmOptions, environment, entries);
    }

    /**
     * Returns the JVM options a child inherits from this JVM's: heap, stack and RAM sizing, and system properties
     * other than the JVM's own module and class path ones.
     *
     * @param options this JVM's input arguments
     * @return the inherited ones, in order
     */
    static List<String> inherited(List<String> options) {
        List<String> out = new ArrayList<>();
        for (String o : options) {
            boolean sizing = o.startsWith("-Xmx") || o.startsWith("-Xms") || o.startsWith("-Xss")
                    || o.startsWith("-XX:") && o.contains("RAM");
            boolean property = o.startsWith("-D") && !o.startsWith("-Djdk.module.")
                    && !o.startsWith("-Djava.class.path=") && !o.startsWith("-Djdk.internal.");
            if (sizing || property) {
                out.add(o);
            }
        }
        return out;
    }
}
