package io.scission.tf.keras;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.scission.InvalidFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A Keras HDF5 file, read with jHDF (any layout h5py writes: compact or dense link and attribute storage, contiguous,
 * compact or chunked datasets, gzip and shuffle filters). Every failure is an {@link InvalidFileException} that
 * names the file and the HDF5 object and says what to do.
 */
final class Hdf5File implements AutoCloseable {

    private final HdfFile file;
    private final String source;

    private Hdf5File(HdfFile file, String source) {
        this.file = file;
        this.source = source;
    }

    /**
     * Opens a file held in memory.
     *
     * @param bytes the file's bytes
     * @param source the file's name for messages
     * @return the file; close it
     * @throws InvalidFileException if it is not a readable HDF5 file
     */
    static Hdf5File open(byte[] bytes, String source) {
        try {
            return new Hdf5File(HdfFile.fromBytes(bytes), source);
        } catch (RuntimeException e) {
            throw damaged(source, "", e);
        }
    }

    /** Returns the root group. */
    Group root() {
        return file;
    }

    /**
     * Returns the group at a path below a group, if there is one.
     *
     * @param parent the group
     * @param path link names separated by {@code /}
     * @return the group
     */
    Optional<Group> group(Group parent, String path) {
        Node n = node(parent, path);
        return n instanceof Group ? Optional.of((Group) n) : Optional.empty();
    }

    /**
     * Returns a string attribute (scalar or 1-D) of an object, or empty if it has none of that name.
     *
     * @param node the object
     * @param name the attribute's name
     * @return its strings
     * @throws InvalidFileException if it is not a string attribute or cannot be read
     */
    Optional<List<String>> strings(Node node, String name) {
        Object data;
        try {
            Attribute a = node.getAttribute(name);
            if (a == null) {
                return Optional.empty();
            }
            if (a.isEmpty() || a.getSize() == 0) {
                return Optional.of(List.of()); // Keras writes an empty array for a layer without weights
            }
            data = a.getData();
        } catch (RuntimeException e) {
            throw damaged(source, node.getPath() + "@" + name, e);
        }
        if (data instanceof String) {
            return Optional.of(List.of((String) data));
        }
        if (data instanceof String[]) {
            return Optional.of(List.of((String[]) data));
        }
        throw fail(node.getPath() + "@" + name, "is not a string attribute (it holds "
                + (data == null ? "nothing" : data.getClass().getSimpleName()) + ").\nMaybe save the model again "
                + "with Keras.");
    }

    /**
     * Reads a floating point dataset below a group as float32 values in row-major order.
     *
     * @param parent the group
     * @param path the dataset's path below it
     * @return the shape and values
     * @throws InvalidFileException naming the dataset if it is missing, not floating point, or cannot be read
     */
    WeightSource.Tensor floats(Group parent, String path) {
        String where = join(parent.getPath(), path);
        Node n = node(parent, path);
        if (!(n instanceof Dataset)) {
            throw fail(where, "is missing: the file lists this weight but has no dataset for it.\nMaybe save the "
                    + "model again.");
        }
        Dataset d = (Dataset) n;
        Object flat;
        int[] dims;
        try {
            dims = d.getDimensions();
            flat = d.isEmpty() ? new float[0] : d.getDataFlat();
        } catch (RuntimeException e) {
            throw damaged(source, where, e);
        }
        float[] values;
        if (flat instanceof float[]) {
            values = (float[]) flat;
        } else if (flat instanceof double[]) {
            double[] v = (double[]) flat;
            values = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                values[i] = (float) v[i];
            }
        } else {
            throw fail(where, "is not a floating point array (it holds " + (flat == null ? "nothing"
                    : flat.getClass().getSimpleName()) + ").\nMaybe save the model with float weights.");
        }
        List<Long> shape = new ArrayList<>();
        for (int dim : dims) {
            shape.add((long) dim);
        }
        return new WeightSource.Tensor(shape, values);
    }

    private Node node(Group parent, String path) {
        try {
            Node at = parent;
            for (String name : path.split("/")) {
                if (name.isEmpty()) {
                    continue;
                }
                if (!(at instanceof Group) || !((Group) at).getChildren().containsKey(name)) {
                    return null;
                }
                at = ((Group) at).getChild(name);
            }
            return at;
        } catch (RuntimeException e) {
            throw damaged(source, join(parent.getPath(), path), e);
        }
    }

    private static String join(String group, String path) {
        return (group.endsWith("/") ? group : group + "/") + path;
    }

    /**
     * Returns the error for a problem at an object of the file.
     *
     * @param object the HDF5 path of the object (attributes as {@code /group@name}), or empty for the whole file
     * @param problem what is wrong and, after a new line, what to do
     * @return the exception
     */
    InvalidFileException fail(String object, String problem) {
        return new InvalidFileException(source, object, problem);
    }

    private static InvalidFileException damaged(String source, String object, RuntimeException e) {
        String detail = e.getMessage() == null || e.getMessage().isBlank() ? "" : " (" + e.getMessage().strip() + ")";
        InvalidFileException x = new InvalidFileException(source, object, String.format(Locale.ROOT, "cannot be "
                + "read: the HDF5 file is damaged, cut short, or uses a feature that cannot be read%s.%nMaybe save "
                + "the model again, or copy the whole file again.", detail));
        x.initCause(e);
        return x;
    }

    @Override
    public void close() {
        file.close();
    }
}
