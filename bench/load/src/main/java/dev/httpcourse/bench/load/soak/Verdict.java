package dev.httpcourse.bench.load.soak;

import java.util.ArrayList;
import java.util.List;

/**
 * A series judged by {@link Series#rule()}: the mean of its first third of judged samples against
 * the mean of its last third.
 *
 * @param first the samples of the first third (their indexes)
 * @param last  the samples of the last third
 */
public record Verdict(Series series, List<Integer> first, List<Integer> last, double firstMean, double lastMean,
                      State state) {

    public enum State {
        FLAT, GROWING, NOT_JUDGED;

        public String word() {
            return this == NOT_JUDGED ? "not judged (too few samples)" : name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Verdict {
        first = List.copyOf(first);
        last = List.copyOf(last);
    }

    public static Verdict judge(Series series, List<Sample> samples) {
        var indexes = new ArrayList<Integer>();
        var values = new ArrayList<Double>();
        for (Sample s : samples) {
            Double v = series.value(s);
            if (s.index() >= Series.FIRST_JUDGED && v != null) {
                indexes.add(s.index());
                values.add(v);
            }
        }
        int n = values.size();
        if (n < 2) {
            return new Verdict(series, indexes, indexes, Double.NaN, Double.NaN, State.NOT_JUDGED);
        }
        int third = Math.max(1, n / 3);
        double firstMean = mean(values.subList(0, third));
        double lastMean = mean(values.subList(n - third, n));
        return new Verdict(series, indexes.subList(0, third), indexes.subList(n - third, n), firstMean, lastMean,
                growing(series, firstMean, lastMean) ? State.GROWING : State.FLAT);
    }

    /** Above both bars: the share and the allowance. */
    static boolean growing(Series series, double firstMean, double lastMean) {
        return lastMean - firstMean > series.allowance() && lastMean > firstMean * (1 + Series.RATIO);
    }

    public boolean isGrowing() {
        return state == State.GROWING;
    }

    /** "#2–#7", or "#4" for one sample. */
    public static String span(List<Integer> indexes) {
        if (indexes.isEmpty()) {
            return "–";
        }
        return indexes.size() == 1 ? "#" + indexes.getFirst() : "#" + indexes.getFirst() + "–#" + indexes.getLast();
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
