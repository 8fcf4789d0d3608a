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
}
