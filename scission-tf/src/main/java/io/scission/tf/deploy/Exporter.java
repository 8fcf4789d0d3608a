package io.scission.tf.deploy;

import io.scission.deploy.Deployment;
import io.scission.deploy.DeploymentException;
import io.scission.deploy.DeploymentFiles;
import io.scission.deploy.ExportOptions;
import io.scission.deploy.HostTensor;
import io.scission.deploy.RunReport;
import io.scission.deploy.SegmentPlan;
import io.scission.deploy.Tensors;
import io.scission.model.Block;
import io.scission.model.BlockLayout;
import io.scission.model.Layer;
import io.scission.model.ModelGraph;
import io.scission.model.TensorRef;
import io.scission.spi.ProgressListener;
import io.scission.tf.TfModel;
import io.scission.tf.internal.graph.GraphDefs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.TensorFlow;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorShapeProto;
import org.tensorflow.types.TString;

/**
 * Writes a deployment: checks the plan against the model, cuts one SavedModel per segment into a temporary
 * directory, verifies the chain against the whole model, writes the manifest, and renames the directory into place.
 */
final class Exporter {

    static final String SIGNATURE = "serving_default";
    static final String TAG = "serve";
    static final String METHOD = "tensorflow/serving/predict";

    private Exporter() {
    }

    static Deployment export(ModelRunner runner, SegmentPlan plan, Path out, ExportOptions options,
            ProgressListener listener) {
        TfModel model = runner.model();
        ModelGraph g = model.structure();
        DeploymentFiles.checkOutputDirectory(out, options.replaceExisting());
        BlockLayout layout = g.blocks(plan.rule());
        List<SegmentPlan.Placement> placements = plan.check(g, runner.source());

        Path temp;
        try {
            temp = AtomicFiles.tempSibling(out);
        } catch (IOException e) {
            throw new UncheckedIOException(String.format(Locale.ROOT, "%s: cannot create a directory next to it "
                    + "(%s).%nMaybe check the parent directory's permissions.", out, e), e);
        }
        try {
            int steps = placements.size() + (options.verify() ? 1 : 0);
            Deployment d = write(runner, plan, placements, layout, temp, steps, listener);
            if (options.verify()) {
                d = verify(runner, d, temp, options.seed());
                listener.progress(steps, steps, "verified: the chained segments compute what the model computes");
            }
            AtomicFiles.write(temp.resolve(Deployment.MANIFEST),
                    DeploymentFiles.toJson(d).getBytes(StandardCharsets.UTF_8));
            AtomicFiles.publish(temp, out, options.replaceExisting());
            return d;
        } catch (FileAlreadyExistsException e) {
            throw DeploymentFiles.notEmpty(out);
        } catch (IOException e) {
            throw new UncheckedIOException(String.format(Locale.ROOT, "%s: cannot write the deployment (%s).%n"
                    + "Maybe check the free space and permissions.", out, e), e);
        } finally {
            AtomicFiles.deleteRecursively(temp);
        }
    }

    // ----------------------------------------------------------------------------------------------- segments

