package io.scission.cli;

import io.scission.FileReasons;
import java.util.regex.Pattern;

/**
 * Error texts in the user's words: what libraries put into messages that reach the user is rewritten here, at the
 * command line's boundary. Loaded only when an error is reported, so its patterns cost nothing on a run that
 * succeeds.
 */
final class UserText {

    private static final Pattern NON_NUMERIC = Pattern.compile(
            "Non-standard token '([^']*)': enable `JsonReadFeature\\.ALLOW_NON_NUMERIC_NUMBERS` to allow");
    private static final Pattern TOO_LONG = Pattern.compile(
            "(?:Number|String|Name) value length \\((\\d+)\\) exceeds the maximum allowed \\((\\d+), from "
                    + "`StreamReadConstraints\\.[A-Za-z]+\\(\\)`\\)");
    private static final Pattern TOO_DEEP = Pattern.compile(
            "Document nesting depth \\((\\d+)\\) exceeds the maximum allowed \\((\\d+), from "
                    + "`StreamReadConstraints\\.[A-Za-z]+\\(\\)`\\)");
    private static final Pattern TF_TAGS = Pattern.compile("Maybe choose tags with TfLoadOptions\\.withTags\\.");
    private static final Pattern TF_SHAPE_EXAMPLE = Pattern.compile(
            "TfLoadOptions\\.withInputShape\\(\"([^\"]*)\", -1, 224, 224, 3\\) with your sizes");
    private static final Pattern TF_SHAPE = Pattern.compile(
            "(?:give it|give its shape) with TfLoadOptions\\.withInputShape\\(\"([^\"]*)\", \\.\\.\\.\\)");
    private static final Pattern SOURCE = Pattern.compile(
            "\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]");
    private static final Pattern JACKSON_NAME = Pattern.compile(
            ",? ?(\\(?(enable|from|use|disable) `(JsonReadFeature|JsonWriteFeature|StreamReadConstraints|"
                    + "StreamReadFeature|DeserializationFeature|MapperFeature|JsonParser\\.Feature)[^`]*`( to allow)?"
                    + "\\)?)");
    private static final Pattern FILE_EXCEPTION = Pattern.compile(
            "java\\.nio\\.file\\.([A-Za-z]+Exception): ");

    private UserText() {
    }

    /**
     * Rewrites what libraries put into messages that reach the user: Jackson's option names
     * ({@code enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow}, {@code from
     * `StreamReadConstraints.getMaxNumberLength()`}) and Java's file exception names
     * ({@code java.nio.file.AccessDeniedException: /x}) become plain words.
     *
     * @param message a message
     * @return the message without a library's class or option names
     */
    static String plain(String message) {
        String m = message;
        // Jackson: Non-standard token 'NaN': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow
        m = NON_NUMERIC.matcher(m).replaceAll("$1 is not a number in JSON (write a number, or null where the format "
                + "allows one)");
        // Jackson: Number value length (1200) exceeds the maximum allowed (1000, from `StreamReadConstraints...`)
        m = TOO_LONG.matcher(m).replaceAll("a value of $1 characters is longer than the $2 allowed");
        m = TOO_DEEP.matcher(m).replaceAll("values are nested $1 deep, more than the $2 allowed");
        // scission-tf's advice to a Java caller, not to a command-line user
        m = TF_TAGS.matcher(m).replaceAll("Maybe the SavedModel is incomplete: export it again (tf.saved_model.save "
                + "writes the tag serve).");
        m = TF_SHAPE_EXAMPLE.matcher(m).replaceAll("--input-shape 224x224x3 with your sizes (or $1=224x224x3 for "
                + "that input alone)");
        m = TF_SHAPE.matcher(m).replaceAll("give it with --input-shape $1=DIMS, e.g. $1=224x224x3 (without the batch "
                + "dimension)");
        // Jackson: [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 1]
        m = SOURCE.matcher(m).replaceAll("line $1, column $2");
        // anything else that names a Jackson feature or constraint, or a Java file exception
        m = JACKSON_NAME.matcher(m).replaceAll("");
        m = FILE_EXCEPTION.matcher(m).replaceAll(r -> FileReasons.ofName(r.group(1)) + ": ");
        return m;
    }
}
