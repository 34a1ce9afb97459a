package dev.switchboard.loadgen;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Percentiles of a latency histogram, in microseconds, plus its percentile distribution (the points of an
 * HdrHistogram plot) for the report's chart.
 */
public record LatencySummary(
        long count,
        long min,
        double mean,
        long p50,
        long p90,
        long p99,
        long p999,
        long max,
        List<Point> distribution) {

    /** Latency at a percentile (0..100). */
    public record Point(double percentile, long micros) {}

    /** Points per halving of the remaining tail (HdrHistogram's {@code percentileTicksPerHalfDistance}). */
    static final int TICKS_PER_HALF_DISTANCE = 5;

    public static LatencySummary of(Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0, List.of());
        }
        List<Point> points = new ArrayList<>();
        for (HistogramIterationValue v : histogram.percentiles(TICKS_PER_HALF_DISTANCE)) {
            points.add(new Point(
                    v.getPercentileLevelIteratedTo(), histogram.highestEquivalentValue(v.getValueIteratedTo())));
        }
        return new LatencySummary(
                histogram.getTotalCount(),
                histogram.getMinValue(),
                histogram.getMean(),
                histogram.getValueAtPercentile(50),
                histogram.getValueAtPercentile(90),
                histogram.getValueAtPercentile(99),
                histogram.getValueAtPercentile(99.9),
                histogram.getMaxValue(),
                List.copyOf(points));
    }
}
