package dev.switchboard.loadgen;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code report.html}: one self-contained page (no scripts, fonts or stylesheets fetched from anywhere) with the
 * latency-by-percentile chart in inline SVG, on HdrHistogram's log-scale percentile axis where 90%, 99%, 99.9%...
 * are evenly spaced so the tail is as visible as the median, and the run's numbers.
 */
final class HtmlReport {

    static final int WIDTH = 900;
    static final int HEIGHT = 440;
    private static final int LEFT = 80;
    private static final int RIGHT = WIDTH - 30;
    private static final int TOP = 40;
    private static final int BOTTOM = HEIGHT - 60;
    private static final String DELIVERY_COLOUR = "#1f6fd1";
    private static final String SEND_COLOUR = "#e0731c";

    private HtmlReport() {}

    static String render(RunResult r) {
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(esc(ResultWriter.title(r)))
                .append(' ')
                .append(esc(r.runId()))
                .append("</title>\n<style>\n")
                .append(
                        "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem;color:#222;max-width:1000px}\n")
                .append(
                        "table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left;vertical-align:top}\n")
                .append("th{background:#f3f3f3}td.num{text-align:right;font-variant-numeric:tabular-nums}\n")
                .append(".clean{color:#18794e;font-weight:bold}.problems{color:#b3261e;font-weight:bold}\n")
                .append("svg text{font-size:12px;fill:#333}\n</style>\n</head>\n<body>\n");
        html.append("<h1>")
                .append(esc(ResultWriter.title(r)))
                .append(' ')
                .append(esc(r.runId()))
                .append("</h1>\n<p>Workload <b>")
                .append(esc(String.valueOf(r.parameters().get("workload"))))
                .append("</b>, started ")
                .append(esc(r.startedAt()))
                .append(", finished ")
                .append(esc(r.finishedAt()))
                .append(". Verdict: <span class=\"")
                .append(r.problems().isEmpty() ? "clean\">clean" : "problems\">problems")
                .append("</span></p>\n");
        if (!r.problems().isEmpty()) {
            html.append("<ul>\n");
            r.problems().forEach(p -> html.append("<li>").append(esc(p)).append("</li>\n"));
            html.append("</ul>\n");
        }
        html.append(
                        "<h2>Latency by percentile</h2>\n<p>Delivery latency is measured at every member connection from the ")
                .append("message's <em>intended</em> send time (open-loop schedule) to its arrival, so a stalled ")
                .append(
                        "system or a late send is charged in full (no coordinated omission). Measured window only.</p>\n");
        html.append(chart(r.deliveryLatencyMicros(), r.sendLatencyMicros(), ResultWriter.answer(r)));
        html.append(percentileTable(r));
        html.append("<h2>Summary</h2>\n<table>\n");
        for (String[] row : ResultWriter.rows(r)) {
            html.append("<tr><th>")
                    .append(esc(row[0]))
                    .append("</th><td>")
                    .append(esc(row[1]))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n<h2>Parameters</h2>\n<table>\n");
        for (Map.Entry<String, Object> e : r.parameters().entrySet()) {
            html.append("<tr><th>--")
                    .append(esc(e.getKey()))
                    .append("</th><td>")
                    .append(esc(String.valueOf(e.getValue())))
                    .append("</td></tr>\n");
        }
        html.append(
                "</table>\n<p>All numbers are also in <code>result.json</code> next to this file.</p>\n</body>\n</html>\n");
        return html.toString();
    }

    private static String percentileTable(RunResult r) {
        StringBuilder t = new StringBuilder(
                        "<table>\n<tr><th>ms</th><th>samples</th><th>p50</th><th>p90</th><th>p99</th>")
                .append("<th>p99.9</th><th>max</th></tr>\n");
        row(t, "delivery (intended send &rarr; received)", r.deliveryLatencyMicros());
        row(t, "send (intended send &rarr; " + esc(ResultWriter.answer(r)) + ")", r.sendLatencyMicros());
        return t.append("</table>\n").toString();
    }

    private static void row(StringBuilder t, String label, LatencySummary l) {
        t.append("<tr><th>")
                .append(label)
                .append("</th><td class=\"num\">")
                .append(l.count())
                .append("</td>");
        for (long v : new long[] {l.p50(), l.p90(), l.p99(), l.p999(), l.max()}) {
            t.append("<td class=\"num\">").append(l.count() == 0 ? "-" : ms(v)).append("</td>");
        }
        t.append("</tr>\n");
    }

    /** Inline SVG: x = log10(1 / (1 - percentile)), y = latency in ms. */
    static String chart(LatencySummary delivery, LatencySummary send, String answeredBy) {
        StringBuilder svg = new StringBuilder(8192);
        svg.append("<svg id=\"latency-chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(WIDTH)
                .append("\" height=\"")
                .append(HEIGHT)
                .append("\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"latency by percentile\">\n")
                .append("<rect x=\"0\" y=\"0\" width=\"")
                .append(WIDTH)
                .append("\" height=\"")
                .append(HEIGHT)
                .append("\" fill=\"#fff\"/>\n");
        if (delivery.count() == 0 && send.count() == 0) {
            svg.append("<text x=\"")
                    .append(WIDTH / 2)
                    .append("\" y=\"")
                    .append(HEIGHT / 2)
                    .append("\" text-anchor=\"middle\">no latency samples in this run</text>\n</svg>\n");
            return svg.toString();
        }
        int decades = decades(Math.max(delivery.count(), send.count()));
        double maxMs = niceCeiling(Math.max(delivery.max(), send.max()) / 1000.0);
        for (int i = 0; i <= decades; i++) {
            double x = x(i, decades);
            svg.append(line(x, TOP, x, BOTTOM, "#e4e4e4"));
            svg.append(text(x, BOTTOM + 18, "middle", percentLabel(i)));
        }
        for (int i = 0; i <= 5; i++) {
            double value = maxMs * i / 5;
            double y = y(value, maxMs);
            svg.append(line(LEFT, y, RIGHT, y, "#e4e4e4"));
            svg.append(text(LEFT - 8, y + 4, "end", trim(value)));
        }
        svg.append(line(LEFT, BOTTOM, RIGHT, BOTTOM, "#555")).append(line(LEFT, TOP, LEFT, BOTTOM, "#555"));
        svg.append(text((LEFT + RIGHT) / 2.0, HEIGHT - 18, "middle", "percentile"));
        svg.append("<text x=\"20\" y=\"")
                .append((TOP + BOTTOM) / 2)
                .append("\" text-anchor=\"middle\" transform=\"rotate(-90 20 ")
                .append((TOP + BOTTOM) / 2)
                .append(")\">latency (ms)</text>\n");
        series(svg, send, decades, maxMs, SEND_COLOUR);
        series(svg, delivery, decades, maxMs, DELIVERY_COLOUR);
        legend(svg, 0, "delivery: intended send \u2192 received", DELIVERY_COLOUR);
        legend(svg, 1, "send: intended send \u2192 " + answeredBy, SEND_COLOUR);
        return svg.append("</svg>\n").toString();
    }

    /** Decades of the percentile axis the samples can resolve: 2 (99%) to 6 (99.9999%). */
    static int decades(long samples) {
        return (int) Math.max(2, Math.min(6, Math.ceil(Math.log10(Math.max(1, samples)))));
    }

    static double xOfPercentile(double percentile, int decades) {
        double remaining = 1 - percentile / 100.0;
        double decade = remaining <= 0 ? decades : Math.min(decades, Math.log10(1 / remaining));
        return x(decade, decades);
    }

    private static double x(double decade, int decades) {
        return LEFT + (RIGHT - LEFT) * decade / decades;
    }

    private static double y(double ms, double maxMs) {
        return BOTTOM - (BOTTOM - TOP) * Math.min(ms, maxMs) / maxMs;
    }

    private static void series(StringBuilder svg, LatencySummary summary, int decades, double maxMs, String colour) {
        List<LatencySummary.Point> points = summary.distribution();
        if (points.isEmpty()) {
            return;
        }
        svg.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"2\" points=\"");
        for (LatencySummary.Point p : points) {
            svg.append(fmt(xOfPercentile(p.percentile(), decades)))
                    .append(',')
                    .append(fmt(y(p.micros() / 1000.0, maxMs)))
                    .append(' ');
        }
        svg.append("\"/>\n");
    }

    private static void legend(StringBuilder svg, int row, String label, String colour) {
        double y = TOP - 22 + row * 16;
        svg.append(line(LEFT + 10, y, LEFT + 34, y, colour).replace("stroke-width=\"1\"", "stroke-width=\"3\""));
        svg.append(text(LEFT + 40, y + 4, "start", label));
    }

    static String percentLabel(int decade) {
        return switch (decade) {
            case 0 -> "0%";
            case 1 -> "90%";
            case 2 -> "99%";
            default -> "99." + "9".repeat(decade - 2) + "%";
        };
    }

    /** 1, 2, 5 x 10^n at or above {@code value}. */
    static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String line(double x1, double y1, double x2, double y2, String colour) {
        return "<line x1=\"" + fmt(x1) + "\" y1=\"" + fmt(y1) + "\" x2=\"" + fmt(x2) + "\" y2=\"" + fmt(y2)
                + "\" stroke=\"" + colour + "\" stroke-width=\"1\"/>\n";
    }

    private static String text(double x, double y, String anchor, String content) {
        return "<text x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" text-anchor=\"" + anchor + "\">" + esc(content)
                + "</text>\n";
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String trim(double v) {
        return v == Math.rint(v)
                ? Long.toString((long) v)
                : String.format(Locale.ROOT, "%.2f", v).replaceAll("0+$", "");
    }

    private static String ms(long micros) {
        return String.format(Locale.ROOT, "%.3f", micros / 1000.0);
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
