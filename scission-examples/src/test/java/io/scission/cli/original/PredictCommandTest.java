package io.scission.cli.original;

import static org.assertj.core.api.Assertions.assertThat;

import io.scission.cli.TestData;
import io.scission.cli.TestData.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code scission predict} against the original's own output on its own data: the reference outputs of
 * {@code shared/notes/original-scission.md} section 8 (full lines as the original prints them), its quirks, and the
 * cases where the original crashed.
 */
class PredictCommandTest {

    private static final String HEADER = "[+] 5 systems loaded : 1 device, 2 edge, 2 cloud";

    private static Run predict(String csv, String model, String... options) {
        List<String> args = new ArrayList<>(List.of("predict", TestData.originalData().toString(), csv, model));
        args.addAll(List.of(options));
        return TestData.run(args.toArray(new String[0]));
    }

    private static void assertPrints(Run run, String... lines) {
        assertThat(run.err()).isEmpty();
        assertThat(run.code()).isZero();
        assertThat(run.lines()).containsExactly(lines);
    }

    @Nested
    class References {

        @Test
        void should_print_the_readme_lines_when_running_the_readme_example() {
            // GIVEN / WHEN
            Run run = predict("network_stats.csv", "vgg19", "-d", "!-1", "-e", "10", "-c", "16");

            // THEN
            assertPrints(run, HEADER, "[+] vgg19 results",
                    "[1] 9.0106s - 2.4087MB - Device(raspi4) = 0 - 6, Edge(vm2Core) = 7 - 11, Cloud(6700k(GPU)) = 12 - 25",
                    "[2] 9.0594s - 2.4087MB - Device(raspi4) = 0 - 6, Edge(2500) = 7 - 11, Cloud(6700k(GPU)) = 12 - 25",
                    "[3] 9.0721s - 2.4087MB - Device(raspi4) = 0 - 6, Edge(vm2Core) = 7 - 11, Cloud(6700k(NoGPU)) = 12 - 25",
                    "[4] 9.1209s - 2.4087MB - Device(raspi4) = 0 - 6, Edge(2500) = 7 - 11, Cloud(6700k(NoGPU)) = 12 - 25",
                    "[5] 9.1511s - 3.2115MB - Device(raspi4) = 0 - 6, Edge(vm2Core) = 7 - 12, Cloud(6700k(GPU)) = 13 - 25");
        }

        @Test
        void should_print_the_five_fastest_when_no_criteria_are_given() {
            // GIVEN / WHEN
            Run run = predict("network_stats.csv", "vgg19");

            // THEN
            assertPrints(run, HEADER, "[+] vgg19 results",
                    "[1] 0.8586s - 0.1500MB - Device(raspi4) = -1 - -1, Edge(None) = -1 - -1, Cloud(6700k(GPU)) = 0 - 25",
                    "[2] 0.9826s - 0.1500MB - Device(raspi4) = -1 - -1, Edge(None) = -1 - -1, Cloud(6700k(NoGPU)) = 0 - 25",
                    "[3] 1.1214s - 0.1500MB - Device(raspi4) = -1 - -1, Edge(vm2Core) = 0 - 25, Cloud(None) = -1 - -1",
                    "[4] 1.1255s - 0.2505MB - Device(raspi4) = -1 - -1, Edge(vm2Core) = 0 - 22, Cloud(6700k(GPU)) = 23 - 25",
                    "[5] 1.1257s - 0.2505MB - Device(raspi4) = -1 - -1, Edge(vm2Core) = 0 - 21, Cloud(6700k(GPU)) = 22 - 25");
        }

        @Test
        void should_run_on_the_device_only_when_edge_and_cloud_are_minus_one() {
            // GIVEN / WHEN
            Run run = predict("network_stats.csv", "vgg19", "-e", "-1", "-c", "-1");

            // THEN
            assertPrints(run, HEADER, "[+] vgg19 results",
                    "[1] 2.7347s - 0.0000MB - Device(raspi4) = 0 - 25, Edge(None) = -1 - -1, Cloud(None) = -1 - -1");
        }

