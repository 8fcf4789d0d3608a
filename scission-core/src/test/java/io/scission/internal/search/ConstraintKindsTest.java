package io.scission.internal.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.scission.Query;
import io.scission.platform.DataSize;
import io.scission.platform.Tier;
import io.scission.query.BlockNotOn;
import io.scission.query.BlockOn;
import io.scission.query.Constraint;
import io.scission.query.Deadline;
import io.scission.query.DistributedOnly;
import io.scission.query.Exclude;
import io.scission.query.Include;
import io.scission.query.LayerNotOn;
import io.scission.query.LayerOn;
import io.scission.query.MaxComputeShare;
import io.scission.query.MaxComputeTime;
import io.scission.query.MaxEnergy;
import io.scission.query.MaxLayerShare;
import io.scission.query.MaxLayers;
import io.scission.query.MaxMemory;
import io.scission.query.MaxTotalTransfer;
import io.scission.query.MaxTransfer;
import io.scission.query.MaxTransferOut;
import io.scission.query.MinComputeShare;
import io.scission.query.MinLayerShare;
import io.scission.query.MinLayers;
import io.scission.query.MustUse;
import io.scission.query.NativeOnly;
import io.scission.query.ShareOf;
import io.scission.query.Target;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Adding a constraint kind means: its record (with {@code targets()}), its compiled form in {@link Restrictions},
 * its text form in the query parser, and its CLI flag (checked in {@code PlanCommandTest}). This test fails until
 * each core part is there: add a sample of the new record to {@link #SAMPLES} first.
 */
class ConstraintKindsTest {

    static final List<Constraint> SAMPLES = List.of(new MustUse(Target.resource("e1")),
            new Exclude(Target.tier(Tier.EDGE)), new Include(Tier.CLOUD, List.of("c1", "c2")), new NativeOnly(),
            new DistributedOnly(), new LayerOn(3, Target.tier(Tier.DEVICE)), new LayerNotOn(4, Target.resource("c1")),
            new BlockOn(1, Target.tier(Tier.of("fog", 50))), new BlockNotOn(2, Target.resource("d1")),
            new MaxTransfer(Target.tier(Tier.EDGE), Target.resource("c1"), DataSize.ofBytes(1000)),
            new MaxTransferOut(Target.tier(Tier.DEVICE), DataSize.ofBytes(5)),
            new MaxTotalTransfer(DataSize.ofBytes(7)), new MaxComputeTime(Target.resource("e1"), 0.25),
            new MaxComputeShare(Target.tier(Tier.EDGE), 0.3, ShareOf.LATENCY),
            new MinComputeShare(Target.tier(Tier.CLOUD), 0.1, ShareOf.COMPUTE),
            new MinLayers(Target.tier(Tier.DEVICE), 2), new MaxLayers(Target.resource("e1"), 9),
            new MinLayerShare(Target.tier(Tier.CLOUD), 0.25), new MaxLayerShare(Target.tier(Tier.DEVICE), 0.5),
            new Deadline(1.5), new MaxMemory(Target.tier(Tier.DEVICE), DataSize.ofBytes(512_000_000)),
            new MaxEnergy(Target.tier(Tier.DEVICE), 2.5));

    static Stream<Constraint> samples() {
        return SAMPLES.stream();
    }

    @Test
    void should_have_a_sample_of_every_permitted_kind() {
        assertThat(SAMPLES).extracting(Object::getClass)
                .containsExactlyInAnyOrder(Constraint.class.getPermittedSubclasses());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void should_have_a_compiled_form_when_a_kind_is_permitted(Constraint sample) {
        assertThat(Restrictions.knows(sample.getClass())).as("Restrictions.Kind has %s",
                sample.getClass().getSimpleName()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void should_read_back_its_text_form(Constraint sample) {
        // GIVEN
        Query query = Query.parse("").constraint(sample);
        // WHEN
        Query back = Query.parse(query.toParsableString());
        // THEN
        assertThat(back.constraints()).containsExactly(sample);
        assertThat(sample.id()).isNotBlank();
        assertThat(sample.describe()).isNotBlank();
        assertThat(sample.toString()).isEqualTo(sample.toParsable());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void should_name_every_resource_it_names_among_its_targets(Constraint sample) {
        // every quoted name in the text form belongs to a target, so solving validates it
        List<String> named = quoted(sample.toParsable());
        List<String> inTargets = sample.targets().stream().flatMap(t -> quoted(t.toParsable()).stream()).toList();
        assertThat(inTargets).as("the targets of %s", sample).containsAll(named);
    }

    private static List<String> quoted(String text) {
        List<String> parts = Arrays.asList(text.split("\""));
        return java.util.stream.IntStream.range(0, parts.size()).filter(i -> i % 2 == 1).mapToObj(parts::get)
                .toList();
    }
}
