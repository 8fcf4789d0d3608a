package io.scission.cli;

import io.scission.cli.OptionTable.Arg;
import io.scission.cli.OptionTable.Group;
import java.io.PrintWriter;
import java.lang.reflect.Field;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Runs {@code predict} and {@code plan} without picocli when their arguments are plain, because picocli's start-up
 * (its class initialisation, its type converters, reading the annotations) costs far more than the query itself:
 * tens of milliseconds of a run whose query takes microseconds (docs/benchmarks.md, start-up).
 *
 * <p>Plain means: the command's name (after {@code --debug}, if given), then options as {@code --name value} (two
 * arguments; {@code pair} options take two values) or flags, and positional parameters, as declared by the
 * command's annotations ({@link OptionTable}). Anything else is left to picocli, which then parses the whole command
 * line as always: help and version options, {@code --name=value}, clustered short options, {@code --}, {@code @file}
 * arguments, an option given twice, a value that picocli would take for an option, a value that does not convert,
 * an option of an enum type, a missing required parameter, a violated argument group. So a run either parses here
 * exactly as picocli would, or is parsed by picocli: {@code DirectRunTest} checks this against picocli on a thousand
 * generated command lines.
 */
final class DirectRun {

    /**
     * A command line parsed here.
     *
     * @param name the command's name
     * @param command the command, its fields set
     * @param debug whether {@code --debug} was given
     */
    record Parsed(String name, DirectCommand command, boolean debug) {
    }

    private DirectRun() {
    }

    /**
     * Runs the command if its arguments are plain.
     *
     * @param out where results go
     * @param err where errors go
     * @param args the tool's arguments
     * @return the exit code, or empty if picocli must parse the arguments
     */
    static OptionalInt run(PrintWriter out, PrintWriter err, String... args) {
        String name = ScissionCli.commandName(args);
        if (name == null || !OptionTable.DIRECT.contains(name)) {
            return OptionalInt.empty();
        }
        Optional<Parsed> parsed = parse(OptionTable.read(), args);
        if (parsed.isEmpty()) {
            return OptionalInt.empty();
        }
        Parsed p = parsed.get();
        int code;
        try {
            code = p.command().run(out, err);
        } catch (RuntimeException e) {
            code = ScissionCli.report(e, "scission " + p.name(), out, err, p.debug());
        }
        out.flush();
        err.flush();
        return OptionalInt.of(code);
    }

