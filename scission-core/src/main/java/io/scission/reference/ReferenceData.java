package io.scission.reference;

import static java.util.Objects.requireNonNull;

import io.scission.platform.Network;
import io.scission.platform.NetworkFiles;
import io.scission.profile.Profile;
import io.scission.profile.ProfileFiles;
import io.scission.profile.ProfileSet;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The paper's hardware, built in: the block timings of the 18 Keras Applications models of the paper's Table I on
 * its five machines, and its two measured networks, so plans for a Raspberry Pi 4, two edge servers and a cloud
 * machine with and without GPU need no profiling.
 *
 * <pre>{@code
 * ProfileSet resnet50 = Scission.referenceProfiles("resnet50");
 * QueryResult best = Scission.query().top(3)
 *         .solve(resnet50, Scission.referenceNetwork(ReferenceNetwork.WIRED));
 * }</pre>
 *
 * <h2>Where the figures come from</h2>
 * Measured by the authors of <em>Scission: Context-aware and Performance-driven Edge-based Distributed Deep Neural
 * Networks</em> (L. Lockhart, P. Harvey, P. Imai, P. Willis, B. Varghese; Queen's University Belfast) and published
 * with their tool, <a href="https://github.com/qub-blesson/Scission">qub-blesson/Scission</a>, as the benchmark
 * files {@code benchmark_data/*.dat} and network files {@code network_stats*.csv}. They were converted into this
 * library's profile and network formats, figures unchanged; every profile's provenance says so and names its file.
 * The machines, as Table II of the paper describes them (the edge names are matched to the paper's Edge (1) and
 * Edge (2) by core count and by Table III):
 * <table>
 *   <caption>Resources</caption>
 *   <tr><th>resource</th><th>tier</th><th>the paper's name</th><th>hardware</th></tr>
 *   <tr><td>{@code raspi4}</td><td>device</td><td>Device</td><td>Raspberry Pi 4, ARMv8 1.5 GHz, 4 cores</td></tr>
 *   <tr><td>{@code vm2Core}</td><td>edge</td><td>Edge (1)</td><td>AMD64 4.5 GHz, 2 cores</td></tr>
 *   <tr><td>{@code 2500}</td><td>edge</td><td>Edge (2)</td><td>AMD64 3.7 GHz, 4 cores</td></tr>
 *   <tr><td>{@code 6700k(NoGPU)}</td><td>cloud</td><td>Cloud</td><td>AMD64 4.5 GHz, 8 cores</td></tr>
 *   <tr><td>{@code 6700k(GPU)}</td><td>cloud</td><td>Cloud (with GPU)</td><td>the same with an Nvidia GTX
 *       1070</td></tr>
 * </table>
 *
 * <p>As the original stored them: block times are means (of an assumed 10 repeats; medians and samples were not
 * kept), output sizes are the sizes of {@code .npy} files including their 128-byte header, the input size is the
 * original's default upload of 0.15 MB, and layers are Keras {@code model.layers} indices. Blocks follow the
 * {@link io.scission.model.PartitionRule#SCISSION} rule.
 *
 * @since 0.1
 */
public final class ReferenceData {

    private static final String ROOT = "/io/scission/reference/";
    private static final Map<String, ProfileSet> PROFILES = new ConcurrentHashMap<>();
    private static final Map<ReferenceNetwork, Network> NETWORKS = new ConcurrentHashMap<>();

    /** The resources of every model, in file-name order, as {@code <resource>.json} under the model's folder. */
    static final List<String> RESOURCES = List.of("6700k(GPU)", "6700k(NoGPU)", "raspi4", "2500", "vm2Core");

    private ReferenceData() {
    }

    /**
     * Returns the names of the 18 models, in the order of the original's benchmark run.
     *
     * @return lower-case names as the original stores them, e.g. {@code vgg19}, {@code inception_v3}
     */
    public static List<String> models() {
        return Models.NAMES;
    }

    /**
     * Returns the profiles of a model on the paper's five machines.
     *
     * @param model a name of {@link #models()}, in any case
     * @return the profiles, one per resource
     * @throws IllegalArgumentException if the model is not one of them
     */
    public static ProfileSet profiles(String model) {
        requireNonNull(model, "model");
        String key = model.toLowerCase(Locale.ROOT);
        if (!Models.NAMES.contains(key)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "The model (%s) is not in the reference "
                    + "data.%nMaybe use one of: %s.", model, String.join(", ", Models.NAMES)));
        }
        return PROFILES.computeIfAbsent(key, ReferenceData::load);
    }

    /**
     * Returns one of the networks the original tool was published with.
     *
     * @param network which
     * @return the network, with links between the reference resources' names
     */
    public static Network network(ReferenceNetwork network) {
        requireNonNull(network, "network");
        return NETWORKS.computeIfAbsent(network, n -> {
            String name = ROOT + "network-" + n.id() + ".json";
            try (InputStream in = open(name)) {
                return NetworkFiles.read(name, in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static ProfileSet load(String model) {
        List<Profile> profiles = new ArrayList<>();
        for (String resource : RESOURCES) {
            String name = ROOT + model + "/" + resource + ".json";
            try (InputStream in = open(name)) {
                profiles.add(ProfileFiles.read(name, in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return ProfileSet.of(profiles);
    }

    private static InputStream open(String name) {
        InputStream in = ReferenceData.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(String.format(Locale.ROOT, "The reference data file (%s) is missing from "
                    + "the class path.%nMaybe the scission-core jar was repackaged without its resources.", name));
        }
        return in;
    }

    /** The model list, read once from {@code models.txt}. */
    private static final class Models {
        static final List<String> NAMES = read();

        private static List<String> read() {
            String name = ROOT + "models.txt";
            try (BufferedReader r = new BufferedReader(new InputStreamReader(open(name), StandardCharsets.UTF_8))) {
                return r.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
