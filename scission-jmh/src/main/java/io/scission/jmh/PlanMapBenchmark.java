package io.scission.jmh;

import io.scission.Parameter;
import io.scission.PartitionConfig;
import io.scission.PlanMap;
import io.scission.Query;
import io.scission.platform.DataRate;
import io.scission.platform.Link;
import io.scission.platform.Network;
import io.scission.platform.NetworkPreset;
import io.scission.platform.Tier;
import io.scission.platform.TierLink;
import io.scission.profile.ProfileSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * An exact plan map against the dense sampling it replaces: what an orchestrator precomputes so that it can switch
 * plans as the device uplink changes. {@code map*} builds the exact {@link PlanMap} over the range;
 * {@code sampled*} solves the query at {@code samples} log-spaced values of the same range (building each network),
 * which is slower and still misses the switch points between samples.
 *
 * <p>Paper scale: the paper-scale profiles of {@link PaperScaleBenchmark} and its constrained query (a deadline
 * among its constraints), the device→edge bandwidth from 0.1 to 100 Mbps on the 4G preset. Stress scale: the stress
 * profiles of {@link StressScaleBenchmark} (30 resources in six tiers, {@code blocks} blocks) and its constraints
 * (a transfer cap and a deadline), every device uplink's bandwidth times 0.25 to 4. {@code top} is the plans per
 * interval: the map with {@code top(n)} against the sampling with {@code query.top(n)} at each value.
 *
 * <p>Run (about 7 minutes):
 * <pre>{@code
 * mvn -B -q -pl scission-jmh -am package -DskipTests
 * java -jar scission-jmh/target/benchmarks.jar PlanMapBenchmark -f 1 -wi 3 -w 2s -i 5 -r 2s
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
public class PlanMapBenchmark {

    /** The paper scale. */
    @State(Scope.Thread)
    public static class Paper {
        /** The model, by its Keras name. */
        @Param({"vgg19", "inceptionresnet_v2"})
        public String model;

        /** The number of values the sampling solves. */
        @Param({"100", "1000"})
        public int samples;

        /** The plans per interval (map) and per value (sampling). */
        @Param({"1", "3"})
        public int top;

        ProfileSet profiles;
        Network network;
        Query query;
        TierLink uplink;

        /** Builds the inputs and checks that the map agrees with the search at every sampled value. */
        @Setup(Level.Trial)
        public void setUp() {
            profiles = Workloads.paperProfiles(Workloads.Model.parse(model));
            network = Workloads.paperNetwork(NetworkPreset.FOUR_G);
            query = Query.parse(PaperScaleBenchmark.CONSTRAINED).top(top);
            uplink = network.tierLinks().stream().filter(l -> l.from().equals(Tier.DEVICE)
                    && l.to().equals(Tier.EDGE)).findFirst().orElseThrow();
            check(map(this), sampled(this), samples);
        }
    }

    /** The stress scale. */
    @State(Scope.Thread)
    public static class Stress {
        /** The number of blocks of the model. */
        @Param("500")
        public int blocks;

        /** The number of values the sampling solves. */
        @Param("100")
        public int stressSamples;

        /** The plans per interval (map) and per value (sampling). */
        @Param({"1", "3"})
        public int stressTop;

        ProfileSet profiles;
        Network network;
        Query query;

        /** Builds the inputs and checks that the map agrees with the search at every sampled value. */
        @Setup(Level.Trial)
        public void setUp() {
            profiles = Workloads.stressProfiles(blocks);
            network = Workloads.stressNetwork(Workloads.STRESS_UPLINK_MBPS);
            query = Query.parse(StressScaleBenchmark.constraints(StressScaleBenchmark.DEADLINE)).top(stressTop);
            check(map(this), sampled(this), stressSamples);
        }
    }

    /** The paper-scale range, in Mbps. */
    static final double PAPER_FROM = 0.1;
    static final double PAPER_TO = 100;
    /** The stress-scale range of the uplink factor. */
    static final double STRESS_FROM = 0.25;
    static final double STRESS_TO = 4;

    private static double logSpaced(double from, double to, int i, int samples) {
        return Math.exp(Math.log(from) + (Math.log(to) - Math.log(from)) * i / (samples - 1));
    }

    private static PlanMap map(Paper p) {
        return p.query.mapOver(Parameter.bandwidth(Tier.DEVICE, Tier.EDGE), PAPER_FROM, PAPER_TO).top(p.top)
                .solve(p.profiles, p.network);
    }

    private static List<List<PartitionConfig>> sampled(Paper p) {
        List<List<PartitionConfig>> best = new ArrayList<>(p.samples);
        for (int i = 0; i < p.samples; i++) {
            double mbps = logSpaced(PAPER_FROM, PAPER_TO, i, p.samples);
            Network at = p.network.toBuilder().replace(new TierLink(Tier.DEVICE, Tier.EDGE,
                    p.uplink.latencySeconds(), DataRate.mbps(mbps))).build();
            best.add(p.query.solve(p.profiles, at).plans());
        }
        return best;
    }

    private static PlanMap map(Stress s) {
        return s.query.mapOver(Parameter.uplinkFactor(), STRESS_FROM, STRESS_TO).top(s.stressTop)
                .solve(s.profiles, s.network);
    }

    private static List<List<PartitionConfig>> sampled(Stress s) {
        List<List<PartitionConfig>> best = new ArrayList<>(s.stressSamples);
        for (int i = 0; i < s.stressSamples; i++) {
            double factor = logSpaced(STRESS_FROM, STRESS_TO, i, s.stressSamples);
            Network.Builder b = s.network.toBuilder();
            for (Link l : s.network.links()) {
                if (l.from().startsWith(Tier.DEVICE.name() + "-")) {
                    b.replace(new Link(l.from(), l.to(), l.latencySeconds(),
                            new DataRate(l.bandwidth().bytesPerSecond() * factor)));
                }
            }
            best.add(s.query.solve(s.profiles, b.build()).plans());
        }
        return best;
    }

    /** Fails unless the map's plans equal the search's at every sampled value, in order. */
    private static void check(PlanMap map, List<List<PartitionConfig>> sampled, int samples) {
        for (int i = 0; i < samples; i++) {
            double value = logSpaced(map.from(), map.to(), i, samples);
            List<PartitionConfig> got = map.plansAt(Math.min(map.to(), Math.max(map.from(), value)));
            if (!keys(got).equals(keys(sampled.get(i)))) {
                throw new IllegalStateException("The map disagrees with the search at " + value + ": " + got
                        + " vs " + sampled.get(i));
            }
        }
    }

    private static List<String> keys(List<PartitionConfig> plans) {
        return plans.stream().map(PartitionConfig::key).toList();
    }

    /**
     * The exact map at paper scale.
     *
     * @param paper the scenario
     * @return the map
     */
    @Benchmark
    public PlanMap paperMap(Paper paper) {
        return map(paper);
    }

    /**
     * The sampling at paper scale.
     *
     * @param paper the scenario
     * @return the best plan at each sampled value
     */
    @Benchmark
    public List<List<PartitionConfig>> paperSampled(Paper paper) {
        return sampled(paper);
    }

    /**
     * The exact map at stress scale.
     *
     * @param stress the scenario
     * @return the map
     */
    @Benchmark
    public PlanMap stressMap(Stress stress) {
        return map(stress);
    }

    /**
     * The sampling at stress scale.
     *
     * @param stress the scenario
     * @return the best plan at each sampled value
     */
    @Benchmark
    public List<List<PartitionConfig>> stressSampled(Stress stress) {
        return sampled(stress);
    }
}
