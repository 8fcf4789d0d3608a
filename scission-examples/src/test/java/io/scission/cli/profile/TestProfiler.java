package io.scission.cli.profile;

import io.scission.model.Block;
import io.scission.model.BlockLayout;
import io.scission.profile.BlockTiming;
import io.scission.profile.Precision;
import io.scission.profile.Profile;
import io.scission.profile.Provenance;
import io.scission.profile.RangeTiming;
import io.scission.profile.Sampling;
import io.scission.profile.SamplingRule;
import io.scission.profile.Timing;
import io.scission.spi.BlockProfiler;
import io.scission.spi.ModelSource;
import io.scission.spi.ProfileRequest;
import io.scission.spi.ProgressListener;
import io.scission.tf.zoo.KerasZoo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A profiler for the tests of the command line, registered in the test class path with a priority above
 * TensorFlow's: it "times" zoo models without running them, 1 ms per layer (2 ms with one thread), so commands
 * that profile can be tested in milliseconds. Its notes record the thread count it was asked for. Asked to repeat
 * until stable, it takes 6 passes, as stable as the real profiler's rule wants.
 */
public final class TestProfiler implements BlockProfiler {

    /** Creates the profiler (ServiceLoader). */
    public TestProfiler() {
    }

    /**
     * Profiles a zoo model as a resource.
     *
     * @param model the zoo name
     * @param name the resource's name
     * @param tier its tier
     * @param threads the threads (1 doubles every time)
     * @return the profile
     */
    public static Profile run(String model, String name, io.scission.platform.Tier tier, int threads) {
        return run(model, name, tier, threads, 3);
    }

    /**
     * Profiles a zoo model as a resource with the given repeats.
     *
     * @param model the zoo name
     * @param name the resource's name
     * @param tier its tier
     * @param threads the threads (1 doubles every time)
     * @param repeats the repeats, or {@link ProfileRequest#UNTIL_STABLE}
     * @return the profile
     */
    public static Profile run(String model, String name, io.scission.platform.Tier tier, int threads, int repeats) {
        return new TestProfiler().profile(new ModelSource(KerasZoo.PREFIX + model), new ProfileRequest(
                io.scission.platform.Resource.of(name, tier), io.scission.model.PartitionRule.SCISSION, threads, 0,
                repeats, 42L), ProgressListener.NONE);
    }

    @Override
    public String name() {
        return "test";
    }

    @Override
    public int priority() {
        return 1000;
    }

    @Override
    public boolean accepts(ModelSource source) {
        return source.location().startsWith(KerasZoo.PREFIX);
    }

    @Override
    public Profile profile(ModelSource source, ProfileRequest request, ProgressListener listener) {
        BlockLayout layout = KerasZoo.architecture(source.location()).toModelGraph().blocks(request.rule());
        double perLayer = request.threads() == 1 ? 2e-3 : 1e-3;
        boolean untilStable = request.repeats() == ProfileRequest.UNTIL_STABLE;
        int repeats = untilStable ? 6 : request.repeats();
        List<BlockTiming> blocks = new ArrayList<>();
        double sum = 0;
        for (Block b : layout.blocks()) {
            List<Double> samples = new ArrayList<>();
            for (int r = 0; r < repeats; r++) {
                samples.add(b.layerCount() * perLayer * (1 + 0.01 * r));
            }
            blocks.add(new BlockTiming(b, Timing.of(samples)));
            sum += blocks.get(blocks.size() - 1).timing().summary().median();
        }
        for (int r = 1; r <= repeats; r++) {
            listener.progress(r, repeats, "pass " + r);
        }
        RangeTiming whole = new RangeTiming(0, layout.size() - 1, Timing.of(List.of(sum * 0.95)));
        SamplingRule rule = SamplingRule.UNTIL_STABLE;
        for (int i = 0; i < blocks.size(); i++) {
            Timing t = blocks.get(i).timing();
            blocks.set(i, new BlockTiming(blocks.get(i).block(), t.withPrecision(Precision.ofMedian(t.samples(),
                    rule.confidence(), rule.tolerance(t.summary().median(), sum * 0.95, blocks.size())))));
        }
        List<Double> totals = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            double total = 0;
            for (BlockTiming bt : blocks) {
                total += bt.timing().samples().get(r);
            }
            totals.add(total);
        }
        double totalMedian = Timing.of(totals).summary().median();
        Sampling sampling = untilStable ? new Sampling(rule, repeats, 0, 15 * sum * 0.95, Sampling.Stop.STABLE,
                new Sampling.SplitTotal(totalMedian, Precision.ofMedian(totals, rule.confidence(),
                        rule.relativeTolerance() * totalMedian)))
                : Sampling.fixed(repeats);
        Provenance p = new Provenance("test-host", "test-cpu", "test-os", "test-jvm", "test profiler",
                request.threads(), request.warmups(), repeats, Instant.parse("2026-01-01T00:00:00Z"), 0.0,
                "none", "TestProfiler; threads " + request.threads(), sampling);
        return new Profile(request.resource(), layout, p, blocks, List.of(whole));
    }
}
