package io.scission.jmh;

import io.scission.Query;
import io.scission.QueryResult;
import io.scission.Scission;
import io.scission.platform.Network;
import io.scission.platform.NetworkPreset;
import io.scission.profile.ProfileSet;
import java.util.Locale;
import java.util.Map;
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
 * The search at the block counts finer partition rules give (#14), side by side with the {@code SCISSION} rule's:
 * the real block counts of NASNetLarge, InceptionResNetV2 and DenseNet201 under {@code scission},
 * {@code single-tensor}, {@code tensors:2} and {@code tensors:3} ({@code scission inspect MODEL --partition-rule
 * RULE}; pinned by scission-tf's {@code ZooPartitionRulesTest}), on the paper's platform ({@link PaperScaleBenchmark}:
 * one device, two edges, two clouds, 4G, top 5), without constraints and with {@link #CONSTRAINED} (the paper
 * benchmark's constrained query without its device time budget and deadline, which NASNetLarge's coarse blocks cannot
 * meet).
 * The profiles are seeded synthetic ones ({@link Workloads}) with the model's block and layer counts; branch and
 * bound only (the exhaustive reference does not finish at hundreds of blocks; its equality with branch and bound is
 * checked by the seeded equivalence suites).
 *
 * <p>Run (about 3 minutes):
 * <pre>{@code
 * mvn -B -q -pl scission-jmh -am package -DskipTests
 * java -jar scission-jmh/target/benchmarks.jar FinerCutsBenchmark -f 1 -wi 3 -w 1s -i 5 -r 1s
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FinerCutsBenchmark {

    /** The constrained query, in the query text form. */
    static final String CONSTRAINED = "mustUse(DEVICE).mustUse(EDGE).maxTransfer(EDGE, CLOUD, 300KB)";

    /** Layers, then blocks under scission, single-tensor, tensors:2, tensors:3, and device seconds (synthetic). */
    static final Map<String, double[]> MODELS = Map.of(
            "nasnetlarge", new double[] {1041, 5, 6, 48, 163, 6.0},
            "inceptionresnet_v2", new double[] {782, 61, 104, 406, 660, 3.2},
            "densenet201", new double[] {709, 22, 120, 708, 708, 1.1});

    /** The model, by its Keras name. */
    @Param({"nasnetlarge", "inceptionresnet_v2", "densenet201"})
    public String model;

    /** The partition rule whose block count the profiles have. */
    @Param({"scission", "single-tensor", "tensors:2", "tensors:3"})
    public String rule;

    /** {@code none}, or {@code constrained} for {@link #CONSTRAINED}. */
    @Param({"none", "constrained"})
    public String constraints;

    private ProfileSet profiles;
    private Network network;
    private Query query;

    /** Builds the profiles and the query. */
    @Setup(Level.Trial)
    public void setUp() {
        double[] m = MODELS.get(model);
        int column = switch (rule) {
            case "scission" -> 1;
            case "single-tensor" -> 2;
            case "tensors:2" -> 3;
            case "tensors:3" -> 4;
            default -> throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The rule (%s) is not one of scission, single-tensor, tensors:2, tensors:3.", rule));
        };
        profiles = Workloads.paperProfiles(model + "-" + rule, (int) m[column], (int) m[0], m[5]);
        network = Workloads.paperNetwork(NetworkPreset.FOUR_G);
        query = ("none".equals(constraints) ? Scission.query() : Query.parse(CONSTRAINED)).top(5);
        Workloads.checkPlans(query.solve(profiles, network), 5);
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
}
