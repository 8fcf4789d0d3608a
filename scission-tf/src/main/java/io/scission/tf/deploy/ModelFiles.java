package io.scission.tf.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** The SHA-256 of a model's files, recorded in the manifest. */
final class ModelFiles {

    private ModelFiles() {
    }

    /**
     * Returns the SHA-256 over the model's files: for each file, sorted by relative path, the path, a zero byte, its
     * length (8 bytes, big-endian) and its content. A directory counts with all files under it; a TF.js
     * {@code model.json} with the files next to it (its weight shards); any other file alone. Empty for a source
     * that is not a path (a zoo model).
     */
    static String sha256(String source) {
        Path p;
        try {
            p = Path.of(source);
        } catch (InvalidPathException e) {
            return "";
        }
        if (!Files.exists(p)) {
            return "";
        }
        Path root = Files.isDirectory(p) ? p
                : p.getFileName().toString().equals("model.json") && p.toAbsolutePath().getParent() != null
                        ? p.toAbsolutePath().getParent() : null;
        List<Path> files = new ArrayList<>();
        try {
            if (root == null) {
                root = p.toAbsolutePath().getParent();
                files.add(p.toAbsolutePath());
            } else if (p.getFileName().toString().equals("model.json")) {
                try (Stream<Path> s = Files.list(root)) {
                    s.filter(Files::isRegularFile).sorted().forEach(files::add);
                }
            } else {
                try (Stream<Path> s = Files.walk(root)) {
                    s.filter(Files::isRegularFile).sorted().forEach(files::add);
                }
            }
            MessageDigest md = SavedModelCheck.digest();
            byte[] buf = new byte[1 << 16];
            for (Path f : files) {
                md.update(root.relativize(f).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(ByteBuffer.allocate(8).putLong(Files.size(f)).array());
                try (InputStream in = Files.newInputStream(f)) {
                    for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                        md.update(buf, 0, n);
                    }
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": cannot be read to compute its hash (" + e + ").", e);
        }
    }
}
