package io.scission.cli.plan;

import io.scission.platform.DataSize;
import io.scission.platform.Power;
import io.scission.platform.Tier;
import io.scission.profile.ProfileSet;
import io.scission.query.Objective;
import io.scission.query.ShareOf;
import io.scission.query.Target;
import io.scission.search.SearchStrategy;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the values of {@code plan}'s options. Every method throws {@link IllegalArgumentException} with a message
 * naming the option and value.
 */
final class PlanValues {

    /**
     * The value patterns, compiled at their first use: compiling them when this class is loaded cost every
     * {@code plan} run milliseconds at start, although most runs give no option that needs them.
     */
    private static final class Patterns {
        static final Pattern DURATION = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]*)?(?:[eE][+-]?[0-9]+)?)\\s*"
                + "(s|ms|us|min)?\\s*", Pattern.CASE_INSENSITIVE);
        static final Pattern SHARE = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]*)?)\\s*(%?)\\s*");
        static final Pattern ENERGY = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]*)?(?:[eE][+-]?[0-9]+)?)\\s*"
                + "(J|mJ|kJ)?\\s*");
        static final Pattern WATTS = Pattern.compile("\\s*(compute|transmit|receive|idle)\\s*:\\s*"
                + "([0-9]+(?:\\.[0-9]*)?(?:[eE][+-]?[0-9]+)?)\\s*(W|mW)?\\s*");

        private Patterns() {
        }
    }

    private final ProfileSet profiles;

    PlanValues(ProfileSet profiles) {
        this.profiles = profiles;
    }

    /** A value split at a separator: {@code 7=edge} into {@code 7} and {@code edge}. */
    record Pair(String left, String right) {
    }

    /** Splits at the first separator. */
    static Pair splitFirst(String option, String value, char separator, String form) {
        int at = value.indexOf(separator);
        return split(option, value, at, form);
    }

    /** Splits at the last separator. */
    static Pair splitLast(String option, String value, char separator, String form) {
        int at = value.lastIndexOf(separator);
        return split(option, value, at, form);
    }

    private static Pair split(String option, String value, int at, String form) {
        if (at <= 0 || at == value.length() - 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The value (%s) of %s must have the form %s.", value, option, form));
        }
        return new Pair(value.substring(0, at).strip(), value.substring(at + 1).strip());
    }

    /** The tiers of the profiled resources plus the standard three, by name. */
    private Set<Tier> tiers() {
        Set<Tier> tiers = new LinkedHashSet<>(List.of(Tier.DEVICE, Tier.EDGE, Tier.CLOUD));
        for (io.scission.platform.Resource r : profiles.resources()) {
            tiers.add(r.tier());
        }
        return tiers;
    }

    /**
     * Reads a tier: {@code device}, {@code edge}, {@code cloud} (any case) or a tier of the profiled resources.
     */
    Tier tier(String option, String text) {
        for (Tier t : tiers()) {
            if (t.isStandard() ? t.name().equalsIgnoreCase(text) : t.name().equals(text)) {
                return t;
            }
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT,
                "The tier (%s) of %s is not one of %s.%nMaybe write device, edge or cloud.", text, option,
                tierNames()));
    }

    /** Reads a target: a tier if the text names one, otherwise a profiled resource. */
    Target target(String option, String text) {
        for (Tier t : tiers()) {
            if (t.isStandard() ? t.name().equalsIgnoreCase(text) : t.name().equals(text)) {
                return Target.tier(t);
            }
        }
        return resource(option, text);
    }

    /** Reads a profiled resource's name. */
    Target resource(String option, String text) {
        if (profiles.profile(text).isEmpty()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The target (%s) of %s is neither a tier (%s) nor a profiled resource (%s).%n"
                            + "Maybe check the spelling; names are case-sensitive.", text, option, tierNames(),
                    String.join(", ", profiles.resources().stream().map(r -> r.name()).toList())));
        }
        return Target.resource(text);
    }

    private String tierNames() {
        return String.join(", ", tiers().stream().map(Tier::name).toList());
    }

    static int integer(String option, String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The value (%s) of %s is not a whole number.%nMaybe write e.g. 7.", text, option), e);
        }
    }

    static DataSize size(String option, String text) {
        try {
            return DataSize.parse(text);
        } catch (IllegalArgumentException e) {
            if (String.valueOf(e.getMessage()).contains("too large")) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "The size (%s) of %s is too large: more than %d bytes.%nMaybe check the unit.", text,
                        option, Long.MAX_VALUE), e);
            }
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The size (%s) of %s is not a number with a unit (B, KB, MB, GB, KiB, MiB, GiB; MB = 10^6 "
                            + "bytes).%nMaybe write e.g. 1MB or 150KB.", text, option), e);
        }
    }

    /** Reads seconds from {@code 250ms}, {@code 0.5s}, {@code 2min}, {@code 100us} or a plain number of seconds. */
    static double seconds(String option, String text) {
        Matcher m = Patterns.DURATION.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The duration (%s) of %s is not a number with an optional unit (s, ms, us, min).%n"
                            + "Maybe write e.g. 250ms or 0.5s.", text, option));
        }
        double value = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2).toLowerCase(Locale.ROOT);
        switch (unit) {
            case "ms":
                return value / 1e3;
            case "us":
                return value / 1e6;
            case "min":
                return value * 60;
            default:
                return value;
        }
    }

    /** Reads a share from {@code 30%} or {@code 0.3}. */
    static double share(String option, String text) {
        Matcher m = Patterns.SHARE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The share (%s) of %s is not a percentage or a fraction.%nMaybe write e.g. 30%% or 0.3.", text,
                    option));
        }
        double value = Double.parseDouble(m.group(1));
        return m.group(2).isEmpty() ? value : value / 100;
    }

    static ShareOf shareOf(String option, String text) {
        switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "compute":
                return ShareOf.COMPUTE;
            case "latency":
                return ShareOf.LATENCY;
            default:
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "The share basis (%s) of %s is not compute or latency.%nMaybe write e.g. 30%%:compute.",
                        text, option));
        }
    }

    /**
     * Reads {@code latency}, {@code transfer}, {@code energy:TARGET} or
     * {@code weighted:PER_SECOND,PER_MB[,PER_JOULE:TARGET...]}.
     */
    Objective objective(String option, String text) {
        String stripped = text.strip();
        String t = stripped.toLowerCase(Locale.ROOT);
        if (t.equals("latency")) {
            return Objective.LATENCY;
        }
        if (t.equals("transfer")) {
            return Objective.TRANSFER;
        }
        if (t.startsWith("energy:")) {
            return Objective.energy(target(option, stripped.substring("energy:".length()).strip()));
        }
        if (t.startsWith("weighted:")) {
            String[] w = stripped.substring("weighted:".length()).split(",", -1);
            if (w.length >= 2) {
                try {
                    Objective o = Objective.weighted(Double.parseDouble(w[0].strip()),
                            Double.parseDouble(w[1].strip()));
                    for (int i = 2; i < w.length; i++) {
                        Pair term = splitFirst(option, w[i].strip(), ':', "PER_JOULE:TARGET");
                        o = o.plusEnergy(Double.parseDouble(term.left()), target(option, term.right()));
                    }
                    return o;
                } catch (NumberFormatException e) {
                    // reported below
                }
            }
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT,
                "The objective (%s) of %s is not latency, transfer or weighted:PER_SECOND,PER_MB[,PER_JOULE:TARGET...],"
                        + " nor energy:TARGET.%n"
                        + "Maybe write e.g. weighted:1,0.5 (score = 1 per second + 0.5 per MB sent) or "
                        + "weighted:1,0,0.5:device (+ 0.5 per joule of the device).", text, option));
    }

    /** Reads joules from {@code 2.5J}, {@code 800mJ}, {@code 1kJ} or a plain number of joules. */
    static double joules(String option, String text) {
        Matcher m = Patterns.ENERGY.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The energy (%s) of %s is not a number with an optional unit (J, mJ, kJ).%n"
                            + "Maybe write e.g. 2.5J or 800mJ.", text, option));
        }
        double value = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "J" : m.group(2);
        return unit.equals("mJ") ? value / 1e3 : unit.equals("kJ") ? value * 1e3 : value;
    }

    /** Reads {@code compute:4.5W,transmit:1.2W,idle:0.9W[,receive:1W]} (W or mW; watts without a unit). */
    static Power power(String option, String text) {
        java.util.Map<String, Double> watts = new java.util.HashMap<>();
        for (String part : text.split(",", -1)) {
            Matcher m = Patterns.WATTS.matcher(part);
            if (!m.matches() || watts.containsKey(m.group(1))) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "The power figures (%s) of %s must give compute, transmit and idle watts once each, and "
                                + "receive watts at most once.%nMaybe write e.g. "
                                + "device=compute:4.5W,transmit:1.2W,idle:0.9W.", text, option));
            }
            double value = Double.parseDouble(m.group(2));
            watts.put(m.group(1), "mW".equals(m.group(3)) ? value / 1e3 : value);
        }
        for (String state : List.of("compute", "transmit", "idle")) {
            if (!watts.containsKey(state)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "The power figures (%s) of %s lack the %s watts.%nMaybe write e.g. "
                                + "device=compute:4.5W,transmit:1.2W,idle:0.9W.", text, option, state));
            }
        }
        double idle = watts.get("idle");
        return new Power(watts.get("compute"), watts.get("transmit"), watts.getOrDefault("receive", idle), idle);
    }

    static SearchStrategy strategy(String option, String text) {
        switch (text.strip().toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "branch-and-bound":
                return SearchStrategy.BRANCH_AND_BOUND;
            case "exhaustive":
                return SearchStrategy.EXHAUSTIVE;
            default:
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "The strategy (%s) of %s is not branch-and-bound or exhaustive.%n"
                                + "Maybe leave it out: both return the same plans.", text, option));
        }
    }
}
