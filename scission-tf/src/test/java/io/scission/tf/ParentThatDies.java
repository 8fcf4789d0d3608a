package io.scission.tf;

import io.scission.model.PartitionRule;
import io.scission.platform.Resource;
import io.scission.platform.Tier;
import io.scission.spi.ProfileRequest;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A program for {@code ChildJvmProfilingTest}: profiles the tiny CNN in a child JVM for hours and prints the
 * child's process id once the child reports progress, so that the test can kill this JVM and watch the child.
 */
public final class ParentThatDies {

    private ParentThatDies() {
    }

    /**
     * Runs the program.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        AtomicBoolean printed = new AtomicBoolean();
        new TensorFlowProfiler().inChildJvm().profile(ProfilingCancellationTest.tinyCnn(),
                new ProfileRequest(Resource.of("pi", Tier.DEVICE), PartitionRule.SCISSION, 1, 0, 1_000_000, 42L),
                (done, total, what) -> {
                    if (printed.compareAndSet(false, true)) {
                        ProcessHandle.current().children().forEach(c -> System.out.println("child " + c.pid()));
                        System.out.flush();
                    }
                });
    }
}
