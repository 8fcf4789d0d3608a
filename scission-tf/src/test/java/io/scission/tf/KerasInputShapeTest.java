package io.scission.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scission.Scission;
import io.scission.ScissionException;
import io.scission.model.ModelGraph;
import io.scission.model.PartitionRule;
import io.scission.platform.Resource;
import io.scission.platform.Tier;
import io.scission.profile.Profile;
import io.scission.spi.ModelSource;
import io.scission.spi.ProfileRequest;
import io.scission.spi.ProgressListener;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@link TfLoadOptions#withInputShape} for Keras files whose input size is free, through the facade. */
class KerasInputShapeTest {

    private static final ProfileRequest QUICK = new ProfileRequest(Resource.of("test-machine", Tier.EDGE),
            PartitionRule.SCISSION, 0, 0, 2, 42L);

    private static ModelSource fcn() throws URISyntaxException {
        return ModelSource.of(Path.of(KerasInputShapeTest.class.getResource("tiny_fcn.json").toURI()));
    }

    private static TensorFlowProfiler profiler(TfLoadOptions o) {
        return new TensorFlowProfiler(o, TfTimingOptions.defaults());
    }

    @Test
    void should_profile_at_the_given_size_when_a_free_input_gets_a_shape_for_all_inputs() throws URISyntaxException {
        // GIVEN a fully convolutional Keras model, input (None, None, None, 3)
        TfLoadOptions o = TfLoadOptions.defaults().withInputShape(TfLoadOptions.ALL_INPUTS, -1, 24, 24, 3);

        // WHEN
        Profile p = Scission.profile(fcn(), QUICK, ProgressListener.NONE, profiler(o));

        // THEN 24x24x3 float32 in; conv 3x3 valid -> 22x22x8, pool -> 11x11x8, conv 1x1 -> 11x11x2
        assertThat(p.layout().inputBytes()).isEqualTo(24 * 24 * 3 * 4);
        assertThat(p.layout().blocks().get(p.layout().size() - 1).outputBytes()).isEqualTo(11 * 11 * 2 * 4);
        assertThat(p.wholeModel().orElseThrow().timing().summary().median()).isPositive();
    }

    @Test
    void should_take_the_input_layer_or_its_tensor_name_when_parsing() throws URISyntaxException {
        // GIVEN / WHEN
        ModelGraph byLayer = new TensorFlowModelParser(TfLoadOptions.defaults().withInputShape("image", 1, 10, 10, 3))
                .parse(fcn());
        ModelGraph byTensor = new TensorFlowModelParser(TfLoadOptions.defaults()
                .withInputShape("image:0", -1, 10, 10, 3)).parse(fcn());

        // THEN
        assertThat(byLayer.layers().get(1).output().shape()).containsExactly(-1L, 8L, 8L, 8L);
        assertThat(byTensor.layers()).isEqualTo(byLayer.layers());
    }

    @Test
    void should_fail_naming_the_inputs_when_the_shape_names_no_input() {
        assertThatThrownBy(() -> new TensorFlowModelParser(TfLoadOptions.defaults()
                .withInputShape("conv1", -1, 10, 10, 3)).parse(fcn()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(conv1)")
                .hasMessageContaining("its inputs: image");
    }

    @Test
    void should_say_how_to_give_the_shape_when_none_is_given() {
        assertThatThrownBy(() -> Scission.profile(fcn(), QUICK, ProgressListener.NONE, new TensorFlowProfiler()))
                .isInstanceOf(ScissionException.class).hasMessageContaining("tiny_fcn.json")
                .hasMessageContaining("only known at run time")
                .hasMessageContaining("TfLoadOptions.withInputShape(\"image\", -1, 224, 224, 3)");
    }

    @Test
    void should_reject_a_shape_without_a_dimension_besides_the_batch_when_the_input_is_a_keras_layer() {
        // a graph's input may be a scalar or a vector (MTCNN's min_size:0, thresholds:0); a Keras input may not
        assertThatThrownBy(() -> new TensorFlowModelParser(TfLoadOptions.defaults().withInputShape("image", 12))
                .parse(fcn())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[12]")
                .hasMessageContaining("image").hasMessageContaining("no dimension besides the batch");
        assertThatThrownBy(() -> TfLoadOptions.defaults().withInputShape("image", -1, 0, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("([-1, 0, 3])")
                .hasMessageContaining("image");
    }

    @Test
    void should_profile_12net_at_12x12_when_given_the_shape() {
        // GIVEN the real 12net.h5 (MTCNN's first stage, input (None, None, None, 3))
        Path h5 = Models.require(Models.ROOT.resolve("dl4j-keras-h5-small-cnns/12net.h5"));
        TfLoadOptions o = TfLoadOptions.defaults().withInputShape(TfLoadOptions.ALL_INPUTS, -1, 12, 12, 3);

        // WHEN
        Profile p = Scission.profile(ModelSource.of(h5), QUICK, ProgressListener.NONE, profiler(o));

        // THEN
        assertThat(p.layout().inputBytes()).isEqualTo(12 * 12 * 3 * 4);
        assertThat(p.blocks()).isNotEmpty();
        assertThat(p.provenance().weights()).contains("keras-h5");
    }
}
