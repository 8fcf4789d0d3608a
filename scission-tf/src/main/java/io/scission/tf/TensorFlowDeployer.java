package io.scission.tf;

import static java.util.Objects.requireNonNull;

import io.scission.deploy.Deployment;
import io.scission.deploy.ExportOptions;
import io.scission.deploy.Inference;
import io.scission.deploy.SegmentPlan;
import io.scission.spi.Availability;
import io.scission.spi.Deployer;
import io.scission.spi.ModelSource;
import io.scission.spi.ProgressListener;
import io.scission.tf.deploy.Deployments;
import io.scission.tf.deploy.ModelRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.RunOptions;

/**
 * Deploys plans with TensorFlow: one ordinary SavedModel per segment (tag {@code serve}, a {@code serving_default}
 * signature whose inputs and outputs are the tensors that cross the segment's cuts, named after the Keras layers
 * that produce them; the weights as resource variables in a {@code variables/} checkpoint), plus the manifest
 * {@code deployment.json}; and runs models, segments and chained segments in TensorFlow sessions. Found by
 * {@link java.util.ServiceLoader} under the name {@code tensorflow}; it loads the same sources as
 * {@link TensorFlowModelParser}.
 *
 * <pre>{@code
 * Deployment d = Scission.export(new ModelSource("ResNet50"), SegmentPlan.cuts(PartitionRule.SCISSION,
 *         List.of(79, 141), List.of(device, edge, cloud)), Path.of("deploy"), ExportOptions.defaults(),
 *         ProgressListener.NONE);
 * try (Inference chain = Scission.openDeployment(Path.of("deploy"))) {
 *     RunReport r = chain.run(Map.of("input_1", Npy.read(Path.of("x.npy"))), 10);
 * }
 * }</pre>
 */
public final class TensorFlowDeployer implements Deployer {

    private final TfLoadOptions loadOptions;
    private final ConfigProto sessionConfig;
    private final @Nullable RunOptions runOptions;

    /** Creates the deployer with default options; this is what {@code ServiceLoader} uses. */
    public TensorFlowDeployer() {
        this(TfLoadOptions.defaults(), ConfigProto.getDefaultInstance());
    }

    /**
     * Creates the deployer with the given options.
     *
     * @param loadOptions how to load models (named input and output tensors, input shapes, weights policy)
     * @param sessionConfig the configuration of the sessions that run segments (threads, Grappler)
     */
    public TensorFlowDeployer(TfLoadOptions loadOptions, ConfigProto sessionConfig) {
        this(loadOptions, sessionConfig, null);
    }

    /**
     * Creates the deployer with the given options; segments opened alone ({@link #openSegment}) run with the run
     * options. {@code new TensorFlowDeployer(load, timing.sessionConfig(threads), timing.runOptions())} runs
     * segments as a profile made with {@code timing} timed their blocks.
     *
     * @param loadOptions how to load models (named input and output tensors, input shapes, weights policy)
     * @param sessionConfig the configuration of the sessions that run segments (threads, Grappler)
     * @param runOptions the options of every run of a segment opened alone, or null for TensorFlow's defaults
     */
    public TensorFlowDeployer(TfLoadOptions loadOptions, ConfigProto sessionConfig, @Nullable RunOptions runOptions) {
        this.loadOptions = requireNonNull(loadOptions, "loadOptions");
        this.sessionConfig = requireNonNull(sessionConfig, "sessionConfig");
        this.runOptions = runOptions;
    }

    /**

     * Returns {@code tensorflow}.

     *

     * @return the name

     */
    @Override
    public String name() {
        return "tensorflow";
    }

    /**
     * Returns whether the native TensorFlow runtime loads in this process, and why not if it does not.
     *
     * @return the availability
     */
    @Override
    public Availability availability() {
        return NativeRuntime.availability();
    }

    /**
     * Returns true for the sources {@link TensorFlowModelParser} accepts.
     *
     * @param source the source
     * @return whether it is accepted
     */
    @Override
    public boolean accepts(ModelSource source) {
        return new TensorFlowModelParser(loadOptions).accepts(requireNonNull(source, "source"));
    }

