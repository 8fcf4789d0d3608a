package io.scission.spi;

import io.scission.deploy.Deployment;
import io.scission.deploy.ExportOptions;
import io.scission.deploy.Inference;
import io.scission.deploy.SegmentPlan;
import java.nio.file.Path;

/**
 * Cuts models into one runnable model per segment of a plan, and runs models and deployments. Implementations are
 * found with {@link java.util.ServiceLoader}; scission-tf provides TensorFlow's, which writes one SavedModel per
 * segment.
 */
public interface Deployer {

    /**

     * Returns a short, unique name, e.g. {@code tensorflow}.

     *

     * @return the name

     */
    String name();

    /**

     * Returns the priority among deployers that accept a source; higher wins.

     *

     * @return the priority

     */
    default int priority() {
        return 0;
    }

    /**

     * Returns whether the deployer can work in this process.

     *

     * @return the availability

     */
    default Availability availability() {
        return Availability.AVAILABLE;
    }

    /**
     * Returns true if this deployer can load the model.
     *
     * @param source the model
     * @return whether it is accepted
     */
    boolean accepts(ModelSource source);

    /**
     * Returns true if this deployer can run the deployment, e.g. because its runtime wrote it.
     *
     * @param deployment the deployment's manifest
     * @return whether it runs it
     */
    boolean runs(Deployment deployment);

    /**
     * Cuts a model into one runnable model per segment of the plan and writes them with a manifest to a new
     * directory, which appears only when complete.
     *
     * @param source the model
     * @param plan what to cut and where each piece runs
     * @param outputDir the deployment's directory
     * @param options the seed, verification and replacement options
     * @param listener receives progress after each segment and after the verification; a listener that throws
     *     stops the export and nothing is left behind
     * @return the deployment, as its manifest describes it
     * @throws io.scission.deploy.DeploymentException if the plan does not fit the model, the directory is in the
     *     way, or the segments do not compute what the model computes
     */
    Deployment export(ModelSource source, SegmentPlan plan, Path outputDir, ExportOptions options,
            ProgressListener listener);

    /**
     * Loads a model to run it whole.
     *
     * @param source the model
     * @param seed the seed of random weights, used when the model has none of its own
     * @return the runner; close it
     */
    Inference openModel(ModelSource source, long seed);

    /**
     * Loads the model a deployment was cut from, as the export loaded it (source, seed, input and output tensors).
     *
     * @param deployment the deployment's manifest
     * @return the runner; close it
     * @throws io.scission.deploy.DeploymentException if the model found is not the one the deployment was cut from
     */
    Inference openModel(Deployment deployment);

    /**
     * Opens a deployment's segments, chained: its inputs and outputs are the model's.
     *
     * @param dir the deployment's directory
     * @return the runner; close it
     * @throws io.scission.deploy.DeploymentException if a segment is missing or disagrees with the manifest
     */
    Inference openDeployment(Path dir);

    /**
     * Opens one segment of a deployment, to run it alone given the tensors that enter it.
     *
     * @param dir the deployment's directory
     * @param index the segment's index, from 0
     * @return the runner; close it
     * @throws io.scission.deploy.DeploymentException if the segment is missing or disagrees with the manifest
     * @throws IllegalArgumentException if there is no such segment
     */
    Inference openSegment(Path dir, int index);
}
