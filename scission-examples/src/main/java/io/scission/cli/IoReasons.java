package io.scission.cli;

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
 * never a Java exception's class name such as {@code java.nio.file.AccessDeniedException}.
 */
public final class IoReasons {

    private IoReasons() {
    }

    /**
     * Returns the reason for a {@code java.nio.file} exception known only by its class's simple name, as found in
     * another library's message.
     *
     * @param simpleName e.g. {@code AccessDeniedException}
     * @return the reason
     */
    public static String ofName(String simpleName) {
        switch (simpleName) {
            case "AccessDeniedException":
                return "permission denied";
            case "NoSuchFileException":
                return "no such file or directory";
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

    /**
     * Returns the reason an operation on a file failed.
     *
     * @param e what the operation threw
     * @return the reason, lower case, without the file's name
     */
    public static String of(Exception e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
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
        if (e instanceof FileSystemException fse) {
            return fse.getReason() != null ? fse.getReason().toLowerCase(Locale.ROOT) : "files cannot be created there";
        }
        if (e instanceof SecurityException) {
            return "not permitted";
        }
        if (e instanceof IOException && e.getMessage() != null) {
            return e.getMessage();
        }
        return "input/output error";
    }
}
