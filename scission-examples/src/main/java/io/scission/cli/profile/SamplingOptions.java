package io.scission.cli.profile;

import io.scission.profile.SamplingRule;
import io.scission.spi.ProfileRequest;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options of the until-stable rule, {@code --tolerance} and {@code --budget}, for every command that profiles,
 * as a picocli mixin: {@code @Mixin SamplingOptions sampling;}. They apply when no fixed {@code --repeats} is
 * given; with one, giving them is a usage error (a fixed count ignores them).
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
        return SamplingRule.UNTIL_STABLE.withRelativeTolerance(tolerance / 100).withBudget(budget);
    }
}
