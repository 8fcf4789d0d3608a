package io.scission.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@link DirectRun} parses exactly as picocli does, or leaves the arguments to picocli: on a thousand generated
 * command lines of {@code predict} and {@code plan} (plain ones and ones with every kind of trap), whenever it parses,
 * picocli accepts the same arguments and sets every field to the same value.
 */
class DirectRunTest {

    private static final Map<String, OptionTable.Command> TABLES = OptionTable.parse(BuildFiles.table());

    @Test
    void should_find_the_table_the_build_wrote_when_reading_the_class_path() throws IOException {
        // GIVEN the table as the annotations describe it now
        String expected = BuildFiles.table();

        // WHEN
        String written;
        try (InputStream in = OptionTable.class.getResourceAsStream(OptionTable.RESOURCE)) {
            assertThat(in).as("the resource " + OptionTable.RESOURCE + " (written by the build)").isNotNull();
            written = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        // THEN
        assertThat(written).isEqualTo(expected);
        assertThat(OptionTable.read()).containsOnlyKeys("predict", "plan");
    }

    @Test
    void should_read_the_table_from_a_jar_when_the_classes_are_in_one(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path dir) throws IOException {
        // GIVEN a jar with the table where the build puts it, one without, and a file that is no jar
        String table = BuildFiles.table();
        java.nio.file.Path withTable = dir.resolve("with.jar");
        java.nio.file.Path without = dir.resolve("without.jar");
        java.nio.file.Path notAJar = java.nio.file.Files.writeString(dir.resolve("not.jar"), "text");
        String entry = OptionTable.class.getPackageName().replace('.', '/') + "/" + OptionTable.RESOURCE;
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(
                java.nio.file.Files.newOutputStream(withTable))) {
            z.putNextEntry(new java.util.zip.ZipEntry(entry));
            z.write(table.getBytes(StandardCharsets.UTF_8));
        }
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(
                java.nio.file.Files.newOutputStream(without))) {
            z.putNextEntry(new java.util.zip.ZipEntry("other.txt"));
        }

        // WHEN
        String read = OptionTable.fromJar(withTable.toFile());

