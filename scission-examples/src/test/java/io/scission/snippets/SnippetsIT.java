package io.scission.snippets;

import static org.assertj.core.api.Assertions.assertThat;

import io.scission.deploy.HostTensor;
import io.scission.deploy.Npy;
import io.scission.snippets.SnippetChecks.Consumer;
import io.scission.snippets.SnippetChecks.Expectation;
import io.scission.snippets.Snippets.Snippet;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The README and docs as a new user meets them (profile {@code snippets}: {@code mvn -B -P snippets verify}, run by
 * CI). Our parent POM, scission-core and scission-tf, as built by this reactor, are installed with
 * {@code install:install-file} into a private local repository under {@code target/snippets} (never the user's
 * {@code ~/.m2}); third-party artifacts come from the user's local repository, read as a remote one (releases only,
 * so no SNAPSHOT of ours can come from there), then Maven Central. Three new Maven projects are built there with
 * Maven, each depending on us only through the README's own {@code <dependency>} blocks, copied verbatim:
 * <ul>
 *   <li>{@code core}: the scission-core block; the blocks that need no TensorFlow;</li>
 *   <li>{@code tensorflow}: the scission-tf block (with the linux-x86_64 natives); the blocks that need TensorFlow;
 *   </li>
 *   <li>{@code modules}: the scission-tf block, every block and the README's {@code module-info.java}; compiled by
 *   Maven on the module path.</li>
 * </ul>
 * Every Java block is saved unchanged as its file and run with {@code java} in a folder of its own holding what the
 * README's earlier steps leave behind: MobileNet profiles of a device, an edge server and a cloud written by the
 * packaged {@code scission profile} command, a SavedModel at {@code models/my_saved_model} (a real Keras model of
 * our test corpus) and an input {@code x.npy}. {@link SnippetChecks} says what each must print and write.
 */
