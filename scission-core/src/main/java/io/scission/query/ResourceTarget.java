package io.scission.query;

import static java.util.Objects.requireNonNull;

import io.scission.platform.Resource;

/**
 * Targets one resource by name.
 *
 * @param name the resource's name
 */
public record ResourceTarget(String name) implements Target {

    /**
     * Validates the target.
     *
     * @param name the resource's name
     */
    public ResourceTarget {
        requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("A resource name in a constraint must not be blank.");
        }
    }

    @Override
    public boolean matches(Resource resource) {
        return resource.name().equals(name);
    }

    @Override
    public String toParsable() {
        return QueryText.quote(name);
    }

    @Override
    public String toString() {
        return toParsable();
    }

    /**
     * Record equality, written out. A record's generated {@code equals} and {@code hashCode} are linked at their
     * first call (about a dozen method-handle classes generated at run time), which cost {@code scission predict}
     * milliseconds at start: it compares targets when it adds constraints.
     *
     * @param other the other object
     * @return whether both are {@code ResourceTarget}s with equal names
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof ResourceTarget o && name.equals(o.name);
    }

    /**
     * Returns the hash code a record's generated method computes from the same component.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return name.hashCode();
    }
}
