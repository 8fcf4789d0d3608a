package io.scission;

import io.scission.platform.DataSize;
import io.scission.platform.Resource;
import io.scission.platform.Tier;
import io.scission.profile.TimingStatistic;
import io.scission.query.Deadline;
import io.scission.query.EnergyWeight;
import io.scission.query.MaxComputeShare;
import io.scission.query.MaxComputeTime;
import io.scission.query.MaxEnergy;
import io.scission.query.MaxLayerShare;
import io.scission.query.MaxLayers;
import io.scission.query.MaxMemory;
import io.scission.query.MaxTransfer;
import io.scission.query.MaxTransferOut;
import io.scission.query.MinComputeShare;
import io.scission.query.MinLayerShare;
import io.scission.query.MinLayers;
import io.scission.query.Objective;
import io.scission.query.ShareOf;
import io.scission.query.Target;
import io.scission.query.TierTarget;
import io.scission.search.SearchStrategy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads the query-string form: {@code call ('.' call)*}, where a call is {@code name(arg, ...)} and an argument
 * is a quoted string, a number with an optional unit, a bare word, or a nested call such as
 * {@code tier("gateway", 50)}.
 */
final class QueryParser {

    /** A parsed argument. */
    private record Arg(int pos, String kind, String text, String unit, List<Arg> args) {
    }

    private final String text;
    private int pos;

    QueryParser(String text) {
        this.text = text;
    }

    Query parse() {
        Query q = Query.empty();
        skipSpace();
        if (pos == text.length()) {
            return q;
        }
        while (true) {
            skipSpace();
            int start = pos;
            String name = word();
            List<Arg> args = argList();
            q = apply(q, start, name, args);
            skipSpace();
            if (pos == text.length()) {
                return q;
            }
            expect('.');
        }
    }

    /** One query method of the text form: reads its arguments and applies it. */
    @FunctionalInterface
    private interface Call {
        Query apply(QueryParser p, Query q, int at, String name, List<Arg> a);
    }

    /** Every query method of the text form, in the order the error message lists them. */
    private static final Map<String, Call> CALLS = calls();

