package io.scission.cli.report;

import io.scission.PartitionConfig;
import io.scission.PlanMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A self-contained HTML page (one SVG, no scripts) of a {@link PlanMap}: the end-to-end latency of each of the
 * map's plans against the varied parameter (a thin line each, over the whole range), the best plan's latency as a
 * thick line (the envelope, drawn from the map's own {@code planAt}), and the switch points as dashed verticals.
 * Bandwidths and factors are drawn on a logarithmic axis.
 */
public final class MapChart {

    private static final int W = 900;
    private static final int H = 420;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 20;
    private static final int BOTTOM = 50;
    private static final int STEPS = 400;
    private static final String[] COLORS = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#b07aa1",
        "#ff9da7", "#9c755f", "#bab0ac", "#edc948"};

    private MapChart() {
    }

    /**
     * Renders the page.
     *
     * @param title the page title
     * @param description a line under the title (model, query, network)
     * @param map the map
     * @return the HTML text
     */
    public static String render(String title, String description, PlanMap map) {
        StringBuilder s = new StringBuilder();
        s.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(HtmlReport.esc(title)).append("</title><style>body{font-family:sans-serif;margin:24px;"
                        + "color:#222;max-width:1000px}td,th{padding:2px 8px;text-align:left;font-size:13px}"
                        + "</style></head><body>\n<h1>").append(HtmlReport.esc(title)).append("</h1>\n<p>")
                .append(HtmlReport.esc(description)).append("</p>\n");
        figure(s, map, "h2");
        return s.append("</body></html>\n").toString();
    }

    /**
     * Appends the map's figure to a page: the SVG chart, the intervals with their ranked plans, and the legend of
     * the plans' lines, under headings of the given level.
     *
     * @param s the page
     * @param map the map
     * @param heading the heading element of the tables' titles, e.g. {@code h2}
     */
    static void figure(StringBuilder s, PlanMap map, String heading) {
        boolean log = !map.parameter().unit().equals("s");
        double[] xs = new double[STEPS + 1];
        for (int i = 0; i <= STEPS; i++) {
            double f = (double) i / STEPS;
            xs[i] = log ? Math.exp(Math.log(map.from()) + f * (Math.log(map.to()) - Math.log(map.from())))
                    : map.from() + f * (map.to() - map.from());
        }
        xs[STEPS] = map.to();
        Map<String, PartitionConfig> plans = new LinkedHashMap<>();
        for (PlanMap.Interval i : map.intervals()) {
            i.plans().forEach(p -> plans.putIfAbsent(p.key(), p));
        }
        double maxY = 0;
        for (PartitionConfig p : plans.values()) {
            for (double x : xs) {
                maxY = Math.max(maxY, map.evaluate(p, x).map(PartitionConfig::latencySeconds).orElse(0.0));
            }
        }
        maxY = maxY <= 0 ? 1 : maxY * 1.05;
        Axis axis = new Axis(map.from(), map.to(), log, maxY);
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart map\" "
                + "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">%n", W, H, W, H));
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#999\"/>%n", LEFT, TOP, W - LEFT - RIGHT, H - TOP - BOTTOM));
        for (double t : HtmlReport.ticks(maxY)) {
            double y = axis.y(t);
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s</text>%n", LEFT,
                    W - RIGHT, y, y, LEFT - 4, y + 4, fmt(t)));
        }
        for (double t : xTicks(map.from(), map.to(), log)) {
            double x = axis.x(t);
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#eee\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text>%n", x, x, TOP,
                    H - BOTTOM, x, H - BOTTOM + 14, fmt(t)));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">%s "
                + "(%s%s)</text>%n", (LEFT + W - RIGHT) / 2, H - 12, HtmlReport.esc(map.parameter().toString()),
                map.parameter().unit(), log ? ", log scale" : ""));
        s.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%d\" font-size=\"12\" transform=\"rotate(-90 14 %d)\" "
                + "text-anchor=\"middle\">end-to-end latency (s)</text>%n", (TOP + H - BOTTOM) / 2,
                (TOP + H - BOTTOM) / 2));
        int index = 0;
        List<String> legend = new ArrayList<>();
        for (PartitionConfig p : plans.values()) {
            String color = COLORS[index % COLORS.length];
            StringBuilder points = new StringBuilder();
            for (double x : xs) {
                double y = map.evaluate(p, x).map(PartitionConfig::latencySeconds).orElse(0.0);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", axis.x(x), axis.y(Math.min(y, maxY))));
            }
            s.append("<polyline class=\"plan\" fill=\"none\" stroke=\"").append(color)
                    .append("\" stroke-width=\"1.2\" points=\"").append(points.toString().strip()).append("\"/>\n");
            legend.add("<tr><td><span style=\"color:" + color + "\">&#9632;</span></td><td>"
                    + HtmlReport.esc(p.key()) + "</td></tr>");
            index++;
        }
        List<Double> envelopeXs = new ArrayList<>();
        for (double x : xs) {
            envelopeXs.add(x);
        }
        for (double sp : map.switchPoints()) {
            envelopeXs.add(sp);
            envelopeXs.add(Math.nextDown(sp));
            envelopeXs.add(Math.nextUp(sp));
        }
        envelopeXs.sort(null);
        StringBuilder env = new StringBuilder();
        for (double x : envelopeXs) {
            if (x < map.from() || x > map.to()) {
                continue;
            }
            Optional<PartitionConfig> best = map.planAt(x);
            if (best.isEmpty()) {
                if (env.length() > 0) {
                    s.append(envelope(env));
                    env.setLength(0);
                }
                continue;
            }
            env.append(String.format(Locale.ROOT, "%.1f,%.1f ", axis.x(x),
                    axis.y(Math.min(best.get().latencySeconds(), maxY))));
        }
        if (env.length() > 0) {
            s.append(envelope(env));
        }
        for (double sp : map.switchPoints()) {
            double x = axis.x(sp);
            s.append(String.format(Locale.ROOT, "<line class=\"switch\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" "
                    + "y2=\"%d\" stroke=\"#555\" stroke-dasharray=\"4 3\"/><text x=\"%.1f\" y=\"%d\" "
                    + "font-size=\"10\" text-anchor=\"middle\">%s</text>%n", x, x, TOP, H - BOTTOM, x, TOP + 10,
                    fmt(sp)));
        }
        s.append("</svg>\n<").append(heading).append(">Intervals</").append(heading).append(">\n<table><tr><th>from"
                + "</th><th>to</th><th>").append(map.top() > 1 ? "best plans, ranked" : "best plan")
                .append("</th></tr>\n");
        for (PlanMap.Interval i : map.intervals()) {
            List<String> ranked = new ArrayList<>();
            for (int r = 0; r < i.plans().size(); r++) {
                ranked.add(HtmlReport.esc((map.top() > 1 ? (r + 1) + ". " : "") + i.plans().get(r).describe()));
            }
            s.append("<tr><td>").append(fmt(i.from())).append("</td><td>").append(fmt(i.to())).append("</td><td>")
                    .append(ranked.isEmpty() ? "no plan satisfies the query" : String.join("<br>", ranked))
                    .append("</td></tr>\n");
        }
        s.append("</table>\n<").append(heading).append(">Plans (thin lines)</").append(heading)
                .append(">\n<table>\n").append(String.join("\n", legend))
                .append("\n</table>\n<p>The thick line is the best plan's latency (the envelope); dashed lines are "
                        + "the exact switch points").append(map.top() > 1 ? " (where one of the " + map.top()
                        + " best plans, or their order, changes)" : "").append(".</p>\n");
    }

    private static String envelope(StringBuilder points) {
        return "<polyline class=\"envelope\" fill=\"none\" stroke=\"#222\" stroke-width=\"3\" points=\""
                + points.toString().strip() + "\"/>\n";
    }

    private static List<Double> xTicks(double from, double to, boolean log) {
        List<Double> ticks = new ArrayList<>();
        if (log) {
            for (double d = Math.pow(10, Math.floor(Math.log10(from))); d <= to * 1.0000001; d *= 10) {
                if (d >= from) {
                    ticks.add(d);
                }
            }
            return ticks;
        }
        for (double t : HtmlReport.ticks(to)) {
            if (t >= from) {
                ticks.add(t);
            }
        }
        return ticks;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    /** Maps values to pixels. */
    private record Axis(double from, double to, boolean log, double maxY) {
        double x(double v) {
            double f = log ? (Math.log(v) - Math.log(from)) / (Math.log(to) - Math.log(from))
                    : (v - from) / (to - from);
            return LEFT + f * (W - LEFT - RIGHT);
        }

        double y(double v) {
            return H - BOTTOM - v / maxY * (H - TOP - BOTTOM);
        }
    }
}
