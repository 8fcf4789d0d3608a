package io.scission;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FileReasons}: why a file operation failed, in words, for every module's messages. */
class FileReasonsTest {

    @Test
    void should_word_each_file_exception_without_its_class_name_when_an_operation_fails() {
        // GIVEN the JDK's exceptions, as file operations throw them
        List<Exception> failures = List.of(new AccessDeniedException("/x"), new NoSuchFileException("/x"),
                new NotDirectoryException("/x"), new FileAlreadyExistsException("/x"),
                new DirectoryNotEmptyException("/x"), new FileSystemException("/x", null, "Read-only file system"),
                new FileSystemException("/x"), new SecurityException("denied by policy"), new IOException("disk full"),
                new IOException());

        // WHEN
        List<String> reasons = failures.stream().map(FileReasons::of).toList();

        // THEN
        assertThat(reasons).containsExactly("permission denied", "no such file", "not a directory",
                "it already exists", "the directory is not empty", "read-only file system", "the file system refused it",
                "not permitted", "disk full", "an input/output error");
        assertThat(reasons).noneMatch(r -> r.contains("Exception") || r.contains("/x"));
    }

    @Test
    void should_word_an_exception_known_by_name_as_the_exception_itself_when_a_library_names_it() {
        // GIVEN / WHEN / THEN the names other libraries print (java.nio.file.AccessDeniedException: /x)
        for (Exception e : List.of(new AccessDeniedException("/x"), new NoSuchFileException("/x"),
                new NotDirectoryException("/x"), new FileAlreadyExistsException("/x"),
                new DirectoryNotEmptyException("/x"))) {
            assertThat(FileReasons.ofName(e.getClass().getSimpleName())).isEqualTo(FileReasons.of(e));
        }
        assertThat(FileReasons.ofName("FileSystemLoopException")).isEqualTo("cannot be read or written");
    }

    @Test
    void should_say_no_such_file_when_a_real_file_is_missing(@TempDir Path dir) {
        // GIVEN / WHEN a real failure of the file system
        Exception e = org.assertj.core.api.Assertions.catchException(() -> Files.readAllBytes(dir.resolve("missing")));

        // THEN
        assertThat(FileReasons.of(e)).isEqualTo("no such file");
    }
}