    private static Deployment write(ModelRunner runner, SegmentPlan plan, List<SegmentPlan.Placement> placements,
            BlockLayout layout, Path dir, int steps, ProgressListener listener) throws IOException {
        TfModel model = runner.model();
        ModelGraph g = model.structure();
        GraphDef full = model.graph().toGraphDef();
        List<Deployment.SegmentInfo> segments = new ArrayList<>();
        List<Deployment.HopInfo> hops = new ArrayList<>();
        for (int i = 0; i < placements.size(); i++) {
            SegmentPlan.Placement p = placements.get(i);
            boolean lastSegment = i == placements.size() - 1;
            List<TensorRef> inRefs = new ArrayList<>(p.firstLayer() == 0 ? List.of()
                    : SegmentPlan.crossing(g, p.firstLayer() - 1));
            List<TensorRef> modelIns = new ArrayList<>();
            for (TensorRef r : CutTensors.modelInputs(g)) {
                if (r.layer() >= p.firstLayer() && r.layer() <= p.lastLayer()) {
                    modelIns.add(r);
                }
            }
            List<TensorRef> outRefs = lastSegment ? new ArrayList<>(new LinkedHashSet<>(g.outputs()))
                    : SegmentPlan.crossing(g, p.lastLayer());
            Set<String> forbidden = new HashSet<>();
            for (int l = 0; l < p.firstLayer(); l++) {
                for (int k = 0; k < g.layers().get(l).outputs().size(); k++) {
                    forbidden.add(GraphDefs.nodeOf(model.tensor(new TensorRef(l, k))));
                }
            }
            List<SegmentGraphs.In> ins = new ArrayList<>();
            List<TensorRef> allIns = new ArrayList<>(inRefs);
            allIns.addAll(modelIns);
            for (TensorRef r : allIns) {
                Layer layer = g.layers().get(r.layer());
                ins.add(new SegmentGraphs.In(CutTensors.key(g, r), model.tensor(r), CutTensors.dataType(model, r),
                        layer.outputs().get(r.output()).shape()));
            }
            List<SegmentGraphs.Out> outs = new ArrayList<>();
            for (TensorRef r : outRefs) {
                outs.add(new SegmentGraphs.Out(CutTensors.key(g, r), model.tensor(r)));
            }
            String name = String.format(Locale.ROOT, "segment-%d-%s", i,
                    p.resource().name().replaceAll("[^A-Za-z0-9._-]", "_"));
            SegmentGraphs.Built built;
            try {
                built = SegmentGraphs.build(full, ins, outs, forbidden);
            } catch (SegmentGraphs.MissingInputException e) {
                throw new DeploymentException(String.format(Locale.ROOT, "Segment %d (layers %d-%d) of %s cannot be "
                        + "cut out: %s.%nMaybe cut elsewhere; this model's layer grouping does not match its graph "
                        + "at this cut.", i, p.firstLayer(), p.lastLayer(), runner.source(), e.getMessage()), e);
            }
            List<Deployment.CutTensor> inputs = new ArrayList<>();
            for (int k = 0; k < allIns.size(); k++) {
                TensorRef r = allIns.get(k);
                inputs.add(CutTensors.describe(model, r, built.inputs().get(ins.get(k).key()), k >= inRefs.size()));
            }
            List<Deployment.CutTensor> outputs = new ArrayList<>();
            for (TensorRef r : outRefs) {
                outputs.add(CutTensors.describe(model, r, built.outputs().get(CutTensors.key(g, r)), lastSegment));
            }
            long[] weightStats = writeSavedModel(runner, built, inputs, outputs, dir.resolve(name), i);
            Block fb = layout.blockOf(p.firstLayer());
            Block lb = layout.blockOf(p.lastLayer());
            segments.add(new Deployment.SegmentInfo(i, p.resource(), p.firstLayer(), p.lastLayer(), fb.index(),
                    lb.index(), g.layers().get(p.firstLayer()).name(), g.layers().get(p.lastLayer()).name(), name,
                    SIGNATURE, List.of(TAG), inputs, outputs, (int) weightStats[0], weightStats[1],
                    files(dir.resolve(name))));
            listener.progress(i + 1, steps, String.format(Locale.ROOT, "segment %d (%s, layers %d-%d) written", i,
                    p.resource().name(), p.firstLayer(), p.lastLayer()));
            if (i > 0) {
                Deployment.SegmentInfo prev = segments.get(i - 1);
                hops.add(new Deployment.HopInfo(i - 1, i, prev.resource().name(), p.resource().name(),
                        Deployment.keysOf(prev.outputs()), prev.outputBytes()));
            }
        }
        Deployment.ModelInfo info = new Deployment.ModelInfo(g.name(), runner.source(), g.size(), layout.size(),
                g.fingerprint(), ModelFiles.sha256(runner.source()), model.weights(), runner.seed());
        Deployment.PlanInfo planInfo = new Deployment.PlanInfo(plan.origin(), plan.rule(), key(plan, segments),
                plan.cuts().isEmpty() ? List.of() : cuts(segments), plan.source(),
                plan.config().map(c -> c.latencySeconds()).orElse(Double.NaN),
                plan.config().map(c -> c.bytesSent()).orElse(-1L));
        return new Deployment(info, planInfo, runtime(), Instant.now().truncatedTo(ChronoUnit.SECONDS), segments, hops,
                Deployment.Verification.NOT_DONE);
    }

    private static List<Integer> cuts(List<Deployment.SegmentInfo> segments) {
        List<Integer> c = new ArrayList<>();
        for (int i = 0; i + 1 < segments.size(); i++) {
            c.add(segments.get(i).lastLayer());
        }
        return c;
    }

    private static String key(SegmentPlan plan, List<Deployment.SegmentInfo> segments) {
        StringBuilder sb = new StringBuilder(plan.source()).append('>');
        for (int i = 0; i < segments.size(); i++) {
            Deployment.SegmentInfo s = segments.get(i);
            sb.append(i == 0 ? "" : "|").append(s.resource().name()).append(':').append(s.firstBlock()).append('-')
                    .append(s.lastBlock());
        }
        return sb.toString();
    }

