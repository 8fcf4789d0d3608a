package io.scission.tf.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Writes files and directories so that nobody sees them half-written: content goes to a temporary sibling, which is
 * then renamed onto the target.
 */
final class AtomicFiles {

    private AtomicFiles() {
    }

    /** Writes a file through a temporary sibling and an atomic rename (replacing an existing file). */
    static void write(Path file, byte[] bytes) {
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
            try {
                Files.write(tmp, bytes);
                move(tmp, abs, true);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(String.format(Locale.ROOT, "%s: cannot be written (%s).%nMaybe check "
                    + "the directory's permissions and free space.", file, e), e);
        }
    }

    /** Creates an empty temporary directory next to the target, on the same file system. */
    static Path tempSibling(Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        return Files.createTempDirectory(abs.getParent(), "." + abs.getFileName() + ".tmp-");
    }

    /** Returns true if the path does not exist or is an empty directory. */
    static boolean isAbsentOrEmptyDirectory(Path p) throws IOException {
        if (!Files.exists(p)) {
            return true;
        }
        if (!Files.isDirectory(p)) {
            return false;
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        }
    }

    /**
     * Renames a finished temporary directory onto the target. An absent or empty target is replaced; a non-empty
     * one only if {@code replace}, by renaming it aside first and deleting it after the new one is in place, so the
     * target always holds one complete version.
     */
    static void publish(Path temp, Path target, boolean replace) throws IOException {
        Path abs = target.toAbsolutePath();
        if (Files.isDirectory(abs) && isAbsentOrEmptyDirectory(abs)) {
            Files.delete(abs);
        }
        if (!Files.exists(abs)) {
            move(temp, abs, false);
            return;
        }
        if (!replace) {
            throw new FileAlreadyExistsException(abs.toString());
        }
        Path old = Files.createTempDirectory(abs.getParent(), "." + abs.getFileName() + ".old-");
        Files.delete(old);
        move(abs, old, false);
        try {
            move(temp, abs, false);
        } catch (IOException e) {
            move(old, abs, false);
            throw e;
        }
        deleteRecursively(old);
    }

    private static void move(Path from, Path to, boolean replace) throws IOException {
        try {
            if (replace) {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (AtomicMoveNotSupportedException e) {
            if (replace) {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(from, to);
            }
        } catch (DirectoryNotEmptyException e) {
            throw new FileAlreadyExistsException(to.toString());
        }
    }

    /** Deletes a file or a directory tree; an absent path is fine. */
    static void deleteRecursively(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(q);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(p + ": cannot be deleted (" + e.getMessage() + ").", e);
        }
    }
}
