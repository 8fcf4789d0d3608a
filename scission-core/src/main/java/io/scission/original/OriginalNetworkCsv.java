package io.scission.original;

import static java.util.Objects.requireNonNull;

import io.scission.InvalidFileException;
import io.scission.platform.DataRate;
import io.scission.platform.Link;
import io.scission.platform.Network;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Reads the original Scission tool's network statistics CSV ({@code network_stats.csv}) exactly as its
 * {@code scission_predict.py} does, into a core {@link Network} of resource-level links.
 *
 * <p>The format: the first row is a header and is skipped whatever it holds; every other row is
 * {@code source,destination,ping_ms,bandwidth_mbps} (further columns are ignored). Rows are split like Python's
 * {@code csv.reader} (excel dialect: {@code "} quotes, {@code ""} inside quotes). Names are <em>not</em> stripped
 * (a padded {@code " edge"} is a different name), links are directed, and a later row for the same pair replaces an
 * earlier one. Numbers are read like Python's {@code float()}. The latency is {@code ping_ms / 1000} seconds and the
 * bandwidth {@code round(mbps * 125000)} bytes per second, rounded half to even as Python does, so that every
 * transfer time is bit-identical to the original's.
 *
 * <p>Where the original would fail later or silently, this reader fails at once with a message naming the line: a
 * row with fewer than four fields or a blank row (the original raises {@code IndexError}), a number Python cannot
 * read, a negative or non-finite ping, or a bandwidth that rounds to zero bytes per second (the original divides by
 * it). A row from a system to itself is ignored: no plan sends data from a resource to itself.
 */
public final class OriginalNetworkCsv {

    private OriginalNetworkCsv() {
    }

    /**
     * Reads a network statistics file.
     *
     * @param file the CSV file
     * @return the network of its links
     * @throws InvalidFileException naming the file and line if it cannot be read or breaks the format
     */
    public static Network read(Path file) {
        requireNonNull(file, "file");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidFileException(file.toString(), "", "the network statistics file does not exist.\n"
                    + "Maybe check the path; a relative path is looked up in the benchmark folder, then in the "
                    + "working directory.");
        } catch (IOException e) {
            throw new InvalidFileException(file.toString(), "", "cannot be read (" + e.getMessage() + ").");
        }
        return parse(file.toString(), text);
    }

    /**
     * Parses the content of a network statistics file.
     *
     * @param name the file's name for error messages
     * @param text the content
     * @return the network
     * @throws InvalidFileException naming the line if the content breaks the format
     */
    public static Network parse(String name, String text) {
        requireNonNull(name, "name");
        requireNonNull(text, "text");
        List<Row> rows = rows(text);
        if (rows.isEmpty()) {
            throw new InvalidFileException(name, "", "the file is empty; it needs a header row and one row per link "
                    + "(source,destination,ping_ms,bandwidth_mbps).\nMaybe copy the layout of the original's "
                    + "network_stats.csv.");
        }
        Network.Builder builder = Network.builder();
        for (Row row : rows.subList(1, rows.size())) {
            String where = "line " + row.line;
            if (row.fields.size() < 4) {
                throw new InvalidFileException(name, where, String.format(Locale.ROOT,
                        "the row (%s) has %d field%s, but needs source,destination,ping_ms,bandwidth_mbps.%n"
                                + "Maybe remove the row if it is blank.",
                        String.join(",", row.fields), row.fields.size(), row.fields.size() == 1 ? "" : "s"));
            }
            String from = row.fields.get(0);
            String to = row.fields.get(1);
            double pingMs = number(name, where, "ping", row.fields.get(2));
            double mbps = number(name, where, "bandwidth", row.fields.get(3));
            double latency = pingMs / 1000;
            if (!(latency >= 0) || Double.isInfinite(latency)) {
                throw new InvalidFileException(name, where, String.format(Locale.ROOT,
                        "the ping (%s ms) from %s to %s must be a finite number, not negative.", row.fields.get(2).strip(),
                        from, to));
            }
            double bytesPerSecond = PythonText.roundHalfEven(mbps * 125000);
            if (!(bytesPerSecond > 0) || Double.isInfinite(bytesPerSecond)) {
                throw new InvalidFileException(name, where, String.format(Locale.ROOT,
                        "the bandwidth (%s Mbps) from %s to %s must round to a finite number of bytes per second "
                                + "above zero (got %s).%nMaybe give the bandwidth in Mbps, e.g. 1.6.",
                        row.fields.get(3).strip(), from, to, bytesPerSecond));
            }
            if (from.equals(to)) {
                continue;
            }
            builder.replace(new Link(from, to, latency, new DataRate(bytesPerSecond)));
        }
        return builder.build();
    }

    private static double number(String name, String where, String what, String field) {
        OptionalDouble value = PythonText.parseFloat(field);
        if (value.isEmpty()) {
            throw new InvalidFileException(name, where, String.format(Locale.ROOT,
                    "the %s (%s) is not a number.%nMaybe write e.g. 66.7 (ms) or 1.6 (Mbps).", what, field));
        }
        return value.getAsDouble();
    }

    /** A CSV record and the line it starts on (1-based). */
    private record Row(int line, List<String> fields) {
    }

    /**
     * Splits text into records like Python's {@code csv.reader} with the default (excel) dialect and
     * {@code strict=False}: a quote opens a quoted field only at the start of a field; inside, {@code ""} is a
     * quote; a quote followed by anything else closes the quoting and the rest of the field is read as is. Records
     * end at {@code \n}, {@code \r} or {@code \r\n} outside quotes; a blank line is a record with no fields.
     */
    private static List<Row> rows(String text) {
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int rowLine = 1;
        boolean inRecord = false;
        boolean fieldStarted = false;
        boolean quoted = false;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                    i++;
                    continue;
                }
                if (c == '\n' || c == '\r' && !(i + 1 < n && text.charAt(i + 1) == '\n')) {
                    line++;
                }
                field.append(c);
                i++;
                continue;
            }
            if (c == '\r' || c == '\n') {
                if (inRecord) {
                    fields.add(field.toString());
                }
                rows.add(new Row(rowLine, List.copyOf(fields)));
                fields.clear();
                field.setLength(0);
                inRecord = false;
                fieldStarted = false;
                i += c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n' ? 2 : 1;
                line++;
                rowLine = line;
                continue;
            }
            inRecord = true;
            if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                fieldStarted = false;
            } else if (c == '"' && !fieldStarted) {
                quoted = true;
                fieldStarted = true;
            } else {
                field.append(c);
                fieldStarted = true;
            }
            i++;
        }
        if (inRecord || quoted) {
            fields.add(field.toString());
            rows.add(new Row(rowLine, List.copyOf(fields)));
        }
        return rows;
    }
}
