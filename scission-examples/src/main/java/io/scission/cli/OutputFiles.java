package io.scission.cli;

import io.scission.FileReasons;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Checks, before a command starts its long work (profiling takes minutes), that the files it will write can be
 * written, so that a wrong {@code -o} fails at once and not after the work is done.
 */
public final class OutputFiles {

    private OutputFiles() {
    }

    /**
     * Checks that a file can be written: an existing file is opened for appending (its content is left as it is), a
     * new file's nearest existing directory gets a probe file that is deleted at once. Directories that do not exist
     * yet are not created.
     *
     * @param file the file the command will write
     * @param what what the file is, e.g. {@code the profile}
     * @param option the option that names it, e.g. {@code -o}
     * @throws IllegalArgumentException naming the file and saying what to do if it cannot be written
     */
    public static void checkFile(Path file, String what, String option) {
        Path absolute = file.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            throw cannot(file, what, option, "it is a directory", "name a file, e.g. " + file.resolve("out")
                    + extension(what));
        }
        if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS) || Files.exists(absolute)) {
            try (OutputStream out = Files.newOutputStream(absolute, StandardOpenOption.APPEND)) {
                return;
            } catch (IOException | SecurityException e) {
                throw cannot(file, what, option, "the file is not writable (" + reason(e) + ")",
                        "choose another file with " + option + ", or make this one writable");
            }
        }
        checkDirectory(absolute.getParent(), file, what, option);
    }

    /**
     * Checks that files can be written into a directory that may not exist yet.
     *
     * @param dir the directory
     * @param what what goes there, e.g. {@code the demo's profiles and report}
     * @param option the option that names it
     * @throws IllegalArgumentException naming the directory if nothing can be written there
     */
    public static void checkDirectory(Path dir, String what, String option) {
        Path absolute = dir.toAbsolutePath().normalize();
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
            throw cannot(dir, what, option, "it is a file, not a directory", "name a directory");
        }
        checkDirectory(absolute, dir, what, option);
    }

    /**
     * Checks that a directory can be created in place of {@code dir}: beside it, as a command that writes a new
     * directory under a temporary name and renames it into place does.
     *
     * @param dir the directory the command will create or replace
     * @param what what goes there, e.g. {@code the deployment}
     * @param option the option that names it
     * @throws IllegalArgumentException naming the directory if it cannot be created there
     */
    public static void checkNewDirectory(Path dir, String what, String option) {
        Path absolute = dir.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        checkDirectory(parent == null ? absolute : parent, dir, what, option);
    }

    /** Probes the nearest existing ancestor of {@code dir} (itself included). */
    private static void checkDirectory(Path dir, Path given, String what, String option) {
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw cannot(given, what, option, "no part of the path exists", "choose another path with " + option);
        }
        if (!Files.isDirectory(existing)) {
            throw cannot(given, what, option, existing + " is a file, so nothing can be created under it",
                    "choose another path with " + option);
        }
        try {
            Files.delete(Files.createTempFile(existing, ".scission-", ".probe"));
        } catch (IOException | SecurityException e) {
            // the directory exists, so "no such file" (e.g. /proc) means the file system creates none there
            String why = e instanceof java.nio.file.NoSuchFileException ? "files cannot be created there" : reason(e);
            throw cannot(given, what, option, "the directory " + existing + " is not writable (" + why + ")",
                    "choose another path with " + option);
        }
    }

    private static IllegalArgumentException cannot(Path file, String what, String option, String why, String fix) {
        return new IllegalArgumentException(String.format(Locale.ROOT, "Cannot write %s to %s (%s): %s.%nMaybe %s.",
                what, file, option, why, fix));
    }

    private static String extension(String what) {
        return what.contains("report") ? ".html" : what.contains("output") ? ".npy" : ".json";
    }

    private static String reason(Exception e) {
        return FileReasons.of(e);
    }
}