        @Test
        void should_limit_what_the_device_sends_when_a_device_upload_is_given() {
            // GIVEN / WHEN
            Run run = predict("network_stats.csv", "vgg19", "--device-upload", "0.1");

            // THEN
            assertPrints(run, HEADER, "[+] vgg19 results",
                    "[1] 2.7347s - 0.0000MB - Device(raspi4) = 0 - 25, Edge(None) = -1 - -1, Cloud(None) = -1 - -1",
                    "[2] 2.8418s - 0.0165MB - Device(raspi4) = 0 - 23, Edge(vm2Core) = 24 - 25, Cloud(None) = -1 - -1",
                    "[3] 2.8429s - 0.0165MB - Device(raspi4) = 0 - 23, Edge(2500) = 24 - 25, Cloud(None) = -1 - -1",
                    "[4] 2.8600s - 0.0330MB - Device(raspi4) = 0 - 23, Edge(vm2Core) = 24 - 24, Cloud(6700k(GPU)) = 25 - 25",
                    "[5] 2.8607s - 0.0330MB - Device(raspi4) = 0 - 23, Edge(vm2Core) = 24 - 24, Cloud(6700k(NoGPU)) = 25 - 25");
        }

        @Test
        void should_pay_only_the_ping_when_the_input_is_zero_mb() {
            // GIVEN / WHEN
            Run run = predict("network_stats.csv", "vgg19", "-i", "0", "--result-count", "1");

            // THEN
            assertPrints(run, HEADER, "[+] vgg19 results",
                    "[1] 0.1086s - 0.0000MB - Device(raspi4) = -1 - -1, Edge(None) = -1 - -1, Cloud(6700k(GPU)) = 0 - 25");
        }

        @Test
        void should_print_no_results_when_the_cloud_must_run_layer_5_but_not_layer_20() {
            // GIVEN / WHEN
            Run run = predict("network_stats.csv", "vgg19", "-c", "5,!20");

            // THEN
            assertPrints(run, HEADER, "No results for the specified configuration");
        }

        @Test
        void should_print_the_wired_top_five_when_planning_resnet50() {
            // GIVEN / WHEN
            Run run = predict("network_stats_wired.csv", "resnet50");

            // THEN
            assertPrints(run, HEADER, "[+] resnet50 results",
                    "[1] 0.1395s - 0.1500MB - Device(raspi4) = -1 - -1, Edge(None) = -1 - -1, Cloud(6700k(GPU)) = 0 - 176",
                    "[2] 0.1865s - 0.1500MB - Device(raspi4) = -1 - -1, Edge(None) = -1 - -1, Cloud(6700k(NoGPU)) = 0 - 176",
                    "[3] 0.2367s - 0.7849MB - Device(raspi4) = -1 - -1, Edge(2500) = 0 - 1, Cloud(6700k(GPU)) = 2 - 176",
                    "[4] 0.2370s - 0.7849MB - Device(raspi4) = -1 - -1, Edge(vm2Core) = 0 - 1, Cloud(6700k(GPU)) = 2 - 176",
                    "[5] 0.2472s - 0.1500MB - Device(raspi4) = -1 - -1, Edge(vm2Core) = 0 - 176, Cloud(None) = -1 - -1");
        }

