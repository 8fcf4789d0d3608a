package io.scission.tf.internal.child;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.scission.InvalidFileException;
import io.scission.ScissionException;
import io.scission.model.PartitionRule;
import io.scission.profile.Profile;
import io.scission.profile.ProfileFiles;
import io.scission.spi.ProfileRequest;
import io.scission.tf.ModelLoadException;
import io.scission.tf.TfLoadOptions;
import io.scission.tf.TfTimingOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.jspecify.annotations.Nullable;

/**
 * The lines parent and child exchange. The parent writes one job line to the child's standard input, then
 * {@value #CANCEL} lines to stop it; closing the stream tells the child that the parent is gone. The child writes
 * events to its standard output, each a line that starts with {@value #PREFIX} followed by one JSON object:
 * {@code progress}, then one {@code profile} or {@code error}. Anything else on its standard output is not ours.
 *
 * <p>The options records travel as Jackson writes records, so a component added to them travels too.
 */
public final class ChildProtocol {

    /** The start of every event line. */
    public static final String PREFIX = "@scission ";
    /** The line that asks the child to stop. */
    public static final String CANCEL = "cancel";

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .registerModule(new SimpleModule("scission-partition-rule")
                    .addSerializer(PartitionRule.class, new RuleWriter())
                    .addDeserializer(PartitionRule.class, new RuleReader()));

    /** A partition rule travels as its id ({@code scission}, {@code single-tensor}, {@code tensors:3}). */
    private static final class RuleWriter extends StdSerializer<PartitionRule> {
        private static final long serialVersionUID = 1L;

        RuleWriter() {
            super(PartitionRule.class);
        }

        @Override
        public void serialize(PartitionRule rule, JsonGenerator gen, SerializerProvider provider)
                throws IOException {
            gen.writeString(rule.id());
        }
    }

    /** Reads a partition rule's id. */
    private static final class RuleReader extends StdDeserializer<PartitionRule> {
        private static final long serialVersionUID = 1L;

        RuleReader() {
            super(PartitionRule.class);
        }

