package io.scission.grpc;

import io.scission.deploy.Deployment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A deployment's identity for the workers. */
final class Deployments {

    private Deployments() {
    }

    /**
     * The first 16 hex digits of the SHA-256 of the deployment's manifest: two exports, even of the same plan, differ
     * (the manifest records when it was made and the files' digests).
     */
    static String id(Path dir) {
        try {
            byte[] manifest = Files.readAllBytes(dir.resolve(Deployment.MANIFEST));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(manifest)).substring(0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException(dir.resolve(Deployment.MANIFEST) + ": cannot be read.", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
