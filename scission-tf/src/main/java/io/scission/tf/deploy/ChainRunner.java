package io.scission.tf.deploy;

import static java.util.Objects.requireNonNull;

import io.scission.deploy.Deployment;
import io.scission.deploy.HostTensor;
import io.scission.deploy.Inference;
import io.scission.deploy.RunReport;
import io.scission.deploy.Tensors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.tensorflow.Result;
import org.tensorflow.Tensor;
import org.tensorflow.proto.ConfigProto;

/**
 * A deployment's segments chained in one process: each segment's outputs are fed to the next as they are (native
 * tensors, no copy through Java), and every segment is timed. Its inputs and outputs are the model's, so its
 * results can be compared with a {@link ModelRunner}'s. Open one with {@link Deployments#open}.
 */
public final class ChainRunner implements Inference {

    private final Path dir;
    private final Deployment deployment;
    private final List<SegmentRunner> segments;

    private ChainRunner(Path dir, Deployment deployment, List<SegmentRunner> segments) {
        this.dir = dir;
        this.deployment = deployment;
        this.segments = List.copyOf(segments);
    }

    static ChainRunner open(Path dir, Deployment deployment, @Nullable ConfigProto config) {
        List<SegmentRunner> opened = new ArrayList<>();
        try {
            for (Deployment.SegmentInfo s : deployment.segments()) {
                opened.add(SegmentRunner.open(dir, s, config, null));
            }
            return new ChainRunner(dir, deployment, opened);
        } catch (RuntimeException e) {
            opened.forEach(SegmentRunner::close);
            throw e;
        }
    }

    /**

     * Returns the deployment's manifest.

     *

     * @return the deployment

     */
    public Deployment deployment() {
        return deployment;
    }

    /**

     * Returns the segments' runners, in pipeline order.

     *

     * @return the runners

     */
    public List<SegmentRunner> segments() {
        return segments;
    }

    @Override
    public String name() {
        return "deployment " + dir;
    }

    @Override
    public List<Deployment.CutTensor> inputs() {
        return deployment.modelInputs();
    }

    @Override
    public List<Deployment.CutTensor> outputs() {
        return deployment.modelOutputs();
    }

    @Override
    public RunReport run(Map<String, HostTensor> given, int repeats) {
        requireNonNull(given, "inputs");
        Runs.checkRepeats(repeats);
        Tensors.check(name(), inputs(), given);
        Map<String, Tensor> modelInputs = new LinkedHashMap<>();
        List<List<Double>> stageSeconds = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            stageSeconds.add(new ArrayList<>());
        }
        List<Double> total = new ArrayList<>();
        Map<String, HostTensor> out = new LinkedHashMap<>();
        try {
            for (Deployment.CutTensor t : inputs()) {
                modelInputs.put(t.key(), TfTensors.toNative(given.get(t.key())));
            }
            for (int k = 0; k < repeats; k++) {
                Result previous = null;
                try {
                    long start = System.nanoTime();
                    for (int i = 0; i < segments.size(); i++) {
                        SegmentRunner s = segments.get(i);
                        Map<String, Tensor> feeds = new HashMap<>();
                        List<Deployment.CutTensor> prevOut = i == 0 ? List.of() : segments.get(i - 1).outputs();
                        for (Deployment.CutTensor t : s.inputs()) {
                            if (t.modelEdge()) {
                                feeds.put(t.key(), modelInputs.get(t.key()));
                            } else {
                                feeds.put(t.key(), previous.get(Deployment.keysOf(prevOut).indexOf(t.key())));
                            }
                        }
                        long t0 = System.nanoTime();
                        Result res = s.runNative(feeds);
                        stageSeconds.get(i).add((System.nanoTime() - t0) / 1e9);
                        if (previous != null) {
                            previous.close();
                        }
                        previous = res;
                    }
                    total.add((System.nanoTime() - start) / 1e9);
                    if (k == repeats - 1) {
                        List<Deployment.CutTensor> last = outputs();
                        for (int i = 0; i < last.size(); i++) {
                            out.put(last.get(i).key(), TfTensors.toHost(previous.get(i)));
                        }
                    }
                } finally {
                    if (previous != null) {
                        previous.close();
                    }
                }
            }
        } finally {
            modelInputs.values().forEach(Tensor::close);
        }
        List<RunReport.Stage> stages = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            stages.add(new RunReport.Stage("segment " + i, segments.get(i).info().resource().name(),
                    stageSeconds.get(i)));
        }
        return new RunReport(out, stages, total);
    }

    @Override
    public void close() {
        segments.forEach(SegmentRunner::close);
    }
}
