package io.scission.tf.deploy;

import io.scission.PartitionConfig;
import io.scission.Scission;
import io.scission.model.Block;
import io.scission.model.BlockLayout;
import io.scission.platform.NetworkPreset;
import io.scission.platform.Resource;
import io.scission.platform.Tier;
import io.scission.profile.BlockTiming;
import io.scission.profile.Profile;
import io.scission.profile.ProfileSet;
import io.scission.profile.Provenance;
import io.scission.profile.Timing;
import java.util.ArrayList;
import java.util.List;

/** Profiles of a block layout with made-up times (1 ms per block on every resource), to get plans from queries. */
final class FakeProfiles {

    private FakeProfiles() {
    }

    static ProfileSet of(BlockLayout layout) {
        List<Profile> profiles = new ArrayList<>();
        for (Resource r : DeploymentChecks.THREE) {
            List<BlockTiming> timings = new ArrayList<>();
            for (Block b : layout.blocks()) {
                timings.add(new BlockTiming(b, Timing.of(List.of(0.001))));
            }
            profiles.add(new Profile(r, layout, Provenance.unknown("made up for a test", 1, ""), timings, List.of()));
        }
        return Scission.profiles(profiles);
    }

    /** The best plan that uses device, edge and cloud, on the paper's 4G network. */
    static PartitionConfig threeTierPlan(ProfileSet profiles) {
        return Scission.query().mustUse(Tier.DEVICE, Tier.EDGE, Tier.CLOUD).solve(profiles,
                Scission.network(NetworkPreset.FOUR_G)).best().orElseThrow();
    }
}
