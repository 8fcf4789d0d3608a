package io.scission.snippets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.scission.Scission;
import io.scission.snippets.Snippets.Block;
import io.scission.snippets.Snippets.Snippet;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast half of the README check, in the default build: every Java block of the README and docs is a complete
 * file outside our packages, has an entry in {@link SnippetChecks}, and compiles against the library as written.
 * {@link SnippetsIT} (profile {@code snippets}) compiles and runs them in new Maven projects.
 */
class SnippetsTest {

    static final Path ROOT = Path.of("..");

    @Test
    void should_find_complete_files_with_an_expectation_when_reading_the_readme_and_docs() {
        // GIVEN / WHEN
        List<Snippet> snippets = Snippets.java(ROOT);

        // THEN the README's library, profiling and deployment code, the reference data's and one module declaration
        List<Snippet> classes = snippets.stream().filter(s -> !s.moduleInfo()).toList();
        assertThat(classes).extracting(s -> s.block().file().toString())
                .contains("README.md", "docs/reference-data.md".replace('/', File.separatorChar));
        assertThat(classes).extracting(Snippet::mainClass)
                .containsExactlyInAnyOrderElementsOf(SnippetChecks.BY_MAIN_CLASS.keySet());
        assertThat(snippets).filteredOn(Snippet::moduleInfo).singleElement()
                .satisfies(m -> assertThat(m.block().file()).isEqualTo(Path.of("README.md")));
    }

    @Test
    void should_compile_every_block_outside_our_packages_when_the_library_is_on_the_class_path(@TempDir Path dir)
            throws IOException {
        // GIVEN the blocks as source files
        List<String> files = new ArrayList<>();
        for (Snippet s : Snippets.java(ROOT)) {
            if (!s.moduleInfo()) {
                Path file = dir.resolve("src").resolve(s.sourcePath());
                Files.createDirectories(file.getParent());
                Files.writeString(file, s.block().text());
                files.add(file.toString());
            }
        }

        // WHEN
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        // (Surefire's forked JVM may see only its booter jar as java.class.path; it passes the test class path apart)
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> args = new ArrayList<>(List.of("-d", dir.resolve("classes").toString(), "-classpath", classPath,
                "-proc:none", "-Xlint:all,-path", "-Werror"));
        args.addAll(files);
        int rc = javac.run(null, diagnostics, diagnostics, args.toArray(String[]::new));

        // THEN
        assertThat(rc).as("javac of the README's and docs' Java blocks:%n%s", diagnostics).isZero();
        assertThat(dir.resolve("classes/com/example/PlanQuery.class")).isRegularFile();
    }

    @Test
    void should_read_the_json_examples_when_they_show_a_whole_file(@TempDir Path dir) throws IOException {
        // GIVEN the docs' JSON blocks that show a whole file (an object with a "format")
        ObjectMapper json = new ObjectMapper();
        List<Block> files = new ArrayList<>();
        for (Block b : Snippets.blocks(ROOT)) {
            if (b.language().equals("json") && b.text().strip().startsWith("{") && b.text().contains("\"format\"")) {
                files.add(b);
            }
        }
        assertThat(files).extracting(b -> json.readTree(b.text()).get("format").asText())
                .contains("scission-profile", "scission-network", "scission-deployment");

        // WHEN / THEN our readers accept the profile and network examples, as written; the deployment manifest's
        // example shows one segment of three (the docs say so) and others are not read by a file reader of ours, so
        // those are only valid JSON
        for (Block b : files) {
            String format = json.readTree(b.text()).get("format").asText();
            Path folder = Files.createDirectories(dir.resolve(Integer.toString(files.indexOf(b))));
            Path file = folder.resolve("example.json");
            Files.writeString(file, b.text());
            switch (format) {
                case "scission-profile" -> assertThat(Scission.readProfile(file).layout().layerCount()).as(b.where())
                        .isEqualTo(json.readTree(b.text()).get("model").get("layers").asInt());
                case "scission-network" -> assertThat(Scission.readNetwork(file)).as(b.where()).isNotNull();
                default -> assertThat(json.readTree(b.text()).isObject()).as(b.where()).isTrue();
            }
        }
    }

    @Test
    void should_name_the_block_when_it_is_a_fragment() {
        // GIVEN a block as the README had it before: statements without imports or a class
        Block fragment = Snippets.blocks(Path.of("GUIDE.md"), "Text.\n\n```java\nProfileSet p = Scission.readProfiles"
                + "(Path.of(\"p\"));\n```\n").get(0);

        // WHEN / THEN
        assertThatThrownBy(() -> Snippets.snippet(fragment)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("GUIDE.md:3: the ```java block has no package declaration.\nMaybe write it as a complete"
                        + " file: a package (e.g. com.example), its imports and a public class with a main, or a"
                        + " module declaration.");
    }

    @Test
    void should_refuse_a_block_when_it_sits_in_our_packages_or_has_no_main() {
        // GIVEN
        Block ours = Snippets.blocks(Path.of("A.md"), "```java\npackage io.scission.demo;\npublic class A {\n"
                + "    public static void main(String[] args) {}\n}\n```\n").get(0);
        Block noMain = Snippets.blocks(Path.of("B.md"), "  ```java\n  package com.example;\n  public class B {}\n"
                + "  ```\n").get(0);

        // WHEN / THEN
        assertThatThrownBy(() -> Snippets.snippet(ours)).hasMessageStartingWith("A.md:1: the ```java block's package"
                + " (io.scission.demo) is one of ours, where a user's code cannot be.");
        assertThatThrownBy(() -> Snippets.snippet(noMain)).hasMessageStartingWith("B.md:1: the ```java block's class B"
                + " has no public static void main(String[] args).");
    }
}
