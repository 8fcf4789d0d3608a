package io.scission.spi;

import io.scission.model.ModelGraph;

/**
 * Turns a model file (or a built-in model's name) into a {@link ModelGraph}. Implementations are found with
 * {@link java.util.ServiceLoader}; scission-tf provides the TensorFlow and Keras parsers.
 */
public interface ModelParser {

    /**
     * Returns a short, unique name, e.g. {@code tensorflow-savedmodel}.
     *
     * @return the name
     */
    String name();

    /**
     * Returns the priority among parsers that accept a source; higher wins.
     *
     * @return the priority
     */
    default int priority() {
        return 0;
    }

    /**
     * Returns whether the parser can work in this process.
     *
     * @return the availability
     */
    default Availability availability() {
        return Availability.AVAILABLE;
    }

    /**
     * Returns true if this parser understands the source (a cheap check: extension, directory layout, name).
     *
     * @param source the source
     * @return whether it is accepted
     */
    boolean accepts(ModelSource source);

    /**
     * Parses the source.
     *
     * @param source the source
     * @return the model graph
     * @throws io.scission.ScissionException naming the file and node if the model cannot be parsed
     */
    ModelGraph parse(ModelSource source);
}
