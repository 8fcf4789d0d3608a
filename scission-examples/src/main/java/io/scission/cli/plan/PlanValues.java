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

/**
 * Reads the values of {@code plan}'s options. Every method throws {@link IllegalArgumentException} with a message
 * naming the option and value.
 *
 * <p>The numbers with units (durations, shares, energies, power figures) are read by hand, not by regular
 * expressions: compiling a pattern loads {@code java.util.regex} and, through its character predicates,
 * {@code java.lang.invoke} (~150 classes, several spun at run time), which cost every {@code plan} run with such an
 * option milliseconds at start. Each reader accepts exactly what its former pattern matched (written beside it;
 * {@code PlanValuesTest} compares both on many values): {@code \s} is Java's ASCII white space, digits are ASCII,
 * and case-insensitive units compare ASCII letters only.
 */
final class PlanValues {

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

    /**
     * Reads seconds from {@code 250ms}, {@code 0.5s}, {@code 2min}, {@code 100us} or a plain number of seconds: the
     * text {@code \s*([0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?)\s*(s|ms|us|min)?\s*}, units in any ASCII case.
     */
    static double seconds(String option, String text) {
        Scan scan = new Scan(text);
        String number = scan.number(true);
        String unit = number == null ? null : scan.rest();
        if (unit == null || !(unit.isEmpty() || Scan.asciiEqualsIgnoreCase(unit, "s")
                || Scan.asciiEqualsIgnoreCase(unit, "ms") || Scan.asciiEqualsIgnoreCase(unit, "us")
                || Scan.asciiEqualsIgnoreCase(unit, "min"))) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The duration (%s) of %s is not a number with an optional unit (s, ms, us, min).%n"
                            + "Maybe write e.g. 250ms or 0.5s.", text, option));
        }
        double value = Double.parseDouble(number);
        if (Scan.asciiEqualsIgnoreCase(unit, "ms")) {
            return value / 1e3;
        }
        if (Scan.asciiEqualsIgnoreCase(unit, "us")) {
            return value / 1e6;
        }
        return Scan.asciiEqualsIgnoreCase(unit, "min") ? value * 60 : value;
    }

    /** Reads a share from {@code 30%} or {@code 0.3}: the text {@code \s*([0-9]+(?:\.[0-9]*)?)\s*(%?)\s*}. */
    static double share(String option, String text) {
        Scan scan = new Scan(text);
        String number = scan.number(false);
        String unit = number == null ? null : scan.rest();
        if (unit == null || !(unit.isEmpty() || unit.equals("%"))) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The share (%s) of %s is not a percentage or a fraction.%nMaybe write e.g. 30%% or 0.3.", text,
                    option));
        }
        double value = Double.parseDouble(number);
        return unit.isEmpty() ? value : value / 100;
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

    /**
     * Reads joules from {@code 2.5J}, {@code 800mJ}, {@code 1kJ} or a plain number of joules: the text
     * {@code \s*([0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?)\s*(J|mJ|kJ)?\s*}.
     */
    static double joules(String option, String text) {
        Scan scan = new Scan(text);
        String number = scan.number(true);
        String unit = number == null ? null : scan.rest();
        if (unit == null || !(unit.isEmpty() || unit.equals("J") || unit.equals("mJ") || unit.equals("kJ"))) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The energy (%s) of %s is not a number with an optional unit (J, mJ, kJ).%n"
                            + "Maybe write e.g. 2.5J or 800mJ.", text, option));
        }
        double value = Double.parseDouble(number);
        return unit.equals("mJ") ? value / 1e3 : unit.equals("kJ") ? value * 1e3 : value;
    }

    /**
     * Reads {@code compute:4.5W,transmit:1.2W,idle:0.9W[,receive:1W]} (W or mW; watts without a unit): each part
     * between commas the text
     * {@code \s*(compute|transmit|receive|idle)\s*:\s*([0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?)\s*(W|mW)?\s*}.
     */
    static Power power(String option, String text) {
        java.util.Map<String, Double> watts = new java.util.HashMap<>();
        for (String part : text.split(",", -1)) {
            Scan scan = new Scan(part);
            String state = scan.word("compute", "transmit", "receive", "idle");
            String number = state != null && scan.symbol(':') ? scan.number(true) : null;
            String unit = number == null ? null : scan.rest();
            if (unit == null || !(unit.isEmpty() || unit.equals("W") || unit.equals("mW"))
                    || watts.containsKey(state)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "The power figures (%s) of %s must give compute, transmit and idle watts once each, and "
                                + "receive watts at most once.%nMaybe write e.g. "
                                + "device=compute:4.5W,transmit:1.2W,idle:0.9W.", text, option));
            }
            double value = Double.parseDouble(number);
            watts.put(state, unit.equals("mW") ? value / 1e3 : value);
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

    /**
     * Reads a value from left to right, as the former patterns matched it. Each step returns {@code null} or
     * {@code false} where the pattern would not match.
     */
    static final class Scan {

        private final String text;
        private int at;

        Scan(String text) {
            this.text = text;
        }

        /** Java's {@code \s} without flags: space, tab, new line, vertical tab, form feed, carriage return. */
        static boolean space(char c) {
            return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
        }

        static boolean asciiEqualsIgnoreCase(String a, String lowerCase) {
            if (a.length() != lowerCase.length()) {
                return false;
            }
            for (int i = 0; i < a.length(); i++) {
                char c = a.charAt(i);
                if (c != lowerCase.charAt(i) && !(c >= 'A' && c <= 'Z' && c + ('a' - 'A') == lowerCase.charAt(i))) {
                    return false;
                }
            }
            return true;
        }

        private void skipSpace() {
            while (at < text.length() && space(text.charAt(at))) {
                at++;
            }
        }

        private int digits(int from) {
            int i = from;
            while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                i++;
            }
            return i;
        }

        /**
         * After optional white space, {@code [0-9]+(?:\.[0-9]*)?} and, if asked, {@code (?:[eE][+-]?[0-9]+)?};
         * returns the number's text, or {@code null}. Taking the longest number is what the patterns do: none of
         * their units starts with a digit, a point or an e.
         */
        String number(boolean exponent) {
            skipSpace();
            int start = at;
            int i = digits(start);
            if (i == start) {
                return null;
            }
            if (i < text.length() && text.charAt(i) == '.') {
                i = digits(i + 1);
            }
            if (exponent && i < text.length() && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
                int j = i + 1;
                if (j < text.length() && (text.charAt(j) == '+' || text.charAt(j) == '-')) {
                    j++;
                }
                int end = digits(j);
                if (end > j) {
                    i = end;
                }
            }
            at = i;
            return text.substring(start, i);
        }

        /** After optional white space, one of the words (none a prefix of another); or {@code null}. */
        String word(String... words) {
            skipSpace();
            for (String w : words) {
                if (text.startsWith(w, at)) {
                    at += w.length();
                    return w;
                }
            }
            return null;
        }

        /** After optional white space, the character; whether it was there. */
        boolean symbol(char c) {
            skipSpace();
            if (at < text.length() && text.charAt(at) == c) {
                at++;
                return true;
            }
            return false;
        }

        /** The rest of the text without white space at either end: the unit, possibly empty. */
        String rest() {
            skipSpace();
            int end = text.length();
            while (end > at && space(text.charAt(end - 1))) {
                end--;
            }
            return text.substring(at, end);
        }
    }
}
