package io.scission.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scission.InvalidFileException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Npy} against files NumPy 2.4.6 wrote ({@code src/test/resources/io/scission/tf/deploy/npy}, made by
 * {@code make_fixtures.py} there) and against the format's rules (numpy.lib.format).
 */
class NpyTest {

    static Path fixture(String name) {
        try {
            return Path.of(NpyTest.class.getResource("npy/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Nested
    class Reading {

        @Test
        void should_read_float32_values_and_shape_when_numpy_wrote_them() {
            // WHEN
            HostTensor t = Npy.read(fixture("f32_2x3.npy"));

            // THEN np.arange(6).reshape(2, 3) * 0.5 - 1
            assertThat(t.type()).isEqualTo(ElementType.FLOAT32);
            assertThat(t.shape()).containsExactly(2L, 3L);
            assertThat(t.toFloats()).containsExactly(-1f, -0.5f, 0f, 0.5f, 1f, 1.5f);
        }

        @Test
        void should_read_uint8_and_int32_extremes_when_numpy_wrote_them() {
            // WHEN
            HostTensor u8 = Npy.read(fixture("u8_4.npy"));
            HostTensor i32 = Npy.read(fixture("i32_2x2x2.npy"));

            // THEN
            assertThat(u8.type()).isEqualTo(ElementType.UINT8);
            assertThat(values(u8)).containsExactly(0.0, 1.0, 127.0, 255.0);
            assertThat(i32.type()).isEqualTo(ElementType.INT32);
            assertThat(i32.shape()).containsExactly(2L, 2L, 2L);
            assertThat(values(i32)).containsExactly(0.0, -1.0, 2147483647.0, -2147483648.0, 7.0, 8.0, 9.0, 10.0);
        }

        @Test
        void should_read_scalars_empty_arrays_and_other_types_when_numpy_wrote_them() {
            // WHEN
            HostTensor scalar = Npy.read(fixture("f32_scalar.npy"));
            HostTensor empty = Npy.read(fixture("f32_0x3.npy"));
            HostTensor i64 = Npy.read(fixture("i64_3.npy"));
            HostTensor f16 = Npy.read(fixture("f16_3.npy"));
            HostTensor bool = Npy.read(fixture("bool_3.npy"));

            // THEN
            assertThat(scalar.shape()).isEmpty();
            assertThat(scalar.toFloats()).containsExactly(3.25f);
            assertThat(empty.shape()).containsExactly(0L, 3L);
            assertThat(empty.elements()).isZero();
            assertThat(values(i64)).containsExactly(-5.0, 0.0, 0x1p40);
            assertThat(f16.type()).isEqualTo(ElementType.FLOAT16);
            assertThat(values(f16)).containsExactly(1.5, -2.0, 65504.0);
            assertThat(values(bool)).containsExactly(1.0, 0.0, 1.0);
        }

        @ParameterizedTest
        @ValueSource(strings = {"f32_2x3_v2.npy", "f32_2x3_v3.npy", "f32_be.npy"})
        void should_read_the_same_values_when_the_file_uses_version_2_or_3_or_big_endian(String file) {
            // WHEN
            HostTensor t = Npy.read(fixture(file));

            // THEN converted to little-endian, values unchanged
            assertThat(t).isEqualTo(Npy.read(fixture("f32_2x3.npy")));
        }

        private List<Double> values(HostTensor t) {
            Double[] v = new Double[(int) t.elements()];
            for (int i = 0; i < v.length; i++) {
                v[i] = t.value(i);
            }
            return Arrays.asList(v);
        }
    }

    @Nested
    class Writing {

        @ParameterizedTest
        @ValueSource(strings = {"f32_2x3.npy", "u8_4.npy", "i32_2x2x2.npy", "f32_scalar.npy", "f32_0x3.npy",
            "i64_3.npy", "f16_3.npy", "bool_3.npy"})
        void should_write_the_bytes_numpy_writes_when_given_its_array(String file) throws IOException {
            // GIVEN
            byte[] numpy = Files.readAllBytes(fixture(file));

            // WHEN
            byte[] ours = Npy.toBytes(Npy.parse(file, numpy));

            // THEN byte for byte: magic, version 1.0, header with NumPy's spare space and 64-byte alignment, data
            assertThat(ours).isEqualTo(numpy);
        }

        @Test
        void should_round_trip_through_a_file_when_written_and_read(@TempDir Path dir) {
            // GIVEN
            HostTensor t = HostTensor.ofFloats(List.of(1L, 2L, 2L), 1f, -2f, Float.MIN_VALUE, Float.NaN);

            // WHEN
            Npy.write(dir.resolve("x.npy"), t);

            // THEN the same bytes back, and no temporary file left beside it
            assertThat(Npy.read(dir.resolve("x.npy"))).isEqualTo(t);
            assertThat(dir.toFile().list()).containsExactly("x.npy");
        }
    }

    @Nested
    class BadInput {

        @Test
        void should_name_the_file_and_sizes_when_the_data_is_truncated(@TempDir Path dir) throws IOException {
            // GIVEN the float32 (2, 3) file without its last 5 bytes
            byte[] bytes = Files.readAllBytes(fixture("f32_2x3.npy"));
            Path file = dir.resolve("cut.npy");
            Files.write(file, Arrays.copyOf(bytes, bytes.length - 5));

            // WHEN / THEN
            assertThatThrownBy(() -> Npy.read(file)).isInstanceOf(InvalidFileException.class)
                    .hasMessageContaining("cut.npy").hasMessageContaining("truncated")
                    .hasMessageContaining("float32 (2, 3), 24 bytes of data, but only 19 bytes");
        }

        @Test
        void should_say_where_it_ends_when_the_header_is_truncated(@TempDir Path dir) throws IOException {
            // GIVEN
            Path file = dir.resolve("head.npy");
            Files.write(file, Arrays.copyOf(Files.readAllBytes(fixture("f32_2x3.npy")), 40));

            // WHEN / THEN
            assertThatThrownBy(() -> Npy.read(file)).isInstanceOf(InvalidFileException.class)
                    .hasMessageContaining("head.npy").hasMessageContaining("truncated")
                    .hasMessageContaining("118-byte header");
        }

        @Test
        void should_refuse_extra_bytes_when_data_follows_the_array(@TempDir Path dir) throws IOException {
            // GIVEN
            byte[] bytes = Files.readAllBytes(fixture("u8_4.npy"));
            Path file = dir.resolve("extra.npy");
            Files.write(file, Arrays.copyOf(bytes, bytes.length + 3));

            // WHEN / THEN
            assertThatThrownBy(() -> Npy.read(file)).hasMessageContaining("extra.npy")
                    .hasMessageContaining("3 bytes after the 4 bytes of data");
        }

        @Test
        void should_refuse_fortran_order_and_structured_arrays_when_numpy_wrote_them() {
            // WHEN / THEN
            assertThatThrownBy(() -> Npy.read(fixture("f32_fortran.npy"))).hasMessageContaining("f32_fortran.npy")
                    .hasMessageContaining("Fortran order").hasMessageContaining("np.ascontiguousarray");
            assertThatThrownBy(() -> Npy.read(fixture("structured.npy"))).hasMessageContaining("structured.npy")
                    .hasMessageContaining("structured");
        }

        @Test
        void should_refuse_files_that_are_not_npy_when_the_magic_or_version_is_wrong(@TempDir Path dir)
                throws IOException {
            // GIVEN
            Path text = dir.resolve("text.npy");
            Files.writeString(text, "hello, this is not an array", StandardCharsets.US_ASCII);
            byte[] v9 = Files.readAllBytes(fixture("u8_4.npy"));
            v9[6] = 9;
            Path nine = dir.resolve("v9.npy");
            Files.write(nine, v9);

            // WHEN / THEN
            assertThatThrownBy(() -> Npy.read(text)).hasMessageContaining("text.npy")
                    .hasMessageContaining("not a NumPy .npy file");
            assertThatThrownBy(() -> Npy.read(nine)).hasMessageContaining("v9.npy")
                    .hasMessageContaining("version 9.0");
            assertThatThrownBy(() -> Npy.read(dir.resolve("missing.npy"))).hasMessageContaining("missing.npy")
                    .hasMessageContaining("does not exist");
        }

        @Test
        void should_name_the_dtype_when_it_is_not_numeric(@TempDir Path dir) throws IOException {
            // GIVEN a header with a unicode string dtype
            String header = "{'descr': '<U3', 'fortran_order': False, 'shape': (1,), }";
            byte[] h = (header + " ".repeat(128 - 10 - header.length() - 1) + "\n").getBytes(StandardCharsets.US_ASCII);
            byte[] bytes = new byte[10 + h.length + 12];
            System.arraycopy(Files.readAllBytes(fixture("u8_4.npy")), 0, bytes, 0, 8);
            bytes[8] = (byte) h.length;
            System.arraycopy(h, 0, bytes, 10, h.length);
            Path file = dir.resolve("text.npy");
            Files.write(file, bytes);

            // WHEN / THEN
            assertThatThrownBy(() -> Npy.read(file)).hasMessageContaining("text.npy")
                    .hasMessageContaining("dtype (<U3)").hasMessageContaining("astype");
        }
    }
}
