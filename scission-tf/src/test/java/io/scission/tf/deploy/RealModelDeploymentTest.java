package io.scission.tf.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.scission.deploy.Deployment;
import io.scission.deploy.ElementType;
import io.scission.deploy.ExportOptions;
import io.scission.deploy.HostTensor;
import io.scission.deploy.SegmentPlan;
import io.scission.model.ModelGraph;
import io.scission.model.PartitionRule;
import io.scission.platform.Resource;
import io.scission.spi.ModelSource;
import io.scission.tf.Models;
import io.scission.tf.TfLoadOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every real model of the shared corpus ({@code shared/models}, found by {@link Models}; skipped with a message
 * when absent) that scission-tf can load and run, exported under a plan of up to three segments at partition points
 * of the scission rule, checked like the zoo models. Files that cannot be loaded at all, and why: {@code 12net.h5}
 * (its input size is free and Keras files loaded through a model source take no input shape yet),
 * {@code dual_res.json} (the Keras reader does not take this file), {@code yolo9000_tf_keras_2.json} (a Lambda
 * layer holding Python bytecode).
 */
class RealModelDeploymentTest {

    @TempDir
    static Path dir;

    /**
     * A model of the corpus.
     *
     * @param name a short name
     * @param path the path under shared/models
     * @param load the load options it needs
     * @param input its input, or null for seeded random values
     */
    record Case(String name, String path, TfLoadOptions load, Function<ModelRunner, Map<String, HostTensor>> input) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> models() {
        TfLoadOptions d = TfLoadOptions.defaults();
        TfLoadOptions mfcc = d.withInputs("Mfcc:0");
        Function<ModelRunner, Map<String, HostTensor>> random = m -> Deployments.randomInputs(m.inputs(), 7L);
        return Stream.of(
                new Case("openmv-mobilenet", "arm-openmv-mobilenet-savedmodel/model", d, random),
                new Case("effdet-fake (10 outputs)", "tfexamples-fake-effdet-lite0-savedmodel/model", d, random),
                new Case("tfnet-mnist", "tfnet-keras-functional-savedmodel/model", d, random),
                new Case("tfjava-add (1 block)", "tfjava-saved-model-using-python/model",
                        d.withSignature("add").withInputShape("add_a:0").withInputShape("add_b:0"), random),
                new Case("half-plus-two (2 blocks)", "tfserving-half-plus-two-tf2/model", d, random),
                new Case("ds-cnn-l", "arm-kws-ds-cnn-frozen/DS_CNN_L.pb", mfcc, random),
                new Case("ds-cnn-s", "arm-kws-ds-cnn-frozen/DS_CNN_S.pb", mfcc, random),
                new Case("cnn-l", "arm-kws-cnn-frozen/CNN_L.pb", mfcc, random),
                new Case("mtcnn (while loop, 4 inputs)", "mtcnn-frozen/mtcnn.pb",
                        d.withInputs("input:0", "min_size:0", "thresholds:0", "factor:0")
                                .withInputShape("input:0", 160, 160, 3).withInputShape("min_size:0")
                                .withInputShape("thresholds:0", 3).withInputShape("factor:0"),
                        RealModelDeploymentTest::mtcnnInput),
                new Case("tfjs-mobilenet-v1 (weights stripped)",
                        "tfjs-converter-mobilenet-v1-graph-noweights/optimized_model.pb", d, random),
                new Case("wgan-discriminator.h5", "dl4j-keras-h5-small-cnns/wgan_discriminator.h5", d, random),
                new Case("kotlindl-densenet121.json", "kotlindl-keras-applications-json/densenet121.json", d, random),
                new Case("kotlindl-efficientnetb0.json", "kotlindl-keras-applications-json/efficientb0.json", d, random),
                new Case("kotlindl-inception.json", "kotlindl-keras-applications-json/inception.json", d, random),
                new Case("kotlindl-mobilenet.json", "kotlindl-keras-applications-json/mobilenet.json", d, random),
                new Case("kotlindl-xception.json", "kotlindl-keras-applications-json/xception.json", d, random),
                new Case("kotlindl-toyresnet.json", "kotlindl-toyresnet-json-h5/modelConfig.json", d, random),
                new Case("darknet-tiny (tfjs)", "ml5-darknet-tiny-tfjs-layers/model.json", d, random),
                new Case("doodlenet (tfjs)", "ml5-doodlenet-tfjs-layers/model.json", d, random),
                new Case("nsfwjs-inceptionv3.json (tfjs)", "nsfwjs-inceptionv3-tfjs-layers-json/model.json", d, random),
                new Case("nsfwjs-mobilenetv2 (tfjs, uint8 weights)", "nsfwjs-mobilenetv2-tfjs-layers/model.json", d,
                        random));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void should_compute_what_the_whole_model_computes_when_a_real_model_is_cut(Case c) {
        // GIVEN the model, and cuts at partition points near a third and two thirds of its layers (fewer if it has
        // fewer blocks)
        Path file = Models.require(Models.ROOT.resolve(c.path()));
        try (ModelRunner model = Deployments.openModel(ModelSource.of(file), c.load(), 42L)) {
            ModelGraph g = model.model().structure();
            List<Integer> cuts = cuts(g);
            List<Resource> resources = new ArrayList<>(DeploymentChecks.THREE.subList(3 - (cuts.size() + 1), 3));
            Path out = dir.resolve(c.name().replaceAll("[^A-Za-z0-9]", "_"));

            // WHEN
            long t0 = System.nanoTime();
            Deployment d = Deployments.export(model, SegmentPlan.cuts(PartitionRule.SCISSION, cuts, resources), out,
                    ExportOptions.defaults().withVerify(false));
            double exportSeconds = (System.nanoTime() - t0) / 1e9;
            DeploymentChecks.Outcome o = DeploymentChecks.check(model, out, c.input().apply(model));

            // THEN
            assertThat(d.segments()).hasSize(cuts.size() + 1);
            assertThat(d.model().source()).isEqualTo(file.toString());
            assertThat(d.model().filesSha256()).hasSize(64);
            DeploymentChecks.report("real.md", DeploymentChecks.row(c.name(), "scission cuts " + cuts + " ("
                    + d.model().weights().replaceAll(" because.*", "") + ")", exportSeconds, o));
            AtomicFiles.deleteRecursively(out);
        }
    }

    static List<Integer> cuts(ModelGraph g) {
        List<Integer> points = new ArrayList<>(DeploymentChecks.points(g, PartitionRule.SCISSION));
        if (points.size() >= 2) {
            return DeploymentChecks.thirds(g, PartitionRule.SCISSION);
        }
        return points;
    }

    /** A 160x160 RGB image of seeded values in [0, 255], min size 20, thresholds 0.6/0.7/0.7, factor 0.709. */
    static Map<String, HostTensor> mtcnnInput(ModelRunner m) {
        SplittableRandom rnd = new SplittableRandom(7);
        ByteBuffer b = ByteBuffer.allocate(160 * 160 * 3 * 4).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            b.putFloat((float) rnd.nextDouble(255));
        }
        Map<String, HostTensor> in = new LinkedHashMap<>();
        in.put("input:0", HostTensor.of(ElementType.FLOAT32, List.of(160L, 160L, 3L), b.array()));
        in.put("input:1", HostTensor.ofFloats(List.of(), 20f));
        in.put("input:2", HostTensor.ofFloats(List.of(3L), 0.6f, 0.7f, 0.7f));
        in.put("input:3", HostTensor.ofFloats(List.of(), 0.709f));
        assertThat(Deployment.keysOf(m.inputs())).containsExactlyElementsOf(in.keySet());
        return in;
    }
}
