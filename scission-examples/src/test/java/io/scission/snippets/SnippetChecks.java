package io.scission.snippets;

import static io.scission.platform.DataUnit.MB;
import static io.scission.platform.Tier.CLOUD;
import static io.scission.platform.Tier.DEVICE;
import static io.scission.platform.Tier.EDGE;
import static io.scission.profile.TimingStatistic.MEDIAN;
import static org.assertj.core.api.Assertions.assertThat;

import io.scission.Parameter;
import io.scission.PartitionConfig;
import io.scission.PlanMap;
import io.scission.QueryResult;
import io.scission.Scission;
import io.scission.deploy.Npy;
import io.scission.platform.NetworkPreset;
import io.scission.profile.Profile;
import io.scission.profile.ProfileSet;
import io.scission.reference.ReferenceNetwork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What each Java block of the README and docs must do when run, by its main class: which consumer project runs it
 * (one that depends on scission-core alone, or one with scission-tf and TensorFlow's natives) and what it must print
 * and write. A new block needs an entry here ({@link SnippetsTest} fails without one). The expected output is
 * computed here, through the library, from the same files the block read (or the same built-in data), so a block
 * that runs but prints something else fails.
 */
final class SnippetChecks {

    private SnippetChecks() {
    }

    /** The project that runs a block. */
    enum Consumer {
        /** Depends on the README's scission-core dependency block only: no TensorFlow. */
        CORE,
        /** Depends on the README's scission-tf block: scission-tf and the linux-x86_64 natives. */
        TENSORFLOW
    }

    /** Checks a block's run: the folder it ran in (and wrote to) and what it printed on standard output. */
    interface Check {
        void verify(Path dir, List<String> out) throws Exception;
    }

    /** What a block needs and must do. */
    record Expectation(Consumer consumer, Check check) {
    }

    /** The expectations by main class (the module declaration needs none: it is compiled by every module run). */
    static final Map<String, Expectation> BY_MAIN_CLASS = Map.of(
            "com.example.PlanQuery", new Expectation(Consumer.CORE, SnippetChecks::planQuery),
            "com.example.PaperHardware", new Expectation(Consumer.CORE, SnippetChecks::paperHardware),
            "com.example.BandwidthMap", new Expectation(Consumer.CORE, SnippetChecks::bandwidthMap),
            "com.example.ProfileModel", new Expectation(Consumer.TENSORFLOW, SnippetChecks::profileModel),
            "com.example.DeployPlan", new Expectation(Consumer.TENSORFLOW, SnippetChecks::deployPlan));

    private static List<String> describe(QueryResult result) {
        return result.plans().stream().map(PartitionConfig::describe).toList();
    }

    /** README "Use it as a library": the three best plans that use the edge, on the profiles it read. */
    static void planQuery(Path dir, List<String> out) {
        ProfileSet profiles = Scission.readProfiles(dir.resolve("profiles/mobilenet"));
        QueryResult expected = Scission.query().mustUse(EDGE).maxTransfer(EDGE, CLOUD, 1, MB).top(3)
                .solve(profiles, Scission.network(NetworkPreset.FOUR_G));
        assertThat(expected.plans()).as("the fixture's profiles admit three plans").hasSize(3);
        assertThat(out).containsExactlyElementsOf(describe(expected));
    }

    /** docs/reference-data.md: the two best plans of ResNet50 on the paper's hardware that use the edge. */
    static void paperHardware(Path dir, List<String> out) {
        QueryResult expected = Scission.query().mustUse(EDGE).top(2).solve(Scission.referenceProfiles("resnet50"),
                Scission.referenceNetwork(ReferenceNetwork.WIRED));
        assertThat(expected.plans()).hasSize(2);
        assertThat(out).containsExactlyElementsOf(describe(expected));
    }

    /** README "Plan maps": the map's intervals over 0.1-100 Mbps device-edge, then the plan at 12.4 Mbps. */
    static void bandwidthMap(Path dir, List<String> out) {
        ProfileSet profiles = Scission.readProfiles(dir.resolve("profiles/mobilenet"));
        PlanMap map = Scission.query().mustUse(EDGE).mapOver(Parameter.bandwidth(DEVICE, EDGE), 0.1, 100)
                .solve(profiles, Scission.network(NetworkPreset.FOUR_G));
        List<String> expected = new java.util.ArrayList<>();
        map.intervals().forEach(i -> expected.add(i.toString()));
        expected.add("at 12.4 Mbps: " + map.planAt(12.4).orElseThrow().describe());
        assertThat(out).containsExactlyElementsOf(expected);
    }

    /** README "Profile a TensorFlow model": the layout it printed, the profile it wrote and its additivity error. */
    static void profileModel(Path dir, List<String> out) {
        Profile written = Scission.readProfile(dir.resolve("profiles/my_model/edge-1.json"));
        assertThat(written.resource().name()).isEqualTo("edge-1");
        assertThat(written.resource().tier()).isEqualTo(EDGE);
        assertThat(written.blocks()).isNotEmpty()
                .allSatisfy(b -> assertThat(b.timing().samples()).as("the passes the default rule took")
                        .hasSize(written.provenance().repeats()));
        double error = written.additivityError(MEDIAN).orElseThrow();
        assertThat(out).containsExactly(
                written.layout().layerCount() + " layers in " + written.blocks().size() + " blocks",
                String.format("additivity error %+.1f %%", 100 * error));
    }

    /** README "Deploy a plan": one timing line per segment of the best plan, the deployment and the output. */
    static void deployPlan(Path dir, List<String> out) throws Exception {
        ProfileSet profiles = Scission.readProfiles(dir.resolve("profiles/mobilenet"));
        PartitionConfig best = Scission.query().mustUse(EDGE)
                .solve(profiles, Scission.network(NetworkPreset.FOUR_G)).best().orElseThrow();
        assertThat(out).hasSize(best.segments().size());
        for (int i = 0; i < out.size(); i++) {
            assertThat(out.get(i)).matches("segment " + i + " on " + Pattern.quote(best.segments().get(i).resource()
                    .name()) + ": [0-9]+[.,][0-9]{2} ms");
        }
        assertThat(dir.resolve("deploy/mobilenet-4g/deployment.json")).isRegularFile();
        try (var segments = Files.list(dir.resolve("deploy/mobilenet-4g"))) {
            assertThat(segments.filter(Files::isDirectory).count()).isEqualTo(best.segments().size());
        }
        assertThat(Npy.read(dir.resolve("deploy/y.npy")).shape()).containsExactly(1L, 1000L);
    }
}
