package io.scission.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostTensorTest {

    @Test
    void should_measure_the_largest_difference_when_comparing_tensors() {
        // GIVEN
        HostTensor a = HostTensor.ofFloats(List.of(2L, 2L), 1f, -2f, 3f, 0f);
        HostTensor b = HostTensor.ofFloats(List.of(2L, 2L), 1f, -2.5f, 3.25f, 0f);

        // WHEN / THEN
        assertThat(a.maxAbsDifference(b)).isEqualTo(0.5);
        assertThat(a.maxAbs()).isEqualTo(3.0);
        assertThat(a.maxAbsDifference(a)).isZero();
    }

    @Test
    void should_count_a_nan_as_a_difference_when_only_one_side_has_it() {
        // GIVEN
        HostTensor a = HostTensor.ofFloats(List.of(2L), Float.NaN, 1f);
        HostTensor b = HostTensor.ofFloats(List.of(2L), 0f, 1f);

        // WHEN / THEN
        assertThat(a.maxAbsDifference(b)).isNaN();
        assertThat(a.maxAbsDifference(a)).isZero();
    }

    @Test
    void should_decode_half_precision_when_reading_float16() {
        // GIVEN 1.0, -2.0, the smallest subnormal, infinity (IEEE binary16 bit patterns)
        HostTensor h = HostTensor.of(ElementType.FLOAT16, List.of(4L),
                new byte[] {0x00, 0x3c, 0x00, (byte) 0xc0, 0x01, 0x00, 0x00, 0x7c});

        // WHEN / THEN
        assertThat(h.value(0)).isEqualTo(1.0);
        assertThat(h.value(1)).isEqualTo(-2.0);
        assertThat(h.value(2)).isEqualTo(Math.pow(2, -24));
        assertThat(h.value(3)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Tensors.floatToHalf(1.5f)).isEqualTo((short) 0x3e00);
    }

    @Test
    void should_name_type_shape_and_sizes_when_the_data_does_not_fit_the_shape() {
        // WHEN / THEN
        assertThatThrownBy(() -> HostTensor.of(ElementType.INT32, List.of(2L, 3L), new byte[20]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("20 bytes")
                .hasMessageContaining("int32").hasMessageContaining("[2, 3]").hasMessageContaining("24");
        assertThatThrownBy(() -> HostTensor.ofFloats(List.of(-1L), 1f)).hasMessageContaining("[-1]")
                .hasMessageContaining("negative");
        assertThatThrownBy(() -> HostTensor.ofFloats(List.of(1L), 1f).maxAbsDifference(
                HostTensor.ofFloats(List.of(1L, 1L), 1f))).hasMessageContaining("float32[1]")
                .hasMessageContaining("float32[1, 1]");
    }
}
