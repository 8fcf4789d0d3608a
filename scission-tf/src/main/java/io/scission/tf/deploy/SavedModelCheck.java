package io.scission.tf.deploy;

import io.scission.InvalidFileException;
import io.scission.deploy.Deployment;
import io.scission.deploy.DeploymentException;
import io.scission.deploy.ElementType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorShapeProto;

/**
 * Checks that a segment's SavedModel is the one the manifest describes, before TensorFlow loads it: its files
 * (present, sizes as recorded, the SHA-256 of {@code saved_model.pb} and the checkpoint index, which holds a CRC32C of
 * every weight tensor that TensorFlow checks on restore), and its signature (the input and output keys, tensor
 * names, types and shapes).
 */
final class SavedModelCheck {

    static final String PB = "saved_model.pb";

    private SavedModelCheck() {
    }

    static void check(Path deploymentDir, Deployment.SegmentInfo info) {
        Path dir = deploymentDir.resolve(info.savedModel());
        String manifest = deploymentDir.resolve(Deployment.MANIFEST).toString();
        if (!Files.isDirectory(dir)) {
            throw new DeploymentException(String.format(Locale.ROOT, "%s names %s as segment %d's SavedModel, but "
                    + "there is no such directory.%nMaybe the deployment was copied in part; export it again.",
                    manifest, dir, info.index()));
        }
        for (Deployment.FileInfo f : info.files()) {
            Path p = dir.resolve(f.path());
            long size;
            try {
                size = Files.size(p);
            } catch (IOException e) {
                throw disagree(manifest, dir, info, "the file " + f.path() + " is missing");
            }
            if (size != f.bytes()) {
                throw disagree(manifest, dir, info, String.format(Locale.ROOT, "the file %s has %d bytes, but the "
                        + "manifest says %d", f.path(), size, f.bytes()));
            }
            if (!f.sha256().isEmpty() && !sha256(p).equals(f.sha256())) {
                throw disagree(manifest, dir, info, "the file " + f.path() + " is not the one exported (its SHA-256 "
                        + "differs)");
            }
        }
        SavedModel sm;
        try {
            sm = SavedModel.parseFrom(Files.readAllBytes(dir.resolve(PB)));
        } catch (IOException e) {
            throw new InvalidFileException(dir.resolve(PB).toString(), "", "is not a SavedModel (" + e.getMessage()
                    + ").\nMaybe export the deployment again.");
        }
        MetaGraphDef mg = null;
        for (MetaGraphDef m : sm.getMetaGraphsList()) {
            if (m.getMetaInfoDef().getTagsList().containsAll(info.tags())) {
                mg = m;
            }
        }
        if (mg == null) {
            throw disagree(manifest, dir, info, "the SavedModel has no MetaGraph with the tags " + info.tags());
        }
        SignatureDef sig = mg.getSignatureDefMap().get(info.signature());
        if (sig == null) {
            throw disagree(manifest, dir, info, "the SavedModel has no signature " + info.signature() + " (it has "
                    + new TreeSet<>(mg.getSignatureDefMap().keySet()) + ")");
        }
        compare(manifest, dir, info, "input", info.inputs(), sig.getInputsMap());
        compare(manifest, dir, info, "output", info.outputs(), sig.getOutputsMap());
    }

    private static void compare(String manifest, Path dir, Deployment.SegmentInfo info, String what,
            List<Deployment.CutTensor> expected, Map<String, TensorInfo> actual) {
        if (!new TreeSet<>(Deployment.keysOf(expected)).equals(new TreeSet<>(actual.keySet()))) {
            throw disagree(manifest, dir, info, String.format(Locale.ROOT, "the signature %s has the %ss %s, but the "
                    + "manifest says %s", info.signature(), what, new TreeSet<>(actual.keySet()),
                    Deployment.keysOf(expected)));
        }
        for (Deployment.CutTensor t : expected) {
            TensorInfo ti = actual.get(t.key());
            List<Long> shape = new ArrayList<>();
            for (TensorShapeProto.Dim d : ti.getTensorShape().getDimList()) {
                shape.add(d.getSize());
            }
            boolean sameType = ti.getDtype() == TfTensors.dataType(t.dtype());
            if (!ti.getName().equals(t.tensor()) || !sameType || !shape.equals(t.shape())) {
                throw disagree(manifest, dir, info, String.format(Locale.ROOT, "the signature's %s %s is %s %s %s, "
                        + "but the manifest says %s %s %s", what, t.key(), ti.getName(),
                        TfTensors.elementType(ti.getDtype()).map(ElementType::id).orElse(ti.getDtype().name()), shape,
                        t.tensor(), t.dtype(), t.shape()));
            }
        }
    }

    private static DeploymentException disagree(String manifest, Path dir, Deployment.SegmentInfo info,
            String problem) {
        return new DeploymentException(String.format(Locale.ROOT, "%s and segment %d's SavedModel %s disagree: %s."
                + "%nMaybe export the deployment again; do not mix the segments of different exports.", manifest,
                info.index(), dir, problem));
    }

    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest())) {
            MessageDigest md = ((DigestInputStream) in).getMessageDigest();
            byte[] buf = new byte[1 << 16];
            while (in.read(buf) >= 0) {
                // digesting
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot be read (" + e.getMessage() + ").", e);
        }
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256.", e);
        }
    }
}
