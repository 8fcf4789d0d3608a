package io.scission.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Loads the classes that {@code predict} and {@code plan} may need, on the launcher's recording run.
 *
 * <p>The launcher records the classes the first run of a command loads and makes its class-data-sharing archive of
 * them (see {@code bin/scission}). A first run shows only its own path: a {@code predict} of a model without the
 * original's zero-time quirk never compiles a constraint, and a {@code plan} without options builds none, so a
 * later run that does loaded some fifty classes from the jars, after opening and checking them (about 20 ms of
 * a {@code predict xception} run on the machine of docs/benchmarks.md). On a recording run
 * ({@code -Dscission.cds.record=true}, set by the launcher), the tool therefore also loads, without initialising
 * them, every class of the packages that the start-path commands use, so that the archive holds them all.
 */
final class StartupClasses {

    /** The system property the launcher sets on a recording run. */
    static final String RECORDING = "scission.cds.record";

    /**
     * The packages (as folder names in the jars, without their subpackages) whose classes the archive should hold:
     * the core's model, query, search and data-import code, and the commands that start in well under a second.
     */
    static final List<String> PACKAGES = List.of("io/scission/", "io/scission/query/", "io/scission/internal/search/",
            "io/scission/internal/numeric/", "io/scission/platform/", "io/scission/profile/", "io/scission/model/",
            "io/scission/original/", "io/scission/search/", "io/scission/cli/", "io/scission/cli/original/",
            "io/scission/cli/plan/");

    private StartupClasses() {
    }

    /**
     * Loads the classes if this is a recording run. Never fails the command: a class that cannot be loaded, or a
     * jar that cannot be read, is left out of the archive (and then loaded from the jar as without this).
     *
     * @return how many classes were loaded, 0 if this is not a recording run
     */
    static int loadIfRecording() {
        if (!Boolean.getBoolean(RECORDING)) {
            return 0;
        }
        return load(ScissionCli.class) + load(io.scission.Scission.class);
    }

    /** Loads the classes of {@link #PACKAGES} in the jar (or class folder) of the given class. */
    static int load(Class<?> of) {
        CodeSource source = of.getProtectionDomain().getCodeSource();
        if (source == null) {
            return 0;
        }
        Path path;
        try {
            path = Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return 0;
        }
        if (!Files.isRegularFile(path)) {
            return 0; // a class folder (a build's target/classes): no archive is made from it
        }
        int loaded = 0;
        try (ZipFile jar = new ZipFile(path.toFile())) {
            Enumeration<? extends ZipEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                int slash = name.lastIndexOf('/');
                if (!name.endsWith(".class") || !PACKAGES.contains(name.substring(0, slash + 1))
                        || name.endsWith("module-info.class") || name.endsWith("package-info.class")) {
                    continue;
                }
                try {
                    Class.forName(name.substring(0, name.length() - ".class".length()).replace('/', '.'), false,
                            of.getClassLoader());
                    loaded++;
                } catch (ClassNotFoundException | LinkageError e) {
                    // left out of the archive; a run that needs it loads it from the jar
                }
            }
        } catch (IOException e) {
            return loaded;
        }
        return loaded;
    }
}