        // THEN the same text; null (the class loader's lookup takes over) for the others
        assertThat(read).isEqualTo(table);
        assertThat(OptionTable.fromJar(without.toFile())).isNull();
        assertThat(OptionTable.fromJar(notAJar.toFile())).isNull();
        assertThat(OptionTable.fromJar(dir.resolve("missing.jar").toFile())).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"predict", "plan"})
    void should_know_every_option_name_when_describing_a_command(String name) {
        // GIVEN picocli's model of the command
        CommandLine sub = ScissionCli.commandLine(new ScissionCli(), name).getSubcommands().get(name);
        List<String> picocli = new ArrayList<>();
        for (OptionSpec o : sub.getCommandSpec().options()) {
            picocli.addAll(Arrays.asList(o.names()));
        }

        // WHEN
        OptionTable.Command table = TABLES.get(name);
        List<String> known = new ArrayList<>(table.reserved());
        table.args().forEach(a -> known.addAll(a.names()));

        // THEN
        assertThat(new TreeSet<>(known)).isEqualTo(new TreeSet<>(picocli));
        assertThat(table.args().stream().filter(a -> a.index() >= 0).count())
                .isEqualTo(sub.getCommandSpec().positionalParameters().size());
    }

    @Test
    void should_parse_the_readme_command_lines_when_they_are_plain() {
        // GIVEN / WHEN / THEN
        assertThat(DirectRun.parse(TABLES, "predict", "data", "network_stats.csv", "vgg19", "-d", "!-1", "-e", "10",
                "-c", "16")).isPresent();
        assertThat(DirectRun.parse(TABLES, "--debug", "plan", "--original", "data", "vgg19", "--network-csv",
                "data/network_stats.csv", "--must-use", "edge", "--max-transfer", "edge:cloud=1MB", "--top", "3"))
                .hasValueSatisfying(p -> assertThat(p.debug()).isTrue());
        assertThat(DirectRun.parse(TABLES, "plan", "profiles/resnet50", "--preset", "4g", "--deadline", "250ms",
                "--json")).isPresent();
    }

    @ParameterizedTest
    @MethodSource("pickyCommandLines")
    void should_leave_the_arguments_to_picocli_when_they_are_not_plain(List<String> args) {
        // GIVEN / WHEN
        Optional<DirectRun.Parsed> parsed = DirectRun.parse(TABLES, args.toArray(new String[0]));

        // THEN
        assertThat(parsed).as(args.toString()).isEmpty();
    }

    static List<List<String>> pickyCommandLines() {
        return List.of(
                List.of("predict", "--help"),
                List.of("predict", "data", "net.csv", "vgg19", "-h"),
                List.of("predict", "data", "net.csv", "vgg19", "-c=-1,5"),
                List.of("predict", "data", "net.csv", "vgg19", "-c", "-d"),
                List.of("predict", "data", "net.csv", "vgg19", "-c", "-dx"),
                List.of("predict", "data", "net.csv", "vgg19", "-c", "--"),
                List.of("predict", "data", "net.csv", "vgg19", "-c", "1", "-c", "2"),
                List.of("predict", "data", "net.csv", "vgg19", "--result-count", "five"),
                List.of("predict", "data", "net.csv"),
                List.of("predict", "data", "net.csv", "vgg19", "extra"),
                List.of("predict", "@args.txt"),
                List.of("predict", "data", "--", "net.csv", "vgg19"),
                List.of("plan", "--preset", "4g", "--network-csv", "net.csv", "dir"),
                List.of("plan", "dir", "--preset=4g"),
                List.of("plan", "dir", "--preset", "4g", "--statistic", "median"),
                List.of("plan", "dir", "--preset", "4g", "--top", "3", "--top", "4"),
                List.of("plan", "dir", "--preset", "4g", "--original", "data"),
                List.of("--debug", "--debug", "plan", "dir", "--preset", "4g"),
                List.of("models"),
                List.of());
    }

    static LongStream seeds() {
        return LongStream.range(0, 1000);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void should_set_what_picocli_sets_when_parsing_a_generated_command_line(long seed) throws Exception {
        // GIVEN
        String[] args = generate(new SplittableRandom(seed));

        // WHEN
        Optional<DirectRun.Parsed> direct = DirectRun.parse(TABLES, args);

        // THEN
        if (direct.isEmpty()) {
            return;
        }
        String name = direct.get().name();
        ScissionCli root = new ScissionCli();
        CommandLine cli = ScissionCli.commandLine(root, args).setCaseInsensitiveEnumValuesAllowed(true);
        try {
            cli.parseArgs(args);
        } catch (ParameterException e) {
            throw new AssertionError("seed " + seed + ": DirectRun parsed " + Arrays.toString(args)
                    + " but picocli rejects it: " + e.getMessage(), e);
        }
        Object picocli = cli.getSubcommands().get(name).getCommand();
        for (OptionTable.Arg a : TABLES.get(name).args()) {
            assertThat(value(direct.get().command(), a.path())).as("seed=%d %s %s", seed, Arrays.toString(args),
                    a.path()).isEqualTo(value(picocli, a.path()));
        }
        assertThat(direct.get().debug()).as("seed=%d --debug", seed).isEqualTo(value(root, "debug"));
    }

    @Test
    void should_parse_most_generated_command_lines_when_they_are_plain() {
        // GIVEN / WHEN
        int direct = 0;
        int plain = 0;
        for (long seed = 0; seed < 1000; seed++) {
            String[] args = generate(new SplittableRandom(seed));
            boolean accepted;
            try {
                ScissionCli.commandLine(new ScissionCli(), args).setCaseInsensitiveEnumValuesAllowed(true)
                        .parseArgs(args);
                accepted = true;
            } catch (ParameterException e) {
                accepted = false;
            }
            boolean isPlain = Arrays.stream(args).noneMatch(a -> a.contains("=") && a.startsWith("-")
                    || a.startsWith("@") || "--".equals(a) || "--statistic".equals(a) || a.startsWith("-h"));
            if (accepted && isPlain) {
                plain++;
                if (DirectRun.parse(TABLES, args).isPresent()) {
                    direct++;
                }
            }
        }

        // THEN the generator makes enough valid plain lines, and DirectRun takes nearly all of them
        assertThat(plain).isGreaterThan(200);
        assertThat(direct).isGreaterThan(plain * 9 / 10);
    }

    /** A command line of predict or plan: mostly well formed, with traps mixed in. */
    private static String[] generate(SplittableRandom r) {
        List<String> args = new ArrayList<>();
        if (r.nextInt(10) == 0) {
            args.add("--debug");
        }
        boolean predict = r.nextBoolean();
        args.add(predict ? "predict" : "plan");
        List<String> positionals = new ArrayList<>(predict ? List.of("data", "net.csv", "vgg19")
                : r.nextBoolean() ? List.of("profiles/resnet50") : List.of());
        if (r.nextInt(12) == 0 && !positionals.isEmpty()) {
            positionals.remove(positionals.size() - 1);
        }
        if (r.nextInt(12) == 0) {
            positionals.add(pick(r, TRAPS));
        }
        List<List<String>> options = new ArrayList<>();
        String[][] pool = predict ? PREDICT : PLAN;
        int n = r.nextInt(6);
        for (int i = 0; i < n; i++) {
            String[] o = pool[r.nextInt(pool.length)];
            List<String> tokens = new ArrayList<>(List.of(o[0]));
            for (int k = 1; k < o.length; k++) {
                tokens.add(r.nextInt(15) == 0 ? pick(r, TRAPS) : o[k]);
            }
            if (r.nextInt(15) == 0 && tokens.size() == 2) {
                tokens = new ArrayList<>(List.of(tokens.get(0) + "=" + tokens.get(1)));
            }
            options.add(tokens);
        }
        if (!predict && r.nextInt(8) != 0) {
            options.add(r.nextBoolean() ? List.of("--preset", pick(r, new String[] {"3g", "4g", "wired", "5g"}))
                    : List.of("--network-csv", "net.csv"));
        }
        if (!predict && positionals.isEmpty() && r.nextInt(5) != 0) {
            options.add(List.of("--original", "data", "vgg19"));
        }
        // positionals go between options at random places
        List<List<String>> items = new ArrayList<>(options);
        for (String p : positionals) {
            items.add(r.nextInt(items.size() + 1), List.of(p));
        }
        items.forEach(args::addAll);
        if (r.nextInt(12) == 0) {
            args.add(r.nextInt(args.size() + 1), pick(r, TRAPS));
        }
        return args.toArray(new String[0]);
    }

    private static String pick(SplittableRandom r, String[] values) {
        return values[r.nextInt(values.length)];
    }

    private static final String[] TRAPS = {"--", "-d", "-dx", "-x", "--top", "--help", "-h", "-V", "--debug", "@f",
        "-", "", "-1", "-1,5", "--json", "plan", "predict", "--result-count", "x y", "-e=3", "0x10", "010", "+5"};

    private static final String[][] PREDICT = {
        {"--result-count", "3"}, {"--result-count", "-2"}, {"--result-count", "010"}, {"--result-count", "0x10"}, {"-i", "0.15"},
        {"--input", "0"}, {"-d", "!-1"}, {"--device", "raspi4"}, {"-d", "-1"}, {"-e", "10"}, {"--edge", "-1,5"},
        {"-e", "!2500"}, {"-c", "16"}, {"--cloud", "!6700k(GPU)"}, {"-c", "-1"}, {"--device-upload", "0.1"},
        {"--edge-upload", "1"}, {"--device-time", "50%"}, {"--edge-time", "0.5"}, {"--cloud-time", "10%"}};

    private static final String[][] PLAN = {
        {"--query", "mustUse(EDGE).top(3)"}, {"--top", "3"}, {"--top", "-1"}, {"--top", "+4"}, {"--top", "010"}, {"--must-use", "edge"},
        {"--must-use-resource", "pi"}, {"--exclude", "cloud"}, {"--exclude-resource", "gpu"},
        {"--include", "edge=a,b"}, {"--native-only"}, {"--distributed-only"}, {"--layer-on", "7=edge"},
        {"--layer-not-on", "3=device"}, {"--block-on", "2=cloud"}, {"--block-not-on", "1=edge"},
        {"--max-transfer", "edge:cloud=1MB"}, {"--max-transfer-out", "edge=2MB"}, {"--max-total-transfer", "3MB"},
        {"--max-compute-time", "device=0.5s"}, {"--max-compute-share", "edge=30%:latency"},
        {"--min-compute-share", "edge=10%"}, {"--deadline", "250ms"}, {"--min-layers", "edge=10"},
        {"--max-layers", "edge=3"}, {"--min-layer-share", "edge=10%"}, {"--max-layer-share", "cloud=0.5"},
        {"--max-memory", "device=512MB"}, {"--memory", "pi=1GB"},
        {"--objective", "weighted:1,0.5"}, {"--input-size", "150KB"}, {"--source", "pi"}, {"--statistic", "median"},
        {"--per-tier", "2"}, {"--return-result"}, {"--strategy", "exhaustive"}, {"--json"},
        {"--original", "data", "vgg19"}, {"--network", "net.json"}, {"--preset", "4g"}, {"--network-csv", "n.csv"}};

    /** The value at a field path, through mixins and groups; arrays as lists so that they compare by content. */
    private static Object value(Object command, String path) throws ReflectiveOperationException {
        Object target = command;
        for (String step : path.split("\\.")) {
            if (target == null) {
                return "(no object)";
            }
            Field f = target.getClass().getDeclaredField(step);
            f.setAccessible(true);
            target = f.get(target);
        }
        return target instanceof Object[] array ? Arrays.asList(array) : target == null ? "(null)" : target;
    }
}
