package io.scission.cli.profile;

import io.scission.profile.SamplingRule;
import io.scission.spi.ProfileRequest;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options of the until-stable rule, {@code --tolerance}, {@code --budget} and {@code --window}, for every command
 * that profiles, as a picocli mixin: {@code @Mixin SamplingOptions sampling;}. They apply when no fixed
 * {@code --repeats} is given; with one, giving them is a usage error (a fixed count ignores them).
 */
public final class SamplingOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee = CommandSpec.create();

    @Option(names = "--tolerance", paramLabel = "PERCENT", description = "Repeat until the 90%% interval of the "
            + "median of the blocks' per-pass total, of the whole model's and of the range check's is within this "
            + "many percent of it (default 5).")
    private double tolerance = SamplingRule.UNTIL_STABLE.relativeTolerance() * 100;

    @Option(names = "--budget", paramLabel = "N", description = "Stop repeating, stable or not, once the timed "
            + "passes have taken N whole-model times (default 15; 0 for no budget, at most 100 passes).")
    private double budget = SamplingRule.UNTIL_STABLE.budgetWholeModels();

    @Option(names = "--window", paramLabel = "DURATION", description = "Spread the timed passes evenly over at "
            + "least this wall-clock window, idle between them, so that the profile samples the machine over time "
            + "rather than one moment (for shared or virtual machines whose speed moves for seconds to minutes): "
            + "the passes the budget affords, one every window / (passes - 1). A number with s or min (seconds "
            + "without a unit), e.g. 2min. Default: passes back to back.")
    private @Nullable String window;

    /** The longest window: one day. */
    static final double MAX_WINDOW_SECONDS = 86_400;

    /** Creates the mixin; picocli sets the fields. */
    public SamplingOptions() {
    }

    /**
     * Returns the until-stable rule the options give.
     *
     * @param repeats the command's {@code --repeats}: {@link ProfileRequest#UNTIL_STABLE} or a fixed count
     * @return the rule; the default when neither option was given
     * @throws ParameterException if a value is out of range, or an option was given with a fixed count
     */
    public SamplingRule rule(int repeats) {
        boolean given = mixee.commandLine().getParseResult() != null
                && (mixee.commandLine().getParseResult().hasMatchedOption("--tolerance")
                        || mixee.commandLine().getParseResult().hasMatchedOption("--budget"));
        double windowSeconds = window == null ? 0 : windowSeconds(window);
        if (window != null && repeats != ProfileRequest.UNTIL_STABLE) {
            throw new ParameterException(mixee.commandLine(), String.format(Locale.ROOT, "--window spreads the passes "
                    + "of a profiler that repeats until stable, but --repeats (%d) asks for a fixed count.%n"
                    + "Maybe leave out --repeats, or --window.", repeats));
        }
        if (given && repeats != ProfileRequest.UNTIL_STABLE) {
            throw new ParameterException(mixee.commandLine(), String.format(Locale.ROOT, "--tolerance and --budget "
                    + "apply when the profiler repeats until stable, but --repeats (%d) asks for a fixed count.%n"
                    + "Maybe leave out --repeats, or the other two.", repeats));
        }
        if (!(tolerance > 0 && tolerance < 100)) {
            throw new ParameterException(mixee.commandLine(), String.format(Locale.ROOT, "The --tolerance (%s) must "
                    + "be a percentage above 0 and below 100.%nMaybe write --tolerance 5.", tolerance));
        }
        if (!(budget >= 0) || Double.isInfinite(budget)) {
            throw new ParameterException(mixee.commandLine(), String.format(Locale.ROOT, "The --budget (%s) must be "
                    + "a number of whole-model times, 0 or more.%nMaybe write --budget 60, or 0 for none.", budget));
        }
        SamplingRule rule = SamplingRule.UNTIL_STABLE.withRelativeTolerance(tolerance / 100).withBudget(budget);
        return windowSeconds > 0 ? rule.withWindow(windowSeconds) : rule;
    }

    /**
     * Reads {@code --window}: a number of seconds, with an optional unit {@code s} or {@code min}.
     *
     * @param text the value
     * @return seconds, 0 to {@value #MAX_WINDOW_SECONDS}
     * @throws ParameterException if it is not such a duration
     */
    private double windowSeconds(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        double scale = 1;
        if (t.endsWith("min")) {
            scale = 60;
            t = t.substring(0, t.length() - 3).strip();
        } else if (t.endsWith("s")) {
            t = t.substring(0, t.length() - 1).strip();
        }
        double seconds = Double.NaN;
        if (!t.isEmpty() && (Character.isDigit(t.charAt(0)) || t.charAt(0) == '.')) {
            try {
                seconds = Double.parseDouble(t) * scale;
            } catch (NumberFormatException e) {
                seconds = Double.NaN;
            }
        }
        if (!(seconds >= 0 && seconds <= MAX_WINDOW_SECONDS)) {
            throw new ParameterException(mixee.commandLine(), String.format(Locale.ROOT, "The --window (%s) must be "
                    + "a duration from 0 to 1 day: a number with s or min (seconds without a unit).%n"
                    + "Maybe write --window 2min, or 90s.", text));
        }
        return seconds;
    }
}
