package io.scission.tf.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.scission.deploy.Deployment;
import io.scission.deploy.HostTensor;
import io.scission.deploy.RunReport;
import io.scission.model.BlockLayout;
import io.scission.model.ModelGraph;
import io.scission.model.PartitionRule;
import io.scission.platform.Resource;
import io.scission.platform.Tier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The numerics check of a deployment, computed here from the runners' raw outputs (not from the export's own
 * verification): the chained segments against the whole model, and every segment run alone on the whole model's
 * tensors against the whole model's tensors at the segment's outputs. Tolerance 1e-5 × max(1, max|y|) for
 * float32 outputs, exact for integers.
 */
final class DeploymentChecks {

    /** Device, edge, cloud, for plans given by hand. */
    static final List<Resource> THREE = List.of(Resource.of("device", Tier.DEVICE), Resource.of("edge", Tier.EDGE),
            Resource.of("cloud", Tier.CLOUD));

    private DeploymentChecks() {
    }

    /**
     * What one check found.
     *
     * @param maxAbsDifference the largest |Δ| over the model's outputs (chain vs whole model)
     * @param maxAbsDifferenceCuts the largest |Δ| over every tensor that leaves a segment run alone
     * @param tensorsChecked how many tensors were compared
     * @param bitwise whether every compared tensor was bit-for-bit equal
     * @param wholeMillis the whole model's median time, ms ({@link #REPEATS} runs, the first included; NaN if 1)
     * @param chainMillis the chain's median end-to-end time, ms (likewise)
     */
    record Outcome(double maxAbsDifference, double maxAbsDifferenceCuts, int tensorsChecked, boolean bitwise,
            double wholeMillis, double chainMillis) {
    }

    /** Chooses the two partition points nearest to a third and two thirds of the layers (the model needs 3 blocks). */
    static List<Integer> thirds(ModelGraph g, PartitionRule rule) {
        List<Integer> p = new ArrayList<>(points(g, rule));
        int a = nearest(p, g.size() / 3);
        p.remove(Integer.valueOf(a));
        int b = nearest(p, 2 * g.size() / 3);
        return a < b ? List.of(a, b) : List.of(b, a);
    }

    private static int nearest(List<Integer> points, int target) {
        int best = points.get(0);
        for (int p : points) {
            if (Math.abs(p - target) < Math.abs(best - target)) {
                best = p;
            }
        }
        return best;
    }

    /** Partition points of the single-tensor rule that the scission rule does not have (cuts before branches). */
    static List<Integer> singleTensorOnly(ModelGraph g) {
        Set<Integer> scission = points(g, PartitionRule.SCISSION);
        List<Integer> only = new ArrayList<>(points(g, PartitionRule.SINGLE_TENSOR));
        only.removeAll(scission);
        return only;
    }

    static Set<Integer> points(ModelGraph g, PartitionRule rule) {
        BlockLayout l = g.blocks(rule);
        Set<Integer> p = new TreeSet<>();
        for (int i = 0; i + 1 < l.size(); i++) {
            p.add(l.blocks().get(i).lastLayer());
        }
        return p;
    }

    /** Timed runs per check: 1 in the build; more with -Dscission.deploy.repeats=N to report times. */
    static final int REPEATS = Integer.getInteger("scission.deploy.repeats", 1);

    static Outcome check(ModelRunner model, Path dir, Map<String, HostTensor> input) {
        Deployment d = Deployments.read(dir);
        List<String> names = new ArrayList<>();
        for (Deployment.SegmentInfo s : d.segments()) {
            for (Deployment.CutTensor t : s.outputs()) {
                names.add(t.modelTensor());
            }
        }
        // one run of the whole model gives its outputs and every tensor a segment hands on
        Map<String, HostTensor> reference = model.tensors(input, names);
        double wholeMillis = REPEATS > 1 ? model.run(input, REPEATS).medianSeconds() * 1e3 : Double.NaN;
        double outputs = 0;
        double cuts = 0;
        int checked = 0;
        boolean bitwise = true;
        RunReport chain;
        try (ChainRunner c = Deployments.open(dir)) {
            chain = c.run(input, REPEATS);
            assertThat(chain.outputs().keySet()).containsExactlyElementsOf(Deployment.keysOf(model.outputs()));
            for (Deployment.CutTensor t : model.outputs()) {
                HostTensor y = reference.get(t.modelTensor());
                HostTensor z = chain.outputs().get(t.key());
                outputs = Math.max(outputs, within(t.key() + " (chain vs whole model)", y, z));
                bitwise &= y.equals(z);
                checked++;
            }
            for (SegmentRunner s : c.segments()) {
                Map<String, HostTensor> in = new LinkedHashMap<>();
                for (Deployment.CutTensor t : s.inputs()) {
                    in.put(t.key(), t.modelEdge() ? input.get(t.key()) : reference.get(t.modelTensor()));
                }
                RunReport alone = s.run(in, 1);
                for (Deployment.CutTensor t : s.outputs()) {
                    HostTensor y = reference.get(t.modelTensor());
                    HostTensor z = alone.outputs().get(t.key());
                    cuts = Math.max(cuts, within(s.name() + " output " + t.key(), y, z));
                    bitwise &= y.equals(z);
                    checked++;
                }
            }
        }
        return new Outcome(outputs, cuts, checked, bitwise, wholeMillis,
                REPEATS > 1 ? chain.medianSeconds() * 1e3 : Double.NaN);
    }

    /** Asserts |z - y| ≤ 1e-5 × max(1, max|y|) (exact for integer types) and returns max |z - y|. */
    static double within(String what, HostTensor y, HostTensor z) {
        assertThat(z.type()).as(what).isEqualTo(y.type());
        assertThat(z.shape()).as(what).isEqualTo(y.shape());
        double diff = y.maxAbsDifference(z);
        double tolerance = y.type().isFloatingPoint() ? 1e-5 * Math.max(1, y.maxAbs()) : 0;
        assertThat(diff).as("%s: max |Δ| %s, tolerance %s", what, diff, tolerance).isLessThanOrEqualTo(tolerance);
        return diff;
    }

    /** Appends a line to a report under target/deploy/, for the helper's note (times: see the README's caveats). */
    static void report(String file, String line) {
        Path p = Path.of("target", "deploy", file);
        try {
            Files.createDirectories(p.getParent());
            Files.writeString(p, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String row(String model, String plan, double exportSeconds, Outcome o) {
        return String.format(Locale.ROOT, "| %s | %s | %.1f | %.3g | %.3g | %d | %s | %.1f | %.1f |", model, plan,
                exportSeconds, o.maxAbsDifference(), o.maxAbsDifferenceCuts(), o.tensorsChecked(),
                o.bitwise() ? "yes" : "no", o.wholeMillis(), o.chainMillis());
    }
}
