package io.scission.deploy;

import java.util.List;
import java.util.Map;

/**
 * Something that computes outputs from inputs, timed: the whole model, one segment of a deployment, or a deployment's
 * segments chained (see {@link io.scission.Scission#openModel}, {@link io.scission.Scission#openSegment} and
 * {@link io.scission.Scission#openDeployment}). Inputs and outputs are keyed by the names of the Keras layers that
 * produce them. Holds native resources: close it.
 */
public interface Inference extends AutoCloseable {

    /**

     * Returns what runs, for messages, e.g. {@code segment 1 (edge)}.

     *

     * @return the name

     */
    String name();

    /**

     * Returns the inputs it takes, in order.

     *

     * @return the inputs

     */
    List<Deployment.CutTensor> inputs();

    /**

     * Returns the outputs it returns, in order.

     *

     * @return the outputs

     */
    List<Deployment.CutTensor> outputs();

    /**
     * Runs {@code repeats} times on the same inputs and returns the last run's outputs with every run's times.
     *
     * @param inputs one tensor per input key; a free dimension (-1) takes any size
     * @param repeats how many runs, at least 1
     * @return the outputs and times
     * @throws IllegalArgumentException if an input is missing, unknown, or of the wrong type or shape, or repeats
     *     is not positive
     * @throws DeploymentException if TensorFlow fails to run
     */
    RunReport run(Map<String, HostTensor> inputs, int repeats);

    /** Releases the native sessions and graphs. */
    @Override
    void close();
}
