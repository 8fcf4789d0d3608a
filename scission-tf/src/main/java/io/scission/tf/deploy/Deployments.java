package io.scission.tf.deploy;

import static java.util.Objects.requireNonNull;

import io.scission.model.ModelGraph;
import io.scission.spi.ModelSource;
import io.scission.spi.ProgressListener;
import io.scission.tf.TensorFlowModelParser;
import io.scission.tf.TfLoadOptions;
import io.scission.tf.TfModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tensorflow.proto.ConfigProto;

/**
 * The entry point for deploying a plan: cut a model into one TensorFlow SavedModel per segment with a manifest
 * ({@link #export}), read a deployment ({@link #read}), and run the whole model ({@link #openModel}), one segment
 * alone ({@link #openSegment}) or all segments chained ({@link #open}) on {@link HostTensor}s, e.g. read from
 * {@code .npy} files with {@link Npy}.
 *
 * <pre>{@code
 * SegmentPlan plan = SegmentPlan.of(profiles, result.plans().get(0));      // or SegmentPlan.cuts(...)
 * Deployments.export(new ModelSource("ResNet50"), plan, Path.of("deploy"), ExportOptions.defaults());
 * try (ChainRunner chain = Deployments.open(Path.of("deploy"))) {
 *     RunReport r = chain.run(Map.of("input_1", Npy.read(Path.of("x.npy"))), 1);
 *     Npy.write(Path.of("y.npy"), r.outputs().get("predictions"));
 * }
 * }</pre>
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
     * @param options the seed, verification, replacement and load options
     * @return the deployment, as its manifest describes it
     * @throws DeploymentException if the plan does not fit the model, the directory is in the way, or the export
     *     does not compute what the model computes
     * @throws io.scission.tf.ModelLoadException if the model cannot be loaded
     */
    public static Deployment export(ModelSource model, SegmentPlan plan, Path outputDir, ExportOptions options) {
        requireNonNull(model, "model");
        requireNonNull(plan, "plan");
        requireNonNull(outputDir, "outputDir");
        requireNonNull(options, "options");
        try (ModelRunner runner = openModel(model, options.load(), options.seed())) {
            return export(runner, plan, outputDir, options);
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
        TfLoadOptions load = TfLoadOptions.defaults();
        List<String> ins = new ArrayList<>();
        for (Deployment.CutTensor t : deployment.modelInputs()) {
            ins.add(t.modelTensor());
            long[] shape = new long[t.shape().size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = t.shape().get(i);
            }
            load = load.withInputShape(t.modelTensor(), shape);
        }
        List<String> outs = new ArrayList<>();
        for (Deployment.CutTensor t : deployment.modelOutputs()) {
            outs.add(t.modelTensor());
        }
        load = load.withInputs(ins.toArray(String[]::new)).withOutputs(outs.toArray(String[]::new));
        ModelRunner m = openModel(new ModelSource(deployment.model().source()), load, deployment.model().seed());
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

    /**
     * Checks, before any long work, that a deployment may be written to a directory: it is absent or empty, or
     * replacing it is allowed, and it is not a file.
     *
     * @param dir the deployment's directory
     * @param replaceExisting whether a non-empty directory may be replaced
     * @throws DeploymentException if it may not
     */
    public static void checkOutputDirectory(Path dir, boolean replaceExisting) {
        Exporter.checkOutput(requireNonNull(dir, "dir"), replaceExisting);
    }

    /**
     * Checks a plan against a model's layers without loading the model into TensorFlow (e.g. a zoo model or Keras
     * file parsed with {@code Scission.parse}), as the export does first: profiles made from this model, cuts at its
     * partition points under the plan's rule.
     *
     * @param model the model's layers
     * @param plan the plan
     * @param source the model's name for messages
     * @throws DeploymentException if the plan does not fit the model
     */
    public static void checkPlan(ModelGraph model, SegmentPlan plan, String source) {
        Exporter.check(requireNonNull(model, "model"), requireNonNull(plan, "plan"), requireNonNull(source, "source"));
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
        return ManifestJson.read(manifest(requireNonNull(dir, "dir")));
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
        Path root = root(requireNonNull(dir, "dir"));
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
        Path root = root(requireNonNull(dir, "dir"));
        Deployment d = read(root);
        if (index < 0 || index >= d.segments().size()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "The segment (%d) does not exist in %s, "
                    + "whose segments are 0-%d.", index, root, d.segments().size() - 1));
        }
        return SegmentRunner.open(root, d.segments().get(index), requireNonNull(config, "config"));
    }

    /**
     * Returns seeded random inputs of batch 1 for the given inputs: floating-point values standard normal,
     * integers and booleans zero.
     *
     * @param inputs the inputs, e.g. {@link Inference#inputs()}
     * @param seed the seed
     * @return one tensor per input, by key
     */
    public static Map<String, HostTensor> randomInputs(List<Deployment.CutTensor> inputs, long seed) {
        return Inputs.random(requireNonNull(inputs, "inputs"), seed);
    }

    /**
     * Compares outputs with reference outputs (e.g. chained segments with the whole model): per output, max |Δ|,
     * max |reference| and the tolerance, 1e-5 × max(1, max|reference|) for floating point and 0 for integers.
     *
     * @param reference the reference outputs, by key
     * @param actual the outputs to check, with the same keys, types and shapes
     * @return one check per reference output, in its order
     * @throws IllegalArgumentException if an output is missing or differs in type or shape
     */
    public static List<Deployment.OutputCheck> compare(Map<String, HostTensor> reference,
            Map<String, HostTensor> actual) {
        List<Deployment.OutputCheck> checks = new ArrayList<>();
        for (Map.Entry<String, HostTensor> e : reference.entrySet()) {
            HostTensor y = e.getValue();
            HostTensor z = actual.get(e.getKey());
            if (z == null) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "The output %s is missing (outputs: %s).",
                        e.getKey(), actual.keySet()));
            }
            double max = y.maxAbs();
            checks.add(new Deployment.OutputCheck(e.getKey(), y.maxAbsDifference(z), max,
                    Inputs.tolerance(y.type(), max)));
        }
        return List.copyOf(checks);
    }

    private static Path root(Path dir) {
        return Files.isDirectory(dir) || dir.getFileName() == null || !dir.getFileName().toString()
                .equals(Deployment.MANIFEST) ? dir : dir.toAbsolutePath().getParent();
    }

    private static Path manifest(Path dir) {
        Path root = root(dir);
        if (!Files.isDirectory(root)) {
            throw new DeploymentException(String.format(Locale.ROOT, "The deployment (%s) does not exist.%nMaybe "
                    + "check the path, or write one with 'scission export'.", dir));
        }
        Path m = root.resolve(Deployment.MANIFEST);
        if (!Files.isRegularFile(m)) {
            throw new DeploymentException(String.format(Locale.ROOT, "%s is not a deployment: it has no %s.%nMaybe "
                    + "name a directory written by 'scission export'.", root, Deployment.MANIFEST));
        }
        return m;
    }
}
