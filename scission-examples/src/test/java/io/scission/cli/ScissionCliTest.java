package io.scission.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.scission.cli.TestData.Run;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class ScissionCliTest {

    @Test
    void should_list_the_commands_when_asked_for_help() {
        // GIVEN / WHEN
        Run run = TestData.run("--help");

        // THEN
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("Usage: scission", "demo", "predict", "plan", "inspect", "models", "profile",
                "report", "--debug");
    }

    @Test
    void should_explain_the_differences_from_the_original_when_asked_for_predict_help() {
        // GIVEN / WHEN
        Run run = TestData.run("predict", "--help");

        // THEN
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("BENCHMARK_FOLDER", "--result-count", "--device-time",
                "no PNG chart of the best configuration is drawn");
    }

    @Test
    void should_print_the_version_when_asked() {
        // GIVEN / WHEN
        Run run = TestData.run("--version");

        // THEN
        assertThat(run.code()).isZero();
        assertThat(run.out()).startsWith("scission ");
    }

    @Test
    void should_fail_as_a_usage_error_when_no_command_is_given() {
        // GIVEN / WHEN
        Run run = TestData.run();

        // THEN
        assertThat(run.code()).isEqualTo(ScissionCli.EXIT_USAGE);
        assertThat(run.err()).isEqualTo("error: No command given. Maybe run 'scission demo' to see it work, or pick "
                + "a command from 'scission --help'. (see 'scission --help')\n");
    }

    @Test
    void should_fail_in_one_line_when_an_option_is_unknown() {
        // GIVEN / WHEN
        Run run = TestData.run("plan", "--preset", "3g", "--frobnicate");

        // THEN
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: Unknown option: '--frobnicate' (see 'scission plan --help')\n");
    }

    @Test
    void should_join_the_lines_of_a_message_when_reporting_it() {
        // GIVEN
        String message = "The k (0) of top(k) must be positive.\nMaybe use 5.\n";

        // WHEN
        String line = ScissionCli.oneLine(message);

        // THEN
        assertThat(line).isEqualTo("The k (0) of top(k) must be positive. Maybe use 5.");
    }

    @Test
    void should_name_the_type_and_ask_for_debug_when_the_failure_is_unexpected() {
        // GIVEN
        Exception bug = new NullPointerException("plan");
        Exception io = new UncheckedIOException("disk full", new java.io.IOException("disk full"));

        // WHEN
        String described = ScissionCli.describe(bug);

        // THEN
        assertThat(described).isEqualTo("unexpected java.lang.NullPointerException: plan. Maybe re-run with --debug "
                + "and report the stack trace.");
        assertThat(ScissionCli.describe(io)).isEqualTo("disk full");
    }
}
