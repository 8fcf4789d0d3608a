package io.scission.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scission.spi.ModelSource;
import io.scission.tf.internal.files.ModelFiles;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.SavedModel;

/** Errors of the TensorFlow path say what is wrong with the file and what to do, in words a CLI user reads. */
class TfErrorMessagesTest {

    @TempDir
    Path dir;

    @Test
    void should_say_the_file_is_empty_without_java_advice_when_saved_model_pb_has_0_bytes() throws IOException {
        // GIVEN
        Files.write(dir.resolve("saved_model.pb"), new byte[0]);

        // WHEN / THEN
        assertThatThrownBy(() -> new TensorFlowModelParser().parse(ModelSource.of(dir)))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageStartingWith(dir.resolve("saved_model.pb") + ": the file is empty (0 bytes)")
                .hasMessageContaining("Maybe export the model again, or copy the whole directory again.")
                .hasMessageNotContaining("TfLoadOptions").hasMessageNotContaining("withTags");
    }

    @Test
    void should_say_there_is_no_graph_when_saved_model_pb_holds_none() throws IOException {
        // GIVEN a valid but empty SavedModel protocol buffer
        Files.write(dir.resolve("saved_model.pb"), SavedModel.newBuilder().setSavedModelSchemaVersion(1).build()
                .toByteArray());

        // WHEN / THEN
        assertThatThrownBy(() -> new TensorFlowModelParser().parse(ModelSource.of(dir)))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("saved_model.pb")
                .hasMessageContaining("holds no graph").hasMessageNotContaining("withTags");
    }

    @Test
    void should_say_permission_denied_in_words_when_a_file_cannot_be_read() {
        // GIVEN / WHEN (root reads every file, so the JDK's exception is made here)
        ModelLoadException e = ModelFiles.cannotRead("m.h5", Path.of("m.h5"), new AccessDeniedException("m.h5"));

        // THEN
        assertThat(e).hasMessage(String.format("m.h5: cannot read m.h5: permission denied.%nMaybe check the file's "
                + "permissions, or run as a user who may read it."));
        assertThat(e.getMessage()).doesNotContain("AccessDeniedException");
        assertThat(io.scission.FileReasons.of(new NoSuchFileException("x"))).isEqualTo("no such file");
    }

    @Test
    void should_say_what_went_wrong_in_words_when_a_keras_path_is_a_directory() throws IOException {
        // GIVEN a directory named like a Keras file
        Path h5 = Files.createDirectory(dir.resolve("model.h5"));

        // WHEN / THEN
        assertThatThrownBy(() -> io.scission.tf.keras.KerasReader.read(h5)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("cannot read " + h5.resolve("model.json") + ": no such file")
                .hasMessageNotContaining("NoSuchFileException");
    }
}
