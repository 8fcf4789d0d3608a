package io.scission.cli.original;

import static java.util.Objects.requireNonNull;

import io.scission.InvalidFileException;
import io.scission.cli.IoReasons;
import io.scission.platform.Resource;
import io.scission.platform.Tier;
import io.scission.profile.Profile;
import io.scission.profile.ProfileSet;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The benchmark files of the original Scission tool (qub-blesson/Scission, {@code scission_benchmark.py}), read
 * with a real unpickler and turned into core {@link Profile}s.
 *
 * <pre>{@code
 * OriginalBenchmarks data = OriginalBenchmarks.read(Path.of("benchmark_data"));
 * ProfileSet vgg19 = data.profiles("vgg19");
 * }</pre>
 *
 * <p>Which files: every file in the folder whose name matches {@code *-*.dat}, as the original's predictor selects
 * them. The name is split as the original splits it: the part before the first {@code .}, then at {@code -} into
 * exactly two parts, {@code <tier>-<name>}; the tier ({@code device}, {@code edge} or {@code cloud}, any case) and
 * the resource name come from there. So {@code cloud-6700k(GPU).dat} is resource {@code 6700k(GPU)} in the cloud
 * tier, a name cannot contain {@code -}, and {@code edge-a.b.dat} is resource {@code a}.
 *
 * <p>What is in a file: a pickle (protocol 3) of {@code dict[str, list[__main__.LayerBenchmark]]}, model name to
 * block records. The unpickler maps the {@code LayerBenchmark} class to a plain map of its fields and builds no
 * other class; anything else in the file is rejected. See {@link OriginalSystem#profile(String)} for how records
 * become a profile (means only, sizes with the 128-byte {@code .npy} header).
 */
public final class OriginalBenchmarks {

    /** The upload size the original assumes when none is given, 0.15 MB, in bytes. */
    public static final long INPUT_BYTES = 150_000L;
    /** The original benchmark's default repeat count, assumed because the files do not store it. */
    public static final int ASSUMED_REPEATS = 10;
    /** The runtime recorded in imported profiles' provenance. */
    public static final String RUNTIME = "TensorFlow/Keras via the original Scission benchmark (qub-blesson/Scission)";

    /** The class the original defined in its script, as its pickles name it. */
    private static final String PICKLED_CLASS = "__main__.LayerBenchmark";

    private final Path folder;
    private final List<OriginalSystem> systems;

    private OriginalBenchmarks(Path folder, List<OriginalSystem> systems) {
        this.folder = folder;
        this.systems = List.copyOf(systems);
    }

    /**
     * Reads every {@code *-*.dat} file in a folder.
     *
     * @param folder the benchmark folder
     * @return the benchmarks, one system per file, in file-name order
     * @throws InvalidFileException if the folder does not exist or holds no benchmark file, or a file name or
     *     content does not follow the original's format
     */
    public static OriginalBenchmarks read(Path folder) {
        requireNonNull(folder, "folder");
        if (!Files.isDirectory(folder)) {
            throw new InvalidFileException(folder.toString(), "", "the benchmark folder does not exist or is not a "
                    + "directory.\nMaybe check the path (it is relative to the working directory).");
        }
        List<Path> files;
        try (DirectoryStream<Path> list = Files.newDirectoryStream(folder)) {
            files = new ArrayList<>();
            for (Path p : list) {
                if (isBenchmarkFile(p.getFileName().toString())) {
                    files.add(p);
                }
            }
            java.util.Collections.sort(files);
        } catch (IOException e) {
            throw new InvalidFileException(folder.toString(), "", "cannot be listed (" + IoReasons.of(e) + ").");
        }
        if (files.isEmpty()) {
            throw new InvalidFileException(folder.toString(), "", "holds no benchmark files (<tier>-<name>.dat).\n"
                    + "Maybe run the original scission_benchmark.py on each system and copy its .dat files here.");
        }
        List<OriginalSystem> systems = new ArrayList<>();
        for (Path file : files) {
            systems.add(readFile(file));
        }
        return new OriginalBenchmarks(folder, systems);
    }

    /**
     * Reads one benchmark file.
     *
     * @param file a {@code <tier>-<name>.dat} file
     * @return the system
     * @throws InvalidFileException if the name or the content does not follow the original's format
     */
    public static OriginalSystem readFile(Path file) {
        requireNonNull(file, "file");
        Resource resource = resourceOf(file);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidFileException(file.toString(), "", "cannot be read (" + IoReasons.of(e) + ").");
        }
        Object root;
        try {
            root = PickleReader.read(bytes);
        } catch (IllegalArgumentException e) {
            throw new InvalidFileException(file.toString(), "", "is not a readable Python pickle: " + e.getMessage()
                    + ".\nMaybe the file is damaged or is not a benchmark file of the original Scission tool.");
        }
        return new OriginalSystem(file, resource, benchmarks(file, root));
    }

    /** Parses the resource from a file name exactly as the original does, failing where it would fail. */
    static Resource resourceOf(Path file) {
        String fileName = file.getFileName().toString();
        String fullName = fileName.split("\\.", -1)[0];
        String[] parts = fullName.split("-", -1);
        if (parts.length != 2) {
            throw new InvalidFileException(file.toString(), "", String.format(Locale.ROOT,
                    "the file name must be <tier>-<name>.dat with exactly one '-' before the first '.', but \"%s\" "
                            + "has %d.%nMaybe rename it, e.g. edge-vm2Core.dat (names cannot contain '-').",
                    fullName, parts.length - 1));
        }
        Tier tier;
        switch (parts[0].toUpperCase(Locale.ROOT)) {
            case "DEVICE":
                tier = Tier.DEVICE;
                break;
            case "EDGE":
                tier = Tier.EDGE;
                break;
            case "CLOUD":
                tier = Tier.CLOUD;
                break;
            default:
                throw new InvalidFileException(file.toString(), "", String.format(Locale.ROOT,
                        "the tier (%s) in the file name is not device, edge or cloud.%n"
                                + "Maybe rename the file to device-%s.dat, edge-%s.dat or cloud-%s.dat.",
                        parts[0], parts[1], parts[1], parts[1]));
        }
        try {
            return Resource.of(parts[1], tier);
        } catch (IllegalArgumentException e) {
            throw new InvalidFileException(file.toString(), "", e.getMessage());
        }
    }

    private static Map<String, List<LayerBenchmark>> benchmarks(Path file, @Nullable Object root) {
        String name = file.toString();
        if (!(root instanceof Map<?, ?> map)) {
            throw new InvalidFileException(name, "", "the pickle holds " + article(typeName(root)) + ", not a dict of "
                    + "model name to LayerBenchmark list.\nMaybe this is not a benchmark file of the original tool.");
        }
        Map<String, List<LayerBenchmark>> result = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String model)) {
                throw new InvalidFileException(name, "", "a key of the top-level dict is "
                        + article(typeName(e.getKey())) + ", not a model name.\nMaybe this is not a benchmark file of "
                        + "the original tool.");
            }
            if (!(e.getValue() instanceof List<?> list)) {
                throw new InvalidFileException(name, "/" + model, "the model's value is "
                        + article(typeName(e.getValue())) + ", not a list of LayerBenchmark.\nMaybe this is not a "
                        + "benchmark file of the original tool.");
            }
            List<LayerBenchmark> records = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                records.add(record(name, model, i, list.get(i)));
            }
            result.put(model, records);
        }
        return result;
    }

    /** A record, checked; {@code where} of an error is {@code /model/index[/field]}. */
    private static LayerBenchmark record(String file, String model, int index, @Nullable Object value) {
        if (!(value instanceof PickleReader.Instance object) || !PICKLED_CLASS.equals(object.className())) {
            throw new InvalidFileException(file, "/" + model + "/" + index, "the record is "
                    + article(typeName(value)) + ", not a " + PICKLED_CLASS + ".\nMaybe this is not a benchmark "
                    + "file of the original tool.");
        }
        Map<Object, @Nullable Object> dict = object.fields();
        Object second = dict.get("second_prediction");
        return new LayerBenchmark(model, (int) integer(file, model, index, dict, "input_layer", Integer.MAX_VALUE),
                (int) integer(file, model, index, dict, "output_layer", Integer.MAX_VALUE),
                second instanceof Double d ? d : real(file, "/" + model + "/" + index, dict),
                integer(file, model, index, dict, "output_size", Long.MAX_VALUE));
    }

    private static long integer(String file, String model, int index, Map<Object, @Nullable Object> dict,
            String field, long max) {
        Object v = dict.get(field);
        if (v instanceof Long l && l >= 0 && l <= max) {
            return l;
        }
        String where = "/" + model + "/" + index;
        if (v instanceof Long || v instanceof BigInteger) {
            throw new InvalidFileException(file, where + "/" + field, String.format(Locale.ROOT,
                    "the value (%s) must be between 0 and %d.", v, max));
        }
        throw new InvalidFileException(file, where + "/" + field, String.format(Locale.ROOT,
                "the field is %s, but must be an int.%nMaybe this is not a benchmark file of the original tool.",
                v == null && !dict.containsKey(field) ? "missing" : article(typeName(v))));
    }

    private static double real(String file, String where, Map<Object, @Nullable Object> dict) {
        Object v = dict.get("second_prediction");
        if (v instanceof Double || v instanceof Long) {
            return ((Number) v).doubleValue();
        }
        throw new InvalidFileException(file, where + "/second_prediction", String.format(Locale.ROOT,
                "the field is %s, but must be a float (seconds).%nMaybe this is not a benchmark file of the original "
                        + "tool.", v == null && !dict.containsKey("second_prediction") ? "missing"
                        : article(typeName(v))));
    }

    private static String typeName(@Nullable Object v) {
        return PickleReader.typeName(v);
    }

    /** "a str", "an int", "None". */
    private static String article(String type) {
        if (type.equals("None")) {
            return "None";
        }
        return ("aeiou".indexOf(type.charAt(0)) >= 0 ? "an " : "a ") + type;
    }

    /**
     * Returns true for a file the original's predictor reads: its name matches {@code *-*.dat} (fnmatch), i.e. it
     * has a {@code -} and ends with {@code .dat}.
     */
    static boolean isBenchmarkFile(String name) {
        return name.endsWith(".dat") && name.substring(0, name.length() - ".dat".length()).contains("-");
    }

    /** Returns the folder. @return the folder */
    public Path folder() {
        return folder;
    }

    /** Returns the systems, one per file, in file-name order. @return the systems */
    public List<OriginalSystem> systems() {
        return systems;
    }

    /**
     * Returns how many systems are in a tier.
     *
     * @param tier the tier
     * @return the count
     */
    public int count(Tier tier) {
        requireNonNull(tier, "tier");
        int n = 0;
        for (OriginalSystem s : systems) {
            if (s.resource().tier().equals(tier)) {
                n++;
            }
        }
        return n;
    }

    /** Returns the model names of the first system, in its file's order. @return the names */
    public List<String> models() {
        return List.copyOf(systems.get(0).benchmarks().keySet());
    }

    /**
     * Returns every system's profile of a model, as one set.
     *
     * @param model the model's name, as stored (the original's names are lower case, e.g. {@code resnet50})
     * @return the profiles
     * @throws InvalidFileException if a file has no benchmark of the model or a malformed one
     * @throws IllegalArgumentException if two files name the same system, or the files split the model differently
     */
    public ProfileSet profiles(String model) {
        requireNonNull(model, "model");
        boolean found = false;
        for (OriginalSystem s : systems) {
            found |= s.benchmarks().containsKey(model);
        }
        if (!found) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The model (%s) is in none of the benchmark files in %s.%nMaybe use one of: %s.", model, folder,
                    String.join(", ", models())));
        }
        List<Profile> profiles = new ArrayList<>();
        for (OriginalSystem s : systems) {
            profiles.add(s.profile(model));
        }
        return ProfileSet.of(profiles);
    }
}
