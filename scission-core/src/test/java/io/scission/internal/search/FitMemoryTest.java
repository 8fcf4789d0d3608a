package io.scission.internal.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The two-pointer cut of segments to a memory limit equals the brute force on seeded random figures. */
class FitMemoryTest {

    @Test
    void should_end_each_segment_where_a_brute_force_says_its_memory_still_fits() {
        SplittableRandom rnd = new SplittableRandom(77);
        int bound = 0;
        for (int round = 0; round < 3000; round++) {
            // GIVEN
            int n = 1 + rnd.nextInt(12);
            long[] w = new long[n];
            long[] a = new long[n];
            int[] end = new int[n];
            for (int b = 0; b < n; b++) {
                w[b] = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(100);
                a[b] = rnd.nextInt(300);
                end[b] = rnd.nextInt(5) == 0 ? b - 1 : n - 1; // some blocks disallowed (run ends as given)
            }
            long limit = rnd.nextInt(700);
            int[] expected = new int[n];
            for (int p = 0; p < n; p++) {
                int e = p - 1;
                for (int x = p; x < n; x++) {
                    long sum = 0;
                    long max = 0;
                    for (int b = p; b <= x; b++) {
                        sum += w[b];
                        max = Math.max(max, a[b]);
                    }
                    if (sum + max <= limit) {
                        e = x;
                    } else {
                        break;
                    }
                }
                expected[p] = Math.min(end[p], e);
            }
            int[] got = end.clone();
            // WHEN
            BranchAndBound.fitMemory(got, w, a, limit);
            // THEN
            assertThat(got).as("round %d: w=%s a=%s limit=%d", round, Arrays.toString(w), Arrays.toString(a), limit)
                    .containsExactly(expected);
            bound += Arrays.equals(got, end) ? 0 : 1;
        }
        assertThat(bound).as("rounds where the limit cut a segment").isGreaterThan(1000);
    }
}