        @Override
        public PartitionRule deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return PartitionRule.parse(parser.getValueAsString(""));
        }
    }

    private ChildProtocol() {
    }

    /**
     * What to profile, and how.
     *
     * @param source the model location, absolute when it is a path
     * @param request the request
     * @param load how to load the model
     * @param timing how to time it
     */
    public record Job(String source, ProfileRequest request, TfLoadOptions load, TfTimingOptions timing) {
        /**
         * Validates.
         *
         * @param source the model location, absolute when it is a path
         * @param request the request
         * @param load how to load the model
         * @param timing how to time it
         */
        public Job {
            requireNonNull(source, "source");
            requireNonNull(request, "request");
            requireNonNull(load, "load");
            requireNonNull(timing, "timing");
        }
    }

    /** An event from the child. */
    public sealed interface Event permits Progress, Done, Failed {
    }

    /**
     * Progress of the child's profiling.
     *
     * @param done units done
     * @param total units in all
     * @param what what was just done
     */
    public record Progress(int done, int total, String what) implements Event {
    }

    /**
     * The finished profile.
     *
     * @param profile the profile
     */
    public record Done(Profile profile) implements Event {
    }

    /**
     * The child's failure, as the exception to throw in the parent.
     *
     * @param error the exception, of the type the child caught where it is one of ours or the JDK's usual ones
     */
    public record Failed(RuntimeException error) implements Event {
    }

    /**
     * Writes a job as one line.
     *
     * @param job the job
     * @return the line, without terminator
     */
    public static String job(Job job) {
        return write(JSON.valueToTree(requireNonNull(job, "job")));
    }

    /**
     * Reads a job line.
     *
     * @param line the line
     * @return the job
     * @throws IllegalArgumentException if the line is not a job
     */
    public static Job job(String line) {
        try {
            return JSON.readValue(line, Job.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The job line of the profiler's child JVM is not valid: "
                    + e.getOriginalMessage(), e);
        }
    }

    /**
     * Writes a progress event line.
     *
     * @param done units done
     * @param total units in all
     * @param what what was just done
     * @return the line
     */
    public static String progress(int done, int total, String what) {
        ObjectNode o = JSON.createObjectNode();
        o.put("event", "progress");
        o.put("done", done);
        o.put("total", total);
        o.put("what", what);
        return PREFIX + write(o);
    }

    /**
     * Writes the event line of a finished profile.
     *
     * @param profile the profile
     * @return the line
     */
    public static String done(Profile profile) {
        ObjectNode o = JSON.createObjectNode();
        o.put("event", "profile");
        o.put("profile", ProfileFiles.toJson(profile));
        return PREFIX + write(o);
    }

    /**
     * Writes the event line of a failure: the exception's kind, message and, for a model or file error, its parts.
     *
     * @param error the failure
     * @return the line
     */
    public static String failed(Throwable error) {
        ObjectNode o = JSON.createObjectNode();
        o.put("event", "error");
        String message = error.getMessage() == null ? "" : error.getMessage();
        o.put("message", message);
        if (error instanceof CancellationException) {
            o.put("kind", "cancelled");
        } else if (error instanceof ModelLoadException) {
            ModelLoadException m = (ModelLoadException) error;
            o.put("kind", "model");
            o.put("file", m.file());
            m.node().ifPresent(n -> o.put("node", n));
            String prefix = m.file() + m.node().map(n -> " [node " + n + "]").orElse("") + ": ";
            o.put("problem", message.startsWith(prefix) ? message.substring(prefix.length()) : message);
        } else if (error instanceof InvalidFileException) {
            InvalidFileException f = (InvalidFileException) error;
            o.put("kind", "file");
            o.put("file", f.file());
            o.put("field", f.field());
            String prefix = f.file() + (f.field().isEmpty() ? "" : " at " + f.field()) + ": ";
            o.put("problem", message.startsWith(prefix) ? message.substring(prefix.length()) : message);
        } else if (error instanceof ScissionException) {
            o.put("kind", "scission");
        } else if (error instanceof IllegalArgumentException) {
            o.put("kind", "argument");
        } else if (error instanceof IllegalStateException) {
            o.put("kind", "state");
        } else {
            o.put("kind", "other");
            o.put("type", error.getClass().getName());
        }
        return PREFIX + write(o);
    }

    /**
     * Reads a line of the child's standard output.
     *
     * @param line the line, without terminator
     * @param model the model, for messages
     * @return the event, or empty for a line that is not an event
     */
    public static Optional<Event> event(String line, String model) {
        if (!line.startsWith(PREFIX)) {
            return Optional.empty();
        }
        JsonNode o;
        try {
            o = JSON.readTree(line.substring(PREFIX.length()));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        if (o == null || !o.isObject()) {
            return Optional.empty();
        }
        switch (o.path("event").asText()) {
            case "progress":
                return Optional.of(new Progress(o.path("done").asInt(), o.path("total").asInt(),
                        o.path("what").asText()));
            case "profile":
                // a malformed profile is an InvalidFileException naming it (ProfileFiles throws no IOException)
                return Optional.of(new Done(ProfileFiles.read("the profile of " + model + " from the child JVM",
                        new ByteArrayInputStream(o.path("profile").asText().getBytes(StandardCharsets.UTF_8)))));
            case "error":
                return Optional.of(new Failed(exception(o)));
            default:
                return Optional.empty();
        }
    }

    private static RuntimeException exception(JsonNode o) {
        String message = o.path("message").asText();
        switch (o.path("kind").asText()) {
            case "cancelled":
                return new CancellationException(message);
            case "model":
                return new ModelLoadException(o.path("file").asText(), text(o, "node"), o.path("problem").asText(),
                        null);
            case "file":
                return new InvalidFileException(o.path("file").asText(), o.path("field").asText(),
                        o.path("problem").asText());
            case "scission":
                return new ScissionException(message);
            case "argument":
                return new IllegalArgumentException(message);
            case "state":
                return new IllegalStateException(message);
            default:
                return new ScissionException(String.format(Locale.ROOT, "The profiler's child JVM failed: %s%s.%n"
                        + "Maybe run again with the SLF4J logger io.scission.tf.child at INFO to see its output.",
                        o.path("type").asText("an unexpected error"), message.isEmpty() ? "" : " (" + message + ")"));
        }
    }

    private static @Nullable String text(JsonNode o, String field) {
        JsonNode n = o.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a line for the profiler's child JVM: "
                    + e.getOriginalMessage(), e);
        }
    }
}