@Tag("snippets")
class SnippetsIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path WORK = Path.of("target", "snippets").toAbsolutePath();
    private static final String VERSION = System.getProperty("snippets.version", "0.1.0-SNAPSHOT");
    private static final Path SHARED_REPOSITORY = Path.of(System.getProperty("snippets.localRepository",
            Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    private static final long MINUTES = 10;

    private static List<Snippet> snippets;
    private static Path fixture;
    private static Project core;
    private static Project tensorflow;
    private static Project modules;
    private static Snippet moduleInfo;

    /** A built consumer project: its classes and its dependencies' jars, as Maven resolved them. */
    private record Project(Path dir, Path classes, List<Path> dependencies) {

        String path() {
            List<String> entries = new ArrayList<>(List.of(classes.toString()));
            dependencies.forEach(d -> entries.add(d.toString()));
            return String.join(File.pathSeparator, entries);
        }
    }

    /** The outcome of a process. */
    private record Result(int code, String out, String err) {
    }

    @BeforeAll
    static void buildTheConsumerProjects() throws Exception {
        snippets = Snippets.java(ROOT);
        moduleInfo = snippets.stream().filter(Snippet::moduleInfo).findFirst().orElseThrow();
        delete(WORK);
        Files.createDirectories(WORK.resolve("logs"));
        Files.writeString(WORK.resolve("settings.xml"), settings());
        long start = System.nanoTime();
        install(ROOT.resolve("pom.xml"), ROOT.resolve("pom.xml"));
        for (String module : List.of("scission-core", "scission-tf")) {
            install(ROOT.resolve(module).resolve("target").resolve(module + "-" + VERSION + ".jar"),
                    ROOT.resolve(module).resolve("pom.xml"));
        }
        long installed = System.nanoTime();
        fixture = fixture();
        long prepared = System.nanoTime();
        String coreBlock = Snippets.dependencyBlock(ROOT, Path.of("README.md"), "scission-core");
        String tfBlock = Snippets.dependencyBlock(ROOT, Path.of("README.md"), "scission-tf");
        core = project("core", coreBlock, consumerOf(Consumer.CORE));
        tensorflow = project("tensorflow", tfBlock, consumerOf(Consumer.TENSORFLOW));
        modules = project("modules", tfBlock, snippets);
        long built = System.nanoTime();
        System.out.printf(Locale.ROOT, "[snippets] install %.1f s, fixture %.1f s, three consumer builds %.1f s%n",
                (installed - start) / 1e9, (prepared - installed) / 1e9, (built - prepared) / 1e9);
    }

    private static List<Snippet> consumerOf(Consumer consumer) {
        return snippets.stream().filter(s -> !s.moduleInfo())
                .filter(s -> expectation(s).consumer() == consumer).toList();
    }

    private static Expectation expectation(Snippet s) {
        Expectation e = SnippetChecks.BY_MAIN_CLASS.get(s.mainClass());
        assertThat(e).as("%s: %s has no entry in SnippetChecks", s.block().where(), s.mainClass()).isNotNull();
        return e;
    }

    private static String settings() {
        String cache = SHARED_REPOSITORY.toUri().toString();
        String repository = "<id>local-cache</id><url>" + cache + "</url><releases><enabled>true</enabled>"
                + "<checksumPolicy>ignore</checksumPolicy></releases><snapshots><enabled>false</enabled></snapshots>";
        return String.join("\n",
                "<settings>",
                "  <localRepository>" + WORK.resolve("m2") + "</localRepository>",
                "  <profiles>",
                "    <profile>",
                "      <id>local-cache</id>",
                "      <repositories><repository>" + repository + "</repository></repositories>",
                "      <pluginRepositories><pluginRepository>" + repository + "</pluginRepository>"
                        + "</pluginRepositories>",
                "    </profile>",
                "  </profiles>",
                "  <activeProfiles><activeProfile>local-cache</activeProfile></activeProfiles>",
                "</settings>",
                "");
    }

    private static void install(Path file, Path pom) throws Exception {
        assertThat(file).as("built by the reactor (mvn -P snippets verify builds it first)").isRegularFile();
        maven(WORK, "install-" + pom.getParent().getFileName(),
                "org.apache.maven.plugins:maven-install-plugin:3.1.3:install-file", "-Dfile=" + file,
                "-DpomFile=" + pom);
    }

    /** What the README's earlier steps leave in the user's working directory. */
    private static Path fixture() throws Exception {
        Path dir = Files.createDirectories(WORK.resolve("fixture"));
        String[][] machines = {{"pi", "device"}, {"edge1", "edge"}, {"cloud1", "cloud"}};
        for (String[] m : machines) {
            Result r = run("profile-" + m[0], WORK, List.of(JAVA.toString(), "-jar",
                    Path.of("target", "scission.jar").toAbsolutePath().toString(), "profile", "MobileNet",
                    "--resource", m[0], "--tier", m[1], "--repeats", "1", "--warmups", "0", "-o",
                    dir.resolve("profiles/mobilenet/" + m[0] + ".json").toString()));
            assertThat(r.code()).as("scission profile: %s", r.err()).isZero();
        }
        copy(ROOT.resolve("scission-tf/src/test/resources/models/tfnet-keras-functional-savedmodel/model"),
                dir.resolve("models/my_saved_model"));
        float[] x = new float[224 * 224 * 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 255) / 255f;
        }
        Npy.write(dir.resolve("x.npy"), HostTensor.ofFloats(List.of(1L, 224L, 224L, 3L), x));
        return dir;
    }

    private static Project project(String name, String dependencyBlock, List<Snippet> sources) throws Exception {
        Path dir = Files.createDirectories(WORK.resolve(name));
        Files.writeString(dir.resolve("pom.xml"), pom(name, dependencyBlock));
        for (Snippet s : sources) {
            Path file = dir.resolve("src/main/java").resolve(s.sourcePath());
            Files.createDirectories(file.getParent());
            Files.writeString(file, s.block().text());
        }
        maven(dir, "build-" + name, "compile", "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath",
                "-Dmdep.outputFile=classpath.txt");
        List<Path> dependencies = new ArrayList<>();
        for (String entry : Files.readString(dir.resolve("classpath.txt")).strip().split(File.pathSeparator)) {
            dependencies.add(Path.of(entry));
        }
        // our artifacts come from the private repository, installed above, and nowhere else
        Path ours = WORK.resolve("m2/io/scission/scission-core/" + VERSION + "/scission-core-" + VERSION + ".jar");
        assertThat(dependencies).contains(ours);
        assertThat(dependencies).filteredOn(p -> p.getFileName().toString().startsWith("scission-"))
                .allSatisfy(p -> assertThat(p).startsWith(WORK.resolve("m2")));
        return new Project(dir, dir.resolve("target/classes"), dependencies);
    }

    private static String pom(String name, String dependencyBlock) {
        String plugins = plugin("maven-compiler-plugin", "3.13.0",
                "<configuration><compilerArgs><arg>-Xlint:all,-path</arg><arg>-Werror</arg></compilerArgs>"
                        + "</configuration>")
                + plugin("maven-resources-plugin", "3.3.1", "")
                + plugin("maven-dependency-plugin", "3.8.1", "");
        return String.join("\n",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">",
                "  <modelVersion>4.0.0</modelVersion>",
                "  <groupId>com.example</groupId>",
                "  <artifactId>" + name + "</artifactId>",
                "  <version>1.0</version>",
                "  <properties>",
                "    <maven.compiler.release>17</maven.compiler.release>",
                "    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>",
                "  </properties>",
                "  <dependencies>",
                dependencyBlock + "  </dependencies>",
                "  <build>",
                "    <plugins>",
                plugins + "    </plugins>",
                "  </build>",
                "</project>",
                "");
    }

    private static String plugin(String artifactId, String version, String configuration) {
        return "      <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>" + artifactId + "</artifactId>"
                + "<version>" + version + "</version>" + configuration + "</plugin>\n";
    }

    @TestFactory
    Stream<DynamicTest> should_print_and_write_what_the_readme_says_when_each_block_runs_on_the_class_path() {
        return snippets.stream().filter(s -> !s.moduleInfo()).map(s -> DynamicTest.dynamicTest(
                s.mainClass() + " (" + s.block().where() + ")", () -> {
                    Project p = expectation(s).consumer() == Consumer.CORE ? core : tensorflow;
                    runAndCheck(s, "classpath", List.of("-cp", p.path(), s.mainClass()));
                }));
    }

    @TestFactory
    Stream<DynamicTest> should_print_and_write_the_same_when_each_block_runs_in_a_module_on_the_module_path() {
        return snippets.stream().filter(s -> !s.moduleInfo()).map(s -> DynamicTest.dynamicTest(
                s.mainClass() + " (" + s.block().where() + ", " + moduleInfo.block().where() + ")", () ->
                        runAndCheck(s, "modulepath", List.of("--module-path", modules.path(), "--module",
                                moduleInfo.typeName() + "/" + s.mainClass()))));
    }

    @Test
    void should_compile_the_module_declaration_when_the_readme_gives_it() {
        // GIVEN / WHEN the modules project was built (before all)

        // THEN Maven compiled a named module, so it put the dependencies on the module path
        assertThat(modules.classes().resolve("module-info.class")).isRegularFile();
        assertThat(modules.dir().resolve("src/main/java/module-info.java")).hasContent(moduleInfo.block().text());
    }

    private static void runAndCheck(Snippet s, String kind, List<String> arguments) throws Exception {
        // GIVEN a folder with what the README's earlier steps leave
        Path dir = WORK.resolve("runs").resolve(kind).resolve(s.typeName());
        copy(fixture, dir);
        List<String> command = new ArrayList<>(List.of(JAVA.toString()));
        command.addAll(arguments);

        // WHEN
        Result r = run(kind + "-" + s.typeName(), dir, command);

        // THEN
        assertThat(r.code()).as("%s exit code; standard error:%n%s", s.mainClass(), r.err()).isZero();
        expectation(s).check().verify(dir, r.out().lines().toList());
    }

    private static void maven(Path dir, String log, String... goals) throws Exception {
        List<String> command = new ArrayList<>(List.of(mavenExecutable(), "-B", "-s",
                WORK.resolve("settings.xml").toString()));
        if (Files.exists(dir.resolve("pom.xml"))) {
            command.addAll(List.of("-f", dir.resolve("pom.xml").toString()));
        }
        command.addAll(List.of(goals));
        Result r = run(log, dir, command);
        assertThat(r.code()).as("%s in %s:%n%s", String.join(" ", goals), dir, tail(r.out(), 60)).isZero();
    }

    private static String mavenExecutable() {
        String home = System.getProperty("maven.home");
        boolean windows = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows");
        return home == null ? "mvn" : Path.of(home, "bin", windows ? "mvn.cmd" : "mvn").toString();
    }

    private static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** Runs a process to its end (at most ten minutes, then it and its children are killed). */
    private static Result run(String log, Path dir, List<String> command) throws Exception {
        Path out = WORK.resolve("logs").resolve(log + ".out");
        Path err = WORK.resolve("logs").resolve(log + ".err");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        try {
            assertThat(p.waitFor(MINUTES, TimeUnit.MINUTES)).as("%s finished within %d minutes", command, MINUTES)
                    .isTrue();
        } finally {
            if (p.isAlive()) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor();
            }
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
    }
}