        @ParameterizedTest(name = "{0} {1}")
        @CsvSource(delimiter = '|', value = {
        "network_stats.csv|vgg19|[1] 0.8586s - 0.1500MB - Device(raspi4) = -1 - -1, Edge(None) = -1 - -1, Cloud(6700k(GPU)) = 0 - 25",
        "network_stats_wired.csv|vgg19|[1] 0.1136s - 0.1500MB - Device(raspi4) = -1 - -1, Edge(None) = -1 - -1, Cloud(6700k(GPU)) = 0 - 25",
        "network_stats.csv|xception|[1] 0.8784s - 0.1500MB - Device(raspi4) = -1 - -1, Edge(None) = -1 - -1, Cloud(6700k(GPU)) = 0 - 133",
        "network_stats_wired.csv|xception|[1] 0.1334s - 0.1500MB - Device(raspi4) = -1 - -1, Edge(None) = -1 - -1, Cloud(6700k(GPU)) = 0 - 133",
        "network_stats.csv|resnet50|[1] 0.8845s - 0.1500MB - Device(raspi4) = -1 - -1, Edge(None) = -1 - -1, Cloud(6700k(GPU)) = 0 - 176",
        "network_stats_wired.csv|resnet50|[1] 0.1395s - 0.1500MB - Device(raspi4) = -1 - -1, Edge(None) = -1 - -1, Cloud(6700k(GPU)) = 0 - 176",
        "network_stats.csv|resnet101|[1] 0.9168s - 0.1500MB - Device(raspi4) = -1 - -1, Edge(None) = -1 - -1, Cloud(6700k(GPU)) = 0 - 346",
        "network_stats_wired.csv|resnet101|[1] 0.1718s - 0.1500MB - Device(raspi4) = -1 - -1, Edge(None) = -1 - -1, Cloud(6700k(GPU)) = 0 - 346",
        "network_stats.csv|resnet152|[1] 0.9489s - 0.1500MB - Device(raspi4) = -1 - -1, Edge(None) = -1 - -1, Cloud(6700k(GPU)) = 0 - 516",
        "network_stats_wired.csv|resnet152|[1] 0.2039s - 0.1500MB - Device(raspi4) = -1 - -1, Edge(None) = -1 - -1, Cloud(6700k(GPU)) = 0 - 516",
        "network_stats.csv|resnet50v2|[1] 0.8812s - 0.0000MB - Device(raspi4) = 0 - 191, Edge(None) = -1 - -1, Cloud(None) = -1 - -1",
        "network_stats_wired.csv|resnet50v2|[1] 0.1383s - 0.1500MB - Device(raspi4) = -1 - -1, Edge(None) = -1 - -1, Cloud(6700k(GPU)) = 0 - 191",
        "network_stats.csv|resnet101v2|[1] 0.9150s - 0.1500MB - Device(raspi4) = -1 - -1, Edge(None) = -1 - -1, Cloud(6700k(GPU)) = 0 - 378",
        "network_stats_wired.csv|resnet101v2|[1] 0.1700s - 0.1500MB - Device(raspi4) = -1 - -1, Edge(None) = -1 - -1, Cloud(6700k(GPU)) = 0 - 378",
        "network_stats.csv|resnet152v2|[1] 0.9467s - 0.1500MB - Device(raspi4) = -1 - -1, Edge(None) = -1 - -1, Cloud(6700k(GPU)) = 0 - 565",
        "network_stats_wired.csv|resnet152v2|[1] 0.2017s - 0.1500MB - Device(raspi4) = -1 - -1, Edge(None) = -1 - -1, Cloud(6700k(GPU)) = 0 - 565",
        "network_stats.csv|inception_v3|[1] 0.9025s - 0.1500MB - Device(raspi4) = -1 - -1, Edge(None) = -1 - -1, Cloud(6700k(GPU)) = 0 - 312",
        "network_stats_wired.csv|inception_v3|[1] 0.1575s - 0.1500MB - Device(raspi4) = -1 - -1, Edge(None) = -1 - -1, Cloud(6700k(GPU)) = 0 - 312",
        "network_stats.csv|inceptionresnet_v2|[1] 0.9888s - 0.1500MB - Device(raspi4) = -1 - -1, Edge(None) = -1 - -1, Cloud(6700k(GPU)) = 0 - 781",
        "network_stats_wired.csv|inceptionresnet_v2|[1] 0.2438s - 0.1500MB - Device(raspi4) = -1 - -1, Edge(None) = -1 - -1, Cloud(6700k(GPU)) = 0 - 781",
        "network_stats.csv|mobilenet|[1] 0.3444s - 0.0000MB - Device(raspi4) = 0 - 92, Edge(None) = -1 - -1, Cloud(None) = -1 - -1",
        "network_stats_wired.csv|mobilenet|[1] 0.1307s - 0.1500MB - Device(raspi4) = -1 - -1, Edge(None) = -1 - -1, Cloud(6700k(GPU)) = 0 - 92",
        "network_stats.csv|vgg16|[1] 0.8574s - 0.1500MB - Device(raspi4) = -1 - -1, Edge(None) = -1 - -1, Cloud(6700k(GPU)) = 0 - 22",
        "network_stats_wired.csv|vgg16|[1] 0.1124s - 0.1500MB - Device(raspi4) = -1 - -1, Edge(None) = -1 - -1, Cloud(6700k(GPU)) = 0 - 22",
        "network_stats.csv|mobilenetv2|[1] 0.4435s - 0.0000MB - Device(raspi4) = 0 - 156, Edge(None) = -1 - -1, Cloud(None) = -1 - -1",
        "network_stats_wired.csv|mobilenetv2|[1] 0.1397s - 0.1500MB - Device(raspi4) = -1 - -1, Edge(None) = -1 - -1, Cloud(6700k(GPU)) = 0 - 156",
        "network_stats.csv|densenet121|[1] 0.9234s - 0.1500MB - Device(raspi4) = -1 - -1, Edge(None) = -1 - -1, Cloud(6700k(GPU)) = 0 - 428",
        "network_stats_wired.csv|densenet121|[1] 0.1784s - 0.1500MB - Device(raspi4) = -1 - -1, Edge(None) = -1 - -1, Cloud(6700k(GPU)) = 0 - 428",
        "network_stats.csv|densenet169|[1] 0.9512s - 0.1500MB - Device(raspi4) = -1 - -1, Edge(None) = -1 - -1, Cloud(6700k(GPU)) = 0 - 596",
        "network_stats_wired.csv|densenet169|[1] 0.2062s - 0.1500MB - Device(raspi4) = -1 - -1, Edge(None) = -1 - -1, Cloud(6700k(GPU)) = 0 - 596",
        "network_stats.csv|densenet201|[1] 0.9699s - 0.1500MB - Device(raspi4) = -1 - -1, Edge(None) = -1 - -1, Cloud(6700k(GPU)) = 0 - 708",
        "network_stats_wired.csv|densenet201|[1] 0.2249s - 0.1500MB - Device(raspi4) = -1 - -1, Edge(None) = -1 - -1, Cloud(6700k(GPU)) = 0 - 708",
        "network_stats.csv|nasnetlarge|[1] 1.0400s - 0.1500MB - Device(raspi4) = -1 - -1, Edge(None) = -1 - -1, Cloud(6700k(GPU)) = 0 - 1040",
        "network_stats_wired.csv|nasnetlarge|[1] 0.2950s - 0.1500MB - Device(raspi4) = -1 - -1, Edge(None) = -1 - -1, Cloud(6700k(GPU)) = 0 - 1040",
        "network_stats.csv|nasnetmobile|[1] 0.9893s - 0.1500MB - Device(raspi4) = -1 - -1, Edge(None) = -1 - -1, Cloud(6700k(GPU)) = 0 - 770",
        "network_stats_wired.csv|nasnetmobile|[1] 0.2443s - 0.1500MB - Device(raspi4) = -1 - -1, Edge(None) = -1 - -1, Cloud(6700k(GPU)) = 0 - 770"
        })
        void should_print_the_original_best_plan_when_planning_each_model_on_each_network(String csv, String model,
                String best) {
            // GIVEN / WHEN
            Run run = predict(csv, model, "--result-count", "1");

            // THEN
            assertPrints(run, HEADER, "[+] " + model + " results", best);
        }
    }

