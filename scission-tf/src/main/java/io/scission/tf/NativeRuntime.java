package io.scission.tf;

import io.scission.ScissionException;
import io.scission.spi.Availability;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Checks for the native TensorFlow runtime without loading it, and says why it does not load when it fails. Kept
 * apart from the providers so that naming, listing or picking them does not load TensorFlow (680 MB, about a
 * second, and TensorFlow's own log lines): the runtime loads at the first graph a model needs.
 */
final class NativeRuntime {

    private static volatile @Nullable Availability availability;

    private NativeRuntime() {
    }

    /**
     * Returns whether TensorFlow Java and this platform's native library are present; does not load them.
     *
     * @return the availability
     */
    static Availability availability() {
        Availability a = availability;
        if (a == null) {
            a = check();
            availability = a;
        }
        return a;
    }

    private static Availability check() {
        ClassLoader loader = NativeRuntime.class.getClassLoader();
        try {
            Class.forName("org.tensorflow.TensorFlow", false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return Availability.unavailable("TensorFlow Java (org.tensorflow:tensorflow-core-api) is not on the "
                    + "class path.\nMaybe add it, with org.tensorflow:tensorflow-core-native and its classifier for "
                    + "this platform (" + platform() + ").");
        }
        String lib = System.mapLibraryName("jnitensorflow");
        for (String p : List.of(platform(), platform() + "-gpu")) {
            if (loader.getResource("org/tensorflow/internal/c_api/" + p + "/" + lib) != null) {
                return Availability.AVAILABLE;
            }
        }
        return Availability.unavailable(missingNatives());
    }

    /** This platform as TensorFlow's native jars name it, e.g. {@code linux-x86_64}. */
    static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String o = os.startsWith("windows") ? "windows" : os.startsWith("mac") ? "macosx" : os.startsWith("linux")
                ? "linux" : os;
        String a = arch.equals("amd64") || arch.equals("x86_64") ? "x86_64"
                : arch.equals("aarch64") || arch.equals("arm64") ? "arm64" : arch;
        return o + "-" + a;
    }

    private static String missingNatives() {
        String p = platform();
        boolean modules = NativeRuntime.class.getModule().isNamed();
        return "the native TensorFlow library for this platform (" + p + ") is missing.\nMaybe add "
                + "org.tensorflow:tensorflow-core-native with the classifier " + p + (modules ? " to the module path "
                + "(module tensorflow.nativelib." + p.replace('-', '.') + ")" : " to the class path") + ".";
    }

    /**
     * Returns the error for a runtime that failed to load at its first use.
     *
     * @param e what the JVM threw
     * @return the exception, saying what to add
     */
    static ScissionException failure(LinkageError e) {
        return new ScissionException("The native TensorFlow runtime does not load (" + e + ").\nMaybe "
                + (availability().available() ? "this platform's TensorFlow build does not run here (check "
                + "glibc and CPU); profile on a supported linux-x86_64 machine." : availability().reason()), e);
    }

    /** Returns the runtime as profiles record it: {@code TensorFlow 2.18.0 (TF Java 1.1.0)}. */
    static String describe() {
        String java = "unknown";
        try (InputStream in = org.tensorflow.TensorFlow.class.getResourceAsStream(
                "/META-INF/maven/org.tensorflow/tensorflow-core-api/pom.properties")) {
            if (in != null) {
                Properties props = new Properties();
                props.load(in);
                java = props.getProperty("version", java);
            }
        } catch (IOException e) {
            java = "unknown";
        }
        return "TensorFlow " + org.tensorflow.TensorFlow.version() + " (TF Java " + java + ")";
    }

    static String listing(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            List<String> l = s.map(x -> x.getFileName().toString()).sorted().limit(10).toList();
            return l.isEmpty() ? "nothing" : String.join(", ", l);
        } catch (IOException e) {
            return "unreadable";
        }
    }
}
