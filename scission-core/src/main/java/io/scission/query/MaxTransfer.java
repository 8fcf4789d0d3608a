package io.scission.query;

import static java.util.Objects.requireNonNull;

import io.scission.Hop;
import io.scission.PartitionConfig;
import io.scission.platform.DataSize;
import java.util.List;

/**
 * At most {@code limit} bytes in total may be sent over hops from a resource matching {@code from} to a resource
 * matching {@code to} (the input upload and a returned result count too).
 *
 * @param from the senders
 * @param to the receivers
 * @param limit the most bytes
 */
public record MaxTransfer(Target from, Target to, DataSize limit) implements Constraint {

    /**
     * Validates the constraint.
     *
     * @param from the senders
     * @param to the receivers
     * @param limit the most bytes
     */
    public MaxTransfer {
        requireNonNull(from, "from");
        requireNonNull(to, "to");
        requireNonNull(limit, "limit");
    }

    @Override
    public boolean isSatisfiedBy(PartitionConfig plan) {
        long sum = 0;
        for (Hop h : plan.hops()) {
            if (from.matches(h.from()) && to.matches(h.to())) {
                sum += h.bytes();
            }
        }
        return sum <= limit.bytes();
    }

    @Override
    public List<Target> targets() {
        return List.of(from, to);
    }

    @Override
    public String id() {
        return "maxTransfer(" + from.toParsable() + ", " + to.toParsable() + ")";
    }

    @Override
    public String toParsable() {
        return "maxTransfer(" + from.toParsable() + ", " + to.toParsable() + ", " + limit + ")";
    }

    @Override
    public String describe() {
        return "at most " + limit.bytes() + " bytes from " + from.toParsable() + " to " + to.toParsable();
    }

    @Override
    public String toString() {
        return toParsable();
    }
}
