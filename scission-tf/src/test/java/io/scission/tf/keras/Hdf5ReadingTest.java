package io.scission.tf.keras;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scission.InvalidFileException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keras HDF5 files as h5py writes them beyond the simplest layout: gzip-compressed chunked datasets and
 * {@code libver='latest'} files with dense (fractal heap) link and attribute storage. The fixtures and their known
 * values come from {@code h5/make_fixtures.py} (h5py 3.7.0, HDF5 1.10.8).
 */
class Hdf5ReadingTest {

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(Hdf5ReadingTest.class.getResource("h5/" + name).toURI());
    }

    /** The values make_fixtures.py wrote: kernel[i][j] = k + (4i + j) / 100, bias[j] = -k - j / 10. */
    private static void assertKnownValues(Map<String, WeightSource.Tensor> weights) {
        assertThat(weights).hasSize(20);
        for (int k = 1; k <= 10; k++) {
            WeightSource.Tensor kernel = weights.get("dense_" + k + "/kernel");
            WeightSource.Tensor bias = weights.get("dense_" + k + "/bias");
            assertThat(kernel.shape()).containsExactly(4L, 4L);
            assertThat(bias.shape()).containsExactly(4L);
            for (int i = 0; i < 16; i++) {
                assertThat(kernel.values()[i]).as("dense_%d kernel[%d]", k, i).isEqualTo((float) (k + i / 100.0));
            }
            for (int j = 0; j < 4; j++) {
                assertThat(bias.values()[j]).as("dense_%d bias[%d]", k, j).isEqualTo((float) (-k - j / 10.0));
            }
        }
    }

    @Test
    void should_read_the_right_values_when_datasets_are_gzip_compressed_in_chunks() throws URISyntaxException {
        // GIVEN an architecture and the weights save_weights() wrote with compression="gzip", shuffle=True
        // WHEN
        KerasArchitecture a = KerasReader.read(fixture("dense10.json"), fixture("dense10_gzip.h5"));

        // THEN
        assertKnownValues(a.weights().orElseThrow().load());
        assertThat(a.weights().orElseThrow().describe()).isEqualTo("keras-h5(10 layers)");
    }

    @Test
    void should_read_the_model_and_the_right_values_when_the_file_uses_libver_latest() throws URISyntaxException {
        // GIVEN model.save() with libver='latest': dense link and attribute storage
        // WHEN
        KerasArchitecture a = KerasReader.read(fixture("dense10_latest.h5"));

        // THEN
        assertThat(a.format()).isEqualTo("keras-h5");
        assertThat(a.kerasVersion()).isEqualTo("2.4.0");
        assertThat(a.layers()).hasSize(11);
        assertThat(a.params()).isEqualTo(10 * (16 + 4));
        assertKnownValues(a.weights().orElseThrow().load());
    }

    @Test
    void should_name_the_file_and_say_what_to_do_when_the_h5_file_is_cut_short(@TempDir Path dir)
            throws IOException, URISyntaxException {
        // GIVEN the first half of a valid file
        byte[] all = Files.readAllBytes(fixture("dense10_latest.h5"));
        Path cut = dir.resolve("cut.h5");
        Files.write(cut, Arrays.copyOf(all, all.length / 2));

        // WHEN / THEN
        assertThatThrownBy(() -> KerasReader.read(cut).weights().orElseThrow().load())
                .isInstanceOf(InvalidFileException.class).hasMessageStartingWith(cut.toString())
                .hasMessageContaining("Maybe").hasMessageNotContaining("io.jhdf");
    }
}
