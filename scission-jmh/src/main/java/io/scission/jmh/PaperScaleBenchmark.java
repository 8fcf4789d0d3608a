package io.scission.jmh;

import io.scission.Query;
import io.scission.QueryResult;
import io.scission.Scission;
import io.scission.platform.Network;
import io.scission.platform.NetworkPreset;
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
 * One query at the paper's scale: three tiers, one device, two edge servers and two clouds, the real block counts
 * of VGG19 (25), MobileNet (92) and InceptionResNetV2 (61), the 4G network preset, top 5. Each model is queried
 * without constraints and with {@link #CONSTRAINED} (tiers that must be used, an edge-to-cloud upload cap and a
 * device time budget, as the original tool's criteria allow, plus a deadline), by branch and bound and by the
 * exhaustive reference in the same run, so the speed-up is a ratio of two numbers from one run. Target: ≤ 0.1 ms
 * per query for branch and bound. The profiles are seeded synthetic ones ({@link Workloads}).
 *
 * <p>Run (about 7 minutes):
 * <pre>{@code
 * mvn -B -q -pl scission-jmh -am package -DskipTests
 * java -jar scission-jmh/target/benchmarks.jar PaperScaleBenchmark
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 1)
public class PaperScaleBenchmark {

    /** The constrained query, in the query text form. */
    static final String CONSTRAINED = "mustUse(DEVICE).mustUse(EDGE).maxTransfer(EDGE, CLOUD, 300KB)"
            + ".maxComputeTime(DEVICE, 1500ms).deadline(3s)";

    /** The model, by its Keras name. */
    @Param({"vgg19", "mobilenet", "inceptionresnet_v2"})
    public String model;

    /** {@code none}, or {@code constrained} for {@link #CONSTRAINED}. */
    @Param({"none", "constrained"})
    public String constraints;

    private ProfileSet profiles;
    private Network network;
    private Query query;
    private Query reference;

    /** Builds the profiles, the network and both queries, and checks that the two searches agree. */
    @Setup(Level.Trial)
    public void setUp() {
        profiles = Workloads.paperProfiles(Workloads.Model.parse(model));
        network = Workloads.paperNetwork(NetworkPreset.FOUR_G);
        Query base = "none".equals(constraints) ? Scission.query() : Query.parse(CONSTRAINED);
        query = base.top(5);
        reference = base.strategy(SearchStrategy.EXHAUSTIVE).top(5);
        Workloads.checkAgree(query.solve(profiles, network), reference.solve(profiles, network));
    }

    /**
     * Branch and bound.
     *
     * @return the result
     */
    @Benchmark
    public QueryResult branchAndBound() {
        return query.solve(profiles, network);
    }

    /**
     * The exhaustive reference.
     *
     * @return the result
     */
    @Benchmark
    public QueryResult exhaustive() {
        return reference.solve(profiles, network);
    }
}
