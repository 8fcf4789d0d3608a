package io.scission.deploy;

import static java.util.Objects.requireNonNull;

import io.scission.model.PartitionRule;
import io.scission.platform.Resource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A deployment as its manifest {@code deployment.json} (format {@code scission-deployment}, version 1) describes
 * it: the model, the plan, and per segment the resource, the layer and block range, the SavedModel directory and the
 * tensors that enter and leave it; the hops between segments; and the check made at export time. Written by
 * {@link io.scission.Scission#export}, read by {@link DeploymentFiles#read}. See {@code docs/file-formats.md}.
 *
 * @param model the model that was cut
 * @param plan the plan that was deployed
 * @param runtime the runtime that exported it, e.g. {@code TensorFlow 2.18.0 (TF Java 1.1.0)}
 * @param created when it was exported
 * @param segments the segments in pipeline order
 * @param hops the transfers between consecutive segments, in order
 * @param verification the comparison of the chained segments with the whole model made at export time
 */
public record Deployment(ModelInfo model, PlanInfo plan, String runtime, Instant created, List<SegmentInfo> segments,
        List<HopInfo> hops, Verification verification) {

    /** The manifest's file name. */
    public static final String MANIFEST = "deployment.json";
    /** The manifest's format name. */
    public static final String FORMAT = "scission-deployment";
    /** The manifest's format version. */
    public static final int VERSION = 1;

    /**
     * Validates the deployment: segments numbered in order, consecutive and covering the model's layers, each
     * segment's inputs that come from the previous segment equal to that segment's outputs, and one hop per pair.
     *
     * @param model the model that was cut
     * @param plan the plan that was deployed
     * @param runtime the runtime that exported it, e.g. {@code TensorFlow 2.18.0 (TF Java 1.1.0)}
     * @param created when it was exported
     * @param segments the segments in pipeline order
     * @param hops the transfers between consecutive segments, in order
     * @param verification the comparison of the chained segments with the whole model made at export time
     * @throws IllegalArgumentException if the parts disagree
     */
    public Deployment {
        requireNonNull(model, "model");
        requireNonNull(plan, "plan");
        requireNonNull(runtime, "runtime");
        requireNonNull(created, "created");
        segments = List.copyOf(requireNonNull(segments, "segments"));
        hops = List.copyOf(requireNonNull(hops, "hops"));
        requireNonNull(verification, "verification");
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("A deployment needs at least one segment.");
        }
        int next = 0;
        for (int i = 0; i < segments.size(); i++) {
            SegmentInfo s = segments.get(i);
            if (s.index() != i || s.firstLayer() != next) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "The segment at position %d is segment "
                        + "%d with layers %d-%d; expected segment %d starting at layer %d.", i, s.index(),
                        s.firstLayer(), s.lastLayer(), i, next));
            }
            next = s.lastLayer() + 1;
            if (i > 0) {
                List<CutTensor> sent = segments.get(i - 1).outputs();
                List<CutTensor> received = new ArrayList<>();
                for (CutTensor t : s.inputs()) {
                    if (!t.modelEdge()) {
                        received.add(t);
                    }
                }
                if (!sameTensors(sent, received)) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT, "Segment %d sends %s but segment %d "
                            + "receives %s.", i - 1, keysOf(sent), i, keysOf(received)));
                }
            }
        }
        if (next != model.layers()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "The segments end at layer %d, but model "
                    + "%s has %d layers (0-%d).", next - 1, model.name(), model.layers(), model.layers() - 1));
        }
        if (hops.size() != segments.size() - 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "The deployment has %d segments but %d "
                    + "hops; it needs one hop between each pair of consecutive segments.", segments.size(),
                    hops.size()));
        }
        for (int i = 0; i < hops.size(); i++) {
            HopInfo h = hops.get(i);
            if (h.fromSegment() != i || h.toSegment() != i + 1
                    || !h.tensors().equals(keysOf(segments.get(i).outputs()))) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "The hop at position %d (segment %d -> "
                        + "%d carrying %s) must go from segment %d to %d and carry %s.", i, h.fromSegment(),
                        h.toSegment(), h.tensors(), i, i + 1, keysOf(segments.get(i).outputs())));
            }
        }
    }

    private static boolean sameTensors(List<CutTensor> a, List<CutTensor> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            CutTensor x = a.get(i);
            CutTensor y = b.get(i);
            if (!x.key().equals(y.key()) || x.dtype() != y.dtype() || !x.shape().equals(y.shape())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns the keys of tensors, in order.
     *
     * @param tensors the tensors
     * @return their keys
     */
    public static List<String> keysOf(List<CutTensor> tensors) {
        List<String> k = new ArrayList<>();
        for (CutTensor t : tensors) {
            k.add(t.key());
        }
        return List.copyOf(k);
    }

    /**

     * Returns the model's inputs: the first segment's inputs and any later segment's model inputs.

     *

     * @return them

     */
    public List<CutTensor> modelInputs() {
        List<CutTensor> l = new ArrayList<>();
        for (SegmentInfo s : segments) {
            for (CutTensor t : s.inputs()) {
                if (t.modelEdge()) {
                    l.add(t);
                }
            }
        }
        return List.copyOf(l);
    }

    /**

     * Returns the model's outputs: the last segment's outputs.

     *

     * @return them

     */
    public List<CutTensor> modelOutputs() {
        return segments.get(segments.size() - 1).outputs();
    }

    /**
     * The model that was cut.
     *
     * @param name the model's name
     * @param source where it was loaded from: an absolute path, or a zoo location such as {@code zoo:resnet50}
     * @param layers the number of layers
     * @param blocks the number of blocks under the plan's rule
     * @param fingerprint the SHA-256 of the layer structure (names, types, connections, tensor types and shapes),
     *     as {@code ModelGraph.fingerprint()} computes it
     * @param filesSha256 the SHA-256 of the model's files (each file's relative path and content, sorted by path);
     *     empty for a zoo model
     * @param weights where the weights came from: {@code file}, or {@code seeded-random(seed=42, ...)}
     * @param seed the seed the model was loaded with (its random weights, if it has any, depend on it)
     */
    public record ModelInfo(String name, String source, int layers, int blocks, String fingerprint,
            String filesSha256, String weights, long seed) {

        /**
         * Validates the model description.
         *
         * @param name the model's name
         * @param source where it was loaded from: an absolute path, or a zoo location such as {@code zoo:resnet50}
         * @param layers the number of layers
         * @param blocks the number of blocks under the plan's rule
         * @param fingerprint the SHA-256 of the layer structure (names, types, connections, tensor types and shapes),
         *     as {@code ModelGraph.fingerprint()} computes it
         * @param filesSha256 the SHA-256 of the model's files (each file's relative path and content, sorted by path);
         *     empty for a zoo model
         * @param weights where the weights came from: {@code file}, or {@code seeded-random(seed=42, ...)}
         * @param seed the seed the model was loaded with (its random weights, if it has any, depend on it)
         * @throws IllegalArgumentException if a count is not positive
         */
        public ModelInfo {
            requireNonNull(name, "name");
            requireNonNull(source, "source");
            requireNonNull(fingerprint, "fingerprint");
            requireNonNull(filesSha256, "filesSha256");
            requireNonNull(weights, "weights");
            if (layers <= 0 || blocks <= 0 || blocks > layers) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "The model %s must have at least one "
                        + "layer (%d) and between 1 and that many blocks (%d).", name, layers, blocks));
            }
        }
    }

    /**
     * The plan that was deployed.
     *
     * @param origin {@code query} (a plan a query returned from profiles) or {@code cuts} (given by hand)
     * @param rule the partition rule whose points the cuts are
     * @param key the plan's key, {@code source>resource:firstBlock-lastBlock|...}
     * @param cuts the last layer of every segment but the last
     * @param source the resource where the input starts
     * @param predictedLatencySeconds the latency the query predicted, in seconds; NaN for a plan given by hand
     * @param predictedBytes the bytes the query predicted to be sent; -1 for a plan given by hand
     */
    public record PlanInfo(String origin, PartitionRule rule, String key, List<Integer> cuts, String source,
            double predictedLatencySeconds, long predictedBytes) {

        /**
         * Validates and copies.
         *
         * @param origin {@code query} (a plan a query returned from profiles) or {@code cuts} (given by hand)
         * @param rule the partition rule whose points the cuts are
         * @param key the plan's key, {@code source>resource:firstBlock-lastBlock|...}
         * @param cuts the last layer of every segment but the last
         * @param source the resource where the input starts
         * @param predictedLatencySeconds the latency the query predicted, in seconds; NaN for a plan given by hand
         * @param predictedBytes the bytes the query predicted to be sent; -1 for a plan given by hand
         */
        public PlanInfo {
            requireNonNull(origin, "origin");
            requireNonNull(rule, "rule");
            requireNonNull(key, "key");
            cuts = List.copyOf(requireNonNull(cuts, "cuts"));
            requireNonNull(source, "source");
        }
    }

    /**
     * One segment: an ordinary TensorFlow SavedModel whose {@code serving_default} signature takes the tensors that
     * enter the segment and returns those that leave it.
     *
     * @param index the position in the pipeline, from 0
     * @param resource where it is meant to run
     * @param firstLayer the first layer
     * @param lastLayer the last layer, inclusive
     * @param firstBlock the first block under the plan's rule
     * @param lastBlock the last block, inclusive
     * @param firstLayerName the first layer's name
     * @param lastLayerName the last layer's name
     * @param savedModel the SavedModel directory, relative to the deployment directory
     * @param signature the signature key, {@code serving_default}
     * @param tags the MetaGraph tags, {@code [serve]}
     * @param inputs the tensors that enter, in signature order
     * @param outputs the tensors that leave, in signature order
     * @param variables the number of weight tensors (resource variables) the SavedModel restores
     * @param weightBytes their total size in bytes
     * @param files the SavedModel's files with their sizes and SHA-256
     */
    public record SegmentInfo(int index, Resource resource, int firstLayer, int lastLayer, int firstBlock,
            int lastBlock, String firstLayerName, String lastLayerName, String savedModel, String signature,
            List<String> tags, List<CutTensor> inputs, List<CutTensor> outputs, int variables, long weightBytes,
            List<FileInfo> files) {

        /**
         * Validates and copies.
         *
         * @param index the position in the pipeline, from 0
         * @param resource where it is meant to run
         * @param firstLayer the first layer
         * @param lastLayer the last layer, inclusive
         * @param firstBlock the first block under the plan's rule
         * @param lastBlock the last block, inclusive
         * @param firstLayerName the first layer's name
         * @param lastLayerName the last layer's name
         * @param savedModel the SavedModel directory, relative to the deployment directory
         * @param signature the signature key, {@code serving_default}
         * @param tags the MetaGraph tags, {@code [serve]}
         * @param inputs the tensors that enter, in signature order
         * @param outputs the tensors that leave, in signature order
         * @param variables the number of weight tensors (resource variables) the SavedModel restores
         * @param weightBytes their total size in bytes
         * @param files the SavedModel's files with their sizes and SHA-256
         * @throws IllegalArgumentException if a range is empty or there is no output
         */
        public SegmentInfo {
            requireNonNull(resource, "resource");
            requireNonNull(firstLayerName, "firstLayerName");
            requireNonNull(lastLayerName, "lastLayerName");
            requireNonNull(savedModel, "savedModel");
            requireNonNull(signature, "signature");
            tags = List.copyOf(requireNonNull(tags, "tags"));
            inputs = List.copyOf(requireNonNull(inputs, "inputs"));
            outputs = List.copyOf(requireNonNull(outputs, "outputs"));
            files = List.copyOf(requireNonNull(files, "files"));
            if (firstLayer < 0 || lastLayer < firstLayer || firstBlock < 0 || lastBlock < firstBlock
                    || inputs.isEmpty() || outputs.isEmpty() || variables < 0 || weightBytes < 0) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "The segment %d (layers %d-%d, blocks "
                        + "%d-%d, %d inputs, %d outputs) must have non-empty ranges, inputs and outputs.", index,
                        firstLayer, lastLayer, firstBlock, lastBlock, inputs.size(), outputs.size()));
            }
        }

        /**

         * Returns the keys of the inputs, in order.

         *

         * @return the keys

         */
        public List<String> inputKeys() {
            return keysOf(inputs);
        }

        /**

         * Returns the keys of the outputs, in order.

         *

         * @return the keys

         */
        public List<String> outputKeys() {
            return keysOf(outputs);
        }

        /**

         * Returns the bytes that enter the segment, batch 1.

         *

         * @return bytes

         */
        public long inputBytes() {
            return inputs.stream().mapToLong(CutTensor::bytes).sum();
        }

        /**

         * Returns the bytes that leave the segment, batch 1.

         *

         * @return bytes

         */
        public long outputBytes() {
            return outputs.stream().mapToLong(CutTensor::bytes).sum();
        }
    }

    /**
     * A tensor that enters or leaves a segment, named after the Keras layer that produces it.
     *
     * @param key the signature key: the layer's name, or {@code layer:k} for output {@code k} of a layer with
     *     several outputs
     * @param layer the producing layer's name
     * @param layerIndex the producing layer's index
     * @param output the output's position among the layer's outputs
     * @param tensor the tensor's name in the segment's graph, {@code node:index}
     * @param modelTensor the tensor's name in the whole model's graph
     * @param dtype the element type
     * @param shape the dimensions, -1 for a free (batch) dimension
     * @param bytes the size for a batch of one, in bytes
     * @param modelEdge for an input, true if it is a model input (fed from outside, not by the previous segment);
     *     for an output, true if it is a model output (the last segment's outputs)
     */
    public record CutTensor(String key, String layer, int layerIndex, int output, String tensor, String modelTensor,
            ElementType dtype, List<Long> shape, long bytes, boolean modelEdge) {

        /**
         * Validates and copies.
         *
         * @param key the signature key: the layer's name, or {@code layer:k} for output {@code k} of a layer with
         *     several outputs
         * @param layer the producing layer's name
         * @param layerIndex the producing layer's index
         * @param output the output's position among the layer's outputs
         * @param tensor the tensor's name in the segment's graph, {@code node:index}
         * @param modelTensor the tensor's name in the whole model's graph
         * @param dtype the element type
         * @param shape the dimensions, -1 for a free (batch) dimension
         * @param bytes the size for a batch of one, in bytes
         * @param modelEdge for an input, true if it is a model input (fed from outside, not by the previous segment);
         *     for an output, true if it is a model output (the last segment's outputs)
         */
        public CutTensor {
            requireNonNull(key, "key");
            requireNonNull(layer, "layer");
            requireNonNull(tensor, "tensor");
            requireNonNull(modelTensor, "modelTensor");
            requireNonNull(dtype, "dtype");
            shape = List.copyOf(requireNonNull(shape, "shape"));
            if (bytes < 0) {
                throw new IllegalArgumentException("The size of tensor " + key + " must not be negative.");
            }
        }
    }

    /**
     * A transfer between consecutive segments.
     *
     * @param fromSegment the sending segment
     * @param toSegment the receiving segment
     * @param from the sending resource's name
     * @param to the receiving resource's name
     * @param tensors the keys of the tensors sent, in order
     * @param bytes their size for a batch of one, in bytes
     */
    public record HopInfo(int fromSegment, int toSegment, String from, String to, List<String> tensors, long bytes) {

        /**
         * Validates and copies.
         *
         * @param fromSegment the sending segment
         * @param toSegment the receiving segment
         * @param from the sending resource's name
         * @param to the receiving resource's name
         * @param tensors the keys of the tensors sent, in order
         * @param bytes their size for a batch of one, in bytes
         */
        public HopInfo {
            requireNonNull(from, "from");
            requireNonNull(to, "to");
            tensors = List.copyOf(requireNonNull(tensors, "tensors"));
        }
    }

    /**
     * A file of a segment's SavedModel.
     *
     * @param path the path relative to the SavedModel directory, with {@code /}
     * @param bytes its size
     * @param sha256 the SHA-256 of its content, hex
     */
    public record FileInfo(String path, long bytes, String sha256) {

        /**
         * Validates.
         *
         * @param path the path relative to the SavedModel directory, with {@code /}
         * @param bytes its size
         * @param sha256 the SHA-256 of its content, hex
         */
        public FileInfo {
            requireNonNull(path, "path");
            requireNonNull(sha256, "sha256");
        }
    }

    /**
     * The check made at export time: the whole model and the chained segments run on the same input.
     *
     * @param done whether the check was made (false when the export was told to skip it)
     * @param input the input used, e.g. {@code seeded-random(seed=42), batch 1}
     * @param outputs one comparison per model output
     */
    public record Verification(boolean done, String input, List<OutputCheck> outputs) {

        /** No check made. */
        public static final Verification NOT_DONE = new Verification(false, "", List.of());

        /**
         * Validates and copies.
         *
         * @param done whether the check was made (false when the export was told to skip it)
         * @param input the input used, e.g. {@code seeded-random(seed=42), batch 1}
         * @param outputs one comparison per model output
         */
        public Verification {
            requireNonNull(input, "input");
            outputs = List.copyOf(requireNonNull(outputs, "outputs"));
        }
    }

    /**
     * The comparison of one model output.
     *
     * @param key the output's key
     * @param maxAbsDifference max |chain − whole model| over the output's elements
     * @param maxAbsValue max |whole model| over the output's elements
     * @param tolerance the largest difference accepted: 1e-5 × max(1, maxAbsValue) for floating point, 0 otherwise
     */
    public record OutputCheck(String key, double maxAbsDifference, double maxAbsValue, double tolerance) {

        /**
         * Validates.
         *
         * @param key the output's key
         * @param maxAbsDifference max |chain − whole model| over the output's elements
         * @param maxAbsValue max |whole model| over the output's elements
         * @param tolerance the largest difference accepted: 1e-5 × max(1, maxAbsValue) for floating point, 0 otherwise
         */
        public OutputCheck {
            requireNonNull(key, "key");
        }

        /**

         * Returns true if the difference is within the tolerance.

         *

         * @return whether the output agrees

         */
        public boolean passed() {
            return maxAbsDifference <= tolerance;
        }
    }
}
