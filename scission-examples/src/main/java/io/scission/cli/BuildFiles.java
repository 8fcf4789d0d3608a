package io.scission.cli;

import io.scission.cli.OptionTable.Arg;
import io.scission.cli.OptionTable.Command;
import io.scission.cli.OptionTable.Group;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Writes the files the build derives from the commands' picocli annotations: the option table of
 * {@link DirectRun} ({@link OptionTable}) and the bash/zsh completion script of the tool (picocli's
 * {@link AutoComplete}); and puts the launcher script, executable, where the build's jars are
 * ({@code target/bin/scission}). The Maven build runs it after compiling ({@code process-classes}).
 */
public final class BuildFiles {

    private BuildFiles() {
    }

    /**
     * Writes the option table into the class output, the completion script and the launcher.
     *
     * @param args the class output directory, the completion script's file, the launcher script, and where the
     *     launcher goes
     * @throws IOException if a file cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            throw new IllegalArgumentException("Usage: BuildFiles CLASSES_DIR COMPLETION_FILE LAUNCHER LAUNCHER_COPY");
        }
        Path table = Path.of(args[0]).resolve(OptionTable.class.getPackageName().replace('.', '/'))
                .resolve(OptionTable.RESOURCE);
        write(table, table());
        write(Path.of(args[1]), completion());
        Path launcher = Path.of(args[3]);
        write(launcher, Files.readString(Path.of(args[2]), StandardCharsets.UTF_8));
        try {
            Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the launcher is a bash script, there is nothing to run it anyway
        }
    }

    /**
     * Returns the option table of the commands {@link DirectRun} may run.
     *
     * @return the table's text
     */
    static String table() {
        CommandLine cli = ScissionCli.commandLine(new ScissionCli());
        StringBuilder sb = new StringBuilder("# Written by io.scission.cli.BuildFiles from the commands' picocli "
                + "annotations; read by DirectRun.\n");
        for (String name : OptionTable.DIRECT) {
            CommandLine sub = cli.getSubcommands().get(name);
            describe(name, sub.getCommand(), sub.getCommandSpec()).ifPresent(c -> sb.append(OptionTable.format(c)));
        }
        return sb.toString();
    }

    /**
     * Returns the bash completion script of the whole tool; zsh runs it through {@code bashcompinit}.
     *
     * @return the script
     */
    static String completion() {
        return AutoComplete.bash("scission", ScissionCli.commandLine(new ScissionCli()));
    }

    private static void write(Path file, String text) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /**
     * Describes a command from its annotations, as picocli sees it.
     *
     * @param name the command's name
     * @param command the command's object, as the tool creates it
     * @param spec picocli's model of the command, for the option names this table does not set
     * @return the table, or empty if picocli must always parse the command (a default value with a variable)
     */
    static Optional<Command> describe(String name, Object command, CommandSpec spec) {
        List<Arg> args = new ArrayList<>();
        List<Group> groups = new ArrayList<>();
        describe(command.getClass(), "", null, args, groups);
        List<String> ours = new ArrayList<>();
        args.forEach(a -> ours.addAll(a.names()));
        List<String> reserved = new ArrayList<>();
        for (OptionSpec o : spec.options()) {
            for (String n : o.names()) {
                if (!ours.contains(n)) {
                    reserved.add(n);
                }
            }
        }
        if (args.stream().anyMatch(a -> a.defaultValue() != null && a.defaultValue().contains("${"))) {
            return Optional.empty();
        }
        return Optional.of(new Command(name, spec.parser().separator(), reserved, args, groups));
    }

    private static void describe(Class<?> type, String prefix, @Nullable String group, List<Arg> args,
            List<Group> groups) {
        for (Field f : type.getDeclaredFields()) {
            String path = prefix + f.getName();
            Option option = f.getAnnotation(Option.class);
            Parameters parameters = f.getAnnotation(Parameters.class);
            if (option != null) {
                boolean plain = option.converter().length == 0 && option.split().isEmpty() && !option.negatable()
                        && !option.interactive() && option.fallbackValue().isEmpty();
                String t = plain ? type(f, option.arity()) : "other";
                String d = Option.NULL_VALUE.equals(option.defaultValue()) || "__no_default_value__".equals(
                        option.defaultValue()) ? null : option.defaultValue();
                args.add(new Arg(Arrays.asList(option.names()), -1, path, t, group, option.required(), d));
            } else if (parameters != null) {
                boolean plain = parameters.converter().length == 0 && parameters.split().isEmpty()
                        && !parameters.interactive();
                String t = plain ? type(f, "") : "other";
                String arity = parameters.arity();
                boolean required = arity.isEmpty() || !arity.startsWith("0");
                int index = parameters.index().isEmpty() ? 0 : Integer.parseInt(parameters.index());
                args.add(new Arg(List.of(), index, path, t, group, required, null));
            } else if (f.getAnnotation(Mixin.class) != null) {
                describe(f.getType(), path + ".", group, args, groups);
            } else if (f.getAnnotation(ArgGroup.class) != null) {
                ArgGroup g = f.getAnnotation(ArgGroup.class);
                CommandLine.Range m = CommandLine.Range.valueOf(g.multiplicity());
                groups.add(new Group(path, g.exclusive(), m.min(), m.max()));
                describe(f.getType(), path + ".", path, args, groups);
            }
        }
    }

    /** The table type of a field, "other" for one picocli must convert. */
    private static String type(Field f, String arity) {
        Class<?> t = f.getType();
        if ((t == boolean.class || t == Boolean.class) && arity.isEmpty()) {
            return "flag";
        }
        if (t == String[].class) {
            return "2".equals(arity) ? "pair" : "other";
        }
        if (!arity.isEmpty()) {
            return "other";
        }
        if (t == String.class) {
            return "string";
        }
        if (t == int.class) {
            return "int";
        }
        if (t == Integer.class) {
            return "integer";
        }
        if (t == long.class) {
            return "long";
        }
        if (t == Path.class) {
            return "path";
        }
        if (t == List.class && f.getGenericType() instanceof ParameterizedType p
                && p.getActualTypeArguments()[0] == String.class) {
            return "strings";
        }
        return "other";
    }

}
