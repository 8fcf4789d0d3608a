package io.scission.tf.deploy;

import static java.util.Objects.requireNonNull;

import io.scission.deploy.Deployment;
import io.scission.deploy.DeploymentException;
import io.scission.deploy.DeploymentFiles;
import io.scission.deploy.ExportOptions;
import io.scission.deploy.HostTensor;
import io.scission.deploy.SegmentPlan;
import io.scission.deploy.Tensors;
import io.scission.spi.ModelSource;
import io.scission.spi.ProgressListener;
import io.scission.tf.TensorFlowModelParser;
import io.scission.tf.TfLoadOptions;
import io.scission.tf.TfModel;
import io.scission.tf.keras.KerasReader;
import io.scission.tf.zoo.KerasZoo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.RunOptions;

/**
 * TensorFlow's deployment, behind {@link io.scission.tf.TensorFlowDeployer}: export a plan as one SavedModel per
 * segment, and open the whole model, one segment or the chain, with TensorFlow types where a caller in this module
 * wants them (an open {@link ModelRunner} to export several plans of one loaded model, a session configuration).
 */
public final class Deployments {

    private Deployments() {
    }

    /**
     * Loads a model, exports a plan of it, and closes it.
     *
     * @param model the model: a zoo name, SavedModel directory, frozen {@code .pb}, Keras JSON or {@code .h5}, or
     *     TF.js {@code model.json}
     * @param plan what to cut and where each piece runs
     * @param outputDir the deployment's directory: absent or empty, unless the options allow replacing it
     * @param options the seed, verification and replacement options
     * @param load how to load TensorFlow graphs
     * @param listener receives progress
     * @return the deployment, as its manifest describes it
     * @throws DeploymentException if the plan does not fit the model, the directory is in the way, or the export
     *     does not compute what the model computes
     * @throws io.scission.tf.ModelLoadException if the model cannot be loaded
     */
    public static Deployment export(ModelSource model, SegmentPlan plan, Path outputDir, ExportOptions options,
            TfLoadOptions load, ProgressListener listener) {
        requireNonNull(model, "model");
        requireNonNull(plan, "plan");
        requireNonNull(outputDir, "outputDir");
        requireNonNull(options, "options");
        requireNonNull(listener, "listener");
        // refuse a directory in the way before the model is loaded
        DeploymentFiles.checkOutputDirectory(outputDir, options.replaceExisting());
        try (ModelRunner runner = openModel(model, load, options.seed())) {
            return export(runner, plan, outputDir, options, listener);
        }
    }

    /**
     * Exports a plan of an open model, e.g. to export several plans or compare with the model afterwards without
     * loading it again.
     *
     * @param model the model
     * @param plan what to cut and where each piece runs
     * @param outputDir the deployment's directory
     * @param options the seed (of the verification input), verification and replacement options
     * @return the deployment
     * @throws DeploymentException if the plan does not fit the model, the directory is in the way, or the export
     *     does not compute what the model computes
     */
    public static Deployment export(ModelRunner model, SegmentPlan plan, Path outputDir, ExportOptions options) {
        return export(model, plan, outputDir, options, ProgressListener.NONE);
    }

    /**
     * Exports a plan of an open model, reporting progress after each segment and after the verification. A
     * listener that throws stops the export; nothing is left behind.
     *
     * @param model the model
     * @param plan what to cut and where each piece runs
     * @param outputDir the deployment's directory
     * @param options the seed (of the verification input), verification and replacement options
     * @param listener receives progress
     * @return the deployment
     * @throws DeploymentException if the plan does not fit the model, the directory is in the way, or the export
     *     does not compute what the model computes
     */
    public static Deployment export(ModelRunner model, SegmentPlan plan, Path outputDir, ExportOptions options,
            ProgressListener listener) {
        return Exporter.export(requireNonNull(model, "model"), requireNonNull(plan, "plan"),
                requireNonNull(outputDir, "outputDir"), requireNonNull(options, "options"),
                requireNonNull(listener, "listener"));
    }

