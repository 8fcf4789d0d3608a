package io.scission.tf;

import static org.assertj.core.api.Assertions.assertThat;

import io.scission.model.ModelGraph;
import io.scission.model.PartitionRule;
import io.scission.spi.ModelSource;
import org.junit.jupiter.api.Test;

class KerasModelFactoryTest {

    private final KerasModelFactory factory = new KerasModelFactory(TfLoadOptions.defaults());

    @Test
    void should_accept_zoo_names_and_keras_files_but_not_graphs_when_asked() {
        assertThat(factory.name()).isEqualTo("keras");
        assertThat(factory.accepts(new ModelSource("ResNet50"))).isTrue();
        assertThat(factory.accepts(new ModelSource("zoo:inception_v3"))).isTrue();
        assertThat(factory.accepts(ModelSource.of(Models.file("ml5-doodlenet-tfjs-layers")))).isTrue();
        assertThat(factory.accepts(ModelSource.of(Models.file("dl4j-keras-h5-small-cnns/12net.h5"))))
                .isTrue();
        assertThat(factory.accepts(ModelSource.of(Models.file("arm-kws-cnn-frozen/CNN_L.pb")))).isFalse();
        assertThat(factory.accepts(new ModelSource("resnet18"))).isFalse();
    }

    @Test
    void should_parse_without_building_and_open_a_runnable_model_when_given_a_zoo_name() {
        // WHEN
        ModelGraph graph = factory.parse(new ModelSource("MobileNetV2"));

        // THEN
        assertThat(graph.size()).isEqualTo(157);
        assertThat(graph.blocks(PartitionRule.SCISSION).partitionPoints()).isEqualTo(65);
        try (TfModel model = factory.open(new ModelSource("mobilenetv2"), 42)) {
            assertThat(model.structure().layers()).isEqualTo(graph.layers());
            assertThat(model.source()).isEqualTo("zoo:mobilenetv2");
            assertThat(model.weights()).isEqualTo("seeded-random(seed=42, variables)");
            assertThat(model.tensor(graph.outputs().get(0))).isEqualTo("Logits/Softmax:0");
        }
    }
}
