/**
 * Scission's TensorFlow providers: model parsing ({@link io.scission.tf.TensorFlowModelParser}), block
 * profiling ({@link io.scission.tf.TensorFlowProfiler}) and deployment ({@link io.scission.tf.TensorFlowDeployer}:
 * one SavedModel per segment of a plan) for SavedModels, frozen graphs, Keras JSON and {@code .h5}
 * files, TF.js layers models and the built-in Keras zoo. Core finds them through {@link java.util.ServiceLoader};
 * only {@code io.scission.tf} (the providers, their options records and {@link io.scission.tf.TfModel}) is
 * exported.
 *
 * <p>On the module path nothing needs to be added (no {@code --add-modules}): put this module, its dependencies
 * and the TensorFlow natives jar of the platform (e.g. {@code tensorflow-core-native-1.1.0-linux-arm64.jar},
 * automatic module {@code tensorflow.nativelib.linux.arm64}) on it. This module names no natives module, so any
 * platform's works: the natives jar is resolved because this module's dependencies include automatic modules
 * ({@code io.jhdf}, and TensorFlow's {@code com.google.protobuf}), and resolving one automatic module resolves every
 * automatic module on the module path. Without a natives jar the first use of TensorFlow fails, naming the jar to
 * add.
 */
@org.jspecify.annotations.NullMarked
module io.scission.tf {
    requires transitive io.scission.core;
    // TfModel and TensorFlowModelParser show TensorFlow Java's Graph and Session
    requires transitive tensorflow;
    // No 'requires tensorflow.nativelib.<platform>': that would tie the module path to one platform. The natives
    // jar (an automatic module) is resolved with the automatic modules below (ModulePathTest checks both).
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
