package io.scission.cli.original;

import io.scission.Scission;
import io.scission.platform.Tier;
import io.scission.profile.ProfileSet;
import io.scission.query.Constraint;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OriginalPredictorTest {

    private static ProfileSet vgg19;

    @BeforeAll
    static void load() {
        vgg19 = Scission.referenceProfiles("vgg19"); // the original's files, converted (ReferenceParityTest)
    }

    private static OriginalPredictor.Request request(Map<Tier, OriginalCriteria> criteria, Map<Tier, Double> uploads,
            Map<Tier, OriginalPredictor.TimeLimit> times) {
        return new OriginalPredictor.Request(criteria, 150_000, uploads, times, 5);
    }

    private static String translate(Map<Tier, String> criteria) {
        Map<Tier, OriginalCriteria> parsed = new java.util.HashMap<>();
        criteria.forEach((t, s) -> parsed.put(t, OriginalCriteria.parse(t.name(), s)));
        OriginalPredictor.Translation t = OriginalPredictor.translate(request(parsed, Map.of(), Map.of()), vgg19);
        return t.impossible != null ? "impossible" : t.query.toParsableString();
    }

    @Test
    void should_translate_the_readme_criteria_into_core_constraints() {
        // GIVEN / WHEN
        String query = translate(Map.of(Tier.DEVICE, "!-1", Tier.EDGE, "10", Tier.CLOUD, "16"));

        // THEN
        assertThat(query).isEqualTo("mustUse(DEVICE).layerOn(10, EDGE).layerOn(16, CLOUD)");
    }

    @Test
    void should_force_the_tier_and_exclude_only_its_own_systems_when_excluding_names() {
        // GIVEN / WHEN raspi4 is a device, not a cloud: excluding it from the cloud excludes nothing
        String query = translate(Map.of(Tier.CLOUD, "!6700k(GPU),!raspi4,!nonexistent"));

        // THEN
        assertThat(query).isEqualTo("mustUse(CLOUD).exclude(\"6700k(GPU)\")");
    }

    @Test
    void should_include_only_the_tier_own_systems_when_naming_them() {
        // GIVEN / WHEN
        String query = translate(Map.of(Tier.EDGE, "vm2Core,nonexistent,vm2Core"));
        String none = translate(Map.of(Tier.EDGE, "raspi4"));

        // THEN
        assertThat(query).isEqualTo("mustUse(EDGE).include(EDGE, \"vm2Core\")");
        assertThat(none).isEqualTo("impossible");
    }

    @Test
    void should_map_minus_one_to_exclude_and_drop_layers_the_model_lacks_when_excluding_them() {
        // GIVEN / WHEN vgg19 has layers 0-25
        String query = translate(Map.of(Tier.EDGE, "-1", Tier.CLOUD, "!25,!26,!1000"));

        // THEN
        assertThat(query).isEqualTo("exclude(EDGE).layerNotOn(25, CLOUD)");
        assertThat(translate(Map.of(Tier.CLOUD, "26"))).isEqualTo("impossible");
    }

    @Test
    void should_report_impossible_when_core_finds_a_contradiction() {
        // GIVEN / WHEN / THEN
        assertThat(translate(Map.of(Tier.DEVICE, "-1,3"))).isEqualTo("impossible");
        assertThat(translate(Map.of(Tier.DEVICE, "-1,!-1"))).isEqualTo("impossible");
        assertThat(translate(Map.of(Tier.EDGE, "5", Tier.CLOUD, "5"))).isEqualTo("impossible");
        assertThat(translate(Map.of(Tier.EDGE, "5,!5"))).isEqualTo("impossible");
    }

    @Test
    void should_translate_limits_into_transfer_time_and_share_constraints() {
        // GIVEN
        Map<Tier, Double> uploads = Map.of(Tier.DEVICE, 0.1 * 1000 * 1000, Tier.EDGE, 1234.9);
        Map<Tier, OriginalPredictor.TimeLimit> times = Map.of(
                Tier.DEVICE, OriginalPredictor.TimeLimit.parse("--device-time", "0.5"),
                Tier.EDGE, OriginalPredictor.TimeLimit.parse("--edge-time", "50%"),
                Tier.CLOUD, OriginalPredictor.TimeLimit.parse("--cloud-time", "100%"));

        // WHEN
        OriginalPredictor.Translation t = OriginalPredictor.translate(request(Map.of(), uploads, times), vgg19);

        // THEN 100% admits every plan and adds nothing; bytes are floored
        assertThat(t.impossible).isNull();
        assertThat(t.query.constraints()).extracting(Constraint::toParsable).containsExactly(
                "maxTransferOut(DEVICE, 100000B)", "maxComputeTime(DEVICE, 0.5s)", "maxTransferOut(EDGE, 1234B)",
                "maxComputeShare(EDGE, 0.5, COMPUTE)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "nan", "-0.1%", "nan%"})
    void should_report_impossible_when_a_time_limit_admits_no_plan(String limit) {
        // GIVEN
        Map<Tier, OriginalPredictor.TimeLimit> times = Map.of(Tier.EDGE,
                OriginalPredictor.TimeLimit.parse("--edge-time", limit));

        // WHEN
        OriginalPredictor.Translation t = OriginalPredictor.translate(request(Map.of(), Map.of(), times), vgg19);

        // THEN
        assertThat(t.impossible).isNotNull();
    }

    @Test
    void should_fail_naming_the_option_when_a_time_limit_is_not_a_number() {
        // GIVEN / WHEN / THEN
        assertThatThrownBy(() -> OriginalPredictor.TimeLimit.parse("--cloud-time", "%"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The time limit (\"%\") of --cloud-time is neither seconds nor a percentage.");
        assertThatThrownBy(() -> OriginalPredictor.TimeLimit.parse("--cloud-time", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(\"\")");
    }

    @Test
    void should_admit_exactly_the_shares_the_original_admits_when_converting_a_percentage() {
        // GIVEN random shares and percentages, including values at the rounding boundary
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            double percent = i % 2 == 0 ? random.nextDouble() * 100 : Math.rint(random.nextDouble() * 1000) / 10;
            double share = random.nextDouble();
            if (i % 3 == 0) {
                share = percent / 100 + (random.nextInt(5) - 2) * Math.ulp(percent / 100);
            }

            // WHEN
            double limit = OriginalPredictor.largestShare(percent);

            // THEN the core constraint (share <= limit) agrees with the original (share * 100 <= percent)
            assertThat(share <= limit).as("share=%s percent=%s", share, percent).isEqualTo(share * 100 <= percent);
        }
        assertThat(OriginalPredictor.largestShare(100)).isEqualTo(1.0);
        assertThat(OriginalPredictor.largestShare(0)).isEqualTo(0.0);
        assertThat(OriginalPredictor.largestShare(-0.0)).isEqualTo(0.0);
    }
}
