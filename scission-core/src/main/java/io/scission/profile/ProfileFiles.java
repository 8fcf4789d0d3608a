package io.scission.profile;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scission.FileReasons;
import io.scission.InvalidFileException;
import io.scission.internal.json.StrictJson;
import io.scission.internal.json.TierJson;
import io.scission.model.Block;
import io.scission.model.BlockLayout;
import io.scission.model.PartitionRule;
import io.scission.platform.DataSize;
import io.scission.platform.Resource;
import io.scission.platform.Tier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads and writes profile files: the versioned JSON format {@code scission-profile}, documented in
 * {@code docs/file-formats.md}. Reads versions 1 to 3 (version 2 adds optional fields: how passes were sampled,
 * and each timing's precision; version 3 adds the sampling rule's scope, the split-inference total, the optional
 * {@code hopCost}, the optional {@code copyCost}, and the optional memory fields: each block's weight and
 * activation bytes and measured peak, and the resource's memory capacity). Writes the lowest version that holds
 * what a profile records: 3 for the default until-stable rule, a hop cost, a copy cost, memory figures or a
 * capacity (every profile {@code scission profile} makes), 2 for a precision or a rule of every block, 1
 * otherwise (imported data, the reference data), so that such files stay readable by older readers and the
 * shipped data stay byte-identical.
 * Reading is strict: a malformed file fails with one
 * {@link InvalidFileException} that names the file, the field (a JSON pointer) and the problem.
 */
public final class ProfileFiles {

    /** The value of the {@code format} field. */
    public static final String FORMAT = "scission-profile";
    /** The format version this library writes; it reads this one and every earlier one. */
    public static final int VERSION = 3;
    /** The first format version, still read. */
    public static final int FIRST_VERSION = 1;
    /** The largest file read: 32 MiB (33,554,432 bytes); a larger one fails with one error naming it. */
    public static final long MAX_FILE_BYTES = StrictJson.MAX_FILE_BYTES;

    private ProfileFiles() {
    }

    /**
     * Reads a profile file.
     *
     * @param path the file
     * @return the profile
     * @throws InvalidFileException naming the file if it is missing, unreadable, larger than {@link #MAX_FILE_BYTES},
     *     not JSON, or breaks the format
     */
    public static Profile read(Path path) {
        return read(StrictJson.read(requireNonNull(path, "path")));
    }

    /**
     * Reads a profile from a stream.
     *
     * @param name the file's name for error messages
     * @param in the content, at most {@link #MAX_FILE_BYTES} of it; not closed
     * @return the profile
     * @throws InvalidFileException naming the file if reading fails, it is too large, or it breaks the format
     */
    public static Profile read(String name, InputStream in) {
        return read(StrictJson.parse(name, in));
    }

    /**
     * Reads every {@code *.json} profile file in a directory, in file-name order.
     *
     * @param dir the directory
     * @return the profiles
     * @throws InvalidFileException if a file is malformed, or the directory holds none
     */
    public static List<Profile> readDirectory(Path dir) {
        requireNonNull(dir, "dir");
        if (!Files.isDirectory(dir)) {
            throw new InvalidFileException(dir.toString(), "", "is not a directory.\nMaybe name the folder that "
                    + "holds the profile files.");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new InvalidFileException(dir.toString(), "", "cannot be listed (" + FileReasons.of(e) + ").");
        }
        if (files.isEmpty()) {
            throw new InvalidFileException(dir.toString(), "", "holds no *.json profile files.\nMaybe run "
                    + "'scission profile' first.");
        }
        List<Profile> profiles = new ArrayList<>();
        for (Path f : files) {
            profiles.add(read(f));
        }
        return profiles;
    }

    private static Profile read(StrictJson root) {
        root.object(Set.of("format", "version", "resource", "model", "provenance", "blocks", "ranges", "hopCost",
                "copyCost"));
        String format = root.get("format").text();
        if (!format.equals(FORMAT)) {
            throw root.get("format").error("expected \"" + FORMAT + "\", found \"" + format + "\".\nMaybe this is "
                    + "a network file or another kind of file.");
        }
        int version = root.get("version").intValue();
        if (version < FIRST_VERSION || version > VERSION) {
            throw root.get("version").error("version " + version + " is not supported (this library reads "
                    + FIRST_VERSION + " to " + VERSION + ").\nMaybe upgrade Scission.");
        }
        boolean v2 = version >= 2;
        boolean v3 = version >= 3;
        if (!v3 && root.has("hopCost")) {
            throw root.get("hopCost").error("is a field of format version 3, but the file says version " + version
                    + ".\nMaybe write \"version\": 3.");
        }
        HopCost hopCost = root.has("hopCost") ? hopCost(root.get("hopCost")) : HopCost.NONE;
        if (!v3 && root.has("copyCost")) {
            throw root.get("copyCost").error("is a field of format version 3, but the file says version " + version
                    + ".\nMaybe write \"version\": 3.");
        }
        CopyCost copyCost = root.has("copyCost") ? copyCost(root.get("copyCost")) : CopyCost.NONE;
        StrictJson res = root.get("resource").object(v3 ? Set.of("name", "tier", "hardware", "memoryBytes")
                : Set.of("name", "tier", "hardware"));
        Tier tier = TierJson.read(res.get("tier"));
        String resourceName = res.get("name").text();
        String hardware = res.has("hardware") ? res.get("hardware").text() : "";
        Resource plain = res.check(() -> Resource.of(resourceName, tier, hardware));
        Resource resource = res.has("memoryBytes") ? res.get("memoryBytes").check(() -> plain.withMemory(
                DataSize.ofBytes(res.get("memoryBytes").longValue()))) : plain;

        StrictJson model = root.get("model").object(Set.of("name", "layers", "inputBytes", "partitionRule",
                "fingerprint"));
        String modelName = model.get("name").text();
        int layers = model.get("layers").intValue();
        long inputBytes = model.get("inputBytes").longValue();
        PartitionRule rule = model.get("partitionRule").check(() -> PartitionRule.parse(
                model.get("partitionRule").text()));
        String fingerprint = model.has("fingerprint") ? model.get("fingerprint").text() : "";
        if (!fingerprint.matches("([0-9a-f]{64})?")) {
            throw model.get("fingerprint").error("the fingerprint (" + fingerprint + ") is not 64 lower-case hex "
                    + "digits (a SHA-256).\nMaybe remove the field, or profile the model again.");
        }

        Provenance provenance = provenance(root.get("provenance"), v2, version >= 3);

        List<Block> blocks = new ArrayList<>();
        List<BlockTiming> timings = new ArrayList<>();
        List<BlockMemory> memory = new ArrayList<>();
        List<StrictJson> blockNodes = root.get("blocks").elements();
        if (blockNodes.isEmpty()) {
            throw root.get("blocks").error("the profile times no blocks.\nMaybe profiling was interrupted.");
        }
        for (StrictJson b : blockNodes) {
            b.object(v3 ? Set.of("index", "firstLayer", "lastLayer", "outputBytes", "samples", "summary", "precision",
                    "memory")
                    : v2 ? Set.of("index", "firstLayer", "lastLayer", "outputBytes", "samples", "summary", "precision")
                    : Set.of("index", "firstLayer", "lastLayer", "outputBytes", "samples", "summary"));
            int index = b.get("index").intValue();
            int first = b.get("firstLayer").intValue();
            int last = b.get("lastLayer").intValue();
            long bytes = b.get("outputBytes").longValue();
            Block block = b.check(() -> new Block(index, first, last, bytes));
            blocks.add(block);
            timings.add(new BlockTiming(block, timing(b, v2)));
            if (b.has("memory")) {
                memory.add(memory(b.get("memory")));
            }
        }
        if (!memory.isEmpty() && memory.size() != blockNodes.size()) {
            throw root.get("blocks").error("only " + memory.size() + " of the " + blockNodes.size() + " blocks have "
                    + "\"memory\"; it is all or none.\nMaybe profile the model again.");
        }
        BlockLayout layout = root.get("blocks").check(() -> new BlockLayout(modelName, layers, inputBytes, rule,
                blocks, fingerprint));
        List<RangeTiming> ranges = new ArrayList<>();
        if (root.has("ranges")) {
            for (StrictJson r : root.get("ranges").elements()) {
                r.object(v2 ? Set.of("firstBlock", "lastBlock", "samples", "summary", "precision")
                        : Set.of("firstBlock", "lastBlock", "samples", "summary"));
                int first = r.get("firstBlock").intValue();
                int last = r.get("lastBlock").intValue();
                Timing timing = timing(r, v2);
                ranges.add(r.check(() -> new RangeTiming(first, last, timing)));
            }
        }
        return root.check(() -> new Profile(resource, layout, provenance, timings, ranges, hopCost, memory,
                copyCost));
    }

    private static CopyCost copyCost(StrictJson c) {
        c.object(Set.of("inFixedSeconds", "inSecondsPerByte", "outFixedSeconds", "outSecondsPerByte"));
        return c.check(() -> new CopyCost(c.get("inFixedSeconds").doubleValue(), c.get("inSecondsPerByte")
                .doubleValue(), c.get("outFixedSeconds").doubleValue(), c.get("outSecondsPerByte").doubleValue()));
    }

    private static HopCost hopCost(StrictJson h) {
        h.object(Set.of("fixedSeconds", "secondsPerByte"));
        return h.check(() -> new HopCost(h.get("fixedSeconds").doubleValue(), h.get("secondsPerByte").doubleValue()));
    }

    private static BlockMemory memory(StrictJson m) {
        m.object(Set.of("weightBytes", "activationBytes", "measuredPeakBytes"));
        long weights = m.get("weightBytes").longValue();
        long activations = m.get("activationBytes").longValue();
        long peak = m.has("measuredPeakBytes") ? m.get("measuredPeakBytes").longValue() : BlockMemory.NOT_MEASURED;
        if (m.has("measuredPeakBytes") && peak < 0) {
            throw m.get("measuredPeakBytes").error("the measured peak (" + peak + ") must not be negative.\nMaybe "
                    + "leave the field out when no peak was measured.");
        }
        return m.check(() -> new BlockMemory(weights, activations, peak));
    }

    private static Provenance provenance(StrictJson p, boolean v2, boolean v3) {
        Set<String> fields = Set.of("host", "cpu", "os", "jvm", "runtime", "threads", "warmups", "repeats", "date",
                "runOverheadSeconds", "weights", "notes");
        if (v2) {
            fields = new java.util.HashSet<>(fields);
            fields.add("sampling");
        }
        p.object(fields);
        Instant date;
        try {
            date = Instant.parse(p.get("date").text());
        } catch (DateTimeParseException e) {
            throw p.get("date").error("\"" + p.get("date").text() + "\" is not an ISO-8601 instant.\nMaybe write "
                    + "e.g. 2026-11-26T12:00:00Z.");
        }
        Instant when = date;
        int repeats = p.get("repeats").intValue();
        Sampling sampling = p.has("sampling") ? sampling(p.get("sampling"), v3) : Sampling.fixed(repeats);
        return p.check(() -> new Provenance(p.get("host").text(), p.get("cpu").text(), p.get("os").text(),
                p.get("jvm").text(), p.get("runtime").text(), p.get("threads").intValue(),
                p.get("warmups").intValue(), repeats, when,
                p.get("runOverheadSeconds").doubleValue(), p.get("weights").text(),
                p.has("notes") ? p.get("notes").text() : "", sampling));
    }

    private static Sampling sampling(StrictJson s, boolean v3) {
        s.object(v3 ? Set.of("rule", "passes", "rejectedPasses", "budgetSeconds", "stop", "splitTotal")
                : Set.of("rule", "passes", "rejectedPasses", "budgetSeconds", "stop"));
        StrictJson r = s.get("rule").object(v3 ? Set.of("minRepeats", "maxRepeats", "confidence",
                "relativeTolerance", "absoluteToleranceSeconds", "budgetWholeModels", "scope")
                : Set.of("minRepeats", "maxRepeats", "confidence", "relativeTolerance", "absoluteToleranceSeconds",
                        "budgetWholeModels"));
        SamplingRule.Scope scope = SamplingRule.Scope.EVERY_BLOCK;
        if (r.has("scope")) {
            String text = r.get("scope").text();
            scope = null;
            for (SamplingRule.Scope candidate : SamplingRule.Scope.values()) {
                if (id(candidate).equals(text)) {
                    scope = candidate;
                }
            }
            if (scope == null) {
                throw r.get("scope").error("\"" + text + "\" is not a scope of the stopping rule (every-block, "
                        + "sums).");
            }
        }
        SamplingRule.Scope ruleScope = scope;
        SamplingRule rule = r.check(() -> new SamplingRule(r.get("minRepeats").intValue(),
                r.get("maxRepeats").intValue(), r.get("confidence").doubleValue(),
                r.get("relativeTolerance").doubleValue(), r.get("absoluteToleranceSeconds").doubleValue(),
                r.get("budgetWholeModels").doubleValue(), ruleScope));
        Sampling.SplitTotal total = Sampling.SplitTotal.NOT_RECORDED;
        if (s.has("splitTotal")) {
            StrictJson t = s.get("splitTotal").object(Set.of("median", "confidence", "low", "high", "stable"));
            Precision p = precision(t, Set.of("median", "confidence", "low", "high", "stable"));
            total = t.check(() -> new Sampling.SplitTotal(t.get("median").doubleValue(), p));
        }
        Sampling.SplitTotal splitTotal = total;
        String stopText = s.get("stop").text();
        Sampling.Stop stop = null;
        for (Sampling.Stop candidate : Sampling.Stop.values()) {
            if (id(candidate).equals(stopText)) {
                stop = candidate;
            }
        }
        if (stop == null) {
            throw s.get("stop").error("\"" + stopText + "\" is not a reason to stop (fixed, stable, budget, "
                    + "max-repeats).");
        }
        Sampling.Stop why = stop;
        return s.check(() -> new Sampling(rule, s.get("passes").intValue(), s.get("rejectedPasses").intValue(),
                s.get("budgetSeconds").doubleValue(), why, splitTotal));
    }

    private static String id(Enum<?> value) {
        return value.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private static Precision precision(StrictJson p) {
        return precision(p, Set.of("confidence", "low", "high", "stable"));
    }

    private static Precision precision(StrictJson p, Set<String> fields) {
        p.object(fields);
        StrictJson stable = p.get("stable");
        if (!stable.node().isBoolean()) {
            throw stable.error("expected true or false, found " + stable.node().getNodeType().name()
                    .toLowerCase(java.util.Locale.ROOT) + ".");
        }
        return p.check(() -> new Precision(p.get("confidence").doubleValue(), p.get("low").doubleValue(),
                p.get("high").doubleValue(), stable.node().booleanValue()));
    }

    private static Timing timing(StrictJson node, boolean v2) {
        List<Double> samples = new ArrayList<>();
        if (node.has("samples")) {
            for (StrictJson s : node.get("samples").elements()) {
                samples.add(s.doubleValue());
            }
        }
        Precision precision = v2 && node.has("precision") ? precision(node.get("precision"))
                : Precision.NOT_RECORDED;
        if (!node.has("summary")) {
            if (samples.isEmpty()) {
                throw node.error("has neither samples nor a summary.\nMaybe profiling was interrupted.");
            }
            return node.check(() -> new Timing(samples, TimingSummary.of(samples), precision));
        }
        StrictJson s = node.get("summary").object(Set.of("count", "mean", "median", "p95", "stdev"));
        TimingSummary summary = s.check(() -> new TimingSummary(s.get("count").intValue(), s.get("mean").doubleValue(),
                s.doubleOrNaN("median"), s.doubleOrNaN("p95"), s.doubleOrNaN("stdev")));
        return node.check(() -> new Timing(samples, summary, precision));
    }

    /**
     * Writes a profile file, creating parent directories.
     *
     * @param profile the profile
     * @param path the file
     * @throws io.scission.FileAccessException naming the file if it or its folder cannot be written
     */
    public static void write(Profile profile, Path path) {
        StrictJson.write(requireNonNull(path, "path"), tree(requireNonNull(profile, "profile")));
    }

    /**
     * Returns the JSON text of a profile, as written to files.
     *
     * @param profile the profile
     * @return the JSON text
     */
    public static String toJson(Profile profile) {
        return StrictJson.toJson(tree(requireNonNull(profile, "profile")));
    }

    private static JsonNode tree(Profile profile) {
        ObjectNode root = StrictJson.object();
        boolean v3 = profile.hopCost().isRecorded() || profile.copyCost().isRecorded() || needsVersion3(profile);
        boolean v2 = v3 || needsVersion2(profile);
        root.put("format", FORMAT);
        root.put("version", v3 ? 3 : v2 ? 2 : FIRST_VERSION);
        ObjectNode res = root.putObject("resource");
        res.put("name", profile.resource().name());
        res.set("tier", TierJson.write(profile.resource().tier()));
        res.put("hardware", profile.resource().hardware());
        profile.resource().memory().ifPresent(m -> res.put("memoryBytes", m.bytes()));
        BlockLayout layout = profile.layout();
        ObjectNode model = root.putObject("model");
        model.put("name", layout.model());
        model.put("layers", layout.layerCount());
        model.put("inputBytes", layout.inputBytes());
        model.put("partitionRule", layout.rule().id());
        if (!layout.fingerprint().isEmpty()) {
            model.put("fingerprint", layout.fingerprint());
        }
        Provenance p = profile.provenance();
        ObjectNode prov = root.putObject("provenance");
        prov.put("host", p.host());
        prov.put("cpu", p.cpu());
        prov.put("os", p.os());
        prov.put("jvm", p.jvm());
        prov.put("runtime", p.runtime());
        prov.put("threads", p.threads());
        prov.put("warmups", p.warmups());
        prov.put("repeats", p.repeats());
        prov.put("date", p.date().toString());
        prov.put("runOverheadSeconds", p.runOverheadSeconds());
        prov.put("weights", p.weights());
        prov.put("notes", p.notes());
        Sampling sm = p.sampling();
        if (v2) {
            sampling(prov.putObject("sampling"), sm);
        }
        ArrayNode blocks = root.putArray("blocks");
        for (int i = 0; i < profile.blocks().size(); i++) {
            BlockTiming bt = profile.blocks().get(i);
            ObjectNode b = blocks.addObject();
            b.put("index", bt.block().index());
            b.put("firstLayer", bt.block().firstLayer());
            b.put("lastLayer", bt.block().lastLayer());
            b.put("outputBytes", bt.block().outputBytes());
            writeTiming(b, bt.timing());
            if (!profile.memory().isEmpty()) {
                BlockMemory m = profile.memory().get(i);
                ObjectNode mem = b.putObject("memory");
                mem.put("weightBytes", m.weightBytes());
                mem.put("activationBytes", m.activationBytes());
                m.measuredPeak().ifPresent(peak -> mem.put("measuredPeakBytes", peak));
            }
        }
        ArrayNode ranges = root.putArray("ranges");
        for (RangeTiming rt : profile.ranges()) {
            ObjectNode r = ranges.addObject();
            r.put("firstBlock", rt.firstBlock());
            r.put("lastBlock", rt.lastBlock());
            writeTiming(r, rt.timing());
        }
        if (profile.hopCost().isRecorded()) {
            ObjectNode hop = root.putObject("hopCost");
            hop.put("fixedSeconds", profile.hopCost().fixedSeconds());
            hop.put("secondsPerByte", profile.hopCost().secondsPerByte());
        }
        if (profile.copyCost().isRecorded()) {
            CopyCost c = profile.copyCost();
            ObjectNode copy = root.putObject("copyCost");
            copy.put("inFixedSeconds", c.inFixedSeconds());
            copy.put("inSecondsPerByte", c.inSecondsPerByte());
            copy.put("outFixedSeconds", c.outFixedSeconds());
            copy.put("outSecondsPerByte", c.outSecondsPerByte());
        }
        return root;
    }

    private static void writeTiming(ObjectNode node, Timing timing) {
        ArrayNode samples = node.putArray("samples");
        for (double s : timing.samples()) {
            samples.add(s);
        }
        TimingSummary t = timing.summary();
        ObjectNode summary = node.putObject("summary");
        summary.put("count", t.count());
        summary.put("mean", t.mean());
        putOrNull(summary, "median", t.median());
        putOrNull(summary, "p95", t.p95());
        putOrNull(summary, "stdev", t.stdev());
        Precision p = timing.precision();
        if (p.isRecorded()) {
            ObjectNode precision = node.putObject("precision");
            precision.put("confidence", p.confidence());
            precision.put("low", p.low());
            precision.put("high", p.high());
            precision.put("stable", p.stable());
        }
    }

    /**
     * Returns whether a profile needs version 2: it records a sampling other than a fixed count of its repeats, or a
     * precision. Other profiles are written as version 1, which every reader of the format reads.
     */
    private static boolean needsVersion2(Profile profile) {
        Provenance p = profile.provenance();
        if (!p.sampling().equals(Sampling.fixed(p.repeats()))) {
            return true;
        }
        return profile.blocks().stream().anyMatch(b -> b.timing().precision().isRecorded())
                || profile.ranges().stream().anyMatch(r -> r.timing().precision().isRecorded());
    }

    /**
     * Returns whether a profile needs version 3: its rule stops on the sums ({@link SamplingRule.Scope#SUMS}), it
     * records a split-inference total, memory figures or its resource's memory capacity.
     */
    private static boolean needsVersion3(Profile profile) {
        Sampling s = profile.provenance().sampling();
        return s.rule().scope() != SamplingRule.Scope.EVERY_BLOCK || s.splitTotal().isRecorded()
                || !profile.memory().isEmpty() || profile.resource().memory().isPresent();
    }

    private static void sampling(ObjectNode sampling, Sampling sm) {
        ObjectNode rule = sampling.putObject("rule");
        rule.put("minRepeats", sm.rule().minRepeats());
        rule.put("maxRepeats", sm.rule().maxRepeats());
        rule.put("confidence", sm.rule().confidence());
        rule.put("relativeTolerance", sm.rule().relativeTolerance());
        rule.put("absoluteToleranceSeconds", sm.rule().absoluteToleranceSeconds());
        rule.put("budgetWholeModels", sm.rule().budgetWholeModels());
        if (sm.rule().scope() != SamplingRule.Scope.EVERY_BLOCK) {
            rule.put("scope", id(sm.rule().scope()));
        }
        sampling.put("passes", sm.passes());
        sampling.put("rejectedPasses", sm.rejectedPasses());
        sampling.put("budgetSeconds", sm.budgetSeconds());
        sampling.put("stop", id(sm.stop()));
        Sampling.SplitTotal total = sm.splitTotal();
        if (total.isRecorded()) {
            ObjectNode t = sampling.putObject("splitTotal");
            t.put("median", total.median());
            t.put("confidence", total.precision().confidence());
            t.put("low", total.precision().low());
            t.put("high", total.precision().high());
            t.put("stable", total.precision().stable());
        }
    }

    private static void putOrNull(ObjectNode node, String field, double value) {
        if (Double.isNaN(value)) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }
}
