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
 * each, a 2-second model, top 10 under two global constraints: at most 100 KB sent in all (less than the 150 KB
 * input, so a device must shrink the data first) and an end-to-end deadline, {@link #query(String)}.
 *
 * <p>{@link #branchAndBound} solves the 500-block model (target: ≤ 50 ms) under a deadline of 1200 ms, which ten
 * plans meet, and of 1000 ms, which no plan meets (the best needs 1024 ms): then the result is empty, and
 * explaining it costs one more search per constraint, as an orchestrator whose deadline cannot be met would see.
 * Exhaustive enumeration cannot finish at 500 blocks (about 4·10^15 plans), so {@link #referenceBranchAndBound} and
 * {@link #referenceExhaustive} solve the 1200 ms query on the same platform with a model of
 * {@code referenceBlocks} blocks, in the same run; the ratio at the largest of these sizes is the reported
 * speed-up (target: ≥ 100×).
 *
 * <p>Run (about 4 minutes; an exhaustive query at 12 blocks takes seconds):
 * <pre>{@code
 * mvn -B -q -pl scission-jmh -am package -DskipTests
 * java -jar scission-jmh/target/benchmarks.jar StressScaleBenchmark
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(2)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 1)
public class StressScaleBenchmark {

    /** The deadline that ten plans meet at every benchmarked size. */
    static final String DEADLINE = "1200ms";

    /**
     * Returns the stress query in the query text form.
     *
     * @param deadline the end-to-end deadline, e.g. {@code 1200ms}
     * @return the query text
     */
    static String query(String deadline) {
        return constraints(deadline) + ".top(10)";
    }

    /** The query's constraints alone, without its top (for maps, which set their own). */
    static String constraints(String deadline) {
        return "maxTotalTransfer(100KB).deadline(" + deadline + ")";
    }

    /** The full-size instance: only branch and bound can solve it. */
    @State(Scope.Benchmark)
    public static class Full {
        /** The number of blocks of the model. */
        @Param("500")
        public int blocks;

        /** The end-to-end deadline: ten plans meet 1200 ms, none meets 1000 ms. */
        @Param({DEADLINE, "1000ms"})
        public String deadline;

        ProfileSet profiles;
        Network network;
        Query query;

        /** Builds the instance and checks that the query has the documented number of plans. */
        @Setup(Level.Trial)
        public void setUp() {
            profiles = Workloads.stressProfiles(blocks);
            network = Workloads.stressNetwork(Workloads.STRESS_UPLINK_MBPS);
            query = Query.parse(query(deadline));
            Workloads.checkPlans(query.solve(profiles, network), DEADLINE.equals(deadline) ? 10 : 0);
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
            query = Query.parse(query(DEADLINE));
            reference = Query.parse(query(DEADLINE)).strategy(SearchStrategy.EXHAUSTIVE);
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