    /**
     * Returns true for deployments that TensorFlow wrote.
     *
     * @param deployment the deployment's manifest
     * @return whether this deployer runs it
     */
    @Override
    public boolean runs(Deployment deployment) {
        return deployment.runtime().startsWith("TensorFlow ");
    }

    /**
     * Loads the model with this deployer's load options, exports the plan, and closes the model.
     *
     * @param source the model
     * @param plan what to cut and where each piece runs
     * @param outputDir the deployment's directory
     * @param options the seed, verification and replacement options
     * @param listener receives progress
     * @return the deployment
     * @throws io.scission.deploy.DeploymentException if the plan does not fit the model, the directory is in the
     *     way, or the segments do not compute what the model computes
     * @throws ModelLoadException if the model cannot be loaded
     */
    @Override
    public Deployment export(ModelSource source, SegmentPlan plan, Path outputDir, ExportOptions options,
            ProgressListener listener) {
        return Deployments.export(source, plan, outputDir, options, loadOptions, listener);
    }

    /**
     * Exports a plan of a model opened with {@link #openModel(ModelSource, long)}, e.g. to export several plans of
     * one model without loading it again.
     *
     * @param model a model this deployer opened
     * @param plan what to cut and where each piece runs
     * @param outputDir the deployment's directory
     * @param options the verification and replacement options (the model's seed is the one it was opened with)
     * @param listener receives progress
     * @return the deployment
     * @throws IllegalArgumentException if the model was not opened by a {@code TensorFlowDeployer}
     */
    public Deployment export(Inference model, SegmentPlan plan, Path outputDir, ExportOptions options,
            ProgressListener listener) {
        if (!(model instanceof ModelRunner)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "The model (%s) was not opened by "
                    + "TensorFlowDeployer.openModel.%nMaybe open it with that, or export from its source.",
                    model.name()));
        }
        return Deployments.export((ModelRunner) model, plan, outputDir, options, listener);
    }

    /**
     * Loads a model with this deployer's load options.
     *
     * @param source the model
     * @param seed the seed of random weights, used when the model has none of its own
     * @return the runner; close it
     * @throws ModelLoadException if the model cannot be loaded
     */
    @Override
    public Inference openModel(ModelSource source, long seed) {
        return Deployments.openModel(source, loadOptions, seed);
    }

    /**
     * Loads the model a deployment was cut from, with the deployment's input and output tensors and seed.
     *
     * @param deployment the deployment
     * @return the runner; close it
     * @throws io.scission.deploy.DeploymentException if the model found is not the one the deployment was cut from
     */
    @Override
    public Inference openModel(Deployment deployment) {
        return Deployments.openModel(deployment);
    }

    /**
     * Opens a deployment's segments, chained, with this deployer's session configuration.
     *
     * @param dir the deployment's directory
     * @return the runner; close it
     * @throws io.scission.deploy.DeploymentException if a segment is missing or disagrees with the manifest
     */
    @Override
    public Inference openDeployment(Path dir) {
        return Deployments.open(dir, sessionConfig);
    }

    /**
     * Opens one segment of a deployment with this deployer's session configuration.
     *
     * @param dir the deployment's directory
     * @param index the segment's index, from 0
     * @return the runner; close it
     * @throws io.scission.deploy.DeploymentException if the segment is missing or disagrees with the manifest
     * @throws IllegalArgumentException if there is no such segment
     */
    @Override
    public Inference openSegment(Path dir, int index) {
        return Deployments.openSegment(dir, index, sessionConfig, runOptions);
    }

    /**

     * Returns the load options.

     *

     * @return the options

     */
    public TfLoadOptions loadOptions() {
        return loadOptions;
    }

    /**

     * Returns the session configuration.

     *

     * @return the configuration

     */
    public ConfigProto sessionConfig() {
        return sessionConfig;
    }

    @Override
    public String toString() {
        return "TensorFlowDeployer" + List.of(loadOptions);
    }
}
