package io.scission.spi;

import io.scission.profile.Profile;

/**
 * Times every block of a model on this machine. Implementations are found with {@link java.util.ServiceLoader};
 * scission-tf provides the TensorFlow profiler.
 */
public interface BlockProfiler {

    /**
     * Returns a short, unique name, e.g. {@code tensorflow}.
     *
     * @return the name
     */
    String name();

    /**
     * Returns the priority among profilers that accept a source; higher wins.
     *
     * @return the priority
     */
    default int priority() {
        return 0;
    }

    /**
     * Returns whether the profiler can work in this process.
     *
     * @return the availability
     */
    default Availability availability() {
        return Availability.AVAILABLE;
    }

    /**
     * Returns true if this profiler can run the source.
     *
     * @param source the source
     * @return whether it is accepted
     */
    boolean accepts(ModelSource source);

    /**
     * Profiles the model.
     *
     * @param source the model
     * @param request how to profile
     * @param listener receives progress
     * @return the profile
     * @throws io.scission.ScissionException naming the file and node if the model cannot be run
     */
    Profile profile(ModelSource source, ProfileRequest request, ProgressListener listener);
}