    @Nested
    class Quirks {

        @Test
        void should_force_the_cloud_to_be_used_when_excluding_a_system_that_does_not_exist() {
            // GIVEN / WHEN
            Run run = predict("network_stats.csv", "vgg19", "-c", "!nonexistent");

            // THEN edge-only (1.1214 s) and device-only plans are gone
            assertPrints(run, HEADER, "[+] vgg19 results",
                    "[1] 0.8586s - 0.1500MB - Device(raspi4) = -1 - -1, Edge(None) = -1 - -1, Cloud(6700k(GPU)) = 0 - 25",
                    "[2] 0.9826s - 0.1500MB - Device(raspi4) = -1 - -1, Edge(None) = -1 - -1, Cloud(6700k(NoGPU)) = 0 - 25",
                    "[3] 1.1255s - 0.2505MB - Device(raspi4) = -1 - -1, Edge(vm2Core) = 0 - 22, Cloud(6700k(GPU)) = 23 - 25",
                    "[4] 1.1257s - 0.2505MB - Device(raspi4) = -1 - -1, Edge(vm2Core) = 0 - 21, Cloud(6700k(GPU)) = 22 - 25",
                    "[5] 1.1368s - 0.1665MB - Device(raspi4) = -1 - -1, Edge(vm2Core) = 0 - 23, Cloud(6700k(GPU)) = 24 - 25");
        }

