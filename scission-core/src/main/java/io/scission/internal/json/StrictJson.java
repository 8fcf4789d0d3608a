package io.scission.internal.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scission.FileAccessException;
import io.scission.FileReasons;
import io.scission.InvalidFileException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A strict reader over a JSON tree: every access names the file and the JSON pointer of the field, unknown fields
 * and duplicate keys are errors, and numbers must be the right kind. Files are read with bounded memory: one of
 * more than {@link #MAX_FILE_BYTES} is refused before it is parsed. Every failure is an
 * {@link InvalidFileException} (reading) or a {@link FileAccessException} (writing) in the user's words, never a
 * JSON library's.
 */
public final class StrictJson {

    /** The largest profile or network file read: 32 MiB, about 100 times a profile of a 500-block model. */
    public static final long MAX_FILE_BYTES = 32L << 20;

    /** Duplicate keys fail, output is indented. Never handed out: it is shared and mutable. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
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
     * @throws InvalidFileException if the file is missing, unreadable, larger than {@link #MAX_FILE_BYTES} or not
     *     JSON
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
            long size = Files.size(path);
            if (size > MAX_FILE_BYTES) {
                throw tooLarge(name, size);
            }
            return parse(name, in);
        } catch (IOException e) {
            throw new InvalidFileException(name, "", "cannot be read (" + FileReasons.of(e) + ").\nMaybe check its "
                    + "permissions.");
        }
    }

    /**
     * Parses JSON from a stream, reading at most {@link #MAX_FILE_BYTES} of it.
     *
     * @param name the file's name for messages
     * @param in the content; not closed
     * @return the root
     * @throws InvalidFileException if reading fails, the content is too large, or it is not JSON
     */
    public static StrictJson parse(String name, InputStream in) {
        try {
            JsonNode root = MAPPER.readTree(new Bounded(name, in));
            if (root == null || root.isMissingNode()) {
                throw new InvalidFileException(name, "", "the file is empty.\nMaybe it was not written completely.");
            }
            return new StrictJson(name, root, "");
        } catch (JsonParseException e) {
            String where = e.getLocation() == null ? "" : String.format(Locale.ROOT, "line %d, column %d: ",
                    e.getLocation().getLineNr(), e.getLocation().getColumnNr());
            throw new InvalidFileException(name, "", "is not valid JSON (" + where + plain(e.getOriginalMessage())
                    + ").\nMaybe the file is truncated or was edited by hand.");
        } catch (JacksonException e) {
            throw new InvalidFileException(name, "", "is not valid JSON (" + plain(e.getOriginalMessage())
                    + ").\nMaybe the file is truncated or was edited by hand.");
        } catch (TooLarge e) {
            throw tooLarge(name, e.size);
        } catch (IOException e) {
            throw new InvalidFileException(name, "", "cannot be read (" + FileReasons.of(e) + ").");
        }
    }

    private static InvalidFileException tooLarge(String name, long size) {
        return new InvalidFileException(name, "", String.format(Locale.ROOT,
                "%s more than the %d bytes (32 MiB) a profile or network file may have.%n"
                        + "Maybe keep fewer timing samples per block.", size < 0 ? "holds" : "is " + size + " bytes,",
                MAX_FILE_BYTES));
    }

    /**
     * Says what a JSON parser's message means without its class and option names.
     *
     * @param message the parser's message
     * @return the message in the user's words
     */
    static String plain(@Nullable String message) {
        String m = message == null ? "malformed" : message;
        if (m.contains("ALLOW_NON_NUMERIC_NUMBERS") || m.contains("'NaN'") || m.contains("Infinity")) {
            return "NaN and Infinity are not numbers in JSON; write a finite number";
        }
        if (m.contains("StreamReadConstraints") || m.contains("exceeds the maximum")) {
            return "a number, name or text is too long, or values are nested too deeply";
        }
        if (m.contains("Duplicate field")) {
            int at = m.indexOf('\'');
            return "a field appears twice" + (at >= 0 ? " (" + clip(m.substring(at)) + ")" : "");
        }
        int source = m.indexOf("[Source:");
        if (source >= 0) {
            int open = m.lastIndexOf('(', source);
            m = m.substring(0, open >= 0 ? open : source);
        }
        int tick = m.indexOf('`');
        if (tick >= 0) {
            // a hint naming a parser feature, e.g. "...: enable `JsonReadFeature.X` to allow"
            int cut = Math.max(m.lastIndexOf('(', tick), m.lastIndexOf(':', tick));
            m = cut > 0 ? m.substring(0, cut) : "malformed";
        }
        return clip(m.replaceAll("\\s+", " ").strip());
    }

    /** Text from the file as it can be shown on one line: control characters escaped, long text clipped. */
    static String shown(String text) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < text.length() && sb.length() < 120; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (Character.isISOControl(c)) {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return clip(sb.toString());
    }

    private static String clip(String text) {
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }

    /**
     * Writes a tree to a file, creating parent directories.
     *
     * @param path the file
     * @param root the tree
     * @throws FileAccessException naming the file if it or its folder cannot be written
     */
    public static void write(Path path, JsonNode root) {
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            MAPPER.writeValue(path.toFile(), root);
        } catch (IOException e) {
            throw new FileAccessException(path.toString(), "cannot be written (" + FileReasons.of(e)
                    + ").\nMaybe check that its folder exists and is writable.", e);
        }
    }

    /**
     * Returns the JSON text of a tree, as written to files.
     *
     * @param root the tree
     * @return the text
     */
    public static String toJson(JsonNode root) {
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree could not be written as text.", e);
        }
    }

    /**
     * Returns a new empty object node.
     *
     * @return the node
     */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /**
     * Returns the file's name.
     *
     * @return the name
     */
    public String file() {
        return file;
    }

    /**
     * Returns this field's JSON pointer.
     *
     * @return the pointer
     */
    public String pointer() {
        return pointer.isEmpty() ? "/" : pointer;
    }

    /**
     * Returns the raw node.
     *
     * @return the node
     */
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
                throw new InvalidFileException(file, pointer + "/" + shown(f), String.format(Locale.ROOT,
                        "unknown field \"%s\" (allowed: %s).%nMaybe it is misspelt, or the file is for another "
                                + "version of Scission.", shown(f), String.join(", ", new TreeSet<>(allowed))));
            }
        }
        return this;
    }

    /**
     * Returns true if the object has the field and it is not null.
     *
     * @param name the field
     * @return presence
     */
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

    /**
     * Returns the elements of an array.
     *
     * @return the elements
     */
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

    /**
     * Returns the text of a string field.
     *
     * @return the text
     */
    public String text() {
        if (!node.isTextual()) {
            throw error("expected a string, found " + kind(node) + ".");
        }
        return node.asText();
    }

    /**
     * Returns a whole number that fits a long.
     *
     * @return the number
     */
    public long longValue() {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw error("expected a whole number, found " + kind(node) + ".");
        }
        return node.asLong();
    }

    /**
     * Returns a whole number that fits an int.
     *
     * @return the number
     */
    public int intValue() {
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw error("expected a whole number (32-bit), found " + kind(node) + ".");
        }
        return node.asInt();
    }

    /**
     * Returns a finite number.
     *
     * @return the number
     */
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

    /**
     * Returns a finite number, or NaN for JSON null.
     *
     * @param name the field
     * @return the number or NaN
     */
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
            return "the string \"" + shown(n.asText()) + "\"";
        }
        if (n.isNull()) {
            return "null";
        }
        return clip(n.toString());
    }

    /** Thrown by {@link Bounded} past the limit; an IOException so that the parser passes it through. */
    private static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;
        private final long size;

        TooLarge(long size) {
            super("too large");
            this.size = size;
        }
    }

    /** A stream that fails once more than {@link #MAX_FILE_BYTES} have been read from it. */
    private static final class Bounded extends FilterInputStream {
        private long count;

        Bounded(String name, InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        @Override
        public void close() {
            // the caller owns the stream
        }

        private void add(int n) throws IOException {
            count += n;
            if (count > MAX_FILE_BYTES) {
                throw new TooLarge(-1);
            }
        }
    }
}
