package dev.httpcourse.bench.load.report;

import java.util.Arrays;

/**
 * A figure taken once per round: its median, and its spread as the lowest and highest round. With
 * three rounds the range is all the data there is, so it is shown whole rather than as a deviation.
 */
public record Spread(double median, double min, double max) {

    public static Spread of(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double[] v = values.clone();
        Arrays.sort(v);
        return new Spread(Summary.median(v), v[0], v[v.length - 1]);
    }

    /** Whether {@code value} lies within the range, ends included. */
    public boolean includes(double value) {
        return min <= value && value <= max;
    }

    /** Whether the two ranges share a point: then the rounds do not tell the two figures apart. */
    public boolean overlaps(Spread other) {
        return min <= other.max && other.min <= max;
    }
}
