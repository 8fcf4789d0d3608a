/**
 * Scission's TensorFlow providers: model parsing ({@link io.scission.tf.TensorFlowModelParser}), block
 * profiling ({@link io.scission.tf.TensorFlowProfiler}) and deployment ({@link io.scission.tf.TensorFlowDeployer}:
 * one SavedModel per segment of a plan) for SavedModels, frozen graphs, Keras JSON and {@code .h5}
 * files, TF.js layers models and the built-in Keras zoo. Core finds them through {@link java.util.ServiceLoader};
 * only {@code io.scission.tf} (the providers, their options records and {@link io.scission.tf.TfModel}) is
 * exported.
 *
 * <p>On the module path nothing needs to be added: this module requires TensorFlow Java ({@code tensorflow}) and
 * the linux-x86_64 natives ({@code tensorflow.nativelib.linux.x86_64}), so resolving it (e.g. through core's
 * {@code uses}) resolves them.
 */
@org.jspecify.annotations.NullMarked
module io.scission.tf {
    requires transitive io.scission.core;
    // TfModel and TensorFlowModelParser show TensorFlow Java's Graph and Session
    requires transitive tensorflow;
    // the natives jar is an automatic module that nothing else requires: without this line it is not resolved
    // and JavaCPP cannot find libtensorflow on the module path
    requires tensorflow.nativelib.linux.x86_64;
    requires com.fasterxml.jackson.databind;
    requires io.jhdf;
    requires java.management;
    requires org.slf4j;

    exports io.scission.tf;

    // the child JVM's job travels as Jackson writes records
    opens io.scission.tf.internal.child to com.fasterxml.jackson.databind;

    provides io.scission.spi.ModelParser with io.scission.tf.TensorFlowModelParser;
    provides io.scission.spi.BlockProfiler with io.scission.tf.TensorFlowProfiler;
    provides io.scission.spi.Deployer with io.scission.tf.TensorFlowDeployer;
}
