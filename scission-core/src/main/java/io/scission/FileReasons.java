package io.scission;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * Says in words why a file operation failed, for error messages: {@code permission denied}, {@code no such file},
 * never a Java exception's class name such as {@code java.nio.file.AccessDeniedException}. The library's readers and
 * writers, scission-tf's model loaders and the command-line tool all word it so; a program that embeds the library
 * may use it for its own messages about files.
 *
 * <pre>{@code
 * try {
 *     Files.readAllBytes(file);
 * } catch (IOException e) {
 *     throw new IllegalStateException("Cannot read " + file + ": " + FileReasons.of(e) + ".");
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class FileReasons {

    private FileReasons() {
    }

    /**
     * Returns the reason an operation on a file failed.
     *
     * @param e what the operation threw
     * @return the reason, without the file's name, e.g. {@code permission denied}
     */
    public static String of(Exception e) {
        requireNonNull(e, "e");
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "it already exists";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "the directory is not empty";
        }
        if (e instanceof FileSystemException fs) {
            return fs.getReason() != null ? fs.getReason().toLowerCase(Locale.ROOT) : "the file system refused it";
        }
        if (e instanceof SecurityException) {
            return "not permitted";
        }
        if (e instanceof IOException && e.getMessage() != null && !e.getMessage().isBlank()) {
            return e.getMessage();
        }
        return "an input/output error";
    }

    /**
     * Returns the reason for a {@code java.nio.file} exception known only by its class's simple name, as it appears
     * in another library's message (e.g. {@code java.nio.file.AccessDeniedException: /x}), worded as {@link #of}
     * words it.
     *
     * @param simpleName e.g. {@code AccessDeniedException}
     * @return the reason; {@code cannot be read or written} for a name of another exception
     */
    public static String ofName(String simpleName) {
        switch (requireNonNull(simpleName, "simpleName")) {
            case "AccessDeniedException":
                return "permission denied";
            case "NoSuchFileException":
                return "no such file";
            case "NotDirectoryException":
                return "not a directory";
            case "FileAlreadyExistsException":
                return "it already exists";
            case "DirectoryNotEmptyException":
                return "the directory is not empty";
            default:
                return "cannot be read or written";
        }
    }
}
