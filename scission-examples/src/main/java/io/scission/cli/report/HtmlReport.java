package io.scission.cli.report;

import io.scission.Hop;
import io.scission.PartitionConfig;
import io.scission.Segment;
import io.scission.cli.report.Report.Answer;
import io.scission.cli.report.Report.NamedNetwork;
import io.scission.cli.report.Report.PipelineRow;
import io.scission.cli.report.Report.PipelineTable;
import io.scission.model.Block;
import io.scission.model.BlockLayout;
import io.scission.platform.Link;
import io.scission.platform.Resource;
import io.scission.platform.TierLink;
import io.scission.profile.Profile;
import io.scission.profile.Provenance;
import io.scission.profile.TimingStatistic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Renders a {@link Report} as one self-contained HTML page: inline CSS and hand-written SVG, no scripts, no fonts or
 * images fetched, so it opens offline in any browser. Charts carry {@code <title>} tooltips with exact values.
 */
public final class HtmlReport {

    /** One colour per resource, in the profiles' order (tier, then name); repeats after seven. */
    private static final String[] COLORS = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#b07aa1",
        "#9c755f"};
    private static final String TRANSFER = "#c9c9c9";
    private static final String FONT = "font-family=\"sans-serif\"";

    private final Report report;
    private final List<Resource> resources;
    private final TimingStatistic statistic;
    /** Prefix of every element id, so that several reports can share one page. */
    private final String ids;

    private HtmlReport(Report report, TimingStatistic statistic, String ids) {
        this.report = report;
        this.resources = report.profiles().resources();
        this.statistic = statistic;
        this.ids = ids;
    }

    /**
     * Renders the report.
     *
     * @param report what to show
     * @param statistic which block timing summary the per-block charts show (the one the queries used)
     * @param generated when the report was made, shown in the page
     * @return the HTML text
     */
    public static String render(Report report, TimingStatistic statistic, Instant generated) {
        StringBuilder h = head(report.title());
        new HtmlReport(report, statistic, "").section(h, generated);
        return h.append("</body>\n</html>\n").toString();
    }

    /**
     * Renders several reports as the parts of one page, each under its own title, e.g. the demo's paper section
     * (several models) and its live section.
     *
     * @param title the page title
     * @param intro paragraphs shown under the title, before the table of contents
     * @param parts the reports, in order
     * @param statistic which block timing summary the per-block charts show
     * @param generated when the report was made
     * @return the HTML text
     */
    public static String render(String title, List<String> intro, List<Report> parts, TimingStatistic statistic,
            Instant generated) {
        StringBuilder h = head(title);
        h.append("<h1>").append(esc(title)).append("</h1>\n");
        for (String p : intro) {
            h.append("<p class=\"intro\">").append(esc(p)).append("</p>\n");
        }
        h.append("<ol class=\"toc\">\n");
        for (int i = 0; i < parts.size(); i++) {
            h.append("<li><a href=\"#part-").append(i + 1).append("\">").append(esc(parts.get(i).title()))
                    .append("</a></li>\n");
        }
        h.append("</ol>\n");
        for (int i = 0; i < parts.size(); i++) {
            h.append("<section class=\"part\" id=\"part-").append(i + 1).append("\">\n");
            new HtmlReport(parts.get(i), statistic, "p" + (i + 1) + "-").section(h, generated);
            h.append("</section>\n");
        }
        return h.append("</body>\n</html>\n").toString();
    }

    private static StringBuilder head(String title) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(esc(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        return h;
    }

    private void section(StringBuilder h, Instant generated) {
        BlockLayout layout = report.profiles().layout();
        h.append("<h1>").append(esc(report.title())).append("</h1>\n");
        h.append("<p class=\"meta\">Model <b>").append(esc(layout.model())).append("</b>: ")
                .append(layout.layerCount()).append(" layers in ").append(layout.size()).append(" blocks (")
                .append(esc(layout.rule().id())).append(" partition rule, ").append(layout.partitionPoints())
                .append(" partition points). Generated ").append(esc(generated.toString()))
                .append(" by scission. Timings: ").append(esc(statistic.name().toLowerCase(Locale.ROOT)))
                .append(" of each block's samples.</p>\n");
        if (!report.notes().isEmpty()) {
            h.append("<ul class=\"notes\">\n");
            for (String n : report.notes()) {
                h.append("<li>").append(esc(n)).append("</li>\n");
            }
            h.append("</ul>\n");
        }
        h.append("<nav><a href=\"#").append(ids).append("resources\">Resources</a> · <a href=\"#").append(ids)
                .append("blocks\">Per-block time and output</a> · <a href=\"#").append(ids).append("answers\">Plans</a>");
        if (!report.pipelines().isEmpty()) {
            h.append(" · <a href=\"#").append(ids).append("pipelines\">Top plans per pipeline</a>");
        }
        if (!report.maps().isEmpty()) {
            h.append(" · <a href=\"#").append(ids).append("maps\">Plan maps</a>");
        }
        h.append("</nav>\n");
        resources(h);
        networks(h);
        h.append("<h2 id=\"").append(ids).append("blocks\">Per-block execution time and output size</h2>\n<p>Like the paper's Fig. 3 and 4: "
                + "bars are the time of each block (a layer, or the layers between two partition points) on one "
                + "resource; the line is the size of the block's output, which is what crosses the network if the "
                + "model is cut after the block.</p>\n");
        for (int i = 0; i < resources.size(); i++) {
            Resource r = resources.get(i);
            h.append("<figure>\n").append(blockChart(i, report.profiles().profile(r.name()).orElseThrow()))
                    .append("<figcaption>").append(esc(r.toString())).append(": time per block (bars, left axis) "
                            + "and output size (line, right axis)</figcaption>\n</figure>\n");
        }
        h.append("<h2 id=\"").append(ids).append("answers\">Plans</h2>\n<p>Like the paper's Fig. 6-15: the top bar shows which layers run "
                + "where; the bottom bar is the end-to-end latency laid out in time, compute on each resource in its "
                + "colour and network transfers in grey.</p>\n");
        h.append(legend());
        int a = 0;
        for (Answer answer : report.answers()) {
            answer(h, a++, answer);
        }
        int t = 0;
        for (PipelineTable table : report.pipelines()) {
            pipelines(h, t++, table);
        }
        maps(h);
    }

    // ------------------------------------------------------------------------------------------- plan maps

    private void maps(StringBuilder h) {
        if (report.maps().isEmpty()) {
            return;
        }
        h.append("<h2 id=\"").append(ids).append("maps\">Plan maps</h2>\n<p>Where each plan is the best one as one "
                + "network figure varies: the exact intervals and switch points (computed, not sampled), each "
                + "plan's end-to-end latency over the range, and the best plan's latency (the envelope).</p>\n");
        int m = 0;
        for (Report.MapFigure figure : report.maps()) {
            h.append("<section class=\"map\" id=\"").append(ids).append("map-").append(m++).append("\">\n<h3>")
                    .append(esc(figure.title())).append("</h3>\n<p>").append(esc(figure.description()))
                    .append("</p>\n");
            MapChart.figure(h, figure.map(), "h4");
            h.append("</section>\n");
        }
    }

    // ------------------------------------------------------------------------------------------- resources, network

    private void resources(StringBuilder h) {
        h.append("<h2 id=\"").append(ids).append("resources\">Resources</h2>\n<table class=\"data\">\n<tr><th>resource</th><th>tier</th>"
                + "<th>hardware</th><th>runtime</th><th>threads</th><th>warm-ups / repeats</th>"
                + "<th>whole model (s)</th><th>sum of blocks (s)</th><th>additivity error (" + statistic.name()
                .toLowerCase(Locale.ROOT) + "s)</th><th>notes</th></tr>\n");
        for (int i = 0; i < resources.size(); i++) {
            Resource r = resources.get(i);
            Profile p = report.profiles().profile(r.name()).orElseThrow();
            Provenance v = p.provenance();
            double sum = 0;
            for (int b = 0; b < p.blocks().size(); b++) {
                sum += p.seconds(b, statistic);
            }
            OptionalDouble error = p.additivityError(statistic);
            String whole = p.wholeModel().map(w -> sec(statistic.of(w.timing().summary()))).orElse("-");
            h.append("<tr><td class=\"name\">").append(swatch(i)).append(esc(r.name())).append("</td><td>")
                    .append(esc(r.tier().name()))
                    .append("</td><td>").append(esc(dash(r.hardware().isEmpty() ? v.cpu() : r.hardware())))
                    .append("</td><td>").append(esc(dash(v.runtime()))).append("</td><td class=\"num\">")
                    .append(v.threads() == 0 ? "default" : Integer.toString(v.threads())).append("</td><td class=\"num\">")
                    .append(v.warmups()).append(" / ").append(v.repeats()).append("</td><td class=\"num\">")
                    .append(whole).append("</td><td class=\"num\">").append(sec(sum)).append("</td><td class=\"num\">")
                    .append(error.isPresent() ? String.format(Locale.ROOT, "%+.1f%%", error.getAsDouble() * 100) : "-")
                    .append("</td><td class=\"notes\">").append(esc(v.notes())).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private void networks(StringBuilder h) {
        if (report.networks().isEmpty()) {
            return;
        }
        h.append("<h2 id=\"").append(ids).append("networks\">Networks</h2>\n<p>A transfer takes latency + bytes / bandwidth (the paper's "
                + "cost model); MB = 10<sup>6</sup> bytes, Mbps = 10<sup>6</sup> bit/s.</p>\n<table class=\"data\">\n"
                + "<tr><th>network</th><th>from</th><th>to</th><th>latency (ms)</th><th>bandwidth (Mbps)</th></tr>\n");
        for (NamedNetwork n : report.networks()) {
            for (TierLink l : n.network().tierLinks()) {
                h.append("<tr><td>").append(esc(n.name())).append("</td><td>every ").append(esc(l.from().name()))
                        .append("</td><td>every ").append(esc(l.to().name())).append("</td><td class=\"num\">")
                        .append(fmt(l.latencySeconds() * 1e3, 1)).append("</td><td class=\"num\">")
                        .append(fmt(l.bandwidth().mbps(), 2)).append("</td></tr>\n");
            }
            for (Link l : n.network().links()) {
                h.append("<tr><td>").append(esc(n.name())).append("</td><td>").append(esc(l.from()))
                        .append("</td><td>").append(esc(l.to())).append("</td><td class=\"num\">")
                        .append(fmt(l.latencySeconds() * 1e3, 1)).append("</td><td class=\"num\">")
                        .append(fmt(l.bandwidth().mbps(), 2)).append("</td></tr>\n");
            }
        }
        h.append("</table>\n");
    }

    // ------------------------------------------------------------------------------------------- per-block chart

    private String blockChart(int index, Profile p) {
        List<Block> blocks = p.layout().blocks();
        int n = blocks.size();
        double step = Math.max(9, Math.min(36, 900.0 / n));
        int left = 70;
        int right = 70;
        int top = 34;
        int plotH = 200;
        int labelH = 56;
        double plotW = step * n;
        int width = (int) Math.ceil(left + plotW + right);
        int height = top + plotH + labelH + 10;
        double maxMs = 0;
        double maxMb = 0;
        for (int i = 0; i < n; i++) {
            maxMs = Math.max(maxMs, p.seconds(i, statistic) * 1e3);
            maxMb = Math.max(maxMb, blocks.get(i).outputBytes() / 1e6);
        }
        double[] msTicks = ticks(maxMs);
        double[] mbTicks = ticks(maxMb);
        double msTop = msTicks[msTicks.length - 1];
        double mbTop = mbTicks[mbTicks.length - 1];
        String color = color(index);
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart blocks\" id=\"").append(ids).append("blocks-").append(index)
                .append("\" width=\"").append(width).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ")
                .append(width).append(' ').append(height).append("\" role=\"img\" aria-label=\"")
                .append(esc("Time and output size per block on " + p.resource().name())).append("\">\n");
        // legend
        s.append("<rect x=\"").append(left).append("\" y=\"8\" width=\"12\" height=\"12\" fill=\"").append(color)
                .append("\"/><text x=\"").append(left + 16).append("\" y=\"18\" font-size=\"12\" ").append(FONT)
                .append(">time (ms), left axis</text>\n");
        s.append("<line x1=\"").append(left + 170).append("\" y1=\"14\" x2=\"").append(left + 190)
                .append("\" y2=\"14\" stroke=\"#222\" stroke-width=\"2\"/><circle cx=\"").append(left + 180)
                .append("\" cy=\"14\" r=\"3\" fill=\"#222\"/><text x=\"").append(left + 196)
                .append("\" y=\"18\" font-size=\"12\" ").append(FONT).append(">output size (MB), right axis</text>\n");
        // grid and axes
        for (double t : msTicks) {
            double y = top + plotH - t / msTop * plotH;
            s.append("<line x1=\"").append(left).append("\" y1=\"").append(f(y)).append("\" x2=\"")
                    .append(f(left + plotW)).append("\" y2=\"").append(f(y)).append("\" stroke=\"#e5e5e5\"/>")
                    .append("<text x=\"").append(left - 6).append("\" y=\"").append(f(y + 4))
                    .append("\" font-size=\"11\" text-anchor=\"end\" ").append(FONT).append('>').append(tick(t))
                    .append("</text>\n");
        }
        for (double t : mbTicks) {
            double y = top + plotH - t / mbTop * plotH;
            s.append("<text x=\"").append(f(left + plotW + 6)).append("\" y=\"").append(f(y + 4))
                    .append("\" font-size=\"11\" ").append(FONT).append('>').append(tick(t)).append("</text>\n");
        }
        s.append("<text transform=\"translate(16,").append(top + plotH / 2).append(") rotate(-90)\" font-size=\"12\" "
                + "text-anchor=\"middle\" ").append(FONT).append(">time (ms)</text>\n");
        s.append("<text transform=\"translate(").append(f(width - 14)).append(',').append(top + plotH / 2)
                .append(") rotate(90)\" font-size=\"12\" text-anchor=\"middle\" ").append(FONT)
                .append(">output (MB)</text>\n");
        // bars
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < n; i++) {
            Block b = blocks.get(i);
            double ms = p.seconds(i, statistic) * 1e3;
            double mb = b.outputBytes() / 1e6;
            double x = left + i * step;
            double bh = msTop > 0 ? ms / msTop * plotH : 0;
            String tip = String.format(Locale.ROOT, "block %d, layers %s: %.3f ms, output %s bytes (%.4f MB)", i,
                    b.label(), ms, b.outputBytes(), mb);
            s.append("<rect class=\"bar\" x=\"").append(f(x + step * 0.12)).append("\" y=\"")
                    .append(f(top + plotH - bh)).append("\" width=\"").append(f(step * 0.76)).append("\" height=\"")
                    .append(f(bh)).append("\" fill=\"").append(color).append("\"><title>").append(esc(tip))
                    .append("</title></rect>\n");
            double cy = top + plotH - (mbTop > 0 ? mb / mbTop * plotH : 0);
            line.append(line.length() == 0 ? "" : " ").append(f(x + step / 2)).append(',').append(f(cy));
            s.append("<text transform=\"translate(").append(f(x + step / 2 + 3)).append(',').append(top + plotH + 8)
                    .append(") rotate(-60)\" font-size=\"").append(step < 14 ? 8 : 10)
                    .append("\" text-anchor=\"end\" ").append(FONT).append('>').append(esc(b.label()))
                    .append("</text>\n");
        }
        s.append("<polyline class=\"size\" points=\"").append(line).append("\" fill=\"none\" stroke=\"#222\" "
                + "stroke-width=\"1.5\"/>\n");
        for (int i = 0; i < n; i++) {
            Block b = blocks.get(i);
            double cy = top + plotH - (mbTop > 0 ? b.outputBytes() / 1e6 / mbTop * plotH : 0);
            s.append("<circle cx=\"").append(f(left + i * step + step / 2)).append("\" cy=\"").append(f(cy))
                    .append("\" r=\"2.5\" fill=\"#222\"><title>").append(esc(String.format(Locale.ROOT,
                            "block %d output: %d bytes", i, b.outputBytes()))).append("</title></circle>\n");
        }
        s.append("<line x1=\"").append(left).append("\" y1=\"").append(top + plotH).append("\" x2=\"")
                .append(f(left + plotW)).append("\" y2=\"").append(top + plotH).append("\" stroke=\"#444\"/>\n");
        s.append("<text x=\"").append(f(left + plotW / 2)).append("\" y=\"").append(height - 2)
                .append("\" font-size=\"11\" text-anchor=\"middle\" ").append(FONT)
                .append(">block (layers)</text>\n</svg>\n");
        return s.toString();
    }

    // ------------------------------------------------------------------------------------------- plans

    private void answer(StringBuilder h, int index, Answer answer) {
        h.append("<section class=\"answer\" id=\"").append(ids).append("answer-").append(index).append("\">\n<h3>").append(esc(answer.title()))
                .append("</h3>\n<p class=\"meta\">Network: ").append(esc(answer.networkName())).append(". Query: <code>")
                .append(esc(queryText(answer))).append("</code></p>\n");
        if (answer.result().isEmpty()) {
            h.append("<p class=\"empty\">No plan satisfies the query. ").append(esc(answer.result().explanation()))
                    .append("</p>\n</section>\n");
            return;
        }
        List<PartitionConfig> plans = answer.result().plans();
        h.append(planTable(plans));
        int rank = 1;
        for (PartitionConfig p : plans) {
            h.append("<figure>\n").append(planChart(ids + "plan-" + index + "-" + rank, p)).append("<figcaption>")
                    .append(rank).append(". ").append(esc(caption(p))).append("</figcaption>\n</figure>\n");
            rank++;
        }
        h.append("</section>\n");
    }

    private static String queryText(Answer answer) {
        String q = answer.result().query().toParsableString();
        return q.isEmpty() ? "(defaults: minimise latency, top 5)" : q;
    }

    private static String caption(PartitionConfig p) {
        return String.format(Locale.ROOT, "%s s end to end = compute %s s + transfer %s s; %s MB sent", sec(
                p.latencySeconds()), sec(p.computeSeconds()), sec(p.transferSeconds()), mb(p.bytesSent()));
    }

    /** A Table IV-style table: one column per resource with the layers it runs. */
    private String planTable(List<PartitionConfig> plans) {
        StringBuilder t = new StringBuilder("<table class=\"data plans\">\n<tr><th>#</th>");
        for (int i = 0; i < resources.size(); i++) {
            t.append("<th>").append(swatch(i)).append(esc(resources.get(i).toString())).append("</th>");
        }
        t.append("<th>latency (s)</th><th>compute (s)</th><th>transfer (s)</th><th>data transfer (MB)</th></tr>\n");
        int rank = 1;
        for (PartitionConfig p : plans) {
            t.append(planRow(rank++, p));
        }
        return t.append("</table>\n").toString();
    }

    private String planRow(int rank, PartitionConfig p) {
        StringBuilder t = new StringBuilder("<tr><td class=\"num\">").append(rank).append("</td>");
        for (int i = 0; i < resources.size(); i++) {
            List<String> ranges = new ArrayList<>();
            for (Segment s : p.segments()) {
                if (s.resource().equals(resources.get(i))) {
                    ranges.add(s.firstLayer() == s.lastLayer() ? Integer.toString(s.firstLayer())
                            : s.firstLayer() + "-" + s.lastLayer());
                }
            }
            if (ranges.isEmpty()) {
                t.append("<td class=\"none\">-</td>");
            } else {
                t.append("<td style=\"background:").append(tint(i)).append("\">").append(esc(String.join(", ", ranges)))
                        .append("</td>");
            }
        }
        return t.append("<td class=\"num\">").append(sec(p.latencySeconds())).append("</td><td class=\"num\">")
                .append(sec(p.computeSeconds())).append("</td><td class=\"num\">").append(sec(p.transferSeconds()))
                .append("</td><td class=\"num\">").append(mb(p.bytesSent())).append("</td></tr>\n").toString();
    }

    /** One plan as the paper draws it: which layers run where, then compute and transfer laid out in time. */
    private String planChart(String id, PartitionConfig p) {
        int width = 920;
        int left = 84;
        int plotW = width - left - 20;
        int layerCount = p.layerCount();
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart plan\" id=\"").append(esc(id))
                .append("\" width=\"").append(width).append("\" height=\"132\" viewBox=\"0 0 ").append(width)
                .append(" 132\" role=\"img\" aria-label=\"").append(esc(p.describe())).append("\">\n");
        s.append("<text x=\"").append(left - 8).append("\" y=\"30\" font-size=\"12\" text-anchor=\"end\" ")
                .append(FONT).append(">layers</text>\n");
        s.append("<text x=\"").append(left - 8).append("\" y=\"82\" font-size=\"12\" text-anchor=\"end\" ")
                .append(FONT).append(">time</text>\n");
        for (Segment seg : p.segments()) {
            int ci = resources.indexOf(seg.resource());
            double x = left + (double) seg.firstLayer() / layerCount * plotW;
            double w = (double) seg.layerCount() / layerCount * plotW;
            String label = seg.resource().name() + " (" + seg.resource().tier().name() + ") layers "
                    + (seg.firstLayer() == seg.lastLayer() ? Integer.toString(seg.firstLayer())
                            : seg.firstLayer() + "-" + seg.lastLayer());
            s.append("<rect class=\"segment\" x=\"").append(f(x)).append("\" y=\"12\" width=\"").append(f(w))
                    .append("\" height=\"28\" fill=\"").append(color(ci)).append("\" stroke=\"#fff\"><title>")
                    .append(esc(label)).append("</title></rect>\n");
            s.append(fitText(x, w, 31, label, "#fff"));
        }
        // layer axis: 0 and the last layer
        s.append("<text x=\"").append(left).append("\" y=\"52\" font-size=\"10\" ").append(FONT)
                .append(">0</text><text x=\"").append(left + plotW).append("\" y=\"52\" font-size=\"10\" "
                        + "text-anchor=\"end\" ").append(FONT).append('>').append(layerCount - 1).append("</text>\n");
        // timeline
        double total = p.latencySeconds();
        double t = 0;
        for (Step step : steps(p)) {
            double x = left + (total > 0 ? t / total * plotW : 0);
            double w = total > 0 ? step.seconds / total * plotW : 0;
            String fill = step.resource == null ? TRANSFER : color(resources.indexOf(step.resource));
            s.append("<rect class=\"").append(step.resource == null ? "transfer" : "compute").append("\" x=\"")
                    .append(f(x)).append("\" y=\"64\" width=\"").append(f(Math.max(w, 0.5)))
                    .append("\" height=\"28\" fill=\"").append(fill).append("\" stroke=\"#fff\"><title>")
                    .append(esc(step.label)).append("</title></rect>\n");
            s.append(fitText(x, w, 83, sec(step.seconds) + " s", step.resource == null ? "#222" : "#fff"));
            t += step.seconds;
        }
        // time axis
        double[] ticks = ticks(total);
        for (double tk : ticks) {
            if (tk > total * 1.0001) {
                continue;
            }
            double x = left + (total > 0 ? tk / total * plotW : 0);
            s.append("<line x1=\"").append(f(x)).append("\" y1=\"94\" x2=\"").append(f(x))
                    .append("\" y2=\"99\" stroke=\"#444\"/><text x=\"").append(f(x)).append("\" y=\"111\" "
                            + "font-size=\"10\" text-anchor=\"middle\" ").append(FONT).append('>').append(tick(tk))
                    .append("</text>\n");
        }
        s.append("<text x=\"").append(left + plotW).append("\" y=\"126\" font-size=\"11\" text-anchor=\"end\" ")
                .append(FONT).append('>').append(esc(sec(total) + " s end to end (axis in seconds)")).append("</text>\n");
        s.append("</svg>\n");
        return s.toString();
    }

    /** A step of the timeline: compute on a resource, or a transfer (resource null). */
    private record Step(@org.jspecify.annotations.Nullable Resource resource, double seconds, String label) {
    }

    private static List<Step> steps(PartitionConfig p) {
        List<Step> steps = new ArrayList<>();
        List<Hop> between = new ArrayList<>();
        Hop input = null;
        Hop back = null;
        for (Hop hop : p.hops()) {
            switch (hop.kind()) {
                case INPUT:
                    input = hop;
                    break;
                case RESULT:
                    back = hop;
                    break;
                default:
                    between.add(hop);
            }
        }
        if (input != null) {
            steps.add(hop("send input", input));
        }
        for (int i = 0; i < p.segments().size(); i++) {
            Segment s = p.segments().get(i);
            steps.add(new Step(s.resource(), s.computeSeconds(), String.format(Locale.ROOT,
                    "compute on %s: layers %d-%d (blocks %d-%d), %s s", s.resource(), s.firstLayer(), s.lastLayer(),
                    s.firstBlock(), s.lastBlock(), sec(s.computeSeconds()))));
            if (i < between.size()) {
                steps.add(hop("send", between.get(i)));
            }
        }
        if (back != null) {
            steps.add(hop("return result", back));
        }
        return steps;
    }

    private static Step hop(String what, Hop h) {
        return new Step(null, h.seconds(), String.format(Locale.ROOT, "%s %s -> %s: %d bytes (%s MB), %s s", what,
                h.from().name(), h.to().name(), h.bytes(), mb(h.bytes()), sec(h.seconds())));
    }

    /** Centred text if the label fits the width (about 6.5 px per character at 11 px), else nothing. */
    private static String fitText(double x, double w, double y, String label, String fill) {
        if (label.length() * 6.5 + 8 > w) {
            return "";
        }
        return "<text x=\"" + f(x + w / 2) + "\" y=\"" + f(y) + "\" font-size=\"11\" text-anchor=\"middle\" fill=\""
                + fill + "\" " + FONT + ">" + esc(label) + "</text>\n";
    }

    private String legend() {
        StringBuilder l = new StringBuilder("<p class=\"legend\">");
        for (int i = 0; i < resources.size(); i++) {
            l.append(swatch(i)).append(esc(resources.get(i).toString())).append(" &nbsp; ");
        }
        return l.append("<span class=\"swatch\" style=\"background:").append(TRANSFER)
                .append("\"></span>network transfer</p>\n").toString();
    }

    // ------------------------------------------------------------------------------------------- pipelines

    private void pipelines(StringBuilder h, int index, PipelineTable table) {
        h.append("<h2 id=\"").append(ids).append(index == 0 ? "pipelines" : "pipelines-" + index).append("\">")
                .append(esc(table.title())).append("</h2>\n<p>Like the paper's Table IV: the best plans of each "
                        + "distributed pipeline (each set of two or more tiers must run blocks, the others none).</p>\n");
        h.append("<table class=\"data plans pipelines\">\n<tr><th>#</th>");
        for (int i = 0; i < resources.size(); i++) {
            h.append("<th>").append(swatch(i)).append(esc(resources.get(i).toString())).append("</th>");
        }
        h.append("<th>latency (s)</th><th>compute (s)</th><th>transfer (s)</th><th>data transfer (MB)</th></tr>\n");
        int columns = resources.size() + 5;
        for (PipelineRow row : table.rows()) {
            h.append("<tr class=\"group\"><td colspan=\"").append(columns).append("\">").append(esc(row.name()))
                    .append(" pipeline</td></tr>\n");
            if (row.plans().isEmpty()) {
                h.append("<tr><td colspan=\"").append(columns).append("\" class=\"empty\">No plan. ")
                        .append(esc(row.note())).append("</td></tr>\n");
            }
            int rank = 1;
            for (PartitionConfig p : row.plans()) {
                h.append(planRow(rank++, p));
            }
        }
        h.append("</table>\n");
    }

    // ------------------------------------------------------------------------------------------- helpers

    private static String color(int index) {
        return COLORS[Math.floorMod(index, COLORS.length)];
    }

    /** The resource's colour, lightened for table cells. */
    private static String tint(int index) {
        String c = color(index);
        int r = Integer.parseInt(c.substring(1, 3), 16);
        int g = Integer.parseInt(c.substring(3, 5), 16);
        int b = Integer.parseInt(c.substring(5, 7), 16);
        return String.format(Locale.ROOT, "#%02x%02x%02x", r + (255 - r) * 3 / 4, g + (255 - g) * 3 / 4,
                b + (255 - b) * 3 / 4);
    }

    private static String swatch(int index) {
        return "<span class=\"swatch\" style=\"background:" + color(index) + "\"></span>";
    }

    /** Round tick values from 0 to at least max: 4-6 steps of 1, 2, 2.5 or 5 times a power of ten. */
    static double[] ticks(double max) {
        if (!(max > 0) || Double.isInfinite(max)) {
            return new double[] {0, 1};
        }
        double raw = max / 5;
        int exponent = (int) Math.floor(Math.log10(raw));
        double mag = Math.pow(10, exponent);
        java.math.BigDecimal step = java.math.BigDecimal.TEN.scaleByPowerOfTen(exponent);
        for (String m : new String[] {"1", "2", "2.5", "5", "10"}) {
            if (Double.parseDouble(m) * mag >= raw) {
                step = new java.math.BigDecimal(m).scaleByPowerOfTen(exponent);
                break;
            }
        }
        int n = (int) Math.ceil(max / step.doubleValue() - 1e-9);
        double[] t = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            t[i] = step.multiply(java.math.BigDecimal.valueOf(i)).doubleValue();
        }
        return t;
    }

    private static String tick(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.4f", v);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String fmt(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    static String sec(double seconds) {
        return String.format(Locale.ROOT, "%.4f", seconds);
    }

    static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.4f", bytes / 1e6);
    }

    private static String dash(String s) {
        return s.isEmpty() ? "-" : s;
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&':
                    b.append("&amp;");
                    break;
                case '<':
                    b.append("&lt;");
                    break;
                case '>':
                    b.append("&gt;");
                    break;
                case '"':
                    b.append("&quot;");
                    break;
                default:
                    b.append(c);
            }
        }
        return b.toString();
    }

    private static final String CSS = "body{font-family:sans-serif;margin:24px;color:#222;max-width:1200px}"
            + "section.part{border-top:3px solid #4e79a7;margin-top:40px}p.intro{max-width:900px}"
            + "h1{font-size:22px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #ddd}h3{font-size:15px}"
            + ".meta{color:#555}ul.notes{background:#fff8e1;border:1px solid #f0d98c;padding:8px 8px 8px 28px}"
            + "table.data{border-collapse:collapse;font-size:13px;margin:8px 0}"
            + "table.data th,table.data td{border:1px solid #ddd;padding:3px 7px;text-align:left;vertical-align:top}"
            + "table.data th{background:#f4f4f4}td.num{text-align:right;font-variant-numeric:tabular-nums}"
            + "td.none{color:#aaa;text-align:center}td.name{white-space:nowrap}td.notes{font-size:11px;color:#555;max-width:420px}"
            + "tr.group td{background:#eee;font-weight:bold}.empty{color:#a33}"
            + ".swatch{display:inline-block;width:10px;height:10px;margin-right:5px;vertical-align:baseline}"
            + "figure{margin:12px 0}figcaption{font-size:12px;color:#555}svg.chart{display:block;max-width:100%;"
            + "height:auto}nav{margin:8px 0 0 0;font-size:13px}code{font-size:12px}\n";
}
