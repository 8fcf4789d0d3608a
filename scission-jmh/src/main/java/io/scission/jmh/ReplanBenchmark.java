package io.scission.jmh;

import io.scission.Query;
import io.scission.QueryResult;
import io.scission.platform.Network;
import io.scission.platform.NetworkPreset;
import io.scission.profile.ProfileSet;
import io.scission.search.SearchStrategy;
import java.util.SplittableRandom;
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
 * Re-planning: what an orchestrator does every few seconds. The query and the profiles stay; the device uplink
 * has just been measured again, so every invocation solves the same query on the next of {@link #NETWORKS}
 * networks whose device uplink follows a seeded random walk (paper: 4–20 Mbps and 20–70 ms, around the 4G
 * preset; stress: 5–40 Mbps). The networks are built in setup, so the numbers are planning time
 * only; no two consecutive invocations see the same network.
 *
 * <p>Scenarios: the paper scale with the constrained query of {@link PaperScaleBenchmark}; the stress scale of
 * {@link StressScaleBenchmark} (1200 ms deadline) at 500 blocks (branch and bound only) and at 12 blocks (both
 * searches).
 *
 * <p>Run (about 6 minutes):
 * <pre>{@code
 * mvn -B -q -pl scission-jmh -am package -DskipTests
 * java -jar scission-jmh/target/benchmarks.jar ReplanBenchmark
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 1)
public class ReplanBenchmark {

    /** How many re-measured networks each scenario cycles through. */
    static final int NETWORKS = 16;

    /** The paper scale after device uplink changes. */
    @State(Scope.Thread)
    public static class Paper {
        /** The model, by its Keras name. */
        @Param({"vgg19", "mobilenet", "inceptionresnet_v2"})
        public String model;

        ProfileSet profiles;
        Network[] networks;
        Query query;
        Query reference;
        int next;

        /** Builds the profiles, the networks and both queries, and checks that the searches agree on each. */
        @Setup(Level.Trial)
        public void setUp() {
            profiles = Workloads.paperProfiles(Workloads.Model.parse(model));
            networks = new Network[NETWORKS];
            Network base = Workloads.paperNetwork(NetworkPreset.FOUR_G);
            SplittableRandom rnd = new SplittableRandom(Workloads.SEED);
            double mbps = 12.4;
            double latency = 0.055;
            for (int i = 0; i < NETWORKS; i++) {
                mbps = Math.min(20.0, Math.max(4.0, mbps * Math.exp(rnd.nextGaussian() * 0.5)));
                latency = Math.min(0.070, Math.max(0.020, latency + rnd.nextGaussian() * 0.01));
                networks[i] = Workloads.withUplink(base, mbps, latency);
            }
            query = Query.parse(PaperScaleBenchmark.CONSTRAINED).top(5);
            reference = Query.parse(PaperScaleBenchmark.CONSTRAINED).strategy(SearchStrategy.EXHAUSTIVE).top(5);
            for (Network network : networks) {
                Workloads.checkAgree(query.solve(profiles, network), reference.solve(profiles, network));
            }
        }

        Network next() {
            Network network = networks[next];
            next = (next + 1) % NETWORKS;
            return network;
        }
    }

    /** The stress scale after device uplink changes. */
    @State(Scope.Thread)
    public static class Stress {
        /** The number of blocks of the model. */
        @Param("500")
        public int blocks;

        ProfileSet profiles;
        Network[] networks;
        Query query;
        int next;

        /** Builds the profiles and the networks, and checks that the query has plans on each. */
        @Setup(Level.Trial)
        public void setUp() {
            profiles = Workloads.stressProfiles(blocks);
            networks = stressNetworks();
            query = Query.parse(StressScaleBenchmark.query(StressScaleBenchmark.DEADLINE));
            for (Network network : networks) {
                Workloads.checkPlans(query.solve(profiles, network), 10);
            }
        }

        Network next() {
            Network network = networks[next];
            next = (next + 1) % NETWORKS;
            return network;
        }
    }

    /** The stress scale with fewer blocks, where the exhaustive reference finishes. */
    @State(Scope.Thread)
    public static class StressReference {
        /** The number of blocks of the model. */
        @Param("12")
        public int referenceBlocks;

        ProfileSet profiles;
        Network[] networks;
        Query query;
        Query reference;
        int next;

        /** Builds the profiles, the networks and both queries, and checks that the searches agree on one. */
        @Setup(Level.Trial)
        public void setUp() {
            profiles = Workloads.stressProfiles(referenceBlocks);
            networks = stressNetworks();
            query = Query.parse(StressScaleBenchmark.query(StressScaleBenchmark.DEADLINE));
            reference = Query.parse(StressScaleBenchmark.query(StressScaleBenchmark.DEADLINE))
                    .strategy(SearchStrategy.EXHAUSTIVE);
            Workloads.checkAgree(query.solve(profiles, networks[0]), reference.solve(profiles, networks[0]));
        }

        Network next() {
            Network network = networks[next];
            next = (next + 1) % NETWORKS;
            return network;
        }
    }

    private static Network[] stressNetworks() {
        Network[] networks = new Network[NETWORKS];
        SplittableRandom rnd = new SplittableRandom(Workloads.SEED);
        double mbps = Workloads.STRESS_UPLINK_MBPS;
        for (int i = 0; i < NETWORKS; i++) {
            mbps = Math.min(40.0, Math.max(5.0, mbps * Math.exp(rnd.nextGaussian() * 0.5)));
            networks[i] = Workloads.stressNetwork(mbps);
        }
        return networks;
    }

    /**
     * Branch and bound at paper scale on the next network.
     *
     * @param paper the scenario
     * @return the result
     */
    @Benchmark
    public QueryResult paperBranchAndBound(Paper paper) {
        return paper.query.solve(paper.profiles, paper.next());
    }

    /**
     * The exhaustive reference at paper scale on the next network.
     *
     * @param paper the scenario
     * @return the result
     */
    @Benchmark
    public QueryResult paperExhaustive(Paper paper) {
        return paper.reference.solve(paper.profiles, paper.next());
    }

    /**
     * Branch and bound at stress scale (500 blocks) on the next network.
     *
     * @param stress the scenario
     * @return the result
     */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public QueryResult stressBranchAndBound(Stress stress) {
        return stress.query.solve(stress.profiles, stress.next());
    }

    /**
     * Branch and bound at stress scale with fewer blocks on the next network.
     *
     * @param small the scenario
     * @return the result
     */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public QueryResult stressReferenceBranchAndBound(StressReference small) {
        return small.query.solve(small.profiles, small.next());
    }

    /**
     * The exhaustive reference at stress scale with fewer blocks on the next network.
     *
     * @param small the scenario
     * @return the result
     */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 1, time = 1)
    @Measurement(iterations = 3, time = 1)
    public QueryResult stressReferenceExhaustive(StressReference small) {
        return small.reference.solve(small.profiles, small.next());
    }
}
