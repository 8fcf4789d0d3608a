package io.scission.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The chart of the report's "Predicted against measured" section draws each plan's median as a dot and a bar: the
 * range of its round medians when validate wrote them (with more than one round), else its fastest to slowest
 * inference (documents written before validate interleaved the plans, or with {@code --rounds 1}); the legend says
 * which. The bars' ends are checked against values computed by hand from a small fixture.
 */
class ValidationSectionTest {

    /** validate's JSON since stop 20: rounds, round medians and their range (optional fields). */
    private static final String WITH_ROUNDS = """
            {"format": "scission-validation", "version": 1, "model": "M", "network": "4g", "repeats": 4,
             "rounds": 2, "warmups": 1, "medianAbsError": 0.09, "worstAbsError": 0.09, "rankingAgrees": true,
             "predictedBestGap": 0.0,
             "plans": [{"rank": 1, "plan": "p1", "predictedSeconds": 0.100, "measuredSeconds": 0.110,
                        "minSeconds": 0.090, "maxSeconds": 0.200, "error": 0.0909, "measuredRank": 1,
                        "roundMedianSeconds": [0.105, 0.120], "spreadLowSeconds": 0.105, "spreadHighSeconds": 0.120,
                        "withinSpread": false}]}
            """;

    /** validate's JSON before: no rounds, no round medians. */
    private static final String WITHOUT_ROUNDS = """
            {"format": "scission-validation", "version": 1, "model": "N", "network": "3g", "repeats": 3,
             "warmups": 1, "medianAbsError": 0.17, "worstAbsError": 0.17, "rankingAgrees": true,
             "predictedBestGap": 0.0,
             "plans": [{"rank": 1, "plan": "q1", "predictedSeconds": 0.050, "measuredSeconds": 0.060,
                        "minSeconds": 0.050, "maxSeconds": 0.080, "error": 0.1667, "measuredRank": 1}]}
            """;

    // The chart's frame: 520 x 420 with a 56 pad, so x = 56 + ms / top * 408 and y = 364 - ms / top * 308, where
    // top is the last tick above the largest value (predicted or slowest): 200 ms gives ticks 0, 50, ..., 200.

    @Test
    void should_draw_the_round_medians_range_when_validate_wrote_it() throws Exception {
        // GIVEN a document with rounds (plan: predicted 100 ms; round medians 105-120 ms; fastest-slowest 90-200 ms)
        List<JsonNode> docs = List.of(new ObjectMapper().readTree(WITH_ROUNDS));

        // WHEN
        String html = ValidationSection.render(docs);

        // THEN the bar spans the round medians: x = 56 + 100/200*408 = 260.0, y(105) = 364 - 161.7 = 202.3,
        // y(120) = 364 - 184.8 = 179.2; not fastest-slowest (y(90) = 225.4, y(200) = 56.0); the dot at y(110) = 194.6
        assertThat(html).contains("<line x1=\"260.0\" y1=\"202.3\" x2=\"260.0\" y2=\"179.2\" stroke=\"#4e79a7\">"
                + "<title>round medians 105.0-120.0 ms</title></line>")
                .doesNotContain("y1=\"225.4\"").doesNotContain("<title>fastest-slowest")
                .contains("<circle cx=\"260.0\" cy=\"194.6\"")
                .contains("each bar the range of the plan's round medians (how far its measurement moved between "
                        + "rounds)");
    }

    @Test
    void should_draw_fastest_to_slowest_when_the_document_has_no_round_medians() throws Exception {
        // GIVEN a document without rounds (plan: predicted 50 ms; fastest-slowest 50-80 ms) beside one with them
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> old = List.of(mapper.readTree(WITHOUT_ROUNDS));
        List<JsonNode> both = List.of(mapper.readTree(WITH_ROUNDS), mapper.readTree(WITHOUT_ROUNDS));

        // WHEN
        String alone = ValidationSection.render(old);
        String mixed = ValidationSection.render(both);

        // THEN alone (top = 80: ticks 0, 20, ..., 80): x = 56 + 50/80*408 = 311.0, y(50) = 364 - 192.5 = 171.5,
        // y(80) = 364 - 308 = 56.0; the legend says fastest-slowest
        assertThat(alone).contains("<line x1=\"311.0\" y1=\"171.5\" x2=\"311.0\" y2=\"56.0\" stroke=\"#4e79a7\">"
                + "<title>fastest-slowest 50.0-80.0 ms</title></line>")
                .contains("each bar the plan's fastest to slowest inference;");
        // AND beside the document with rounds (top = 200): the old plan's bar x = 56 + 50/200*408 = 158.0,
        // y(50) = 364 - 77.0 = 287.0, y(80) = 364 - 123.2 = 240.8 in the second colour; the new plan's as above; the
        // legend names both
        assertThat(mixed).contains("<line x1=\"158.0\" y1=\"287.0\" x2=\"158.0\" y2=\"240.8\" stroke=\"#f28e2b\">"
                + "<title>fastest-slowest 50.0-80.0 ms</title></line>")
                .contains("<line x1=\"260.0\" y1=\"202.3\" x2=\"260.0\" y2=\"179.2\" stroke=\"#4e79a7\">")
                .contains("each bar the range of the plan's round medians, or its fastest to slowest inference where "
                        + "the validation has no rounds");
    }

    @Test
    void should_draw_fastest_to_slowest_when_validate_ran_one_round() throws Exception {
        // GIVEN the document with rounds, run with --rounds 1 (its one round median is the median)
        JsonNode doc = new ObjectMapper().readTree(WITH_ROUNDS.replace("\"rounds\": 2", "\"rounds\": 1")
                .replace("\"roundMedianSeconds\": [0.105, 0.120], \"spreadLowSeconds\": 0.105, "
                        + "\"spreadHighSeconds\": 0.120", "\"roundMedianSeconds\": [0.110], \"spreadLowSeconds\": "
                        + "0.110, \"spreadHighSeconds\": 0.110"));

        // WHEN
        String html = ValidationSection.render(List.of(doc));

        // THEN fastest-slowest: y(90) = 364 - 138.6 = 225.4, y(200) = 56.0
        assertThat(html).contains("<line x1=\"260.0\" y1=\"225.4\" x2=\"260.0\" y2=\"56.0\" stroke=\"#4e79a7\">"
                + "<title>fastest-slowest 90.0-200.0 ms</title></line>");
    }
}
