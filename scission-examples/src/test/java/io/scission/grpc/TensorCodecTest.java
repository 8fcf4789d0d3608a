package io.scission.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.scission.deploy.ElementType;
import io.scission.deploy.HostTensor;
import io.scission.grpc.proto.DataType;
import io.scission.grpc.proto.TensorProto;
import io.scission.grpc.proto.TensorShapeProto;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** HostTensor <-> TensorFlow's TensorProto, as TensorFlow Serving clients send it. */
class TensorCodecTest {

    @Test
    void should_give_back_the_same_tensor_when_encoding_and_decoding_every_type() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (ElementType t : ElementType.values()) {
            // GIVEN random bytes of a 2x3 tensor of the type (BOOL: 0 or 1)
            byte[] data = new byte[6 * t.bytes()];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) (t == ElementType.BOOL ? rnd.nextInt(2) : rnd.nextInt(256));
            }
            HostTensor x = HostTensor.of(t, List.of(2L, 3L), data);

            // WHEN
            TensorProto p = TensorCodec.encode(x);
            HostTensor y = TensorCodec.decode("x", TensorProto.newBuilder().mergeFrom(p).build());

            // THEN the same type, shape and bytes, carried as tensor_content
            assertThat(y).as(t.toString()).isEqualTo(x);
            assertThat(p.getTensorContent().size()).isEqualTo(data.length);
        }
    }

    @Test
    void should_use_tensorflows_type_numbers_when_encoding() {
        // THEN the numbers of tensorflow/core/framework/types.proto
        assertThat(TensorCodec.dataType(ElementType.FLOAT32).getNumber()).isEqualTo(1);
        assertThat(TensorCodec.dataType(ElementType.INT64).getNumber()).isEqualTo(9);
        assertThat(TensorCodec.dataType(ElementType.FLOAT16).getNumber()).isEqualTo(19);
        assertThat(TensorCodec.dataType(ElementType.UINT64).getNumber()).isEqualTo(23);
    }

    @Test
    void should_read_float_val_when_a_client_sends_typed_values() {
        // GIVEN a [2] float tensor as float_val, the way TensorFlow Serving's Python client's make_tensor_proto may
        TensorProto p = TensorProto.newBuilder().setDtype(DataType.DT_FLOAT)
                .setTensorShape(TensorShapeProto.newBuilder().addDim(TensorShapeProto.Dim.newBuilder().setSize(2)))
                .addFloatVal(1.5f).addFloatVal(-2f).build();

        // WHEN
        HostTensor x = TensorCodec.decode("input_1", p);

        // THEN
        assertThat(x).isEqualTo(HostTensor.ofFloats(List.of(2L), 1.5f, -2f));
    }

    @Test
    void should_name_the_tensor_when_its_content_does_not_fit_its_shape() {
        // GIVEN 3 floats' bytes for a [2, 2] tensor
        TensorProto p = TensorProto.newBuilder().setDtype(DataType.DT_FLOAT)
                .setTensorShape(TensorShapeProto.newBuilder().addDim(TensorShapeProto.Dim.newBuilder().setSize(2))
                        .addDim(TensorShapeProto.Dim.newBuilder().setSize(2)))
                .setTensorContent(ByteString.copyFrom(new byte[12])).build();

        // WHEN / THEN
        assertThatThrownBy(() -> TensorCodec.decode("conv_pw_1_relu", p)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The tensor conv_pw_1_relu (float32, shape [2, 2]) has 12 bytes of content; its shape "
                        + "needs 16.\nMaybe check the sender's shape and type.");
    }

    @Test
    void should_refuse_a_string_tensor_when_decoding() {
        // GIVEN
        TensorProto p = TensorProto.newBuilder().setDtype(DataType.DT_STRING).build();

        // WHEN / THEN
        assertThatThrownBy(() -> TensorCodec.decode("wav", p)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("The tensor wav has the type DT_STRING, which a deployment does not carry.");
    }

    @Test
    void should_refuse_a_shape_beyond_2_gib_when_decoding() {
        // GIVEN [65536, 65536] floats
        TensorShapeProto.Dim big = TensorShapeProto.Dim.newBuilder().setSize(65_536).build();
        TensorProto p = TensorProto.newBuilder().setDtype(DataType.DT_FLOAT)
                .setTensorShape(TensorShapeProto.newBuilder().addDim(big).addDim(big)).build();

        // WHEN / THEN
        assertThatThrownBy(() -> TensorCodec.decode("x", p)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("larger than 2 GiB");
    }
}
