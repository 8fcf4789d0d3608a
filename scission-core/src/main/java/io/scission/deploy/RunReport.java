package io.scission.deploy;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of {@link Inference#run}: the outputs of the last run, and the times of every run per stage (one stage
 * per segment, or one for the whole model) and end to end.
 *
 * @param outputs the outputs by key, in the runner's output order
 * @param stages the stages in order
 * @param totalSeconds the end-to-end time of every run, in seconds: the stages plus handing tensors from one to the
 *     next (no serialisation in one process); copying inputs in from and outputs out to Java is not included
 */
public record RunReport(Map<String, HostTensor> outputs, List<Stage> stages, List<Double> totalSeconds) {

    /**
     * Validates and copies (keeping the output order).
     *
     * @param outputs the outputs by key, in the runner's output order
     * @param stages the stages in order
     * @param totalSeconds the end-to-end time of every run, in seconds: the stages plus handing tensors from one to the
     *     next (no serialisation in one process); copying inputs in from and outputs out to Java is not included
     */
    public RunReport {
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(outputs, "outputs")));
        stages = List.copyOf(requireNonNull(stages, "stages"));
        totalSeconds = List.copyOf(requireNonNull(totalSeconds, "totalSeconds"));
    }

    /**

     * Returns the median end-to-end time in seconds.

     *

     * @return seconds

     */
    public double medianSeconds() {
        return median(totalSeconds);
    }

    /**
     * One stage's times.
     *
     * @param name e.g. {@code segment 0} or {@code whole model}
     * @param resource the resource the stage is meant for; empty for the whole model
     * @param seconds the time of every run, in seconds: the TensorFlow session run, feeds and fetches included
     */
    public record Stage(String name, String resource, List<Double> seconds) {

        /**
         * Validates and copies.
         *
         * @param name e.g. {@code segment 0} or {@code whole model}
         * @param resource the resource the stage is meant for; empty for the whole model
         * @param seconds the time of every run, in seconds: the TensorFlow session run, feeds and fetches included
         */
        public Stage {
            requireNonNull(name, "name");
            requireNonNull(resource, "resource");
            seconds = List.copyOf(requireNonNull(seconds, "seconds"));
        }

        /**

         * Returns the median time in seconds.

         *

         * @return seconds

         */
        public double medianSeconds() {
            return median(seconds);
        }

        /**

         * Returns the shortest time in seconds.

         *

         * @return seconds

         */
        public double minSeconds() {
            return seconds.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        }
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> s = new ArrayList<>(values);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "RunReport{%s, %d stages, median %.3f ms}", outputs.keySet(), stages.size(),
                medianSeconds() * 1e3);
    }
}
