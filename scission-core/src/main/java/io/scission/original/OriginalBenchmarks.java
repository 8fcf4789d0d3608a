package io.scission.original;

import static java.util.Objects.requireNonNull;

import io.scission.InvalidFileException;
import io.scission.original.BenchmarkPickle.PyObject;
import io.scission.platform.Resource;
import io.scission.platform.Tier;
import io.scission.profile.Profile;
import io.scission.profile.ProfileSet;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark files of the original Scission tool (qub-blesson/Scission, {@code scission_benchmark.py}), read
 * and turned into core {@link Profile}s. Needs no TensorFlow and no Python: an orchestrator that plans on the
 * original's measurements depends on {@code scission-core} only.
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
 * <p>What is in a file: a Python pickle (protocol 3; protocol 4 from newer Pythons is read too) of
 * {@code dict[str, list[__main__.LayerBenchmark]]}, model name to block records. The file is read by a small reader
 * of exactly the opcodes such a pickle holds, which builds no class and runs no code; anything else in the file is
 * an {@link InvalidFileException} naming the file, and the byte or the record. See {@link OriginalSystem#profile(String)} for how records
 * become a profile (means only, sizes with the 128-byte {@code .npy} header).
 */
public final class OriginalBenchmarks {

    /** The upload size the original assumes when none is given, 0.15 MB, in bytes. */
    public static final long INPUT_BYTES = 150_000L;
    /** The original benchmark's default repeat count, assumed because the files do not store it. */
    public static final int ASSUMED_REPEATS = 10;
    /** The runtime recorded in imported profiles' provenance. */
    public static final String RUNTIME = "TensorFlow/Keras via the original Scission benchmark (qub-blesson/Scission)";

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
        // a loop, not a stream: its lambdas and sorting sink are linked (one generated) at their first use, which
        // cost a command-line run milliseconds at start
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> list = Files.newDirectoryStream(folder)) {
            for (Path p : list) {
                if (isDatFile(p.getFileName().toString())) {
                    files.add(p);
                }
            }
        } catch (IOException e) {
            throw new InvalidFileException(folder.toString(), "", "cannot be listed (" + e.getMessage() + ").");
        } catch (DirectoryIteratorException e) {
            throw new InvalidFileException(folder.toString(), "", "cannot be listed (" + e.getCause().getMessage()
                    + ").");
        }
        Collections.sort(files);
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
        } catch (NoSuchFileException e) {
            throw new InvalidFileException(file.toString(), "", "the benchmark file does not exist.\nMaybe check the "
                    + "path.");
        } catch (IOException e) {
            throw new InvalidFileException(file.toString(), "", "cannot be read (" + e.getMessage() + ").");
        }
        return new OriginalSystem(file, resource, benchmarks(file, BenchmarkPickle.read(file.toString(), bytes)));
    }

    /**
     * Returns true for the names the original's predictor selects, {@code fnmatch(name, "*-*.dat")}: a {@code -}
     * somewhere before a final {@code .dat} (checked without a regular expression, which costs a command-line run
     * milliseconds at start).
     */
    static boolean isDatFile(String name) {
        int dash = name.indexOf('-');
        return name.endsWith(".dat") && dash >= 0 && dash < name.length() - 4;
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

    private static Map<String, List<LayerBenchmark>> benchmarks(Path file, Object root) {
        String name = file.toString();
        if (!(root instanceof Map<?, ?> map)) {
            throw new InvalidFileException(name, "", "the pickle holds " + typeName(root) + ", not a dict of "
                    + "model name to a list of LayerBenchmark.\nMaybe this is not a benchmark file of the original "
                    + "tool.");
        }
        Map<String, List<LayerBenchmark>> result = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String model)) {
                throw new InvalidFileException(name, "", "a key of the top-level dict is " + typeName(e.getKey())
                        + ", not a model name.\nMaybe this is not a benchmark file of the original tool.");
            }
            if (!(e.getValue() instanceof List<?> list)) {
                throw new InvalidFileException(name, "/" + model, "the model's value is " + typeName(e.getValue())
                        + ", not a list of LayerBenchmark.\nMaybe this is not a benchmark file of the original tool.");
            }
            List<LayerBenchmark> records = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                records.add(record(name, model, i, list.get(i)));
            }
            result.put(model, records);
        }
        return result;
    }

    /**
     * The record {@code index} of a model. Start-up: this runs for each of the 2,730 records of the sample files in a
     * JVM that has just started, so the record's place in messages ({@code /model/index}) is written only for an
     * error.
     */
    private static LayerBenchmark record(String file, String model, int index, Object value) {
        if (!(value instanceof PyObject dict) || !PICKLED_CLASS.equals(dict.className())) {
            throw new InvalidFileException(file, where(model, index), "the record is " + typeName(value) + ", not a "
                    + PICKLED_CLASS + ".\nMaybe this is not a benchmark file of the original tool.");
        }
        return new LayerBenchmark(model, (int) integer(file, model, index, dict, "input_layer", Integer.MAX_VALUE),
                (int) integer(file, model, index, dict, "output_layer", Integer.MAX_VALUE),
                real(file, model, index, dict), integer(file, model, index, dict, "output_size", Long.MAX_VALUE));
    }

    private static String where(String model, int index) {
        return "/" + model + "/" + index;
    }

    private static long integer(String file, String model, int index, PyObject dict, String field, long max) {
        Object v = dict.fields().get(field);
        if (v instanceof Long l && l >= 0 && l <= max) {
            return l; // the usual case, without a BigInteger (start-up: three fields of each of 2,730 records)
        }
        if (v instanceof Long || v instanceof BigInteger) {
            BigInteger big = new BigInteger(v.toString());
            if (big.signum() >= 0 && big.compareTo(BigInteger.valueOf(max)) <= 0) {
                return big.longValueExact();
            }
            throw new InvalidFileException(file, where(model, index) + "/" + field, String.format(Locale.ROOT,
                    "the value (%s) must be between 0 and %d.", v, max));
        }
        throw new InvalidFileException(file, where(model, index) + "/" + field, String.format(Locale.ROOT,
                "the field is %s, but must be an int.%nMaybe this is not a benchmark file of the original tool.",
                v == null ? "missing" : typeName(v)));
    }

    private static double real(String file, String model, int index, PyObject dict) {
        Object v = dict.fields().get("second_prediction");
        if (v instanceof Double || v instanceof Long) {
            return ((Number) v).doubleValue();
        }
        throw new InvalidFileException(file, where(model, index) + "/second_prediction", String.format(Locale.ROOT,
                "the field is %s, but must be a float (seconds).%nMaybe this is not a benchmark file of the original "
                        + "tool.", v == null ? "missing" : typeName(v)));
    }

    private static String typeName(Object v) {
        return BenchmarkPickle.describe(v);
    }

    /**
     * Returns the folder.
     *
     * @return the folder
     */
    public Path folder() {
        return folder;
    }

    /**
     * Returns the systems, one per file, in file-name order.
     *
     * @return the systems
     */
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
        int count = 0;
        for (OriginalSystem s : systems) {
            if (s.resource().tier().equals(tier)) {
                count++;
            }
        }
        return count;
    }

    /**
     * Returns the model names of the first system, in its file's order.
     *
     * @return the names
     */
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
        boolean known = false;
        for (OriginalSystem s : systems) {
            known |= s.benchmarks().containsKey(model);
        }
        if (!known) {
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
