package io.scission.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.scission.Parameter;
import io.scission.PlanMap;
import io.scission.Scission;
import io.scission.cli.ScissionCli;
import io.scission.cli.TestData;
import io.scission.cli.TestData.Run;
import io.scission.platform.NetworkPreset;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {

    static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void should_write_every_chart_and_table_when_given_the_reference_data(@TempDir Path dir) throws IOException {
        // GIVEN
        Path file = dir.resolve("out/resnet50.html");

        // WHEN
        Run run = TestData.run("report", "--reference", "resnet50", "--preset", "wired", "-o", file.toString());

        // THEN one block chart per resource (5), five plans drawn, four pipelines of top 3
        assertThat(run.err()).isEmpty();
        assertThat(run.code()).isZero();
        assertThat(run.out()).isEqualTo("Report written to " + file.toAbsolutePath() + "\n");
        String html = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(count(html, "<svg [^>]*class=\"chart blocks\"")).isEqualTo(5);
        assertThat(count(html, "<svg [^>]*class=\"chart plan\"")).isEqualTo(5);
        assertThat(count(html, "<rect class=\"bar\"")).isEqualTo(5 * 24);
        assertThat(count(html, "<tr class=\"group\">")).isEqualTo(4);
        // the additivity column says which statistic it compares (the report's, the mean by default)
        assertThat(html).contains("<th>additivity error (means)</th>");
        // Table IV's Device-Edge row 1 (device 0-1, edge 2-176): 0.446 s, 0.634 MB in the paper
        assertThat(html).contains("<td class=\"num\">1</td><td style=\"background:#d2dde9\">0-1</td><td "
                + "class=\"none\">-</td><td style=\"background:#d5e7d3\">2-176</td><td class=\"none\">-</td><td "
                + "class=\"none\">-</td><td class=\"num\">0.4459</td>");
    }

    @Test
    void should_draw_the_plan_map_of_the_query_when_vary_is_given(@TempDir Path dir) throws IOException {
        // GIVEN the drone: the paper's ResNet50 on the 4G preset, every device uplink from 0.1 to 100 Mbps
        Path file = dir.resolve("drone.html");

        // WHEN
        Run run = TestData.run("report", "--reference", "resnet50", "--preset", "4g", "--vary",
                "uplink-bandwidth=0.1..100Mbps", "-o", file.toString());

        // THEN the map's chart is in the report: one line per plan of the map, its switch points, the envelope
        assertThat(run.err()).isEmpty();
        assertThat(run.code()).isZero();
        PlanMap map = Scission.query().mapOver(Parameter.uplinkBandwidth(), 0.1, 100)
                .solve(Scission.referenceProfiles("resnet50"), Scission.network(NetworkPreset.FOUR_G));
        assertThat(map.switchPoints()).isNotEmpty();
        String html = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(count(html, "<svg [^>]*class=\"chart map\"")).isEqualTo(1);
        assertThat(count(html, "class=\"switch\"")).isEqualTo(map.switchPoints().size());
        assertThat(count(html, "<polyline class=\"plan\"")).isEqualTo((int) map.intervals().stream()
                .map(i -> i.best().orElseThrow().key()).distinct().count());
        assertThat(count(html, "<polyline class=\"envelope\"")).isEqualTo(1);
        assertThat(html).contains("<a href=\"#maps\">Plan maps</a>", "uplinkBandwidth() varied from 0.100000 to "
                + "100.000 Mbps");
        for (PlanMap.Interval i : map.intervals()) {
            assertThat(html).contains(HtmlReport.esc(i.best().orElseThrow().describe()));
        }
    }

    @Test
    void should_fail_as_a_usage_error_naming_the_value_when_vary_is_malformed(@TempDir Path dir) {
        // GIVEN / WHEN
        Run run = TestData.run("report", "--reference", "resnet50", "--preset", "4g", "--vary", "uplink=1..2",
                "-o", dir.resolve("r.html").toString());
        // THEN
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("The value (uplink=1..2) of --vary").contains("Maybe");
        assertThat(dir.resolve("r.html")).doesNotExist();
    }

    @Test
    void should_need_nothing_from_the_network_when_opened(@TempDir Path dir) throws IOException {
        // GIVEN
        Path file = dir.resolve("r.html");

        // WHEN
        TestData.run("report", "--reference", "vgg19", "--preset", "3g", "-o", file.toString());

        // THEN no scripts, style sheets, images or fonts to fetch; the only URLs are the SVG namespace and, as text,
        // the reference data's attribution to the original tool
        String html = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(html).doesNotContain("<script", "<link", "<img", "src=", "@import", "url(");
        assertThat(html).contains("https://github.com/qub-blesson/Scission (commit b765b2b");
        assertThat(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "")
                .replace("https://github.com/qub-blesson/Scission (commit", "")).doesNotContain("http:", "https:");
    }

    @Test
    void should_explain_an_empty_answer_when_no_plan_satisfies_the_query(@TempDir Path dir) throws IOException {
        // GIVEN
        Path file = dir.resolve("r.html");

        // WHEN
        Run run = TestData.run("report", "--reference", "vgg19", "--preset", "3g", "--deadline", "1ms", "-o",
                file.toString());

        // THEN
        assertThat(run.code()).isZero();
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).contains("No plan satisfies the query.",
                "without deadline(0.001s)");
    }

    @Test
    void should_list_a_contradicted_pipeline_with_the_reason_when_the_query_excludes_a_tier(@TempDir Path dir)
            throws IOException {
        // GIVEN
        Path file = dir.resolve("r.html");

        // WHEN
        Run run = TestData.run("report", "--reference", "vgg19", "--preset", "4g", "--exclude", "cloud", "-o",
                file.toString());

        // THEN
        assertThat(run.code()).isZero();
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).contains("Device-Cloud pipeline",
                "No plan. The query contradicts this pipeline: ");
    }

    @Test
    void should_fail_in_one_line_when_the_report_cannot_be_written(@TempDir Path dir) throws IOException {
        // GIVEN a file where the report's folder should be
        Path blocker = Files.writeString(dir.resolve("taken"), "x");

        // WHEN
        Run run = TestData.run("report", "--reference", "vgg19", "--preset", "3g", "-o",
                blocker.resolve("r.html").toString());

        // THEN
        assertThat(run.code()).isEqualTo(ScissionCli.EXIT_FAILURE);
        assertThat(run.err()).isEqualTo("error: Cannot write the report to " + blocker.resolve("r.html") + " (-o): "
                + blocker + " is a file, so nothing can be created under it. Maybe choose another path with -o.\n");
    }

    @Test
    void should_fail_as_a_usage_error_when_no_network_is_given() {
        // GIVEN / WHEN
        Run run = TestData.run("report", "--reference", "vgg19");

        // THEN
        assertThat(run.code()).isEqualTo(ScissionCli.EXIT_USAGE);
        assertThat(run.err()).startsWith("error: Give the network: --network FILE, --network-csv FILE, --preset "
                + "3g|4g|wired or --reference-network 3g|wired. Maybe add --preset 4g.").hasLineCount(1);
    }

    @Test
    void should_fail_as_a_usage_error_when_the_plans_per_pipeline_are_negative() {
        // GIVEN / WHEN
        Run run = TestData.run("report", "--reference", "vgg19", "--preset", "3g", "--per-pipeline", "-1");

        // THEN
        assertThat(run.code()).isEqualTo(ScissionCli.EXIT_USAGE);
        assertThat(run.err()).isEqualTo("error: The value (-1) of --per-pipeline must not be negative. Maybe write 3, "
                + "or 0 to leave the section out. (see 'scission report --help')\n");
    }

    @Test
    void should_fail_in_one_line_when_the_profiles_directory_does_not_exist() {
        // GIVEN / WHEN
        Run run = TestData.run("report", "no/such/profiles", "--preset", "3g");

        // THEN
        assertThat(run.code()).isEqualTo(ScissionCli.EXIT_FAILURE);
        assertThat(run.err()).startsWith("error: ").contains("no/such/profiles").hasLineCount(1);
    }

    @Test
    void should_round_chart_ticks_when_the_maximum_is_odd() {
        // GIVEN / WHEN / THEN
        assertThat(HtmlReport.ticks(0.1145)).containsExactly(0, 0.025, 0.05, 0.075, 0.1, 0.125);
        assertThat(HtmlReport.ticks(75)).containsExactly(0, 20, 40, 60, 80);
        assertThat(HtmlReport.ticks(0)).containsExactly(0, 1);
        assertThat(HtmlReport.esc("<a & \"b\">")).isEqualTo("&lt;a &amp; &quot;b&quot;&gt;");
    }
}