        @Test
        void should_force_the_tier_to_be_used_when_naming_a_system_to_include() {
            // GIVEN / WHEN
            Run named = predict("network_stats.csv", "vgg19", "-e", "vm2Core", "--result-count", "2");

            // THEN the cloud-only plans (0.8586 s, 0.9826 s) are gone
            assertPrints(named, HEADER, "[+] vgg19 results",
                    "[1] 1.1214s - 0.1500MB - Device(raspi4) = -1 - -1, Edge(vm2Core) = 0 - 25, Cloud(None) = -1 - -1",
                    "[2] 1.1255s - 0.2505MB - Device(raspi4) = -1 - -1, Edge(vm2Core) = 0 - 22, Cloud(6700k(GPU)) = 23 - 25");
        }

        @Test
        void should_mean_must_be_used_when_a_token_ends_in_minus_one_after_its_first_character() {
            // GIVEN / WHEN the precedence slip: c[1:] == "-1" reads x-1 like !-1
            Run slip = predict("network_stats.csv", "vgg19", "-e", "x-1");
            Run plain = predict("network_stats.csv", "vgg19", "-e", "!-1");

            // THEN
            assertThat(slip.out()).isEqualTo(plain.out());
            assertThat(slip.lines()).hasSize(7).allSatisfy(l -> assertThat(l).doesNotContain("Edge(None)"));
        }

        @Test
        void should_cost_a_zero_time_edge_as_the_original_does_when_the_cloud_is_unused() {
            // GIVEN vm2Core times ResNet50's layers 175-176 as 0 s, so the original sends 0 bytes to it

            // WHEN
            Run run = predict("network_stats.csv", "resnet50", "-c", "-1");

            // THEN [3] and [4] are priced at the device's time plus the ping, with the model's output as MB
            assertPrints(run, HEADER, "[+] resnet50 results",
                    "[1] 0.9614s - 0.0000MB - Device(raspi4) = 0 - 176, Edge(None) = -1 - -1, Cloud(None) = -1 - -1",
                    "[2] 0.9839s - 0.1500MB - Device(raspi4) = -1 - -1, Edge(vm2Core) = 0 - 176, Cloud(None) = -1 - -1",
                    "[3] 1.0210s - 0.0041MB - Device(raspi4) = 0 - 174, Edge(vm2Core) = 175 - 176, Cloud(None) = -1 - -1",
                    "[4] 1.0226s - 0.0041MB - Device(raspi4) = 0 - 175, Edge(vm2Core) = 176 - 176, Cloud(None) = -1 - -1",
                    "[5] 1.0384s - 0.1500MB - Device(raspi4) = -1 - -1, Edge(2500) = 0 - 176, Cloud(None) = -1 - -1");
        }

        @Test
        void should_compare_the_model_output_with_the_edge_upload_when_the_edge_takes_zero_time() {
            // GIVEN the zero-time plans print 4,128 bytes as the edge's upload

            // WHEN
            Run fits = predict("network_stats.csv", "resnet50", "-c", "-1", "--edge-upload", "0.004128");
            Run tooBig = predict("network_stats.csv", "resnet50", "-c", "-1", "--edge-upload", "0.004127");

            // THEN
            assertThat(fits.out()).contains("Edge(vm2Core) = 175 - 176");
            assertThat(tooBig.out()).doesNotContain("Edge(vm2Core) = 175 - 176", "Edge(vm2Core) = 176 - 176");
        }

