/**
 * Scission core: the domain model, cost model, constraints, search and fluent query API. No TensorFlow.
 */
@org.jspecify.annotations.NullMarked
module io.scission.core {
    requires transitive org.jspecify;
    requires com.google.common;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports io.scission;
    exports io.scission.deploy;
    exports io.scission.model;
    exports io.scission.original;
    exports io.scission.platform;
    exports io.scission.profile;
    exports io.scission.query;
    exports io.scission.reference;
    exports io.scission.search;
    exports io.scission.spi;
    // the binary16 conversion, shared with scission-tf's TF.js weight reader only
    exports io.scission.internal.numeric to io.scission.tf;

    uses io.scission.spi.ModelParser;
    uses io.scission.spi.BlockProfiler;
    uses io.scission.spi.Deployer;
}