    /**
     * Loads a model to run it whole.
     *
     * @param model the model
     * @param load how to load TensorFlow graphs
     * @param seed the seed of random weights, used when the model has none of its own
     * @return the runner; close it
     * @throws io.scission.tf.ModelLoadException if the model cannot be loaded
     */
    public static ModelRunner openModel(ModelSource model, TfLoadOptions load, long seed) {
        requireNonNull(model, "model");
        TfModel m = new TensorFlowModelParser(requireNonNull(load, "load")).open(model, seed);
        try {
            return new ModelRunner(m, location(model), seed, true);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /**
     * Wraps a loaded model to run it whole; the model stays the caller's.
     *
     * @param model the model
     * @return the runner; closing it leaves the model open
     */
    public static ModelRunner openModel(TfModel model) {
        return new ModelRunner(requireNonNull(model, "model"), model.source(), ExportOptions.DEFAULT_SEED, false);
    }

    /**
     * Loads the model a deployment was cut from, as it was loaded for the export: its source, seed, and the input
     * and output tensors (and input shapes) the deployment names, e.g. to compare the chain with it.
     *
     * @param deployment the deployment
     * @return the runner; close it
     * @throws io.scission.tf.ModelLoadException if the model cannot be loaded, e.g. it has moved
     * @throws DeploymentException if the model loaded is not the one the deployment was cut from
     */
    public static ModelRunner openModel(Deployment deployment) {
        requireNonNull(deployment, "deployment");
        ModelSource source = new ModelSource(deployment.model().source());
        // a Keras architecture names its inputs by layer, a TensorFlow graph by tensor
        boolean keras = source.exists() ? KerasReader.accepts(source.path()) : KerasZoo.contains(source.location());
        TfLoadOptions load = TfLoadOptions.defaults();
        List<String> ins = new ArrayList<>();
        for (Deployment.CutTensor t : deployment.modelInputs()) {
            ins.add(t.modelTensor());
            long[] shape = new long[t.shape().size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = t.shape().get(i);
            }
            if (!keras || shape.length >= 2) {
                load = load.withInputShape(keras ? t.layer() : t.modelTensor(), shape);
            }
        }
        List<String> outs = new ArrayList<>();
        for (Deployment.CutTensor t : deployment.modelOutputs()) {
            outs.add(t.modelTensor());
        }
        load = load.withInputs(ins.toArray(String[]::new)).withOutputs(outs.toArray(String[]::new));
        ModelRunner m = openModel(source, load, deployment.model().seed());
        String fingerprint = m.model().structure().fingerprint();
        if (!fingerprint.equals(deployment.model().fingerprint())) {
            m.close();
            throw new DeploymentException(String.format(Locale.ROOT, "The model at %s (fingerprint %s) is not the "
                    + "one the deployment was cut from (fingerprint %s).%nMaybe the file changed since the export; "
                    + "export it again.", deployment.model().source(), fingerprint.substring(0, 12),
                    deployment.model().fingerprint().substring(0, 12)));
        }
        return m;
    }

    /** The source as recorded: an existing path made absolute, anything else (a zoo name) as given. */
    private static String location(ModelSource model) {
        return model.exists() ? model.path().toAbsolutePath().normalize().toString() : model.location();
    }

    /**
     * Reads a deployment's manifest.
     *
     * @param dir the deployment's directory (or its {@code deployment.json})
     * @return the deployment
     * @throws io.scission.InvalidFileException naming the file and field if the manifest is missing or malformed
     */
    public static Deployment read(Path dir) {
        return DeploymentFiles.read(requireNonNull(dir, "dir"));
    }

    /**
     * Opens every segment of a deployment, chained, with TensorFlow's default session settings.
     *
     * @param dir the deployment's directory
     * @return the runner; close it
     * @throws DeploymentException if a SavedModel is missing, disagrees with the manifest, or fails to load
     */
    public static ChainRunner open(Path dir) {
        return open(dir, ConfigProto.getDefaultInstance());
    }

    /**
     * Opens every segment of a deployment, chained.
     *
     * @param dir the deployment's directory
     * @param config the session configuration of every segment (threads, Grappler)
     * @return the runner; close it
     * @throws DeploymentException if a SavedModel is missing, disagrees with the manifest, or fails to load
     */
    public static ChainRunner open(Path dir, ConfigProto config) {
        Path root = DeploymentFiles.root(requireNonNull(dir, "dir"));
        return ChainRunner.open(root, read(root), requireNonNull(config, "config"));
    }

    /**
     * Opens one segment of a deployment, to run it alone given the tensors that enter it.
     *
     * @param dir the deployment's directory
     * @param index the segment's index, from 0
     * @param config the session configuration (threads, Grappler)
     * @return the runner; close it
     * @throws IllegalArgumentException if there is no such segment
     * @throws DeploymentException if the SavedModel is missing, disagrees with the manifest, or fails to load
     */
    public static SegmentRunner openSegment(Path dir, int index, ConfigProto config) {
        return openSegment(dir, index, config, null);
    }

    /**
     * Opens one segment of a deployment, to run it alone given the tensors that enter it, every run with the given
     * run options: e.g. {@link io.scission.tf.TfTimingOptions#sessionConfig} and
     * {@link io.scission.tf.TfTimingOptions#runOptions}, to run the graph a profile timed.
     *
     * @param dir the deployment's directory
     * @param index the segment's index, from 0
     * @param config the session configuration (threads, Grappler)
     * @param runOptions the options of every run, or null for TensorFlow's defaults
     * @return the runner; close it
     * @throws IllegalArgumentException if there is no such segment
     * @throws DeploymentException if the SavedModel is missing, disagrees with the manifest, or fails to load
     */
    public static SegmentRunner openSegment(Path dir, int index, ConfigProto config,
            @Nullable RunOptions runOptions) {
        Path root = DeploymentFiles.root(requireNonNull(dir, "dir"));
        Deployment d = read(root);
        if (index < 0 || index >= d.segments().size()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "The segment (%d) does not exist in %s, "
                    + "whose segments are 0-%d.", index, root, d.segments().size() - 1));
        }
        return SegmentRunner.open(root, d.segments().get(index), requireNonNull(config, "config"), runOptions);
    }

    /**
     * Returns seeded random inputs of batch 1 for the given inputs: floating-point values standard normal,
     * integers and booleans zero.
     *
     * @param inputs the inputs, e.g. {@link io.scission.deploy.Inference#inputs()}
     * @param seed the seed
     * @return one tensor per input, by key
     */
    public static Map<String, HostTensor> randomInputs(List<Deployment.CutTensor> inputs, long seed) {
        return Tensors.random(requireNonNull(inputs, "inputs"), seed);
    }
}
