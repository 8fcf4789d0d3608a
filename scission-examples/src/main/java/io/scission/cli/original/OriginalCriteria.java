package io.scission.cli.original;

import io.scission.original.PythonText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import static java.util.Objects.requireNonNull;

/**
 * One tier's criteria string of the original predictor ({@code -d}, {@code -e} or {@code -c}), parsed token by
 * token exactly as {@code scission_predict.py} parses it.
 *
 * <p>The string is split at every comma and each token is stripped. Then, in this order:
 * <ol>
 *   <li>all digits, or exactly {@code -1}: a layer that must run on the tier ({@code -1}: the tier must be unused);
 *   <li>{@code !} followed by digits, <em>or any token whose text after its first character is {@code -1}</em>: a
 *       layer that must not run on the tier ({@code !-1}: the tier must be used). The second half is the original's
 *       operator-precedence slip ({@code a and b or c}): {@code x-1} or {@code --1} also mean "must be used";
 *   <li>{@code !name}: a system excluded from the tier (which still forces the tier to be used);
 *   <li>anything else, e.g. {@code raspi4} or {@code -2}: a system the tier must use.
 * </ol>
 * An empty token (e.g. {@code "3,"}) made the original crash; here it is an error.
 *
 * @param layersOn layers that must run on the tier; {@code -1} means the tier is unused
 * @param layersNotOn layers that must not run on the tier; {@code -1} means the tier is used
 * @param systemsIn systems of which the tier must use one
 * @param systemsNotIn systems the tier must not use
 */
record OriginalCriteria(List<Integer> layersOn, List<Integer> layersNotOn, List<String> systemsIn,
        List<String> systemsNotIn) {

    /** No criteria. */
    static final OriginalCriteria NONE = new OriginalCriteria(List.of(), List.of(), List.of(), List.of());

    /** Copies the lists. */
    OriginalCriteria {
        layersOn = List.copyOf(layersOn);
        layersNotOn = List.copyOf(layersNotOn);
        systemsIn = List.copyOf(systemsIn);
        systemsNotIn = List.copyOf(systemsNotIn);
    }

    /**
     * Parses a criteria string.
     *
     * @param option the option it was given to, for messages, e.g. {@code -d/--device}
     * @param text the string, e.g. {@code "!-1,raspi4"}
     * @return the criteria
     * @throws IllegalArgumentException naming the option and token if a token is empty or an unreadable number
     */
    static OriginalCriteria parse(String option, String text) {
        requireNonNull(option, "option");
        requireNonNull(text, "text");
        List<Integer> on = new ArrayList<>();
        List<Integer> notOn = new ArrayList<>();
        List<String> in = new ArrayList<>();
        List<String> notIn = new ArrayList<>();
        for (String raw : text.split(",", -1)) {
            String c = PythonText.strip(raw);
            if (c.isEmpty()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "The criteria (\"%s\") of %s contain an empty entry.%n"
                                + "Maybe remove the extra comma: entries are N, !N, -1, !-1, name or !name.",
                        text, option));
            }
            try {
                if (PythonText.isDigit(c) || c.equals("-1")) {
                    on.add(c.equals("-1") ? -1 : PythonText.parseDigits(c));
                } else if (c.charAt(0) == '!' && PythonText.isDigit(c.substring(1)) || c.substring(1).equals("-1")) {
                    String number = c.substring(1);
                    notOn.add(number.equals("-1") ? -1 : PythonText.parseDigits(number));
                } else if (c.charAt(0) == '!') {
                    notIn.add(c.substring(1));
                } else {
                    in.add(c);
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "The criterion (\"%s\") of %s is not a layer number.%nMaybe write the layer with the digits "
                                + "0-9.", c, option), e);
            }
        }
        return new OriginalCriteria(on, notOn, in, notIn);
    }

    /**
     * Returns true if the string set no criterion.
     *
     * @return whether it is empty
     */
    boolean isEmpty() {
        return layersOn.isEmpty() && layersNotOn.isEmpty() && systemsIn.isEmpty() && systemsNotIn.isEmpty();
    }
}