    /**
     * Writes one SavedModel: the graph (imported into TensorFlow to validate it and fill in default attributes),
     * the checkpoint of its weights written by the graph's own save op fed with the model's values, and
     * {@code saved_model.pb}. Returns {variables, weight bytes}.
     */
    private static long[] writeSavedModel(ModelRunner runner, SegmentGraphs.Built built,
            List<Deployment.CutTensor> inputs, List<Deployment.CutTensor> outputs, Path dir, int index)
            throws IOException {
        Files.createDirectories(dir);
        long bytes = 0;
        GraphDef canonical;
        try (Graph sg = new Graph()) {
            try {
                sg.importGraphDef(built.graphDef());
            } catch (TensorFlowException | IllegalArgumentException e) {
                throw new DeploymentException(String.format(Locale.ROOT, "TensorFlow rejects the graph of segment %d "
                        + "of %s (%s).%nMaybe report this with the model.", index, runner.source(),
                        Runs.firstLine(e)), e);
            }
            canonical = sg.toGraphDef();
            if (!built.weights().isEmpty()) {
                Files.createDirectories(dir.resolve("variables"));
                Session.Runner fetch = runner.session().runner();
                for (SegmentGraphs.Weight w : built.weights()) {
                    fetch.fetch(w.modelTensor());
                }
                try (Result values = fetch.run(); Session s = new Session(sg);
                        TString prefix = TString.scalarOf(dir.resolve("variables").resolve("variables").toString())) {
                    Session.Runner save = s.runner().feed(built.saver().getFilenameTensorName(), prefix);
                    for (int k = 0; k < built.weights().size(); k++) {
                        save.feed(built.weights().get(k).read(), values.get(k));
                        bytes += values.get(k).numBytes();
                    }
                    save.addTarget(GraphDefs.nodeOf(built.saver().getSaveTensorName()));
                    save.run().close();
                } catch (TensorFlowException e) {
                    throw new DeploymentException(String.format(Locale.ROOT, "TensorFlow cannot write the weights of "
                            + "segment %d of %s (%s).%nMaybe check the free space.", index, runner.source(),
                            Runs.firstLine(e)), e);
                }
            }
        }
        SignatureDef.Builder sig = SignatureDef.newBuilder().setMethodName(METHOD);
        for (Deployment.CutTensor t : inputs) {
            sig.putInputs(t.key(), tensorInfo(t));
        }
        for (Deployment.CutTensor t : outputs) {
            sig.putOutputs(t.key(), tensorInfo(t));
        }
        MetaGraphDef.Builder mg = MetaGraphDef.newBuilder()
                .setMetaInfoDef(MetaGraphDef.MetaInfoDef.newBuilder().addTags(TAG)
                        .setTensorflowVersion(TensorFlow.version()))
                .setGraphDef(canonical)
                .putSignatureDef(SIGNATURE, sig.build());
        if (!built.weights().isEmpty()) {
            mg.setSaverDef(built.saver());
        }
        SavedModel sm = SavedModel.newBuilder().setSavedModelSchemaVersion(1).addMetaGraphs(mg).build();
        AtomicFiles.write(dir.resolve(SavedModelCheck.PB), sm.toByteArray());
        return new long[] {built.weights().size(), bytes};
    }

    /** A signature's tensor info: the tensor's name in the segment's graph, its type and shape (batch free). */
    private static TensorInfo tensorInfo(Deployment.CutTensor t) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long d : t.shape()) {
            shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
        }
        return TensorInfo.newBuilder().setName(t.tensor()).setDtype(TfTensors.dataType(t.dtype()))
                .setTensorShape(shape).build();
    }

    /**
     * The SavedModel's files with their sizes, and the SHA-256 of every file but the checkpoint's data shards: those
     * can be large, and the checkpoint's index (hashed) holds a CRC32C of every tensor that TensorFlow checks when it
     * restores them.
     */
    private static List<Deployment.FileInfo> files(Path dir) throws IOException {
        List<Deployment.FileInfo> l = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) s.filter(Files::isRegularFile).sorted()::iterator) {
                String rel = dir.relativize(f).toString().replace('\\', '/');
                l.add(new Deployment.FileInfo(rel, Files.size(f), rel.contains(".data-") ? ""
                        : SavedModelCheck.sha256(f)));
            }
        }
        return l;
    }

    static String runtime() {
        return "TensorFlow " + TensorFlow.version();
    }

    // ------------------------------------------------------------------------------------------------ verify

    private static Deployment verify(ModelRunner runner, Deployment d, Path dir, long seed) {
        Map<String, HostTensor> input = Tensors.random(runner.inputs(), seed);
        RunReport whole = runner.run(input, 1);
        RunReport chain;
        try (ChainRunner c = ChainRunner.open(dir, d, null)) {
            chain = c.run(input, 1);
        }
        List<Deployment.OutputCheck> checks = new ArrayList<>();
        for (Deployment.CutTensor t : runner.outputs()) {
            HostTensor y = whole.outputs().get(t.key());
            HostTensor z = chain.outputs().get(t.key());
            double max = y.maxAbs();
            Deployment.OutputCheck c = new Deployment.OutputCheck(t.key(), y.maxAbsDifference(z), max,
                    Tensors.tolerance(t.dtype(), max));
            if (!c.passed()) {
                throw new DeploymentException(String.format(Locale.ROOT, "The exported segments of %s do not compute "
                        + "what the whole model computes: output %s differs by up to %.3g (tolerance %.3g) on a "
                        + "seeded random input.%nMaybe report this with the model and the plan; nothing was "
                        + "written.", runner.source(), t.key(), c.maxAbsDifference(), c.tolerance()));
            }
            checks.add(c);
        }
        return new Deployment(d.model(), d.plan(), d.runtime(), d.created(), d.segments(), d.hops(),
                new Deployment.Verification(true, "seeded-random(seed=" + seed + "), batch 1", checks));
    }
}
