package dev.switchboard.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.loadgen.testing.SampleRun;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

    private final String html = HtmlReport.render(SampleRun.clean());

    @Test
    void holdsAnInlineSvgChartWithBothLatencySeries() {
        assertTrue(html.contains("<svg id=\"latency-chart\""));
        assertEquals(2, count(html, "<polyline"));
        for (String tick : List.of(">0%<", ">90%<", ">99%<", ">99.9%<", ">99.99%<")) {
            assertTrue(html.contains(tick), tick);
        }
    }

    @Test
    void isSelfContained() {
        assertFalse(html.contains("<script"));
        assertFalse(html.contains("<link"));
        assertFalse(html.contains("@import"));
        Matcher urls = Pattern.compile("https?://[^\"<\\s]+").matcher(html);
        while (urls.find()) {
            String url = urls.group();
            assertTrue(
                    url.equals("http://www.w3.org/2000/svg")
                            || url.startsWith("http://127.0.0.1")
                            || url.startsWith("ws://"),
                    "no external resource: " + url);
        }
    }

    @Test
    void holdsTheNumbers() {
        assertTrue(html.contains("Switchboard load run t3st"));
        assertTrue(html.contains("class=\"clean\">clean"));
        assertTrue(html.contains("expected 6000  delivered 6000  lost 0  duplicates 0  out-of-order 0"));
        LatencySummary l = SampleRun.clean().deliveryLatencyMicros();
        for (long micros : new long[] {l.p50(), l.p90(), l.p99(), l.p999(), l.max()}) {
            String ms = String.format(java.util.Locale.ROOT, "%.3f", micros / 1000.0);
            assertTrue(html.contains("<td class=\"num\">" + ms + "</td>"), ms);
        }
        assertTrue(html.contains("<th>--rate</th><td>200.0</td>"));
    }

    @Test
    void listsTheProblemsOfABadRun() {
        String bad = HtmlReport.render(SampleRun.result(new DeliveryCounts(6000, 5990, 10, 0, 0, 0, 0)));
        assertTrue(bad.contains("class=\"problems\">problems"));
        assertTrue(bad.contains("<li>10 deliveries lost"));
    }

    @Test
    void aRunWithoutSamplesSaysSoInsteadOfDrawing() {
        String empty = HtmlReport.chart(
                LatencySummary.of(new org.HdrHistogram.Histogram(3)),
                LatencySummary.of(new org.HdrHistogram.Histogram(3)),
                "HTTP answer");
        assertTrue(empty.contains("no latency samples"));
        assertFalse(empty.contains("<polyline"));
    }

    @Test
    void thePercentileAxisIsLogarithmic() {
        double x0 = HtmlReport.xOfPercentile(0, 4);
        double x90 = HtmlReport.xOfPercentile(90, 4);
        double x99 = HtmlReport.xOfPercentile(99, 4);
        double x999 = HtmlReport.xOfPercentile(99.9, 4);
        assertEquals(x90 - x0, x99 - x90, 1e-6);
        assertEquals(x99 - x90, x999 - x99, 1e-6);
        assertEquals(HtmlReport.xOfPercentile(100, 4), HtmlReport.xOfPercentile(99.99, 4), 1e-6);
        assertEquals(2, HtmlReport.decades(10));
        assertEquals(4, HtmlReport.decades(10_000));
        assertEquals(6, HtmlReport.decades(100_000_000));
    }

    @Test
    void escapesText() {
        assertEquals("&lt;b&gt; &amp; &quot;", HtmlReport.esc("<b> & \""));
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            count++;
        }
        return count;
    }
}