    private static Map<String, Call> calls() {
        Map<String, Call> m = new LinkedHashMap<>();
        m.put("mustUse", (p, q, at, name, a) -> {
            for (Arg arg : p.atLeast(a, 1, at, name)) {
                q = arg.kind.equals("string") ? q.mustUse(arg.text) : q.mustUse(p.tier(arg));
            }
            return q;
        });
        m.put("exclude", (p, q, at, name, a) -> {
            for (Arg arg : p.atLeast(a, 1, at, name)) {
                q = arg.kind.equals("string") ? q.exclude(arg.text) : q.exclude(p.tier(arg));
            }
            return q;
        });
        m.put("include", (p, q, at, name, a) -> {
            p.atLeast(a, 2, at, name);
            List<String> names = new ArrayList<>();
            for (Arg arg : a.subList(1, a.size())) {
                names.add(p.string(arg));
            }
            return q.include(p.tier(a.get(0)), names.toArray(new String[0]));
        });
        m.put("nativeOnly", (p, q, at, name, a) -> p.none(q, a, at, name).nativeOnly());
        m.put("distributedOnly", (p, q, at, name, a) -> p.none(q, a, at, name).distributedOnly());
        m.put("layerOn", QueryParser::placement);
        m.put("layerNotOn", QueryParser::placement);
        m.put("blockOn", QueryParser::placement);
        m.put("blockNotOn", QueryParser::placement);
        m.put("maxTransfer", (p, q, at, name, a) -> q.constraint(new MaxTransfer(p.target(p.arg(a, 0, 3, at, name)),
                p.target(a.get(1)), p.size(a.get(2)))));
        m.put("maxTransferOut", (p, q, at, name, a) -> q.constraint(new MaxTransferOut(
                p.target(p.arg(a, 0, 2, at, name)), p.size(a.get(1)))));
        m.put("maxTotalTransfer", (p, q, at, name, a) -> q.maxTotalTransfer(p.size(p.arg(a, 0, 1, at, name))));
        m.put("maxComputeTime", (p, q, at, name, a) -> q.constraint(new MaxComputeTime(
                p.target(p.arg(a, 0, 2, at, name)), p.seconds(a.get(1)))));
        m.put("maxComputeShare", (p, q, at, name, a) -> q.constraint(new MaxComputeShare(
                p.target(p.arg(a, 0, 3, at, name)), p.number(a.get(1)), p.shareOf(a.get(2)))));
        m.put("minComputeShare", (p, q, at, name, a) -> q.constraint(new MinComputeShare(
                p.target(p.arg(a, 0, 3, at, name)), p.number(a.get(1)), p.shareOf(a.get(2)))));
        m.put("minLayers", (p, q, at, name, a) -> q.constraint(new MinLayers(p.target(p.arg(a, 0, 2, at, name)),
                p.integer(a.get(1)))));
        m.put("maxLayers", (p, q, at, name, a) -> q.constraint(new MaxLayers(p.target(p.arg(a, 0, 2, at, name)),
                p.integer(a.get(1)))));
        m.put("minLayerShare", (p, q, at, name, a) -> q.constraint(new MinLayerShare(
                p.target(p.arg(a, 0, 2, at, name)), p.number(a.get(1)))));
        m.put("maxLayerShare", (p, q, at, name, a) -> q.constraint(new MaxLayerShare(
                p.target(p.arg(a, 0, 2, at, name)), p.number(a.get(1)))));
        m.put("maxMemory", (p, q, at, name, a) -> q.constraint(new MaxMemory(p.target(p.arg(a, 0, 2, at, name)),
                p.size(a.get(1)))));
        m.put("deadline", (p, q, at, name, a) -> q.constraint(new Deadline(p.seconds(p.arg(a, 0, 1, at, name)))));
        m.put("maxEnergy", (p, q, at, name, a) -> q.constraint(new MaxEnergy(p.target(p.arg(a, 0, 2, at, name)),
                p.joules(a.get(1)))));
        m.put("minimize", (p, q, at, name, a) -> q.minimize(p.objective(p.arg(a, 0, 1, at, name))));
        m.put("inputSize", (p, q, at, name, a) -> q.inputSize(p.size(p.arg(a, 0, 1, at, name))));
        m.put("source", (p, q, at, name, a) -> a.size() == 2
                ? q.source(p.check(a.get(0), () -> Resource.of(p.string(a.get(0)), p.tier(a.get(1)))))
                : q.source(p.string(p.arg(a, 0, 1, at, name))));
        m.put("returnResult", (p, q, at, name, a) -> p.none(q, a, at, name).returnResult());
        m.put("statistic", (p, q, at, name, a) -> q.statistic(p.enumValue(TimingStatistic.class,
                p.arg(a, 0, 1, at, name))));
        m.put("maxResourcesPerTier", (p, q, at, name, a) -> q.maxResourcesPerTier(p.integer(p.arg(a, 0, 1, at,
                name))));
        m.put("strategy", (p, q, at, name, a) -> q.strategy(p.enumValue(SearchStrategy.class,
                p.arg(a, 0, 1, at, name))));
        m.put("top", (p, q, at, name, a) -> q.top(p.integer(p.arg(a, 0, 1, at, name))));
        return Collections.unmodifiableMap(m);
    }

    /**
     * The names of the query methods of the text form.
     *
     * @return the names, in the order of the Query Javadoc
     */
    static Set<String> methods() {
        return CALLS.keySet();
    }

    private Query apply(Query q, int at, String name, List<Arg> a) {
        Call call = CALLS.get(name);
        if (call == null) {
            throw error(at, "unknown query method '" + name + "'",
                    "Maybe one of " + String.join(", ", CALLS.keySet()));
        }
        return call.apply(this, q, at, name, a);
    }

    /** Checks that a call has exactly {@code n} arguments and returns the i-th. */
    private Arg arg(List<Arg> a, int i, int n, int at, String name) {
        exactly(a, n, at, name);
        return a.get(i);
    }

    /** Checks that a call has no argument and returns the query to apply it to. */
    private Query none(Query q, List<Arg> a, int at, String name) {
        exactly(a, 0, at, name);
        return q;
    }

