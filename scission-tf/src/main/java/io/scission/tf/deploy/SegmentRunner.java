package io.scission.tf.deploy;

import static java.util.Objects.requireNonNull;

import io.scission.deploy.Deployment;
import io.scission.deploy.DeploymentException;
import io.scission.deploy.HostTensor;
import io.scission.deploy.Inference;
import io.scission.deploy.RunReport;
import io.scission.deploy.Tensors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.RunOptions;

/**
 * One segment of a deployment, loaded from its SavedModel with TensorFlow's own loader
 * ({@link SavedModelBundle}) after checking that the SavedModel is the one the manifest describes: a unit that can
 * run alone, given the tensors that enter the segment, e.g. in a worker that serves it. Open one with
 * {@link Deployments#openSegment}.
 */
public final class SegmentRunner implements Inference {

    private final Deployment.SegmentInfo info;
    private final Path dir;
    private final SavedModelBundle bundle;
    private final @Nullable RunOptions runOptions;

    private SegmentRunner(Deployment.SegmentInfo info, Path dir, SavedModelBundle bundle,
            @Nullable RunOptions runOptions) {
        this.info = info;
        this.dir = dir;
        this.bundle = bundle;
        this.runOptions = runOptions;
    }

    /**
     * Checks a segment's SavedModel against the manifest, then loads it.
     *
     * @param deploymentDir the deployment's directory
     * @param info the segment as the manifest describes it
     * @param config the session configuration (threads, Grappler), or null for TensorFlow's defaults
     * @param runOptions the options of every run (e.g. the caller's thread dispatching ops), or null
     * @return the runner
     * @throws DeploymentException if the SavedModel is missing or disagrees with the manifest, or fails to load
     */
    static SegmentRunner open(Path deploymentDir, Deployment.SegmentInfo info, @Nullable ConfigProto config,
            @Nullable RunOptions runOptions) {
        Path dir = deploymentDir.resolve(info.savedModel());
        SavedModelCheck.check(deploymentDir, info);
        SavedModelBundle.Loader loader = SavedModelBundle.loader(dir.toString())
                .withTags(info.tags().toArray(String[]::new));
        if (config != null) {
            loader.withConfigProto(config);
        }
        try {
            return new SegmentRunner(info, dir, loader.load(), runOptions);
        } catch (TensorFlowException e) {
            throw new DeploymentException(String.format(Locale.ROOT, "%s: TensorFlow cannot load segment %d's "
                    + "SavedModel (%s).%nMaybe export the deployment again.", dir, info.index(), Runs.firstLine(e)), e);
        }
    }

    /**

     * Returns the segment as the manifest describes it.

     *

     * @return the segment

     */
    public Deployment.SegmentInfo info() {
        return info;
    }

    /**

     * Returns the SavedModel directory.

     *

     * @return the directory

     */
    public Path directory() {
        return dir;
    }

    @Override
    public String name() {
        return String.format(Locale.ROOT, "segment %d (%s)", info.index(), info.resource().name());
    }

    @Override
    public List<Deployment.CutTensor> inputs() {
        return info.inputs();
    }

    @Override
    public List<Deployment.CutTensor> outputs() {
        return info.outputs();
    }

    /**
     * Runs the segment on native tensors; the caller keeps the inputs and closes the result, whose tensors are in
     * output order.
     */
    Result runNative(Map<String, Tensor> byKey) {
        Session.Runner r = bundle.session().runner();
        for (Deployment.CutTensor t : info.inputs()) {
            r.feed(t.tensor(), requireNonNull(byKey.get(t.key()), t.key()));
        }
        for (Deployment.CutTensor t : info.outputs()) {
            r.fetch(t.tensor());
        }
        if (runOptions != null) {
            r.setOptions(runOptions);
        }
        try {
            return r.run();
        } catch (TensorFlowException e) {
            throw new DeploymentException(String.format(Locale.ROOT, "%s: TensorFlow failed to run segment %d (%s).",
                    dir, info.index(), Runs.firstLine(e)), e);
        }
    }

    @Override
    public RunReport run(Map<String, HostTensor> given, int repeats) {
        requireNonNull(given, "inputs");
        Runs.checkRepeats(repeats);
        Tensors.check(name(), info.inputs(), given);
        Map<String, Tensor> fed = new LinkedHashMap<>();
        try {
            for (Deployment.CutTensor t : info.inputs()) {
                fed.put(t.key(), TfTensors.toNative(given.get(t.key())));
            }
            List<Double> seconds = new ArrayList<>();
            Map<String, HostTensor> out = new LinkedHashMap<>();
            for (int k = 0; k < repeats; k++) {
                long t0 = System.nanoTime();
                try (Result res = runNative(fed)) {
                    seconds.add((System.nanoTime() - t0) / 1e9);
                    if (k == repeats - 1) {
                        for (int i = 0; i < info.outputs().size(); i++) {
                            out.put(info.outputs().get(i).key(), TfTensors.toHost(res.get(i)));
                        }
                    }
                }
            }
            return new RunReport(out, List.of(new RunReport.Stage("segment " + info.index(),
                    info.resource().name(), seconds)), seconds);
        } finally {
            fed.values().forEach(Tensor::close);
        }
    }

    @Override
    public void close() {
        bundle.close();
    }
}