        @Test
        void should_ignore_a_layer_the_model_lacks_when_excluding_it_and_match_nothing_when_requiring_it() {
            // GIVEN / WHEN
            Run excluded = predict("network_stats.csv", "vgg19", "-c", "!99", "--result-count", "1");
            Run required = predict("network_stats.csv", "vgg19", "-c", "99");

            // THEN
            assertThat(excluded.lines()).contains(
                    "[1] 0.8586s - 0.1500MB - Device(raspi4) = -1 - -1, Edge(None) = -1 - -1, Cloud(6700k(GPU)) = 0 - 25");
            assertPrints(required, HEADER, "No results for the specified configuration");
        }

        @Test
        void should_print_no_results_when_criteria_contradict() {
            // GIVEN / WHEN
            Run run = predict("network_stats.csv", "vgg19", "-d", "-1,3");

            // THEN
            assertPrints(run, HEADER, "No results for the specified configuration");
        }

        @Test
        void should_cap_time_shares_exactly_when_a_percentage_is_given() {
            // GIVEN / WHEN 100% admits everything, 0% forbids any time on the device
            Run all = predict("network_stats.csv", "vgg19", "--device-time", "100%");
            Run none = predict("network_stats.csv", "vgg19", "--device-time", "0%", "-d", "!-1");

            // THEN
            assertThat(all.out()).isEqualTo(predict("network_stats.csv", "vgg19").out());
            assertPrints(none, HEADER, "No results for the specified configuration");
        }

        @Test
        void should_read_attached_values_when_a_criterion_starts_with_a_dash() {
            // GIVEN / WHEN
            Run attached = predict("network_stats.csv", "vgg19", "-e=-1", "--cloud=-1");

            // THEN
            assertPrints(attached, HEADER, "[+] vgg19 results",
                    "[1] 2.7347s - 0.0000MB - Device(raspi4) = 0 - 25, Edge(None) = -1 - -1, Cloud(None) = -1 - -1");
        }
    }

    @Nested
    class Paths {

        @Test
        void should_find_the_statistics_file_when_it_is_absolute() {
            // GIVEN
            String csv = TestData.originalData().resolve("network_stats.csv").toString();

            // WHEN
            Run run = predict(csv, "VGG19", "--result-count", "1");

            // THEN the model name is lower-cased as the original does
            assertPrints(run, HEADER, "[+] vgg19 results",
                    "[1] 0.8586s - 0.1500MB - Device(raspi4) = -1 - -1, Edge(None) = -1 - -1, Cloud(6700k(GPU)) = 0 - 25");
        }

        @Test
        void should_fall_back_to_the_working_directory_when_the_file_is_not_in_the_folder() throws IOException {
            // GIVEN a CSV under the module's target directory, named relative to the working directory
            Path relative = Path.of("target", "predict-test", "wired.csv");
            Files.createDirectories(relative.getParent());
            Files.copy(TestData.originalData().resolve("network_stats_wired.csv"), relative,
                    StandardCopyOption.REPLACE_EXISTING);

            // WHEN
            Run run = predict(relative.toString(), "vgg19", "--result-count", "1");

            // THEN
            assertThat(PredictCommand.statisticsPath(TestData.originalData(), relative.toString()))
                    .isEqualTo(relative);
            assertPrints(run, HEADER, "[+] vgg19 results",
                    "[1] 0.1136s - 0.1500MB - Device(raspi4) = -1 - -1, Edge(None) = -1 - -1, Cloud(6700k(GPU)) = 0 - 25");
        }

        @Test
        void should_look_in_the_benchmark_folder_first_when_the_path_is_relative() {
            // GIVEN
            Path folder = TestData.originalData();

            // WHEN
            Path found = PredictCommand.statisticsPath(folder, "network_stats.csv");

            // THEN
            assertThat(found).isEqualTo(folder.resolve("network_stats.csv"));
        }
    }

    @Nested
    class Errors {

        private void assertFails(Run run, int code, String... fragments) {
            assertThat(run.code()).isEqualTo(code);
            assertThat(run.err()).startsWith("error: ").endsWith("\n");
            assertThat(run.err().strip()).doesNotContain("\n").contains(fragments);
        }

