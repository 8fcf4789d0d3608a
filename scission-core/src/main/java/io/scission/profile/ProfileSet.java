package io.scission.profile;

import static java.util.Objects.requireNonNull;

import io.scission.model.BlockLayout;
import io.scission.platform.Power;
import io.scission.platform.Resource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The profiles of one model on several resources, with one block layout shared by all. This and a
 * {@link io.scission.platform.Network} are what a {@link io.scission.Query} is solved against.
 */
public final class ProfileSet {

    private final BlockLayout layout;
    private final Map<String, Profile> byResource;

    private ProfileSet(BlockLayout layout, Map<String, Profile> byResource) {
        this.layout = layout;
        this.byResource = byResource;
    }

    /** Profiles by resource (written out: a lambda or method reference is linked at its first call, milliseconds at every CLI start). */
    private static final Comparator<Profile> BY_RESOURCE = new Comparator<>() {
        @Override
        public int compare(Profile a, Profile b) {
            return a.resource().compareTo(b.resource());
        }
    };

    /**
     * Returns the set of the given profiles.
     *
     * @param profiles profiles of the same model with the same blocks, one per resource
     * @return the set
     * @throws IllegalArgumentException if there are no profiles, two profiles share a resource name, or the
     *     models, their input sizes or their blocks differ
     */
    public static ProfileSet of(Collection<Profile> profiles) {
        requireNonNull(profiles, "profiles");
        if (profiles.isEmpty()) {
            throw new IllegalArgumentException("A profile set needs at least one profile.");
        }
        List<Profile> sorted = new ArrayList<>(profiles);
        sorted.sort(BY_RESOURCE);
        Profile first = sorted.get(0);
        Map<String, Profile> byResource = new LinkedHashMap<>();
        for (Profile p : sorted) {
            requireNonNull(p, "profile");
            Profile old = byResource.putIfAbsent(p.resource().name(), p);
            if (old != null) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "Two profiles are for resource %s.%nMaybe give each machine its own name.",
                        p.resource().name()));
            }
            BlockLayout a = first.layout();
            BlockLayout b = p.layout();
            if (!a.model().equals(b.model())) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "The profile of %s is for model %s but the profile of %s is for model %s.%n"
                                + "Maybe load only the profiles of one model.",
                        first.resource().name(), a.model(), p.resource().name(), b.model()));
            }
            if (a.inputBytes() != b.inputBytes()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "The profile of %s gives model %s an input of %d bytes but the profile of %s gives %d bytes."
                                + "%nMaybe profile both with the same input shape, or fix model.inputBytes in one.",
                        first.resource().name(), a.model(), a.inputBytes(), p.resource().name(), b.inputBytes()));
            }
            if (!a.sameStructure(b)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "The profiles of %s (%d blocks, %d layers) and %s (%d blocks, %d layers) split model %s "
                                + "differently.%nMaybe profile both under the same partition rule and model version.",
                        first.resource().name(), a.size(), a.layerCount(), p.resource().name(), b.size(),
                        b.layerCount(), a.model()));
            }
        }
        return new ProfileSet(first.layout(), byResource);
    }

    /**
     * Returns the set of the given profiles.
     *
     * @param profiles the profiles
     * @return the set
     */
    public static ProfileSet of(Profile... profiles) {
        return of(List.of(profiles));
    }

    /**
     * Returns the shared block layout.
     *
     * @return the layout
     */
    public BlockLayout layout() {
        return layout;
    }

    /**
     * Returns the profiles, ordered by tier then resource name.
     *
     * @return the profiles
     */
    public List<Profile> profiles() {
        return List.copyOf(byResource.values());
    }

    /**
     * Returns the profiled resources, ordered by tier then name.
     *
     * @return the resources
     */
    public List<Resource> resources() {
        List<Resource> resources = new ArrayList<>();
        for (Profile p : byResource.values()) {
            resources.add(p.resource());
        }
        return List.copyOf(resources);
    }

    /**
     * Returns the profile of a resource.
     *
     * @param resourceName the resource's name
     * @return the profile, if any
     */
    public Optional<Profile> profile(String resourceName) {
        return Optional.ofNullable(byResource.get(resourceName));
    }

    /**
     * Returns a copy with one profile added or replaced, e.g. after re-profiling a resource.
     *
     * @param profile the profile
     * @return the new set
     */
    public ProfileSet with(Profile profile) {
        Map<String, Profile> copy = new LinkedHashMap<>(byResource);
        copy.put(profile.resource().name(), profile);
        return of(copy.values());
    }

    /**
     * Returns a copy in which the profiled resource of the same name is described by {@code resource}, e.g. with a
     * memory capacity ({@link Resource#withMemory}).
     *
     * @param resource the new description; its name must be profiled
     * @return the new set
     * @throws IllegalArgumentException if no profile has that resource name
     */
    public ProfileSet withResource(Resource resource) {
        requireNonNull(resource, "resource");
        Profile old = byResource.get(resource.name());
        if (old == null) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The resource %s has no profile (known: %s).%nMaybe check the spelling.", resource.name(),
                    String.join(", ", byResource.keySet())));
        }
        return with(old.withResource(resource));
    }

    /**
     * Returns a copy in which one resource has the given power figures (its profile otherwise unchanged), for energy
     * objectives and constraints.
     *
     * @param resourceName the profiled resource's name
     * @param power the figures, e.g. {@code Power.of(4.5, 1.2, 0.9)}
     * @return the new set
     * @throws IllegalArgumentException if no profile is for that resource
     */
    public ProfileSet withPower(String resourceName, Power power) {
        requireNonNull(resourceName, "resourceName");
        requireNonNull(power, "power");
        Profile p = byResource.get(resourceName);
        if (p == null) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The resource (%s) given power figures has no profile (known: %s).%nMaybe check the spelling; "
                            + "names are case-sensitive.", resourceName, String.join(", ", byResource.keySet())));
        }
        return with(p.withResource(p.resource().withPower(power)));
    }

    @Override
    public String toString() {
        return "ProfileSet{" + layout.model() + ", " + byResource.keySet() + "}";
    }
}