    /**
     * Parses the tool's arguments as picocli would, if they are plain.
     *
     * @param tables the option tables by command name
     * @param args the tool's arguments
     * @return the command with its fields set, or empty if picocli must parse them
     */
    static Optional<Parsed> parse(Map<String, OptionTable.Command> tables, String... args) {
        int i = 0;
        boolean debug = false;
        for (String a : args) {
            if (a.startsWith("@")) {
                return Optional.empty(); // picocli reads arguments from the file
            }
        }
        if (i < args.length && "--debug".equals(args[i])) {
            debug = true;
            i++;
        }
        if (i == args.length || !tables.containsKey(args[i])) {
            return Optional.empty();
        }
        OptionTable.Command table = tables.get(args[i++]);
        // plain loops and arrays: a lambda, a stream or a record's hashCode costs milliseconds the first time
        List<Arg> all = table.args();
        Object[] values = new Object[all.size()];
        Map<String, Integer> byName = new HashMap<>();
        List<Integer> positionalArgs = new ArrayList<>();
        for (int k = 0; k < all.size(); k++) {
            for (String n : all.get(k).names()) {
                byName.put(n, k);
            }
            if (all.get(k).index() >= 0) {
                positionalArgs.add(k);
            }
        }
        Set<String> names = new HashSet<>(byName.keySet());
        names.addAll(table.reserved());

        List<String> positionals = new ArrayList<>();
        for (; i < args.length; i++) {
            String a = args[i];
            if ("--debug".equals(a) && !byName.containsKey(a)) {
                if (debug) {
                    return Optional.empty();
                }
                debug = true;
                continue;
            }
            if (!a.startsWith("-")) {
                positionals.add(a);
                continue;
            }
            Integer k = byName.get(a);
            if (k == null) {
                return Optional.empty();
            }
            Arg option = all.get(k);
            String type = option.type();
            if (!OptionTable.TYPES.contains(type) || values[k] != null && !"strings".equals(type)) {
                return Optional.empty();
            }
            if ("flag".equals(type)) {
                values[k] = Boolean.TRUE;
                continue;
            }
            int count = "pair".equals(type) ? 2 : 1;
            if (i + count >= args.length) {
                return Optional.empty();
            }
            for (int v = 1; v <= count; v++) {
                if (!isValue(args[i + v], names, table.separator())) {
                    return Optional.empty();
                }
            }
            if ("pair".equals(type)) {
                values[k] = new String[] {args[i + 1], args[i + 2]};
            } else if ("strings".equals(type)) {
                if (values[k] == null) {
                    values[k] = new ArrayList<String>();
                }
                @SuppressWarnings("unchecked")
                List<String> list = (List<String>) values[k];
                list.add(args[i + 1]);
            } else {
                values[k] = convert(type, args[i + 1]);
                if (values[k] == null) {
                    return Optional.empty();
                }
            }
            i += count;
        }

        if (positionals.size() > positionalArgs.size()) {
            return Optional.empty();
        }
        for (int p = 0; p < positionalArgs.size(); p++) {
            // the generator writes positional parameters in field order, which is index order for our commands;
            // a table whose indexes are out of order is left to picocli
            int k = positionalArgs.get(p);
            if (all.get(k).index() != p) {
                return Optional.empty();
            }
            if (p >= positionals.size()) {
                if (all.get(k).required()) {
                    return Optional.empty();
                }
                continue;
            }
            values[k] = convert(all.get(k).type(), positionals.get(p));
            if (values[k] == null) {
                return Optional.empty();
            }
        }
        for (Group g : table.groups()) {
            int given = 0;
            for (int k = 0; k < all.size(); k++) {
                if (values[k] != null && g.path().equals(all.get(k).group())) {
                    given++;
                }
            }
            if (!g.exclusive() && given > 0 || given < g.min() || given > g.max()) {
                return Optional.empty();
            }
        }

        for (int k = 0; k < all.size(); k++) {
            Arg a = all.get(k);
            if (a.index() < 0 && values[k] == null) {
                if (a.required()) {
                    return Optional.empty();
                }
                if (a.defaultValue() != null) {
                    values[k] = convert(a.type(), a.defaultValue());
                    if (values[k] == null) {
                        return Optional.empty();
                    }
                }
            }
        }
        Object command = ScissionCli.newCommand(table.name());
        if (!(command instanceof DirectCommand direct)) {
            return Optional.empty();
        }
        for (int k = 0; k < all.size(); k++) {
            if (values[k] != null && !set(command, all.get(k).path(), values[k])) {
                return Optional.empty();
            }
        }
        return Optional.of(new Parsed(table.name(), direct, debug));
    }

    /**
     * Returns false for an argument that picocli would not take as an option's value: {@code --}, an option of the
     * command, an option with an attached value ({@code -d=x}), or clustered short options ({@code -dx}).
     */
    private static boolean isValue(String arg, Set<String> names, String separator) {
        if ("--".equals(arg) || names.contains(arg)) {
            return false;
        }
        int sep = arg.indexOf(separator);
        if (sep > 0 && names.contains(arg.substring(0, sep))) {
            return false;
        }
        return !(arg.length() > 2 && arg.startsWith("-") && names.contains(arg.substring(0, 2)));
    }

    /** Converts a value as picocli's built-in converters do; null if picocli would reject it. */
    private static @Nullable Object convert(String type, String value) {
        try {
            switch (type) {
                case "string":
                    return value;
                case "int":
                case "integer":
                    return Integer.valueOf(value);
                case "long":
                    return Long.valueOf(value);
                case "path":
                    return Path.of(value);
                default:
                    return null;
            }
        } catch (NumberFormatException | InvalidPathException e) {
            return null;
        }
    }

    /** Sets a field, through mixins and groups; false if the path does not lead to a field (a stale table). */
    private static boolean set(Object command, String path, Object value) {
        try {
            Object target = command;
            String[] steps = path.split("\\.");
            for (int k = 0; k < steps.length; k++) {
                Field f = target.getClass().getDeclaredField(steps[k]);
                f.setAccessible(true);
                if (k == steps.length - 1) {
                    f.set(target, value);
                } else {
                    target = f.get(target);
                    if (target == null) {
                        return false;
                    }
                }
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
