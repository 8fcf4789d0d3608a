package io.scission.profile;

import static java.util.Objects.requireNonNull;

import io.scission.model.Block;
import io.scission.model.BlockLayout;
import io.scission.platform.Resource;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The benchmark of one model on one resource: a timing for every block, optional timings of block ranges (the
 * whole model among them), and provenance.
 *
 * @param resource the resource measured
 * @param layout the model's blocks
 * @param provenance where and how it was measured
 * @param blocks one timing per block of the layout, in block order
 * @param ranges timings of contiguous block ranges run as one unit; may be empty
 * @param hopCost what one end of a hop costs on this resource besides the link ({@link HopCost#NONE} when not
 *     measured)
 * @param memory the memory figures of every block, in block order, or empty when not recorded (imported data,
 *     the reference data, profiles written before format version 3)
 * @param copyCost what copying the model's input into the runtime and its output out costs on this resource
 *     ({@link CopyCost#NONE} when not measured)
 */
public record Profile(Resource resource, BlockLayout layout, Provenance provenance, List<BlockTiming> blocks,
        List<RangeTiming> ranges, HopCost hopCost, List<BlockMemory> memory, CopyCost copyCost) {

    /**
     * A profile without a hop cost ({@link HopCost#NONE}) and without memory figures.
     *
     * @param resource the resource measured
     * @param layout the model's blocks
     * @param provenance where and how it was measured
     * @param blocks one timing per block of the layout, in block order
     * @param ranges timings of contiguous block ranges run as one unit; may be empty
     * @throws IllegalArgumentException as the canonical constructor
     */
    public Profile(Resource resource, BlockLayout layout, Provenance provenance, List<BlockTiming> blocks,
            List<RangeTiming> ranges) {
        this(resource, layout, provenance, blocks, ranges, HopCost.NONE);
    }

    /**
     * A profile without memory figures.
     *
     * @param resource the resource measured
     * @param layout the model's blocks
     * @param provenance where and how it was measured
     * @param blocks one timing per block of the layout, in block order
     * @param ranges timings of contiguous block ranges run as one unit; may be empty
     * @param hopCost what one end of a hop costs on this resource besides the link ({@link HopCost#NONE} when not
     *     measured)
     * @throws IllegalArgumentException as the canonical constructor
     */
    public Profile(Resource resource, BlockLayout layout, Provenance provenance, List<BlockTiming> blocks,
            List<RangeTiming> ranges, HopCost hopCost) {
        this(resource, layout, provenance, blocks, ranges, hopCost, List.of());
    }

    /**
     * A profile without a copy cost ({@link CopyCost#NONE}).
     *
     * @param resource the resource measured
     * @param layout the model's blocks
     * @param provenance where and how it was measured
     * @param blocks one timing per block of the layout, in block order
     * @param ranges timings of contiguous block ranges run as one unit; may be empty
     * @param hopCost what one end of a hop costs on this resource besides the link ({@link HopCost#NONE} when not
     *     measured)
     * @param memory the memory figures of every block, in block order, or empty when not recorded
     * @throws IllegalArgumentException as the canonical constructor
     */
    public Profile(Resource resource, BlockLayout layout, Provenance provenance, List<BlockTiming> blocks,
            List<RangeTiming> ranges, HopCost hopCost, List<BlockMemory> memory) {
        this(resource, layout, provenance, blocks, ranges, hopCost, memory, CopyCost.NONE);
    }

    /**
     * Validates the profile.
     *
     * @param resource the resource measured
     * @param layout the model's blocks
     * @param provenance where and how it was measured
     * @param blocks one timing per block of the layout, in block order
     * @param ranges timings of contiguous block ranges run as one unit; may be empty
     * @param hopCost what one end of a hop costs on this resource besides the link ({@link HopCost#NONE} when not
     *     measured)
     * @param memory the memory figures of every block, in block order, or empty when not recorded
     * @param copyCost what copying the model's input into the runtime and its output out costs on this resource
     *     ({@link CopyCost#NONE} when not measured)
     * @throws IllegalArgumentException if the block timings do not match the layout one to one, a range lies
     *     outside the blocks, or there are memory figures but not one per block
     */
    public Profile {
        requireNonNull(resource, "resource");
        requireNonNull(layout, "layout");
        requireNonNull(provenance, "provenance");
        blocks = List.copyOf(requireNonNull(blocks, "blocks"));
        ranges = List.copyOf(requireNonNull(ranges, "ranges"));
        requireNonNull(hopCost, "hopCost");
        memory = List.copyOf(requireNonNull(memory, "memory"));
        requireNonNull(copyCost, "copyCost");
        List<Block> expected = layout.blocks();
        if (blocks.size() != expected.size()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The profile of %s for model %s times %d blocks, but the model has %d.%n"
                            + "Maybe the profile is incomplete: profile %s again.",
                    resource.name(), layout.model(), blocks.size(), expected.size(), resource.name()));
        }
        for (int i = 0; i < blocks.size(); i++) {
            Block got = blocks.get(i).block();
            if (!got.equals(expected.get(i))) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "The profile of %s for model %s times block %d as %s, but the model's block %d is %s.%n"
                                + "Maybe the profile was made under another partition rule or model version.",
                        resource.name(), layout.model(), i, got, i, expected.get(i)));
            }
        }
        for (RangeTiming range : ranges) {
            if (range.lastBlock() >= expected.size()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "The range timing of blocks %d-%d in the profile of %s lies outside the model's blocks 0-%d.",
                        range.firstBlock(), range.lastBlock(), resource.name(), expected.size() - 1));
            }
        }
        if (!memory.isEmpty()) {
            if (memory.size() != expected.size()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "The profile of %s for model %s has memory figures for %d blocks, but the model has %d.%n"
                                + "Maybe profile %s again.",
                        resource.name(), layout.model(), memory.size(), expected.size(), resource.name()));
            }
            long total = 0;
            for (BlockMemory m : memory) {
                total += m.weightBytes();
                if (total > Long.MAX_VALUE - 2 * Block.MAX_BYTES) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "The weight bytes of model %s in the profile of %s add up to more than %d bytes.%n"
                                    + "Maybe the sizes are not in bytes.", layout.model(), resource.name(),
                            Long.MAX_VALUE - 2 * Block.MAX_BYTES));
                }
            }
        }
    }

    /**
     * Returns a copy with other memory figures.
     *
     * @param figures one per block, or empty
     * @return the copy
     * @throws IllegalArgumentException if there are figures but not one per block
     */
    public Profile withMemory(List<BlockMemory> figures) {
        return new Profile(resource, layout, provenance, blocks, ranges, hopCost, figures, copyCost);
    }

    /**
     * Returns a copy for another description of the same resource, e.g. with a memory capacity.
     *
     * @param other the resource, of the same name
     * @return the copy
     * @throws IllegalArgumentException if the name differs
     */
    public Profile withResource(Resource other) {
        if (!other.name().equals(resource.name())) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The resource (%s) must keep the name of the profiled one (%s).", other.name(), resource.name()));
        }
        return new Profile(other, layout, provenance, blocks, ranges, hopCost, memory, copyCost);
    }

    /**
     * Returns the estimated working memory of a segment on this profile's figures
     * ({@link BlockMemory#segmentBytes}), if the profile records memory.
     *
     * @param first the first block
     * @param last the last block (inclusive)
     * @return bytes, empty without memory figures
     */
    public OptionalLong segmentMemoryBytes(int first, int last) {
        return memory.isEmpty() ? OptionalLong.empty()
                : OptionalLong.of(BlockMemory.segmentBytes(memory, first, last));
    }

    /**
     * Returns this profile with another hop cost.
     *
     * @param cost the hop cost
     * @return the profile
     */
    public Profile withHopCost(HopCost cost) {
        return new Profile(resource, layout, provenance, blocks, ranges, cost, memory, copyCost);
    }

    /**
     * Returns this profile with another copy cost.
     *
     * @param cost the copy cost
     * @return the profile
     */
    public Profile withCopyCost(CopyCost cost) {
        return new Profile(resource, layout, provenance, blocks, ranges, hopCost, memory, cost);
    }

    /**
     * Returns a block's time under a statistic.
     *
     * @param block the block index
     * @param statistic the statistic
     * @return seconds, NaN if the profile does not record that statistic
     */
    public double seconds(int block, TimingStatistic statistic) {
        return statistic.of(blocks.get(block).timing().summary());
    }

    /**
     * Returns the timing of the whole model, if measured.
     *
     * @return the whole-model range timing
     */
    public Optional<RangeTiming> wholeModel() {
        for (RangeTiming range : ranges) {
            if (range.firstBlock() == 0 && range.lastBlock() == blocks.size() - 1) {
                return Optional.of(range);
            }
        }
        return Optional.empty();
    }

    /**
     * Returns the additivity error: (Σ block statistic − whole-model statistic) / whole-model statistic.
     *
     * @param statistic the statistic, e.g. {@link TimingStatistic#MEDIAN}
     * @return the relative error, empty if the whole model was not timed or the statistic is not recorded
     */
    public OptionalDouble additivityError(TimingStatistic statistic) {
        Optional<RangeTiming> whole = wholeModel();
        if (whole.isEmpty()) {
            return OptionalDouble.empty();
        }
        double sum = 0;
        for (int i = 0; i < blocks.size(); i++) {
            sum += seconds(i, statistic);
        }
        double total = statistic.of(whole.get().timing().summary());
        return Double.isNaN(sum) || Double.isNaN(total) || total == 0
                ? OptionalDouble.empty() : OptionalDouble.of((sum - total) / total);
    }
}
