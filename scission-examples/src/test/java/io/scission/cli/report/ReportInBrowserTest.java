package io.scission.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.scission.cli.TestData;
import io.scission.cli.TestData.Run;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Opens a report in a real browser: headless Chromium renders it, and the rendered DOM must hold every chart; a
 * screenshot is left in {@code target/browser/} for a person to look at. Needs Chromium (Debian package
 * {@code chromium}; another binary with {@code -Dchromium=PATH}), so it runs only in the {@code browser} profile:
 * {@code mvn -B -P browser verify}.
 */
@Tag("browser")
class ReportInBrowserTest {

    private static final Path OUT = Path.of("target", "browser");

    private static String chromium(Path profileDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(System.getProperty("chromium", "/usr/bin/chromium"),
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profileDir));
        command.addAll(List.of(args));
        Path stdout = Files.createTempFile(OUT, "chromium", ".out");
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                .redirectError(OUT.resolve("chromium.log").toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("Chromium finished within 120 s").isTrue();
        assertThat(p.exitValue()).as("Chromium's exit code; see target/browser/chromium.log").isZero();
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    @Test
    void should_render_every_chart_when_opened_in_chromium() throws IOException, InterruptedException {
        // GIVEN the report of Table IV's model on the original data, wired network
        Files.createDirectories(OUT);
        Path report = OUT.resolve("report.html").toAbsolutePath();
        Run run = TestData.run("report", "--reference", "resnet50", "--preset",
                "wired", "-o", report.toString());
        assertThat(run.code()).as(run.err()).isZero();

        // WHEN
        String dom = chromium(Files.createTempDirectory(OUT, "profile").toAbsolutePath(), "--dump-dom",
                report.toUri().toString());
        Path png = OUT.resolve("report.png").toAbsolutePath();
        chromium(Files.createTempDirectory(OUT, "profile").toAbsolutePath(), "--window-size=1280,2400",
                "--screenshot=" + png, report.toUri().toString());

        // THEN the browser built the SVG charts, with their bars and plan segments, into the DOM
        assertThat(ReportCommandTest.count(dom, "<svg [^>]*class=\"chart blocks\"")).isEqualTo(5);
        assertThat(ReportCommandTest.count(dom, "<svg [^>]*class=\"chart plan\"")).isEqualTo(5);
        assertThat(ReportCommandTest.count(dom, "<rect class=\"bar\"")).isEqualTo(5 * 24);
        assertThat(ReportCommandTest.count(dom, "<rect class=\"compute\"")).isGreaterThanOrEqualTo(5);
        assertThat(ReportCommandTest.count(dom, "<tr class=\"group\">")).isEqualTo(4);
        assertThat(dom).contains("<title>Scission report: resnet50</title>");
        assertThat(Files.size(png)).as("screenshot size").isGreaterThan(50_000);
    }
}
