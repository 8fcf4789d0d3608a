package io.scission.cli;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.jspecify.annotations.Nullable;

/**
 * The options of the commands that {@link DirectRun} parses without picocli, as a table written at build time from
 * the commands' picocli annotations ({@link BuildFiles}) and read at run time, so that the annotations stay the only
 * place where an option is declared.
 *
 * <p>The resource {@value #RESOURCE} holds one line per item, fields separated by tabs:
 * <pre>
 * command     NAME  SEPARATOR
 * reserved    NAME|NAME...                                option names that are not ours to set (help, --debug)
 * option      NAME|NAME...  PATH  TYPE  GROUP|-  REQUIRED(0|1)  DEFAULT|-
 * positional  INDEX         PATH  TYPE  -        REQUIRED(0|1)  -
 * group       PATH  EXCLUSIVE(0|1)  MIN  MAX
 * </pre>
 * PATH is the field, through mixins and argument groups ({@code inputs.network.file}). TYPE is one of {@code flag},
 * {@code string}, {@code int}, {@code integer}, {@code long}, {@code path}, {@code strings} (a repeatable option
 * into a {@code List<String>}), {@code pair} (two values into a {@code String[]}) or {@code other}: an option whose
 * parsing picocli must do (an enum, a converter, a split, an optional value...).
 */
final class OptionTable {

    /** The resource, next to this class. */
    static final String RESOURCE = "direct-options.tsv";

    /** The commands {@link DirectRun} may run: the short ones whose start-up time matters. */
    static final List<String> DIRECT = List.of("predict", "plan");

    /** Field types {@link DirectRun} converts itself. */
    static final List<String> TYPES = List.of("flag", "string", "int", "integer", "long", "path", "strings", "pair");

    /**
     * An option or a positional parameter.
     *
     * @param names the option's names; empty for a positional parameter
     * @param index the positional parameter's index; -1 for an option
     * @param path the field, e.g. {@code inputs.network.file}
     * @param type how its values are converted, see the class comment
     * @param group the path of its exclusive group, or null
     * @param required whether it must be given
     * @param defaultValue the value picocli sets when it is not given, or null
     */
    record Arg(List<String> names, int index, String path, String type, @Nullable String group, boolean required,
            @Nullable String defaultValue) {

        Arg {
            names = List.copyOf(names);
        }
    }

    /**
     * An argument group.
     *
     * @param path the group's field
     * @param exclusive whether its options exclude each other
     * @param min how many of its options must be given at least
     * @param max how many at most
     */
    record Group(String path, boolean exclusive, int min, int max) {
    }

    /**
     * A command's table.
     *
     * @param name the command's name
     * @param separator the option-value separator picocli accepts in one argument ({@code --top=3})
     * @param reserved option names of the command that are not in {@code args} (help, version, inherited)
     * @param args its options and positional parameters
     * @param groups its argument groups
     */
    record Command(String name, String separator, List<String> reserved, List<Arg> args, List<Group> groups) {

        Command {
            reserved = List.copyOf(reserved);
            args = List.copyOf(args);
            groups = List.copyOf(groups);
        }
    }

    private OptionTable() {
    }

    /**
     * Reads the table from the class path.
     *
     * @return the commands by name; empty if the build did not write the table (e.g. classes compiled by an IDE)
     */
    static Map<String, Command> read() {
        String text = fromOwnJar();
        if (text != null) {
            return parse(text);
        }
        try (InputStream in = OptionTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return Map.of();
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Map.of();
        }
    }

    /**
     * Reads the table straight from the jar this class came from, or returns null (classes in a folder, no such
     * entry, any failure: then the class loader finds it). Start-up: the class loader's lookup first searches the
     * JDK's module image and then opens the jar through its URL and signature machinery, about 8 ms of a
     * {@code predict} run on the machine of docs/benchmarks.md; a plain {@link ZipFile} skips both.
     */
    private static @Nullable String fromOwnJar() {
        try {
            CodeSource source = OptionTable.class.getProtectionDomain().getCodeSource();
            URL location = source == null ? null : source.getLocation();
            if (location == null || !"file".equals(location.getProtocol())) {
                return null;
            }
            return fromJar(new File(location.toURI()));
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Reads the table from a jar.
     *
     * @param jar the jar
     * @return the table's text, or null if the file is not a jar holding it
     */
    static @Nullable String fromJar(File jar) {
        try {
            if (!jar.isFile()) {
                return null;
            }
            try (ZipFile zip = new ZipFile(jar)) {
                ZipEntry entry = zip.getEntry(OptionTable.class.getPackageName().replace('.', '/') + "/" + RESOURCE);
                if (entry == null) {
                    return null;
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Parses the table's text.
     *
     * @param text the text
     * @return the commands by name
     */
    static Map<String, Command> parse(String text) {
        Map<String, Command> commands = new LinkedHashMap<>();
        String name = null;
        String separator = "=";
        List<String> reserved = new ArrayList<>();
        List<Arg> args = new ArrayList<>();
        List<Group> groups = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new java.io.StringReader(text))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                switch (f[0]) {
                    case "command":
                        if (name != null) {
                            commands.put(name, new Command(name, separator, reserved, args, groups));
                        }
                        name = f[1];
                        separator = f[2];
                        reserved = new ArrayList<>();
                        args = new ArrayList<>();
                        groups = new ArrayList<>();
                        break;
                    case "reserved":
                        reserved.addAll(Arrays.asList(f[1].split("\\|")));
                        break;
                    case "option":
                    case "positional":
                        boolean option = "option".equals(f[0]);
                        args.add(new Arg(option ? Arrays.asList(f[1].split("\\|")) : List.of(),
                                option ? -1 : Integer.parseInt(f[1]), f[2], f[3], "-".equals(f[4]) ? null : f[4],
                                "1".equals(f[5]), "-".equals(f[6]) ? null : f[6]));
                        break;
                    case "group":
                        groups.add(new Group(f[1], "1".equals(f[2]), Integer.parseInt(f[3]), Integer.parseInt(f[4])));
                        break;
                    default:
                        throw new IllegalStateException("Unknown line in " + RESOURCE + ": " + line);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (name != null) {
            commands.put(name, new Command(name, separator, reserved, args, groups));
        }
        return commands;
    }

    /**
     * Writes a command's table lines.
     *
     * @param c the command
     * @return the lines
     */
    static String format(Command c) {
        StringBuilder sb = new StringBuilder();
        sb.append("command\t").append(c.name()).append('\t').append(c.separator()).append('\n');
        sb.append("reserved\t").append(String.join("|", c.reserved())).append('\n');
        for (Arg a : c.args()) {
            sb.append(a.index() < 0 ? "option\t" + String.join("|", a.names()) : "positional\t" + a.index())
                    .append('\t').append(a.path()).append('\t').append(a.type())
                    .append('\t').append(a.group() == null ? "-" : a.group())
                    .append('\t').append(a.required() ? "1" : "0")
                    .append('\t').append(a.defaultValue() == null ? "-" : a.defaultValue()).append('\n');
        }
        for (Group g : c.groups()) {
            sb.append("group\t").append(g.path()).append('\t').append(g.exclusive() ? "1" : "0").append('\t')
                    .append(g.min()).append('\t').append(g.max()).append('\n');
        }
        return sb.toString();
    }
}
