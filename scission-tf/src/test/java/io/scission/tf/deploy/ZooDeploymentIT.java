package io.scission.tf.deploy;

import io.scission.model.PartitionRule;
import io.scission.tf.zoo.KerasZoo;
import io.scission.tf.zoo.ZooModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * All 18 zoo models cut into three segments, checked like {@link ZooDeploymentTest} (slow profile:
 * {@code mvn -B -P slow verify -pl scission-tf -am -Dit.test=ZooDeploymentIT}). The six of the default build run
 * here under the other partition rule; the others alternate between the rules.
 */
class ZooDeploymentIT {

    private static final Set<String> DEFAULT_BUILD = Set.of("vgg16", "resnet50", "mobilenetv2", "densenet121",
            "inception_v3", "nasnetmobile");

    @TempDir
    static Path dir;

    static Stream<Arguments> models() {
        List<ZooModel> all = KerasZoo.models();
        return java.util.stream.IntStream.range(0, all.size()).mapToObj(i -> {
            String key = all.get(i).key();
            PartitionRule rule;
            if (DEFAULT_BUILD.contains(key)) {
                rule = ZooDeploymentTest.models().filter(a -> a.get()[0].equals(key))
                        .map(a -> (PartitionRule) a.get()[1]).findFirst().orElseThrow().equals(PartitionRule.SCISSION)
                        ? PartitionRule.SINGLE_TENSOR : PartitionRule.SCISSION;
            } else {
                rule = i % 2 == 0 ? PartitionRule.SCISSION : PartitionRule.SINGLE_TENSOR;
            }
            return Arguments.of(key, rule);
        });
    }

    @ParameterizedTest(name = "{0} under {1}")
    @MethodSource("models")
    void should_compute_what_the_whole_model_computes_when_cut_into_three_segments(String name, PartitionRule rule) {
        ZooDeploymentTest.check(dir, name, rule, "zoo-it.md");
    }
}
