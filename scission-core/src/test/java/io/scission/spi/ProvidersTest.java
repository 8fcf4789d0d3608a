package io.scission.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scission.Scission;
import io.scission.ScissionException;
import org.junit.jupiter.api.Test;

class ProvidersTest {

    @Test
    void should_list_providers_with_availability() {
        assertThat(Scission.modelParsers()).extracting(ProviderInfo::name).containsExactly("alpha", "beta", "broken");
        assertThat(Scission.modelParsers().get(2).availability().reason()).contains("libfoo.so");
        assertThat(Scission.profilers()).isEmpty();
    }

    @Test
    void should_pick_the_only_accepting_provider() {
        assertThat(Scission.parse(new ModelSource("a:model")).name()).isEqualTo("alpha-a:model");
    }

    @Test
    void should_let_an_explicit_provider_win() {
        assertThat(Scission.parse(new ModelSource("tie:m"), new TestParsers.Beta()).name()).isEqualTo("beta-tie:m");
    }

    @Test
    void should_name_both_when_two_providers_tie() {
        assertThatThrownBy(() -> Scission.parse(new ModelSource("tie:m")))
                .isInstanceOf(ScissionException.class)
                .hasMessageContaining("Two ModelParser providers accept 'tie:m' with the same priority 5: alpha and "
                        + "beta")
                .hasMessageContaining("Maybe pass the one you want explicitly");
    }

    @Test
    void should_say_what_was_found_when_none_accepts() {
        assertThatThrownBy(() -> Scission.parse(new ModelSource("model.onnx")))
                .isInstanceOf(ScissionException.class)
                .hasMessageContaining("No ModelParser accepts 'model.onnx' (found: broken, alpha, beta; broken "
                        + "(unavailable: native library libfoo.so failed to load))")
                .hasMessageContaining("Maybe check the path");
        assertThatThrownBy(() -> Scission.profile(new ModelSource("m"), ProfileRequest.of(
                io.scission.platform.Resource.of("pi", io.scission.platform.Tier.DEVICE)), ProgressListener.NONE))
                .isInstanceOf(ScissionException.class)
                .hasMessageContaining("No BlockProfiler accepts 'm' (found: none)")
                .hasMessageContaining("Maybe add scission-tf to the classpath");
    }
}
