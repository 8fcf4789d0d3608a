package io.scission.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TfProfilerTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 10, 92})
    void should_put_the_whole_model_first_then_distinct_ranges_of_two_or_more_blocks(int blocks) {
        List<int[]> r = TfProfiler.ranges(blocks, 5, 42L);
        assertThat(r.get(0)).containsExactly(0, blocks - 1);
        int possible = blocks * (blocks - 1) / 2 - 1;
        assertThat(r).hasSize(1 + Math.max(0, Math.min(5, possible)));
        Set<String> seen = new HashSet<>();
        for (int[] x : r.subList(1, r.size())) {
            assertThat(x[1]).as("range %d-%d", x[0], x[1]).isGreaterThan(x[0]).isLessThan(blocks);
            assertThat(x[0]).isNotNegative();
            assertThat(seen.add(x[0] + "-" + x[1])).isTrue();
            assertThat(x[0] == 0 && x[1] == blocks - 1).isFalse();
        }
        assertThat(TfProfiler.ranges(blocks, 5, 42L)).usingRecursiveComparison().isEqualTo(r);
    }

    @Test
    void should_refuse_a_thread_count_when_the_global_pool_cannot_be_overridden() {
        assertThatThrownBy(() -> TfProfiler.checkThreads(1, null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("thread count (1)").hasMessageContaining("TF_OVERRIDE_GLOBAL_THREADPOOL=1");
        assertThatThrownBy(() -> TfProfiler.checkThreads(2, "0")).isInstanceOf(IllegalStateException.class);
        assertThatCode(() -> TfProfiler.checkThreads(0, null)).doesNotThrowAnyException();
        assertThatCode(() -> TfProfiler.checkThreads(4, "1")).doesNotThrowAnyException();
    }
}
