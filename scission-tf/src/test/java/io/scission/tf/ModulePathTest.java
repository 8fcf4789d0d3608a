package io.scission.tf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scission-tf on the module path, as a modular application uses it: a small application module ({@code app},
 * requiring {@code io.scission.core} and {@code io.scission.tf}) is compiled here and started with
 * {@code java --module-path ... -m app/app.Main}, with no {@code --add-modules}. It parses and profiles the tiny
 * CNN through core's ServiceLoader, and once more in a child JVM, which must start on the module path too. scission-tf
 * names no natives module, so another platform's natives jar resolves in place of linux-x86_64's (checked with a
 * stand-in, since only linux-x86_64's libraries run here); {@code SnippetsIT} runs the README's own module
 * declaration and code in a Maven-built consumer.
 */
class ModulePathTest {

    @TempDir
    static Path work;

    private static Path app;
    private static List<Path> modules;

    private static final String MAIN = String.join("\n",
            "package app;",
            "import io.scission.Scission;",
            "import io.scission.model.PartitionRule;",
            "import io.scission.platform.Resource;",
            "import io.scission.platform.Tier;",
            "import io.scission.profile.Profile;",
            "import io.scission.spi.ModelSource;",
            "import io.scission.spi.ProfileRequest;",
            "import io.scission.spi.ProgressListener;",
            "import io.scission.tf.TensorFlowProfiler;",
            "import java.nio.file.Path;",
            "public final class Main {",
            "    public static void main(String[] args) {",
            "        ModelSource model = ModelSource.of(Path.of(args[0]));",
            "        System.out.println(\"layers \" + Scission.parse(model).size());",
            "        ProfileRequest one = new ProfileRequest(Resource.of(\"m\", Tier.EDGE), PartitionRule.SCISSION, 0, 0,",
            "                1, 42L);",
            "        Profile p = Scission.profile(model, one, ProgressListener.NONE);",
            "        System.out.println(\"profiled \" + p.blocks().size() + \" blocks with \" + p.provenance().runtime());",
            "        ProfileRequest threads = new ProfileRequest(Resource.of(\"m\", Tier.EDGE), PartitionRule.SCISSION,",
            "                1, 0, 1, 42L);",
            "        Profile c = Scission.profile(model, threads, ProgressListener.NONE,",
            "                new TensorFlowProfiler().inChildJvm());",
            "        System.out.println(\"child profiled \" + c.blocks().size() + \" blocks, threads \"",
            "                + c.provenance().threads());",
            "    }",
            "}");

    @BeforeAll
    static void compileTheApplicationModule() throws IOException {
        // the module path: scission-tf's classes (with module-info.class), scission-core and every runtime jar
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        modules = new ArrayList<>();
        for (String entry : cp.split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            // test-only: test classes, core's test-jar (test support, which would split core's packages), JUnit...
            boolean testOnly = entry.endsWith("test-classes") || name.endsWith("-tests.jar")
                    || name.startsWith("junit-") || name.startsWith("opentest4j") || name.startsWith("apiguardian")
                    || name.startsWith("assertj") || name.startsWith("byte-buddy") || name.startsWith("surefire");
            if (!entry.isBlank() && !testOnly && Files.exists(Path.of(entry))) {
                modules.add(Path.of(entry));
            }
        }
        Path src = Files.createDirectories(work.resolve("src/app/app"));
        Files.writeString(src.getParent().resolve("module-info.java"),
                "module app { requires io.scission.core; requires io.scission.tf; }");
        Files.writeString(src.resolve("Main.java"), MAIN);
        app = work.resolve("app-classes");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-d", app.toString(), "--module-path", join(modules),
                src.getParent().resolve("module-info.java").toString(), src.resolve("Main.java").toString());
        assertThat(rc).as("javac of the application module").isZero();
    }

    private static String join(List<Path> paths) {
        List<String> s = new ArrayList<>();
        paths.forEach(p -> s.add(p.toString()));
        return String.join(File.pathSeparator, s);
    }

    private static String[] run(List<Path> modulePath) throws IOException, InterruptedException {
        List<String> mp = new ArrayList<>(List.of(app.toString()));
        modulePath.forEach(p -> mp.add(p.toString()));
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", String.join(File.pathSeparator, mp), "-m", "app/app.Main",
                ProfilingCancellationTest.tinyCnn().location());
        Path out = work.resolve("out.txt");
        Path err = work.resolve("err.txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the application finished within 120 s").isTrue();
        return new String[] {Integer.toString(p.exitValue()), Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8)};
    }

    @Test
    void should_parse_and_profile_through_core_when_everything_is_on_the_module_path() throws Exception {
        // GIVEN / WHEN
        String[] r = run(modules);

        // THEN
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(r[1]).contains("layers 6", "profiled 5 blocks with TensorFlow 2.", "child profiled 5 blocks, "
                + "threads 1");
    }

    @Test
    void should_name_the_natives_jar_when_it_is_not_on_the_module_path() throws Exception {
        // GIVEN the module path without TensorFlow's native jar
        List<Path> without = new ArrayList<>(modules);
        without.removeIf(p -> p.getFileName().toString().endsWith("-linux-x86_64.jar"));

        // WHEN
        String[] r = run(without);

        // THEN the modules resolve, and the first use of TensorFlow names the jar to add
        assertThat(r[0]).isNotEqualTo("0");
        assertThat(r[1] + r[2]).contains("org.tensorflow:tensorflow-core-native with the classifier linux-x86_64 to "
                + "the module path (module tensorflow.nativelib.linux.x86_64)");
    }

    @Test
    void should_resolve_another_platforms_natives_when_they_replace_linux_x86_64s() throws Exception {
        // GIVEN the module path with a stand-in for the linux-arm64 natives jar in place of the linux-x86_64 one:
        // the same file name and automatic module name (its manifest's Automatic-Module-Name), no libraries
        List<Path> arm = new ArrayList<>(modules);
        arm.removeIf(p -> p.getFileName().toString().endsWith("-linux-x86_64.jar"));
        Path jar = Files.createDirectories(work.resolve("arm64")).resolve("tensorflow-core-native-1.1.0-linux-arm64.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Automatic-Module-Name", "tensorflow.nativelib.linux.arm64");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.putNextEntry(new JarEntry("org/tensorflow/internal/c_api/linux-arm64/LICENSE"));
            out.write("stand-in".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        arm.add(jar);
        List<String> mp = new ArrayList<>(List.of(app.toString()));
        arm.forEach(p -> mp.add(p.toString()));

        // WHEN the JVM resolves the application's modules, as it would on that platform (without running it)
        Path out = work.resolve("resolution.txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--show-module-resolution", "--dry-run", "--module-path", String.join(File.pathSeparator, mp),
                "-m", "app/app.Main").redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

        // THEN the boot layer holds the stand-in's module, though nothing names it
        String resolution = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(resolution).isZero();
        assertThat(resolution).containsPattern("requires tensorflow\\.nativelib\\.linux\\.arm64 \\S*"
                + "tensorflow-core-native-1\\.1\\.0-linux-arm64\\.jar automatic");
        assertThat(resolution).doesNotContain("tensorflow.nativelib.linux.x86_64");
    }
}
