package io.scission.original;

import static java.util.Objects.requireNonNull;

import io.scission.InvalidFileException;
import io.scission.model.Block;
import io.scission.model.BlockLayout;
import io.scission.model.PartitionRule;
import io.scission.platform.Resource;
import io.scission.profile.BlockTiming;
import io.scission.profile.Profile;
import io.scission.profile.Provenance;
import io.scission.profile.Timing;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One benchmark file of the original tool, {@code <tier>-<name>.dat}: the system it measured and its records per
 * model, in the file's order.
 *
 * @param file the file
 * @param resource the system: its name and tier come from the file name
 * @param benchmarks the records of each model, keyed by model name in the file's order
 */
public record OriginalSystem(Path file, Resource resource, Map<String, List<LayerBenchmark>> benchmarks) {

    /**
     * Validates and copies the record.
     *
     * @param file the file
     * @param resource the system
     * @param benchmarks the records of each model, in the file's order
     */
    public OriginalSystem {
        requireNonNull(file, "file");
        requireNonNull(resource, "resource");
        Map<String, List<LayerBenchmark>> copy = new LinkedHashMap<>();
        for (Map.Entry<String, List<LayerBenchmark>> e : requireNonNull(benchmarks, "benchmarks").entrySet()) {
            copy.put(e.getKey(), List.copyOf(e.getValue()));
        }
        benchmarks = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * Returns this system's profile of a model, as core uses it.
     *
     * <p>Each record becomes a {@link Block} whose {@code outputBytes} is the record's {@code output_size} kept
     * exactly, i.e. the {@code .npy} file size <em>including its 128-byte header</em> (not the raw tensor size that
     * core's own profiler records), because the original's transfer times and printed MB use these numbers. The
     * timing is the stored mean only ({@link Timing#meanOnly}); the repeat count was not stored, so the original's
     * default of {@value OriginalBenchmarks#ASSUMED_REPEATS} is assumed. The files do not record the model's input
     * either: the layout's input size is the original's default upload, {@value OriginalBenchmarks#INPUT_BYTES}
     * bytes (0.15 MB). Layers are numbered as the original numbers them (Keras {@code model.layers} indices), and the
     * partition rule is {@link PartitionRule#SCISSION}.
     *
     * @param model the model's name, exactly as stored (the original's names are lower case)
     * @return the profile
     * @throws InvalidFileException naming the file and record if the model is missing or its records are not a
     *     contiguous cover of the model's layers with finite, non-negative times and sizes
     */
    public Profile profile(String model) {
        requireNonNull(model, "model");
        List<LayerBenchmark> records = benchmarks.get(model);
        if (records == null) {
            throw new InvalidFileException(file.toString(), "", String.format(Locale.ROOT,
                    "holds no benchmark of model %s (it has: %s).%nMaybe check the model's name.", model,
                    String.join(", ", benchmarks.keySet())));
        }
        if (records.isEmpty()) {
            throw new InvalidFileException(file.toString(), "/" + model, "the model has no block records.\n"
                    + "Maybe the benchmark was interrupted: run it again.");
        }
        List<Block> blocks = new ArrayList<>();
        List<Timing> timings = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            LayerBenchmark r = records.get(i);
            try {
                blocks.add(new Block(i, r.inputLayer(), r.outputLayer(), r.outputSize()));
            } catch (IllegalArgumentException e) {
                throw new InvalidFileException(file.toString(), "/" + model + "/" + i, e.getMessage());
            }
            try {
                timings.add(Timing.meanOnly(OriginalBenchmarks.ASSUMED_REPEATS, r.secondPrediction()));
            } catch (IllegalArgumentException e) {
                throw new InvalidFileException(file.toString(), "/" + model + "/" + i + "/second_prediction",
                        e.getMessage());
            }
        }
        int layers = records.get(records.size() - 1).outputLayer() + 1;
        BlockLayout layout;
        try {
            layout = new BlockLayout(model, layers, OriginalBenchmarks.INPUT_BYTES, PartitionRule.SCISSION, blocks);
        } catch (IllegalArgumentException e) {
            throw new InvalidFileException(file.toString(), "/" + model, e.getMessage());
        }
        List<BlockTiming> blockTimings = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            blockTimings.add(new BlockTiming(blocks.get(i), timings.get(i)));
        }
        Provenance provenance = Provenance.unknown(OriginalBenchmarks.RUNTIME, OriginalBenchmarks.ASSUMED_REPEATS,
                "Imported from the original Scission tool's benchmark file " + file.getFileName() + ": block times "
                        + "are means of an assumed " + OriginalBenchmarks.ASSUMED_REPEATS + " repeats (not stored); "
                        + "output sizes are .npy file sizes including the 128-byte header; the input size is the "
                        + "original's default upload of 0.15 MB.");
        return new Profile(resource, layout, provenance, blockTimings, List.of());
    }
}
