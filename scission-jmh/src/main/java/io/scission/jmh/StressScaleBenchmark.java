package io.scission.jmh;

import io.scission.Query;
import io.scission.QueryResult;
import io.scission.platform.Network;
import io.scission.profile.ProfileSet;
import io.scission.search.SearchStrategy;
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
 * One query at stress scale: six ordered tiers (device, gateway, edge, metro, cloud, hpc) with five resources
 * each, a 2-second model, top 10 under two global constraints, {@link #QUERY}: at most 100 KB sent in all (less
 * than the 150 KB input, so a device must shrink the data first) and a 1.2 s end-to-end deadline.
 *
 * <p>{@link #branchAndBound} solves the 500-block model (target: ≤ 50 ms). Exhaustive enumeration cannot finish
 * at 500 blocks (about 10^15 plans), so {@link #referenceBranchAndBound} and {@link #referenceExhaustive} solve the
 * same query on the same platform with a model of {@code referenceBlocks} blocks, in the same run; the ratio at
 * the largest of these sizes is the reported speed-up (target: ≥ 100×).
 *
 * <p>Run (about 5 minutes; an exhaustive query at 12 blocks takes seconds):
 * <pre>{@code
 * mvn -B -q -pl scission-jmh -am package -DskipTests
 * java -jar scission-jmh/target/benchmarks.jar StressScaleBenchmark
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class StressScaleBenchmark {

    /** The stress query, in the query text form. */
    static final String QUERY = "maxTotalTransfer(100KB).deadline(1200ms).top(10)";

    /** The full-size instance: only branch and bound can solve it. */
    @State(Scope.Benchmark)
    public static class Full {
        /** The number of blocks of the model. */
        @Param("500")
        public int blocks;

        ProfileSet profiles;
        Network network;
        Query query;

        /** Builds the instance and checks that the query has plans. */
        @Setup(Level.Trial)
        public void setUp() {
            profiles = Workloads.stressProfiles(blocks);
            network = Workloads.stressNetwork(Workloads.STRESS_UPLINK_MBPS);
            query = Query.parse(QUERY);
            Workloads.checkPlans(query.solve(profiles, network), 10);
        }
    }

    /** A smaller instance of the same scenario, where the exhaustive reference finishes. */
    @State(Scope.Benchmark)
    public static class Reference {
        /** The number of blocks of the model. */
        @Param({"8", "12"})
        public int referenceBlocks;

        ProfileSet profiles;
        Network network;
        Query query;
        Query reference;

        /** Builds the instance and checks that the two searches agree. */
        @Setup(Level.Trial)
        public void setUp() {
            profiles = Workloads.stressProfiles(referenceBlocks);
            network = Workloads.stressNetwork(Workloads.STRESS_UPLINK_MBPS);
            query = Query.parse(QUERY);
            reference = Query.parse(QUERY).strategy(SearchStrategy.EXHAUSTIVE);
            Workloads.checkAgree(query.solve(profiles, network), reference.solve(profiles, network));
        }
    }

    /**
     * Branch and bound on the full-size instance.
     *
     * @param full the instance
     * @return the result
     */
    @Benchmark
    public QueryResult branchAndBound(Full full) {
        return full.query.solve(full.profiles, full.network);
    }

    /**
     * Branch and bound on the smaller instance.
     *
     * @param small the instance
     * @return the result
     */
    @Benchmark
    public QueryResult referenceBranchAndBound(Reference small) {
        return small.query.solve(small.profiles, small.network);
    }

    /**
     * The exhaustive reference on the smaller instance.
     *
     * @param small the instance
     * @return the result
     */
    @Benchmark
    @Warmup(iterations = 1, time = 1)
    @Measurement(iterations = 3, time = 1)
    public QueryResult referenceExhaustive(Reference small) {
        return small.reference.solve(small.profiles, small.network);
    }
}
