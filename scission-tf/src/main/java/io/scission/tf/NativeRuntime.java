package io.scission.tf;

import io.scission.spi.Availability;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Loads the native TensorFlow runtime on demand and remembers whether it worked. Kept apart from the providers so
 * that naming or listing them does not load TensorFlow.
 */
final class NativeRuntime {

    private static volatile @Nullable Availability availability;

    private NativeRuntime() {
    }

    static Availability availability() {
        Availability a = availability;
        if (a == null) {
            a = check();
            availability = a;
        }
        return a;
    }

    private static Availability check() {
        try {
            String v = org.tensorflow.TensorFlow.version();
            return v.isEmpty() ? Availability.unavailable("the native TensorFlow runtime reports no version.")
                    : Availability.AVAILABLE;
        } catch (LinkageError | RuntimeException e) {
            return Availability.unavailable("the native TensorFlow runtime does not load (" + e + ").\nMaybe put "
                    + "org.tensorflow:tensorflow-core-native with the classifier of this platform (e.g. "
                    + "linux-x86_64) on the class path.");
        }
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
