package io.scission;

import io.scission.model.Block;
import io.scission.model.BlockLayout;
import io.scission.model.PartitionRule;
import io.scission.platform.Resource;
import io.scission.profile.BlockTiming;
import io.scission.profile.Profile;
import io.scission.profile.ProfileSet;
import io.scission.profile.Provenance;
import io.scission.profile.Timing;
import java.util.ArrayList;
import java.util.List;

/** Builds small profile sets from tables. */
final class Fixtures {

    private Fixtures() {
    }

    /**
     * A layout with the given layers per block and output bytes per block.
     */
    static BlockLayout layout(String model, int[] layersPerBlock, long[] outBytes, long inputBytes) {
        List<Block> blocks = new ArrayList<>();
        int first = 0;
        for (int b = 0; b < layersPerBlock.length; b++) {
            blocks.add(new Block(b, first, first + layersPerBlock[b] - 1, outBytes[b]));
            first += layersPerBlock[b];
        }
        return new BlockLayout(model, first, inputBytes, PartitionRule.SCISSION, blocks);
    }

    /** A profile with the given mean seconds per block (means only, like imported data). */
    static Profile profile(Resource resource, BlockLayout layout, double[] seconds) {
        List<BlockTiming> timings = new ArrayList<>();
        for (int b = 0; b < seconds.length; b++) {
            timings.add(new BlockTiming(layout.blocks().get(b), Timing.meanOnly(10, seconds[b])));
        }
        return new Profile(resource, layout, Provenance.unknown("test", 10, ""), timings, List.of());
    }

    /**
     * Gives every profile a random hop cost in about half the sets (the rest keep none, as profiles of format
     * versions 1 and 2): a fixed 0-5 ms and 0-20 ns per byte (comparable to the random links), each 0 a quarter of
     * the time; with {@code ties}, whole milliseconds and 0 or 10 ns per byte, so that plans tie exactly.
     */
    static ProfileSet withRandomHopCosts(ProfileSet set, java.util.SplittableRandom rnd, boolean ties) {
        if (rnd.nextBoolean()) {
            return set;
        }
        List<Profile> out = new ArrayList<>();
        for (Profile p : set.profiles()) {
            double fixed = ties ? 0.001 * rnd.nextInt(3) : rnd.nextInt(4) == 0 ? 0 : rnd.nextDouble() * 0.005;
            double perByte = ties ? 1e-8 * rnd.nextInt(2) : rnd.nextInt(4) == 0 ? 0 : rnd.nextDouble() * 2e-8;
            out.add(p.withHopCost(new io.scission.profile.HopCost(fixed, perByte)));
        }
        return ProfileSet.of(out);
    }

    /**
     * Gives every profile a random copy cost of the model's input and output in about half the sets (the rest keep
     * none, as profiles without the field): fixed 0-5 ms and 0-20 ns per byte each way, each 0 a quarter of the
     * time; with {@code ties}, whole milliseconds and 0 or 10 ns per byte, so that plans tie exactly.
     */
    static ProfileSet withRandomCopyCosts(ProfileSet set, java.util.SplittableRandom rnd, boolean ties) {
        if (rnd.nextBoolean()) {
            return set;
        }
        List<Profile> out = new ArrayList<>();
        for (Profile p : set.profiles()) {
            double[] c = new double[4];
            for (int i = 0; i < 4; i++) {
                boolean perByte = i % 2 == 1;
                c[i] = ties ? (perByte ? 1e-8 * rnd.nextInt(2) : 0.001 * rnd.nextInt(3))
                        : rnd.nextInt(4) == 0 ? 0 : rnd.nextDouble() * (perByte ? 2e-8 : 0.005);
            }
            out.add(p.withCopyCost(new io.scission.profile.CopyCost(c[0], c[1], c[2], c[3])));
        }
        return ProfileSet.of(out);
    }

    /** A profile set: one row of seconds per resource. */
    static ProfileSet profiles(BlockLayout layout, List<Resource> resources, double[][] seconds) {
        List<Profile> profiles = new ArrayList<>();
        for (int r = 0; r < resources.size(); r++) {
            profiles.add(profile(resources.get(r), layout, seconds[r]));
        }
        return ProfileSet.of(profiles);
    }
}
