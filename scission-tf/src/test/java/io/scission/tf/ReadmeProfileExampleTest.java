package io.scission.tf;

import static io.scission.platform.Tier.EDGE;
import static io.scission.profile.TimingStatistic.MEDIAN;
import static org.assertj.core.api.Assertions.assertThat;

import io.scission.Scission;
import io.scission.model.BlockLayout;
import io.scission.model.ModelGraph;
import io.scission.model.PartitionRule;
import io.scission.platform.Resource;
import io.scission.profile.Profile;
import io.scission.profile.SamplingRule;
import io.scission.spi.ModelSource;
import io.scission.spi.ProfileRequest;
import io.scission.spi.ProgressListener;
import java.nio.file.Path;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The steps of README.md "Profile a TensorFlow model" on a real TF2 Keras SavedModel of our test corpus, with checks
 * on the profile. The README's code itself is compiled and run as written, outside our packages, by
 * {@code SnippetsIT} in scission-examples.
 */
class ReadmeProfileExampleTest {

    @Test
    void should_parse_profile_and_write_a_real_saved_model_through_the_facade(@TempDir Path dir) {
        // GIVEN the README's code, with a real Keras functional SavedModel for the path
        ModelSource model = ModelSource.of(Models.require(Models.TFNET));

        // WHEN
        ModelGraph graph = Scission.parse(model);
        BlockLayout blocks = graph.blocks(PartitionRule.SCISSION);
        Profile edge = Scission.profile(model, ProfileRequest.of(Resource.of("edge-1", EDGE)), ProgressListener.NONE);
        Scission.writeProfile(edge, dir.resolve("edge-1.json"));
        OptionalDouble error = edge.additivityError(MEDIAN);

        // THEN the profile covers the layout's blocks, repeated until stable (at least 5 passes, one sample each
        // but for passes left out as disturbed), reads back equal, and carries its additivity error
        assertThat(edge.blocks()).hasSize(blocks.size());
        assertThat(edge.provenance().sampling().rule()).isEqualTo(SamplingRule.UNTIL_STABLE);
        assertThat(edge.provenance().sampling().passes()).isBetween(5, 100);
        assertThat(edge.blocks()).allSatisfy(b -> assertThat(b.timing().samples())
                .hasSize(edge.provenance().repeats()));
        assertThat(Scission.readProfile(dir.resolve("edge-1.json"))).isEqualTo(edge);
        assertThat(error).isPresent();
        assertThat(error.getAsDouble()).isFinite();
    }
}
