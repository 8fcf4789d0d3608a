package io.scission.snippets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The code blocks of the repository's Markdown files (README.md, docs/ and every other {@code .md} outside
 * {@code target/}), taken verbatim. Each {@code java} block must be a complete file that a user can save and compile
 * as it is: a public class with a {@code main} in a package outside {@code io.scission}, or a module declaration
 * ({@code module-info.java}).
 */
final class Snippets {

    private static final Pattern FENCE = Pattern.compile("^([ \\t]*)```(\\S*)[ \\t]*$");
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern CLASS = Pattern.compile("^public\\s+(?:final\\s+)?class\\s+(\\w+)",
            Pattern.MULTILINE);
    private static final Pattern MAIN = Pattern.compile("public\\s+static\\s+void\\s+main\\s*\\(\\s*String\\s*\\[]\\s*"
            + "\\w+\\s*\\)");
    private static final Pattern MODULE = Pattern.compile("^(?:open\\s+)?module\\s+([\\w.]+)\\s*\\{", Pattern.MULTILINE);

    private Snippets() {
    }

    /** A fenced code block: the file it is in (relative to the repository), its first line, language and text. */
    record Block(Path file, int line, String language, String text) {

        /** Returns where the block is, as {@code file:line}. */
        String where() {
            return file.toString().replace('\\', '/') + ":" + line;
        }
    }

    /**
     * A {@code java} block read as a source file.
     *
     * @param block the block
     * @param packageName its package, empty for a module declaration
     * @param typeName its public class, or the module's name
     * @param moduleInfo whether it is a module declaration
     */
    record Snippet(Block block, String packageName, String typeName, boolean moduleInfo) {

        /** Returns the file's path in a source tree. */
        String sourcePath() {
            return moduleInfo ? "module-info.java" : packageName.replace('.', '/') + "/" + typeName + ".java";
        }

        /** Returns the binary name of the main class. */
        String mainClass() {
            return packageName + "." + typeName;
        }
    }

    /**
     * Returns every fenced block of the Markdown files under a repository, in path order, then in file order.
     *
     * @param root the repository
     * @return the blocks
     */
    static List<Block> blocks(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> markdown = files.filter(p -> p.toString().endsWith(".md"))
                    .filter(p -> {
                        Path rel = root.relativize(p);
                        for (Path part : rel) {
                            String name = part.toString();
                            if (name.equals("target") || name.startsWith(".")) {
                                return false;
                            }
                        }
                        return true;
                    }).sorted().toList();
            List<Block> blocks = new ArrayList<>();
            for (Path file : markdown) {
                blocks.addAll(blocks(root.relativize(file), Files.readString(file, StandardCharsets.UTF_8)));
            }
            return blocks;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Returns the fenced blocks with a language of one Markdown text (an indented fence's indentation is removed
     * from its lines).
     *
     * @param file the file's name, for messages
     * @param markdown the text
     * @return the blocks
     */
    static List<Block> blocks(Path file, String markdown) {
        List<Block> blocks = new ArrayList<>();
        List<String> lines = markdown.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            Matcher open = FENCE.matcher(lines.get(i));
            if (!open.matches()) {
                continue;
            }
            String indent = open.group(1);
            StringBuilder text = new StringBuilder();
            int j = i + 1;
            while (j < lines.size() && !lines.get(j).strip().equals("```")) {
                String line = lines.get(j);
                text.append(line.startsWith(indent) ? line.substring(indent.length()) : line.strip()).append('\n');
                j++;
            }
            if (j == lines.size()) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": the ```" + open.group(2)
                        + " block is not closed.");
            }
            if (!open.group(2).isEmpty()) {
                blocks.add(new Block(file, i + 1, open.group(2), text.toString()));
            }
            i = j;
        }
        return blocks;
    }

    /**
     * Returns every {@code java} block of a repository as a source file, checking that each is complete and that
     * no two have the same file name.
     *
     * @param root the repository
     * @return the snippets
     */
    static List<Snippet> java(Path root) {
        List<Snippet> snippets = new ArrayList<>();
        Map<String, Snippet> byPath = new HashMap<>();
        for (Block b : blocks(root)) {
            if (b.language().equals("java")) {
                Snippet s = snippet(b);
                Snippet before = byPath.putIfAbsent(s.sourcePath(), s);
                if (before != null) {
                    throw new IllegalArgumentException(b.where() + ": the ```java block is " + s.sourcePath()
                            + ", like the one at " + before.block().where() + ".\nMaybe give it another name.");
                }
                snippets.add(s);
            }
        }
        return snippets;
    }

    /**
     * Reads a {@code java} block as a source file.
     *
     * @param b the block
     * @return the snippet
     * @throws IllegalArgumentException naming the block when it is not a complete file
     */
    static Snippet snippet(Block b) {
        String code = withoutComments(b.text());
        Matcher module = MODULE.matcher(code);
        if (module.find()) {
            return new Snippet(b, "", module.group(1), true);
        }
        String fix = "\nMaybe write it as a complete file: a package (e.g. com.example), its imports and a public class"
                + " with a main, or a module declaration.";
        Matcher pkg = PACKAGE.matcher(code);
        if (!pkg.find()) {
            throw new IllegalArgumentException(b.where() + ": the ```java block has no package declaration." + fix);
        }
        if (pkg.group(1).equals("io.scission") || pkg.group(1).startsWith("io.scission.")) {
            throw new IllegalArgumentException(b.where() + ": the ```java block's package (" + pkg.group(1)
                    + ") is one of ours, where a user's code cannot be." + fix);
        }
        Matcher cls = CLASS.matcher(code);
        if (!cls.find()) {
            throw new IllegalArgumentException(b.where() + ": the ```java block has no public class." + fix);
        }
        if (!MAIN.matcher(code).find()) {
            throw new IllegalArgumentException(b.where() + ": the ```java block's class " + cls.group(1)
                    + " has no public static void main(String[] args)." + fix);
        }
        return new Snippet(b, pkg.group(1), cls.group(1), false);
    }

    private static String withoutComments(String code) {
        return code.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\n]*", "");
    }

    /**
     * Returns the {@code xml} block of a Markdown file that declares a dependency on one of our artifacts.
     *
     * @param root the repository
     * @param file the Markdown file, relative to the repository
     * @param artifactId the artifact
     * @return the block's text, as written
     */
    static String dependencyBlock(Path root, Path file, String artifactId) {
        List<Block> found = new ArrayList<>();
        try {
            for (Block b : blocks(file, Files.readString(root.resolve(file), StandardCharsets.UTF_8))) {
                if (b.language().equals("xml") && b.text().contains("<groupId>io.scission</groupId>\n  <artifactId>"
                        + artifactId + "</artifactId>")) {
                    found.add(b);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (found.size() != 1) {
            throw new IllegalArgumentException(file + " has " + found.size() + " ```xml blocks with a dependency on "
                    + artifactId + ", not 1.");
        }
        return found.get(0).text();
    }
}
