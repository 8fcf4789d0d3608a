package io.scission.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scission.FileReasons;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report's "Predicted against measured" section, from {@code scission validate --json} documents: per document
 * a table of each plan's predicted and measured latency (median, fastest-slowest, the range of the round medians),
 * the error and the ranks, and one chart of every plan of every document, measured against predicted (the median
 * as a dot, the range of the round medians as a bar, or fastest-slowest for a document without rounds), with the
 * diagonal (a perfect prediction) and a ±5 % band. Nothing is recomputed: the section shows what validate measured.
 */
public final class ValidationSection {

    /** The format of validate's JSON document. */
    public static final String FORMAT = "scission-validation";

    private static final int W = 520;
    private static final int H = 420;
    private static final int PAD = 56;
    private static final String[] COLORS = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#b07aa1",
        "#ff9da7", "#9c755f", "#bab0ac", "#edc948"};

    private ValidationSection() {
    }

    /**
     * Reads validate's JSON documents.
     *
     * @param files the files, from {@code scission validate ... --json > FILE}
     * @return the documents, in order
     * @throws IllegalArgumentException naming the file if it cannot be read or is no validation document
     */
    public static List<JsonNode> read(List<Path> files) {
        List<JsonNode> docs = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper();
        for (Path f : files) {
            JsonNode d;
            try {
                d = mapper.readTree(Files.readString(f));
            } catch (IOException e) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "The validation file %s cannot be "
                        + "read (%s).%nMaybe write it with: scission validate ... --json > %s", f, FileReasons.of(e),
                        f.getFileName()), e);
            }
            if (d == null || !FORMAT.equals(d.path("format").asText()) || !d.path("plans").isArray()
                    || d.path("plans").isEmpty()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "The validation file %s is not the "
                        + "JSON of 'scission validate --json' (no \"format\": \"%s\" with plans).%nMaybe write it "
                        + "with: scission validate ... --json > %s", f, FORMAT, f.getFileName()));
            }
            docs.add(d);
        }
        return docs;
    }

    /**
     * Inserts the section at the end of a report's body.
     *
     * @param html a page from {@link HtmlReport}
     * @param docs validate's documents; none leaves the page as it is
     * @return the page
     */
    public static String insert(String html, List<JsonNode> docs) {
        if (docs.isEmpty()) {
            return html;
        }
        int at = html.lastIndexOf("</body>");
        return html.substring(0, at) + render(docs) + html.substring(at);
    }

    /**
     * Renders the section.
     *
     * @param docs validate's documents
     * @return an HTML fragment
     */
    static String render(List<JsonNode> docs) {
        StringBuilder h = new StringBuilder();
        h.append("<h2 id=\"validation\">Predicted against measured latency</h2>\n<p>From <code>scission validate"
                + "</code>: each plan exported, run by one worker process per resource on this machine with the "
                + "network's links emulated, and timed as the plan's latency (the input on the source to the output "
                + "ready). Error = (measured − predicted) / measured.</p>\n");
        int withRounds = 0;
        int plans = 0;
        for (JsonNode d : docs) {
            for (JsonNode p : d.path("plans")) {
                withRounds += roundMedians(d, p) ? 1 : 0;
                plans++;
            }
        }
        String bars = withRounds == plans ? "each bar the range of the plan's round medians (how far its "
                + "measurement moved between rounds)"
                : withRounds == 0 ? "each bar the plan's fastest to slowest inference"
                : "each bar the range of the plan's round medians, or its fastest to slowest inference where the "
                        + "validation has no rounds";
        h.append("<figure>\n").append(chart(docs)).append("<figcaption>Measured (median, the dot) against "
                + "predicted latency of every plan below, ").append(bars).append("; on the diagonal a prediction is "
                        + "exact, the band is ±5 %.</figcaption>\n</figure>\n");
        for (int i = 0; i < docs.size(); i++) {
            JsonNode d = docs.get(i);
            h.append("<h3>").append(swatch(i)).append(HtmlReport.esc(d.path("model").asText() + ", "
                    + d.path("network").asText())).append("</h3>\n<p>").append(HtmlReport.esc(String.format(
                            Locale.ROOT, "Median of %d inferences after %d warm-ups%s. |error|: median %.1f %%, "
                                    + "worst %.1f %%. Measured ranking %s the predicted one; the predicted best "
                                    + "measured %.1f %% above the measured best.", d.path("repeats").asInt(),
                            d.path("warmups").asInt(), d.has("rounds") ? String.format(Locale.ROOT, ", the plans "
                                    + "taking turns in %d rounds (~: the prediction lies within the plan's round "
                                    + "medians)", d.path("rounds").asInt()) : "",
                            d.path("medianAbsError").asDouble() * 100,
                            d.path("worstAbsError").asDouble() * 100,
                            d.path("rankingAgrees").asBoolean() ? "agrees with" : "differs from",
                            Math.max(0, d.path("predictedBestGap").asDouble()) * 100))).append("</p>\n");
            boolean spread = d.has("rounds");
            h.append("<table>\n<tr><th>rank</th><th>predicted (ms)</th><th>measured (ms)</th><th>fastest-slowest "
                    + "(ms)</th>").append(spread ? "<th>round medians (ms)</th>" : "").append("<th>error</th><th>"
                    + "measured rank</th><th>plan</th></tr>\n");
            for (JsonNode p : d.path("plans")) {
                h.append("<tr><td>").append(p.path("rank").asInt()).append("</td><td>")
                        .append(ms(p.path("predictedSeconds").asDouble())).append("</td><td>")
                        .append(ms(p.path("measuredSeconds").asDouble())).append("</td><td>")
                        .append(ms(p.path("minSeconds").asDouble())).append("-")
                        .append(ms(p.path("maxSeconds").asDouble())).append("</td><td>");
                if (spread) {
                    h.append(ms(p.path("spreadLowSeconds").asDouble())).append("-")
                            .append(ms(p.path("spreadHighSeconds").asDouble())).append("</td><td>");
                }
                h.append(String.format(Locale.ROOT, "%+.1f %%%s", p.path("error").asDouble() * 100,
                        p.path("withinSpread").asBoolean() ? " ~" : ""))
                        .append("</td><td>").append(p.path("measuredRank").asInt()).append("</td><td>")
                        .append(HtmlReport.esc(p.path("plan").asText())).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        return h.toString();
    }

    private static String chart(List<JsonNode> docs) {
        double max = 0;
        for (JsonNode d : docs) {
            for (JsonNode p : d.path("plans")) {
                max = Math.max(max, Math.max(p.path("predictedSeconds").asDouble(), p.path("maxSeconds").asDouble()));
            }
        }
        double[] ticks = HtmlReport.ticks(max > 0 ? max * 1e3 : 1);
        double top = ticks[ticks.length - 1];
        double plot = W - 2 * PAD;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W).append("\" height=\"").append(H)
                .append("\" viewBox=\"0 0 ").append(W).append(' ').append(H).append("\" role=\"img\">\n");
        // the ±5 % band and the diagonal
        s.append("<polygon points=\"").append(x(0, top)).append(',').append(y(0, top)).append(' ')
                .append(x(top / 1.05, top)).append(',').append(y(top, top)).append(' ').append(x(top, top)).append(',')
                .append(y(top, top)).append(' ').append(x(top, top)).append(',').append(y(top * 0.95, top))
                .append("\" fill=\"#eee\"/>\n");
        s.append("<line x1=\"").append(x(0, top)).append("\" y1=\"").append(y(0, top)).append("\" x2=\"")
                .append(x(top, top)).append("\" y2=\"").append(y(top, top)).append("\" stroke=\"#888\" "
                        + "stroke-dasharray=\"4 3\"/>\n");
        for (double t : ticks) {
            s.append("<text x=\"").append(x(t, top)).append("\" y=\"").append(H - PAD + 16).append("\" font-size=\"10\" "
                    + "text-anchor=\"middle\">").append(tick(t)).append("</text>\n");
            s.append("<text x=\"").append(PAD - 6).append("\" y=\"").append(y(t, top) + 3).append("\" font-size=\"10\" "
                    + "text-anchor=\"end\">").append(tick(t)).append("</text>\n");
        }
        s.append("<line x1=\"").append(PAD).append("\" y1=\"").append(H - PAD).append("\" x2=\"").append(W - PAD)
                .append("\" y2=\"").append(H - PAD).append("\" stroke=\"#444\"/>\n<line x1=\"").append(PAD)
                .append("\" y1=\"").append(PAD).append("\" x2=\"").append(PAD).append("\" y2=\"").append(H - PAD)
                .append("\" stroke=\"#444\"/>\n");
        s.append("<text x=\"").append(PAD + plot / 2).append("\" y=\"").append(H - 12).append("\" font-size=\"11\" "
                + "text-anchor=\"middle\">predicted (ms)</text>\n<text x=\"14\" y=\"").append(PAD + plot / 2)
                .append("\" font-size=\"11\" text-anchor=\"middle\" transform=\"rotate(-90 14 ").append(PAD + plot / 2)
                .append(")\">measured (ms)</text>\n");
        for (int i = 0; i < docs.size(); i++) {
            JsonNode d = docs.get(i);
            for (JsonNode p : d.path("plans")) {
                double pred = p.path("predictedSeconds").asDouble() * 1e3;
                double meas = p.path("measuredSeconds").asDouble() * 1e3;
                // the range of the round medians (else fastest-slowest) as a bar, the median as a dot
                boolean rounds = roundMedians(d, p);
                double low = p.path(rounds ? "spreadLowSeconds" : "minSeconds").asDouble() * 1e3;
                double high = p.path(rounds ? "spreadHighSeconds" : "maxSeconds").asDouble() * 1e3;
                s.append("<line x1=\"").append(x(pred, top)).append("\" y1=\"").append(y(low, top))
                        .append("\" x2=\"").append(x(pred, top)).append("\" y2=\"").append(y(high, top))
                        .append("\" stroke=\"").append(COLORS[i % COLORS.length]).append("\"><title>")
                        .append(String.format(Locale.ROOT, "%s %.1f-%.1f ms", rounds ? "round medians"
                                : "fastest-slowest", low, high)).append("</title></line>\n");
                s.append("<circle cx=\"").append(x(pred, top)).append("\" cy=\"").append(y(meas, top))
                        .append("\" r=\"4\" fill=\"").append(COLORS[i % COLORS.length]).append("\"><title>")
                        .append(HtmlReport.esc(String.format(Locale.ROOT, "%s, %s, plan %d: predicted %.1f ms, "
                                + "measured %.1f ms (%+.1f %%)", d.path("model").asText(), d.path("network").asText(),
                                p.path("rank").asInt(), pred, meas, p.path("error").asDouble() * 100)))
                        .append("</title></circle>\n");
            }
        }
        return s.append("</svg>\n").toString();
    }

    /**
     * Whether the plan's bar is the range of its round medians: validate wrote them (since it interleaves the plans,
     * {@code spreadLowSeconds}/{@code spreadHighSeconds}, optional fields) and ran more than one round (one round's
     * "range" is its median).
     */
    static boolean roundMedians(JsonNode doc, JsonNode plan) {
        return doc.path("rounds").asInt(1) > 1 && plan.path("spreadLowSeconds").isNumber()
                && plan.path("spreadHighSeconds").isNumber();
    }

    private static String x(double ms, double top) {
        return String.format(Locale.ROOT, "%.1f", PAD + ms / top * (W - 2 * PAD));
    }

    private static String y(double ms, double top) {
        return String.format(Locale.ROOT, "%.1f", H - PAD - Math.min(ms, top) / top * (H - 2 * PAD));
    }

    private static String tick(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String ms(double seconds) {
        return String.format(Locale.ROOT, "%.1f", seconds * 1e3);
    }

    private static String swatch(int i) {
        return "<span style=\"display:inline-block;width:10px;height:10px;background:" + COLORS[i % COLORS.length]
                + ";margin-right:6px\"></span>";
    }
}
