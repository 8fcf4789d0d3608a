package io.scission.reference;

import io.scission.original.OriginalBenchmarks;
import io.scission.original.OriginalNetworkCsv;
import io.scission.original.OriginalSystem;
import io.scission.platform.Network;
import io.scission.platform.NetworkFiles;
import io.scission.platform.Resource;
import io.scission.profile.Profile;
import io.scission.profile.ProfileFiles;
import io.scission.profile.Provenance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Converts the original Scission tool's published benchmark files and network CSVs into the reference data shipped
 * in {@code scission-core/src/main/resources/io/scission/reference/}. It is the only way those resources are made;
 * {@code ReferenceDataTest} checks that the shipped files equal a fresh conversion whenever the original files are
 * present. Run it from the repository root (docs/reference-data.md):
 *
 * <pre>{@code
 * mvn -B -q -pl scission-core test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.scission.reference.ReferenceDataConverter \
 *     -Dexec.args="../shared/scission-data src/main/resources/io/scission/reference"
 * }</pre>
 *
 * (exec:java runs in the module's directory, so both paths are relative to {@code scission-core/}; the first is a
 * checkout of qub-blesson/Scission's {@code benchmark_data} folder.)
 */
public final class ReferenceDataConverter {

    /** The original's commit the sample files were taken from. */
    static final String ORIGINAL_COMMIT = "b765b2b";

    /** What Table II of the paper says about each machine, keyed by the original's resource name. */
    private record Machine(String paperName, String hardware, String os) {
    }

    private static final Map<String, Machine> MACHINES = Map.of(
            "raspi4", new Machine("Device", "Raspberry Pi 4: ARMv8 1.5 GHz, 4 cores, 4 GB RAM (the paper's Device)",
                    "Raspbian Buster"),
            "vm2Core", new Machine("Edge (1)", "AMD64 4.5 GHz, 2 cores, 4 GB RAM (the paper's Edge (1))",
                    "Ubuntu 18.04 LTS"),
            "2500", new Machine("Edge (2)", "AMD64 3.7 GHz, 4 cores, 8 GB RAM (the paper's Edge (2))",
                    "Ubuntu 18.04 LTS"),
            "6700k(NoGPU)", new Machine("Cloud", "AMD64 4.5 GHz, 8 cores, 32 GB RAM, GPU not used (the paper's "
                    + "Cloud)", "Ubuntu 18.04 LTS"),
            "6700k(GPU)", new Machine("Cloud (with GPU)", "AMD64 4.5 GHz, 8 cores, 32 GB RAM, Nvidia GTX 1070 (the "
                    + "paper's Cloud (with GPU))", "Ubuntu 18.04 LTS"));

    private ReferenceDataConverter() {
    }

    /**
     * Converts.
     *
     * @param args the original's benchmark folder (with the {@code .dat} files and both CSVs), and the output folder
     * @throws IOException if a file cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("Usage: ReferenceDataConverter BENCHMARK_FOLDER OUTPUT_FOLDER");
            System.exit(2);
        }
        List<Path> written = convert(Path.of(args[0]), Path.of(args[1]));
        System.out.printf(Locale.ROOT, "Wrote %d files under %s%n", written.size(), Path.of(args[1]).toAbsolutePath());
    }

    /**
     * Converts the original's files into the reference data layout.
     *
     * @param originalFolder the folder with the {@code .dat} files and {@code network_stats*.csv}
     * @param out where to write: {@code models.txt}, {@code <model>/<resource>.json}, {@code network-<id>.json}
     * @return the files written, relative to {@code out}
     * @throws IOException if a file cannot be written
     */
    static List<Path> convert(Path originalFolder, Path out) throws IOException {
        OriginalBenchmarks data = OriginalBenchmarks.read(originalFolder);
        List<Path> written = new ArrayList<>();
        StringBuilder models = new StringBuilder("# The models of the reference data, in the order of the original "
                + "tool's benchmark run.\n");
        for (String model : data.models()) {
            models.append(model).append('\n');
            for (OriginalSystem system : data.systems()) {
                Path file = Path.of(model, system.resource().name() + ".json");
                ProfileFiles.write(reference(system, model), out.resolve(file));
                written.add(file);
            }
        }
        Files.writeString(out.resolve("models.txt"), models, StandardCharsets.UTF_8);
        written.add(Path.of("models.txt"));
        for (ReferenceNetwork n : ReferenceNetwork.values()) {
            Network network = OriginalNetworkCsv.read(originalFolder.resolve(n.originalFile()));
            Path file = Path.of("network-" + n.id() + ".json");
            NetworkFiles.write(network, out.resolve(file));
            written.add(file);
        }
        return written;
    }

    /** The profile as the original's reader builds it, with the paper's hardware and full attribution. */
    private static Profile reference(OriginalSystem system, String model) {
        Profile p = system.profile(model);
        String name = p.resource().name();
        Machine m = MACHINES.get(name);
        if (m == null) {
            throw new IllegalArgumentException("No Table II entry for the resource " + name);
        }
        Provenance o = p.provenance();
        String notes = String.format(Locale.ROOT, "The paper's %s. Measured by the authors of 'Scission: "
                + "Context-aware and Performance-driven Edge-based Distributed Deep Neural Networks' (L. Lockhart, "
                + "P. Harvey, P. Imai, P. Willis, B. Varghese; Queen's University Belfast) and published with the "
                + "original tool, https://github.com/qub-blesson/Scission (commit %s, benchmark_data/%s); figures "
                + "converted unchanged by Scission for Java (ReferenceDataConverter). Block times are means of an "
                + "assumed %d repeats (not stored), after one untimed run per block; output sizes are .npy file "
                + "sizes including the 128-byte header; the input size is the original's default upload of 0.15 MB; "
                + "the date of the measurement is not recorded.", m.paperName(), ORIGINAL_COMMIT,
                system.file().getFileName(), o.repeats());
        return new Profile(Resource.of(name, p.resource().tier(), m.hardware()), p.layout(),
                new Provenance(name, m.hardware(), m.os(), "none (Python)", "TensorFlow 2 / Keras (Python), the "
                        + "original Scission benchmark (scission_benchmark.py)", 0, 1, o.repeats(), Instant.EPOCH, 0.0,
                        "imagenet (Keras Applications)", notes),
                p.blocks(), p.ranges());
    }
}
