package io.scission.internal.json;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scission.InvalidFileException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A strict reader over a JSON tree: every access names the file and the JSON pointer of the field, unknown fields
 * and duplicate keys are errors, and numbers must be the right kind.
 */
public final class StrictJson {

    /** The mapper used to read and write our files: duplicate keys fail, output is indented. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private final String file;
    private final JsonNode node;
    private final String pointer;

    private StrictJson(String file, JsonNode node, String pointer) {
        this.file = file;
        this.node = node;
        this.pointer = pointer;
    }

    /**
     * Reads a JSON file.
     *
     * @param path the file
     * @return the root
     * @throws InvalidFileException if the file is missing, unreadable or not JSON
     */
    public static StrictJson read(Path path) {
        String name = path.toString();
        if (!Files.exists(path)) {
            throw new InvalidFileException(name, "", "the file does not exist.\nMaybe check the path.");
        }
        if (Files.isDirectory(path)) {
            throw new InvalidFileException(name, "", "this is a directory, not a JSON file.\nMaybe name a file in it.");
        }
        try (InputStream in = Files.newInputStream(path)) {
            return parse(name, in);
        } catch (NoSuchFileException e) {
            throw new InvalidFileException(name, "", "the file does not exist.\nMaybe check the path.");
        } catch (IOException e) {
            throw new InvalidFileException(name, "", "cannot be read (" + e.getMessage() + ").");
        }
    }

    /**
     * Parses JSON from a stream.
     *
     * @param name the file's name for messages
     * @param in the content
     * @return the root
     * @throws IOException if reading fails
     */
    public static StrictJson parse(String name, InputStream in) throws IOException {
        try {
            JsonNode root = MAPPER.readTree(in);
            if (root == null || root.isMissingNode()) {
                throw new InvalidFileException(name, "", "the file is empty.\nMaybe it was not written completely.");
            }
            return new StrictJson(name, root, "");
        } catch (JsonParseException e) {
            String where = e.getLocation() == null ? "" : String.format(Locale.ROOT, "line %d, column %d: ",
                    e.getLocation().getLineNr(), e.getLocation().getColumnNr());
            throw new InvalidFileException(name, "", "is not valid JSON (" + where + e.getOriginalMessage()
                    + ").\nMaybe the file is truncated or was edited by hand.");
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new InvalidFileException(name, "", "is not valid JSON (" + e.getOriginalMessage()
                    + ").\nMaybe the file is truncated or was edited by hand.");
        }
    }

    /** Writes a tree to a file, creating parent directories. @param path the file @param root the tree */
    public static void write(Path path, JsonNode root) {
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            MAPPER.writeValue(path.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    /** Returns a new empty object node. @return the node */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Returns the file's name. @return the name */
    public String file() {
        return file;
    }

    /** Returns this field's JSON pointer. @return the pointer */
    public String pointer() {
        return pointer.isEmpty() ? "/" : pointer;
    }

    /** Returns the raw node. @return the node */
    public JsonNode node() {
        return node;
    }

    /**
     * Returns an error about this field.
     *
     * @param problem what is wrong, and what to do on a new line
     * @return the exception to throw
     */
    public InvalidFileException error(String problem) {
        return new InvalidFileException(file, pointer(), problem);
    }

    /**
     * Checks that this is an object holding only the given fields.
     *
     * @param allowed the allowed field names
     * @return this
     */
    public StrictJson object(Set<String> allowed) {
        if (!node.isObject()) {
            throw error("expected an object, found " + kind(node) + ".");
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String f = names.next();
            if (!allowed.contains(f)) {
                throw new InvalidFileException(file, pointer + "/" + f, String.format(Locale.ROOT,
                        "unknown field \"%s\" (allowed: %s).%nMaybe it is misspelt, or the file is for another "
                                + "version of Scission.", f, String.join(", ", new java.util.TreeSet<>(allowed))));
            }
        }
        return this;
    }

    /** Returns true if the object has the field and it is not null. @param name the field @return presence */
    public boolean has(String name) {
        return node.has(name) && !node.get(name).isNull();
    }

    /**
     * Returns a required field.
     *
     * @param name the field
     * @return the field
     */
    public StrictJson get(String name) {
        JsonNode child = node.get(name);
        if (child == null || child.isNull()) {
            throw new InvalidFileException(file, pointer + "/" + name, "the required field is missing.");
        }
        return new StrictJson(file, child, pointer + "/" + name);
    }

    /** Returns the elements of an array. @return the elements */
    public List<StrictJson> elements() {
        if (!node.isArray()) {
            throw error("expected an array, found " + kind(node) + ".");
        }
        List<StrictJson> list = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            list.add(new StrictJson(file, node.get(i), pointer + "/" + i));
        }
        return list;
    }

    /** Returns the text of a string field. @return the text */
    public String text() {
        if (!node.isTextual()) {
            throw error("expected a string, found " + kind(node) + ".");
        }
        return node.asText();
    }

    /** Returns a whole number that fits a long. @return the number */
    public long longValue() {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw error("expected a whole number, found " + kind(node) + ".");
        }
        return node.asLong();
    }

    /** Returns a whole number that fits an int. @return the number */
    public int intValue() {
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw error("expected a whole number (32-bit), found " + kind(node) + ".");
        }
        return node.asInt();
    }

    /** Returns a finite number. @return the number */
    public double doubleValue() {
        if (!node.isNumber()) {
            throw error("expected a number, found " + kind(node) + ".");
        }
        double v = node.decimalValue().doubleValue();
        if (Double.isInfinite(v)) {
            throw error("the number " + node.asText() + " is too large.");
        }
        return v;
    }

    /** Returns a finite number, or NaN for JSON null. @param name the field @return the number or NaN */
    public double doubleOrNaN(String name) {
        JsonNode child = node.get(name);
        if (child == null || child.isNull()) {
            return Double.NaN;
        }
        return new StrictJson(file, child, pointer + "/" + name).doubleValue();
    }

    /**
     * Calls a validating constructor and reports its IllegalArgumentException against this field.
     *
     * @param <T> the result type
     * @param body the constructor call
     * @return its result
     */
    public <T> T check(java.util.function.Supplier<T> body) {
        try {
            return body.get();
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    private static String kind(JsonNode n) {
        if (n.isObject()) {
            return "an object";
        }
        if (n.isArray()) {
            return "an array";
        }
        if (n.isTextual()) {
            return "the string \"" + n.asText() + "\"";
        }
        if (n.isNull()) {
            return "null";
        }
        return n.toString();
    }
}