        @Test
        void should_fail_in_one_line_when_a_tier_has_no_files(@TempDir Path dir) throws IOException {
            // GIVEN a folder without cloud files
            for (String f : List.of("device-raspi4.dat", "edge-vm2Core.dat", "network_stats.csv")) {
                Files.copy(TestData.originalData().resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }

            // WHEN
            Run run = TestData.run("predict", dir.toString(), "network_stats.csv", "vgg19");

            // THEN the header is printed first, as the original did before crashing
            assertThat(run.lines()).containsExactly("[+] 2 systems loaded : 1 device, 1 edge, 0 cloud");
            assertFails(run, 1, "There is no cloud system", "no cloud-<name>.dat file",
                    "Maybe add a cloud benchmark file");
        }

        @Test
        void should_fail_as_a_usage_error_when_the_result_count_is_zero() {
            // GIVEN / WHEN
            Run run = predict("network_stats.csv", "vgg19", "--result-count", "0");

            // THEN
            assertThat(run.out()).isEmpty();
            assertFails(run, 2, "The result count (0) of --result-count must be positive.", "scission predict --help");
        }

        @Test
        void should_fail_as_a_usage_error_when_a_criterion_is_empty() {
            // GIVEN / WHEN
            Run run = predict("network_stats.csv", "vgg19", "-c", "3,");

            // THEN
            assertFails(run, 2, "The criteria (\"3,\") of -c/--cloud contain an empty entry.",
                    "Maybe remove the extra comma");
        }

        @Test
        void should_fail_as_a_usage_error_when_a_number_is_malformed() {
            // GIVEN / WHEN
            Run time = predict("network_stats.csv", "vgg19", "--edge-time", "fast");
            Run upload = predict("network_stats.csv", "vgg19", "--device-upload", "1MB");
            Run input = predict("network_stats.csv", "vgg19", "-i", "-1");

            // THEN
            assertFails(time, 2, "The time limit (\"fast\") of --edge-time is neither seconds nor a percentage.");
            assertFails(upload, 2, "The value (\"1MB\") of --device-upload is not a number of MB.");
            assertFails(input, 2, "The input size (-1 MB) of -i/--input must be a finite number, not negative.");
        }

        @Test
        void should_name_the_pair_when_the_network_lacks_a_link(@TempDir Path dir) throws IOException {
            // GIVEN the sample CSV without raspi4 -> 2500
            Path csv = dir.resolve("stats.csv");
            List<String> rows = new ArrayList<>(Files.readAllLines(TestData.originalData().resolve("network_stats.csv")));
            rows.removeIf(r -> r.startsWith("raspi4,2500,"));
            Files.write(csv, rows);

            // WHEN
            Run run = predict(csv.toString(), "vgg19");

            // THEN
            assertFails(run, 1, "The network has no link for raspi4 (device) -> 2500 (edge)",
                    "Maybe add these links");
        }

        @Test
        void should_list_the_models_when_the_model_is_unknown() {
            // GIVEN / WHEN
            Run run = predict("network_stats.csv", "alexnet");

            // THEN
            assertFails(run, 1, "The model (alexnet) is in none of the benchmark files", "vgg19, xception");
        }

        @Test
        void should_fail_in_one_line_when_the_folder_or_the_statistics_file_is_missing() {
            // GIVEN / WHEN
            Run folder = TestData.run("predict", "no-such-folder", "network_stats.csv", "vgg19");
            Run csv = predict("no_such_stats.csv", "vgg19");

            // THEN
            assertFails(folder, 1, "no-such-folder: the benchmark folder does not exist");
            assertFails(csv, 1, "no_such_stats.csv: the network statistics file does not exist");
        }

        @Test
        void should_print_the_stack_trace_only_when_debug_is_given() {
            // GIVEN / WHEN
            Run run = predict("network_stats.csv", "alexnet", "--debug");

            // THEN
            assertThat(run.code()).isEqualTo(1);
            assertThat(run.err()).startsWith("error: The model (alexnet)").contains("\tat io.scission.");
        }
    }
}
