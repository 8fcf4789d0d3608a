package io.scission.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.scission.cli.TestData.Run;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command that writes checks its output path before its work starts: a wrong {@code -o} fails at once, in one
 * line that names the path, and nothing is profiled, read or written.
 */
class OutputFilesTest {

    @Test
    void should_fail_before_profiling_when_the_profile_cannot_be_written(@TempDir Path dir) throws IOException {
        // GIVEN a file where the profile's directory would be
        Path blocker = Files.writeString(dir.resolve("taken"), "x");
        Path target = blocker.resolve("p.json");

        // WHEN
        Run run = TestData.run("profile", "vgg16", "--resource", "pi", "--tier", "edge", "-o", target.toString());

        // THEN nothing was profiled: the first progress line never came
        assertThat(run.code()).isEqualTo(ScissionCli.EXIT_FAILURE);
        assertThat(run.err()).isEqualTo("error: Cannot write the profile to " + target + " (-o): " + blocker
                + " is a file, so nothing can be created under it. Maybe choose another path with -o.\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void should_fail_before_profiling_when_the_profile_is_a_directory(@TempDir Path dir) {
        // GIVEN / WHEN
        Run run = TestData.run("profile", "vgg16", "--resource", "pi", "--tier", "edge", "--threads", "1", "-o",
                dir.toString());

        // THEN no child JVM was started either
        assertThat(run.code()).isEqualTo(ScissionCli.EXIT_FAILURE);
        assertThat(run.err()).isEqualTo("error: Cannot write the profile to " + dir + " (-o): it is a directory. "
                + "Maybe name a file, e.g. " + dir.resolve("out.json") + ".\n");
    }

    @Test
    void should_fail_before_profiling_when_the_demo_directory_is_a_file(@TempDir Path dir) throws IOException {
        // GIVEN
        Path file = Files.writeString(dir.resolve("demo"), "x");

        // WHEN
        Run run = TestData.run("demo", "--model", "MobileNet", "-o", file.toString());

        // THEN
        assertThat(run.code()).isEqualTo(ScissionCli.EXIT_FAILURE);
        assertThat(run.err()).isEqualTo("error: Cannot write the demo's profiles and report to " + file + " (-o): it "
                + "is a file, not a directory. Maybe name a directory.\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void should_fail_before_reading_the_profiles_when_the_report_cannot_be_written(@TempDir Path dir) {
        // GIVEN profiles that do not exist: the output is checked first
        Path missing = dir.resolve("no-profiles");

        // WHEN
        Run run = TestData.run("report", missing.toString(), "--preset", "4g", "-o", dir.toString());

        // THEN
        assertThat(run.code()).isEqualTo(ScissionCli.EXIT_FAILURE);
        assertThat(run.err()).startsWith("error: Cannot write the report to " + dir + " (-o): it is a directory.");
    }

    @Test
    void should_name_the_directory_when_no_file_can_be_created_there() {
        // GIVEN /proc, where even root creates no file (Linux)
        assumeThat(Path.of("/proc", "self")).isDirectory();
        Path target = Path.of("/proc", "scission-test", "p.json");

        // WHEN / THEN
        assertThatThrownBy(() -> OutputFiles.checkFile(target, "the profile", "-o"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot write the profile to /proc/scission-test/p.json (-o): the directory /proc is not "
                        + "writable (files cannot be created there).%nMaybe choose another path with -o.".formatted());
    }

    @Test
    void should_leave_an_existing_file_as_it_is_when_checking_it(@TempDir Path dir) throws IOException {
        // GIVEN
        Path file = Files.writeString(dir.resolve("old.json"), "{\"old\": true}");

        // WHEN
        OutputFiles.checkFile(file, "the profile", "-o");
        OutputFiles.checkFile(dir.resolve("new").resolve("deeper").resolve("p.json"), "the profile", "-o");

        // THEN the old content is kept, no directory was created and no probe was left behind
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo("{\"old\": true}");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }
}
