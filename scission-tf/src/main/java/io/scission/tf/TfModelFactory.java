package io.scission.tf;

import io.scission.model.ModelGraph;
import io.scission.spi.ModelSource;

/**
 * One kind of model source that scission-tf understands (TensorFlow graphs, Keras architectures). The public
 * providers {@link TensorFlowModelParser} and {@link TensorFlowProfiler} ask each factory in turn.
 */
interface TfModelFactory {

    /** A short name for messages, e.g. {@code keras}. */
    String name();

    /** True if this factory understands the source (a cheap check). */
    boolean accepts(ModelSource source);

    /** Parses the layer structure; must not need a TensorFlow runtime where avoidable. */
    ModelGraph parse(ModelSource source);

    /** Builds or loads the runnable model. */
    TfModel open(ModelSource source, long seed);
}