    /** Runs a constructor and reports its IllegalArgumentException at the argument's position. */
    private <T> T check(Arg at, Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw error(at.pos, e.getMessage().split("\\R")[0], "Maybe check the value");
        }
    }

    private static Query placement(QueryParser p, Query q, int at, String name, List<Arg> a) {
        p.exactly(a, 2, at, name);
        int index = p.integer(a.get(0));
        Arg where = a.get(1);
        boolean byName = where.kind.equals("string");
        switch (name) {
            case "layerOn":
                return byName ? q.layerOn(index, where.text) : q.layerOn(index, p.tier(where));
            case "layerNotOn":
                return byName ? q.layerNotOn(index, where.text) : q.layerNotOn(index, p.tier(where));
            case "blockOn":
                return byName ? q.blockOn(index, where.text) : q.blockOn(index, p.tier(where));
            default:
                return byName ? q.blockNotOn(index, where.text) : q.blockNotOn(index, p.tier(where));
        }
    }

    // ------------------------------------------------------------------------------------------- argument types

    private Target target(Arg a) {
        return a.kind.equals("string") ? Target.resource(a.text) : new TierTarget(tier(a));
    }

    private Tier tier(Arg a) {
        if (a.kind.equals("word")) {
            try {
                return Tier.named(a.text);
            } catch (IllegalArgumentException e) {
                throw error(a.pos, "unknown tier '" + a.text + "'",
                        "Maybe DEVICE, EDGE, CLOUD, tier(\"name\", rank), or a quoted resource name");
            }
        }
        if (a.kind.equals("call") && a.text.equals("tier") && a.args.size() == 2) {
            String name = string(a.args.get(0));
            int rank = integer(a.args.get(1));
            return check(a, () -> Tier.of(name, rank));
        }
        throw error(a.pos, "expected a tier", "Maybe DEVICE, EDGE, CLOUD or tier(\"name\", rank)");
    }

    private String string(Arg a) {
        if (!a.kind.equals("string")) {
            throw error(a.pos, "expected a quoted resource name", "Maybe write \"" + a.text + "\"");
        }
        return a.text;
    }

    private double number(Arg a) {
        if (!a.kind.equals("number") || !a.unit.isEmpty()) {
            throw error(a.pos, "expected a plain number", "Maybe write 0.3 for 30%");
        }
        return Double.parseDouble(a.text);
    }

    private int integer(Arg a) {
        if (!a.kind.equals("number") || !a.unit.isEmpty() || !a.text.matches("-?[0-9]+")) {
            throw error(a.pos, "expected a whole number", "Maybe write 3");
        }
        try {
            return Integer.parseInt(a.text);
        } catch (NumberFormatException e) {
            throw error(a.pos, "the number " + a.text + " is too large", "Maybe use a smaller number");
        }
    }

    private DataSize size(Arg a) {
        if (!a.kind.equals("number") || a.unit.isEmpty()) {
            throw error(a.pos, "expected a size with a unit", "Maybe write 1MB or 150KB");
        }
        try {
            return DataSize.parse(a.text + a.unit);
        } catch (IllegalArgumentException e) {
            throw error(a.pos, e.getMessage().split("\\R")[0], "Maybe write 1MB (10^6 bytes) or 1MiB");
        }
    }

    private double seconds(Arg a) {
        if (!a.kind.equals("number") || a.unit.isEmpty()) {
            throw error(a.pos, "expected a duration with a unit", "Maybe write 1.5s or 250ms");
        }
        double value = Double.parseDouble(a.text);
        switch (a.unit.toLowerCase(Locale.ROOT)) {
            case "s":
                return value;
            case "ms":
                return value / 1e3;
            case "us":
                return value / 1e6;
            case "min":
                return value * 60;
            default:
                throw error(a.pos, "unknown time unit '" + a.unit + "'", "Maybe s, ms, us or min");
        }
    }

    private double joules(Arg a) {
        if (!a.kind.equals("number") || a.unit.isEmpty()) {
            throw error(a.pos, "expected an energy with a unit", "Maybe write 2.5J or 800mJ");
        }
        double value = Double.parseDouble(a.text);
        switch (a.unit) {
            case "J":
                return value;
            case "mJ":
                return value / 1e3;
            case "kJ":
                return value * 1e3;
            default:
                throw error(a.pos, "unknown energy unit '" + a.unit + "'", "Maybe J, mJ or kJ");
        }
    }

    private ShareOf shareOf(Arg a) {
        return enumValue(ShareOf.class, a);
    }

    private Objective objective(Arg a) {
        if (a.kind.equals("word")) {
            switch (a.text.toUpperCase(Locale.ROOT)) {
                case "LATENCY":
                    return Objective.LATENCY;
                case "TRANSFER":
                    return Objective.TRANSFER;
                default:
                    break;
            }
        }
        if (a.kind.equals("call") && a.text.equals("energy") && a.args.size() == 1) {
            Target target = target(a.args.get(0));
            return check(a, () -> Objective.energy(target));
        }
        if (a.kind.equals("call") && a.args.size() >= 2
                && (a.text.equals("weights") || a.text.equals("weighted"))) {
            double perSecond = number(a.args.get(0));
            double second = number(a.args.get(1));
            List<EnergyWeight> energy = new ArrayList<>();
            for (Arg term : a.args.subList(2, a.args.size())) {
                if (!term.kind.equals("call") || !term.text.equals("energy") || term.args.size() != 2) {
                    throw error(term.pos, "expected an energy term", "Maybe energy(DEVICE, 0.5) for 0.5 per joule "
                            + "of the device");
                }
                Target target = target(term.args.get(0));
                double perJoule = number(term.args.get(1));
                energy.add(check(term, () -> new EnergyWeight(target, perJoule)));
            }
            double perByte = a.text.equals("weights") ? second : second / 1e6;
            return check(a, () -> new Objective(perSecond, perByte, energy));
        }
        throw error(a.pos, "expected an objective",
                "Maybe LATENCY, TRANSFER, energy(DEVICE), weighted(perSecond, perMegabyte) or weights(perSecond, "
                        + "perByte[, energy(TARGET, perJoule)...])");
    }

    private <E extends Enum<E>> E enumValue(Class<E> type, Arg a) {
        if (a.kind.equals("word")) {
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(a.text)) {
                    return e;
                }
            }
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name());
        }
        throw error(a.pos, "expected one of " + names, "Maybe write " + names.get(0));
    }

    private List<Arg> atLeast(List<Arg> a, int n, int at, String name) {
        if (a.size() < n) {
            throw error(at, name + "(...) needs at least " + n + " argument" + (n == 1 ? "" : "s"),
                    "Maybe see the Query Javadoc for its arguments");
        }
        return a;
    }

    private void exactly(List<Arg> a, int n, int at, String name) {
        if (a.size() != n) {
            throw error(at, name + "(...) takes " + n + " argument" + (n == 1 ? "" : "s") + ", not " + a.size(),
                    "Maybe see the Query Javadoc for its arguments");
        }
    }

    // ---------------------------------------------------------------------------------------------------- lexing

    private List<Arg> argList() {
        skipSpace();
        expect('(');
        List<Arg> args = new ArrayList<>();
        skipSpace();
        if (peek() == ')') {
            pos++;
            return args;
        }
        while (true) {
            args.add(arg());
            skipSpace();
            char c = peek();
            pos++;
            if (c == ')') {
                return args;
            }
            if (c != ',') {
                throw error(pos - 1, "expected ',' or ')'", "Maybe a parenthesis is missing");
            }
        }
    }

    private Arg arg() {
        skipSpace();
        int start = pos;
        char c = peek();
        if (c == '"') {
            return new Arg(start, "string", quoted(), "", List.of());
        }
        if (c == '-' || c == '.' || Character.isDigit(c)) {
            int numStart = pos;
            pos++;
            while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.'
                    || (text.charAt(pos) == 'e' || text.charAt(pos) == 'E') && pos + 1 < text.length()
                    && (Character.isDigit(text.charAt(pos + 1)) || text.charAt(pos + 1) == '-'
                    || text.charAt(pos + 1) == '+')
                    || (text.charAt(pos) == '-' || text.charAt(pos) == '+')
                    && (text.charAt(pos - 1) == 'e' || text.charAt(pos - 1) == 'E'))) {
                pos++;
            }
            String number = text.substring(numStart, pos);
            try {
                Double.parseDouble(number);
            } catch (NumberFormatException e) {
                throw error(start, "malformed number '" + number + "'", "Maybe write 1.5");
            }
            skipSpace();
            int unitStart = pos;
            while (pos < text.length() && Character.isLetter(text.charAt(pos))) {
                pos++;
            }
            return new Arg(start, "number", number, text.substring(unitStart, pos), List.of());
        }
        if (Character.isLetter(c)) {
            String w = word();
            skipSpace();
            if (peek() == '(') {
                return new Arg(start, "call", w, "", argList());
            }
            return new Arg(start, "word", w, "", List.of());
        }
        throw error(start, "unexpected '" + c + "'", "Maybe quote resource names, e.g. \"raspi4\"");
    }

    private String quoted() {
        int start = pos;
        pos++;
        StringBuilder sb = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c == '\\' && pos < text.length()) {
                c = text.charAt(pos++);
            }
            sb.append(c);
        }
        throw error(start, "unterminated string", "Maybe add the closing '\"'");
    }

    private String word() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        if (start == pos) {
            throw error(start, "expected a name", "Maybe the query has a stray character");
        }
        return text.substring(start, pos);
    }

    private void expect(char c) {
        skipSpace();
        if (peek() != c) {
            throw error(pos, "expected '" + c + "'", c == '.' ? "Maybe join calls with '.'" : "Maybe a '" + c
                    + "' is missing");
        }
        pos++;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(int at, String problem, String fix) {
        return new IllegalArgumentException(String.format(Locale.ROOT,
                "The query (\"%s\") is malformed at position %d: %s.%n%s.", text, at, problem, fix));
    }
}
