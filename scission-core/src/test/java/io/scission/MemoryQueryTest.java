package io.scission;

import static io.scission.platform.Tier.DEVICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scission.platform.DataSize;
import io.scission.platform.DataUnit;
import io.scission.platform.Power;
import io.scission.platform.Resource;
import io.scission.profile.ProfileSet;
import io.scission.query.MaxMemory;
import io.scission.query.Target;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The memory limit's API, text form, errors, and that the seeded suites' memory limits do bind. */
class MemoryQueryTest {

    @Test
    void should_build_the_same_constraint_from_the_api_and_the_text_form() {
        // WHEN
        Query api = Scission.query().maxMemory(DEVICE, 512, DataUnit.MB).maxMemory("e1", DataSize.of(2, DataUnit.GIB));
        Query text = Query.parse("maxMemory(DEVICE, 512MB).maxMemory(\"e1\", 2GiB)");
        // THEN
        assertThat(api).isEqualTo(text);
        assertThat(api.constraints()).containsExactly(
                new MaxMemory(Target.tier(DEVICE), DataSize.ofBytes(512_000_000)),
                new MaxMemory(Target.resource("e1"), DataSize.ofBytes(2L << 30)));
        assertThat(Query.parse(api.toParsableString())).isEqualTo(api);
        assertThatThrownBy(() -> api.maxMemory(DEVICE, 1, DataUnit.GB)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("maxMemory(DEVICE)");
    }

    @Test
    void should_name_the_profile_when_a_limit_applies_to_a_resource_without_memory_figures() {
        // GIVEN profiles without memory figures (imported data, the reference data)
        ProfileSet plain = ProfileSet.of(ConstraintBoundaryTest.PROFILES.profiles().stream()
                .map(p -> p.withMemory(List.of())).toList());
        // WHEN / THEN
        assertThatThrownBy(() -> Query.parse("maxMemory(DEVICE, 1MB)").solve(plain, ConstraintBoundaryTest.NETWORK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxMemory(DEVICE, 1000000B) needs the memory of each segment, but the profile "
                        + "of d records no memory figures")
                .hasMessageContaining("\nMaybe profile d again");
        // AND a capacity counts as such a limit
        ProfileSet capped = plain.withResource(Resource.of("e", io.scission.platform.Tier.EDGE)
                .withMemory(DataSize.ofBytes(5)));
        assertThatThrownBy(() -> Scission.query().solve(capped, ConstraintBoundaryTest.NETWORK))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxMemory(\"e\", 5B)")
                .hasMessageContaining("resource's memory capacity");
        // AND a limit on a tier without such resources needs nothing
        assertThat(Query.parse("maxMemory(tier(\"fog\", 50), 1B)").solve(plain, ConstraintBoundaryTest.NETWORK)
                .plans()).isNotEmpty();
    }

    @Test
    void should_refuse_a_negative_capacity_and_a_capacity_for_an_unknown_resource() {
        assertThatThrownBy(() -> new Resource("d", DEVICE, "", Power.UNKNOWN, -2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The memory capacity (-2 bytes) of resource d must not be negative.");
        assertThatThrownBy(() -> ConstraintBoundaryTest.PROFILES.withResource(Resource.of("x", DEVICE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("The resource x has no profile");
        assertThat(Resource.of("d", DEVICE).withMemory(DataSize.ofBytes(7)).memory()).hasValue(DataSize.ofBytes(7));
        assertThat(Resource.of("d", DEVICE).memory()).isEmpty();
    }

    @Test
    void should_bind_on_many_seeded_instances_when_the_suites_add_memory() {
        // GIVEN the small seeded instances of SearchEquivalenceTest and ReferenceEquivalenceTest
        int limited = 0;
        int changed = 0;
        for (long seed = 0; seed < 400; seed++) {
            SearchEquivalenceTest.Case c = SearchEquivalenceTest.randomCase(new SplittableRandom(seed), false);
            boolean capacity = c.profiles().resources().stream().anyMatch(r -> r.memory().isPresent());
            boolean constraint = c.query().constraints().stream().anyMatch(x -> x instanceof MaxMemory);
            if (!capacity && !constraint) {
                continue;
            }
            limited++;
            // WHEN the memory limits are taken away
            ProfileSet free = ProfileSet.of(c.profiles().profiles().stream()
                    .map(p -> p.withResource(p.resource().withoutMemory())).toList());
            String text = c.query().toParsableString();
            for (var x : c.query().constraints()) {
                if (x instanceof MaxMemory) {
                    text = text.replace("." + x.toParsable(), "").replace(x.toParsable() + ".", "");
                }
            }
            Query unlimited = Query.parse(text);
            // THEN (counted) the plans change on some of them
            List<String> with = c.query().solve(c.profiles(), c.network()).plans().stream().map(PartitionConfig::key)
                    .toList();
            List<String> without = unlimited.solve(free, c.network()).plans().stream().map(PartitionConfig::key)
                    .toList();
            assertThat(unlimited.constraints()).noneMatch(x -> x instanceof MaxMemory);
            changed += with.equals(without) ? 0 : 1;
        }
        assertThat(limited).as("instances with a memory limit of 400").isGreaterThan(100);
        assertThat(changed).as("of %d limited instances, those whose plans the limit changes", limited)
                .isGreaterThan(limited / 5);
    }
}
