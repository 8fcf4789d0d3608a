package io.scission.tf.deploy;

import static java.util.Objects.requireNonNull;

import io.scission.deploy.Deployment;
import io.scission.deploy.DeploymentException;
import io.scission.deploy.HostTensor;
import io.scission.deploy.Inference;
import io.scission.deploy.RunReport;
import io.scission.deploy.Tensors;
import io.scission.model.ModelGraph;
import io.scission.model.TensorRef;
import io.scission.tf.TfModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.exceptions.TensorFlowException;

/**
 * The whole model in one TensorFlow session, as scission-tf loads it (the same flat graph the profiler times): the
 * reference a deployment's chained segments are compared with. Inputs are keyed by the model's input layers,
 * outputs by the layers that produce the model's outputs. Open one with {@link Deployments#openModel}.
 */
public final class ModelRunner implements Inference {

    private final TfModel model;
    private final String source;
    private final long seed;
    private final boolean owned;
    private final Session session;
    private final List<Deployment.CutTensor> inputs;
    private final List<Deployment.CutTensor> outputs;

    ModelRunner(TfModel model, String source, long seed, boolean owned) {
        this.model = requireNonNull(model, "model");
        this.source = requireNonNull(source, "source");
        this.seed = seed;
        this.owned = owned;
        ModelGraph g = model.structure();
        List<Deployment.CutTensor> in = new ArrayList<>();
        for (TensorRef ref : CutTensors.modelInputs(g)) {
            in.add(CutTensors.describe(model, ref, model.tensor(ref), true));
        }
        List<Deployment.CutTensor> out = new ArrayList<>();
        for (TensorRef ref : g.outputs()) {
            out.add(CutTensors.describe(model, ref, model.tensor(ref), true));
        }
        this.inputs = List.copyOf(in);
        this.outputs = List.copyOf(out);
        this.session = new Session(model.graph());
    }

    /**

     * Returns the loaded model (its graph and layers).

     *

     * @return the model

     */
    public TfModel model() {
        return model;
    }

    /**

     * Returns where the model came from, as given.

     *

     * @return the source

     */
    public String source() {
        return source;
    }

    /**

     * Returns the seed the model was loaded with (of its random weights, if any).

     *

     * @return the seed

     */
    public long seed() {
        return seed;
    }

    Session session() {
        return session;
    }

    @Override
    public String name() {
        return "model " + model.structure().name();
    }

    @Override
    public List<Deployment.CutTensor> inputs() {
        return inputs;
    }

    @Override
    public List<Deployment.CutTensor> outputs() {
        return outputs;
    }

    @Override
    public RunReport run(Map<String, HostTensor> given, int repeats) {
        requireNonNull(given, "inputs");
        Runs.checkRepeats(repeats);
        Tensors.check(name(), inputs, given);
        List<Tensor> fed = new ArrayList<>();
        try {
            Map<String, Tensor> byTensor = new LinkedHashMap<>();
            for (Deployment.CutTensor t : inputs) {
                Tensor n = TfTensors.toNative(given.get(t.key()));
                fed.add(n);
                byTensor.put(t.tensor(), n);
            }
            List<Double> seconds = new ArrayList<>();
            Map<String, HostTensor> out = new LinkedHashMap<>();
            for (int r = 0; r < repeats; r++) {
                Session.Runner runner = session.runner();
                byTensor.forEach(runner::feed);
                List<Deployment.CutTensor> fetched = new ArrayList<>();
                for (Deployment.CutTensor t : outputs) {
                    if (!byTensor.containsKey(t.tensor())) {
                        runner.fetch(t.tensor());
                        fetched.add(t);
                    }
                }
                long t0 = System.nanoTime();
                try (Result res = runner.run()) {
                    seconds.add((System.nanoTime() - t0) / 1e9);
                    if (r == repeats - 1) {
                        for (Deployment.CutTensor t : outputs) {
                            int k = fetched.indexOf(t);
                            out.put(t.key(), k >= 0 ? TfTensors.toHost(res.get(k)) : TfTensors.toHost(
                                    byTensor.get(t.tensor())));
                        }
                    }
                }
            }
            return new RunReport(out, List.of(new RunReport.Stage("whole model", "", seconds)), seconds);
        } catch (TensorFlowException e) {
            throw new DeploymentException(String.format(Locale.ROOT, "%s: TensorFlow failed to run the model (%s).",
                    source, Runs.firstLine(e)), e);
        } finally {
            fed.forEach(Tensor::close);
        }
    }

    /**
     * Runs the model once and returns the given tensors of its graph (e.g. the tensors a deployment's hops carry),
     * by tensor name.
     *
     * @param given the model inputs, by key
     * @param modelTensors tensor names, {@code node:index}, e.g. {@link Deployment.CutTensor#modelTensor()}
     * @return the values, by tensor name, in the order asked
     * @throws IllegalArgumentException if an input is missing or does not fit
     * @throws DeploymentException if TensorFlow fails to run
     */
    public Map<String, HostTensor> tensors(Map<String, HostTensor> given, List<String> modelTensors) {
        Tensors.check(name(), inputs, given);
        List<Tensor> fed = new ArrayList<>();
        Map<String, HostTensor> out = new LinkedHashMap<>();
        try {
            Session.Runner runner = session.runner();
            Map<String, HostTensor> byTensor = new LinkedHashMap<>();
            for (Deployment.CutTensor t : inputs) {
                Tensor n = TfTensors.toNative(given.get(t.key()));
                fed.add(n);
                runner.feed(t.tensor(), n);
                byTensor.put(t.tensor(), given.get(t.key()));
            }
            List<String> fetched = new ArrayList<>();
            for (String name : modelTensors) {
                if (!byTensor.containsKey(name) && !fetched.contains(name)) {
                    runner.fetch(name);
                    fetched.add(name);
                }
            }
            try (Result res = runner.run()) {
                for (String name : modelTensors) {
                    out.put(name, byTensor.containsKey(name) ? byTensor.get(name)
                            : TfTensors.toHost(res.get(fetched.indexOf(name))));
                }
            }
            return out;
        } catch (TensorFlowException e) {
            throw new DeploymentException(String.format(Locale.ROOT, "%s: TensorFlow failed to run the model (%s).",
                    source, Runs.firstLine(e)), e);
        } finally {
            fed.forEach(Tensor::close);
        }
    }

    @Override
    public void close() {
        session.close();
        if (owned) {
            model.close();
        }
    }
}
