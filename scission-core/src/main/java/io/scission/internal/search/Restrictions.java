package io.scission.internal.search;

import io.scission.platform.Resource;
import io.scission.query.BlockNotOn;
import io.scission.query.BlockOn;
import io.scission.query.Constraint;
import io.scission.query.Deadline;
import io.scission.query.DistributedOnly;
import io.scission.query.EnergyWeight;
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
import io.scission.query.ResourceTarget;
import io.scission.query.Target;
import io.scission.query.TierTarget;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a query's constraints allow, compiled once against an {@link Instance}: the one view of the constraints
 * that the branch-and-bound search reads. It knows each constraint kind; the search knows none.
 *
 * <ul>
 *   <li><em>Local</em> restrictions decide, block by block, where a block may run: {@link #allowed}; and, segment
 *       by segment, how much working memory a segment on a resource may take: {@link #memoryLimit}.</li>
 *   <li><em>Structural</em> ones shape the pipeline: tiers that must be used ({@link #requiredRanks}),
 *       {@link #nativeOnly}, {@link #distributedOnly}.</li>
 *   <li><em>Global</em> ones depend on the whole prefix: {@link #deadline} and the {@link Tracker}s, which follow
 *       a sum along a prefix and reject it once no completion can satisfy the constraint.</li>
 * </ul>
 *
 * <p>Every complete plan is still checked with each constraint's {@code isSatisfiedBy}, so a restriction only has
 * to be sound (never reject a plan that satisfies the constraint); the stronger it is, the more the search prunes.
 *
 * <p>Adding a constraint kind: write its record in {@code io.scission.query} (with {@code targets()}), its compiled
 * form here (a method below and a constant in {@link Kind}), its text form in {@code QueryParser}, and its CLI flag
 * in {@code scission plan}. {@code ConstraintKindsTest} fails until each is done; a kind without a compiled form
 * fails every query that uses it, naming the kind.
 */
final class Restrictions {

    /**
     * The compiled form of each constraint kind: one constant per kind, each with its own method. Written out
     * rather than as a map of lambdas: each lambda is linked at its first call ({@code java.lang.invoke}), which cost
     * every {@code scission predict} and {@code plan} run milliseconds at start.
     */
    private enum Kind {
        MUST_USE(MustUse.class) {
            @Override
            void compile(Restrictions x, Constraint c) {
                x.mustUse((MustUse) c);
            }
        },
        EXCLUDE(Exclude.class) {
            @Override
            void compile(Restrictions x, Constraint c) {
                x.forbid(((Exclude) c).target());
            }
        },
        INCLUDE(Include.class) {
            @Override
            void compile(Restrictions x, Constraint c) {
                x.include((Include) c);
            }
        },
        NATIVE_ONLY(NativeOnly.class) {
            @Override
            void compile(Restrictions x, Constraint c) {
                x.nativeOnly = true;
            }
        },
        DISTRIBUTED_ONLY(DistributedOnly.class) {
            @Override
            void compile(Restrictions x, Constraint c) {
                x.distributedOnly = true;
            }
        },
        LAYER_ON(LayerOn.class) {
            @Override
            void compile(Restrictions x, Constraint c) {
                LayerOn on = (LayerOn) c;
                x.place(x.blockOfLayer(on, on.layer()), on.target(), true);
            }
        },
        LAYER_NOT_ON(LayerNotOn.class) {
            @Override
            void compile(Restrictions x, Constraint c) {
                LayerNotOn off = (LayerNotOn) c;
                x.place(x.blockOfLayer(off, off.layer()), off.target(), false);
            }
        },
        BLOCK_ON(BlockOn.class) {
            @Override
            void compile(Restrictions x, Constraint c) {
                BlockOn on = (BlockOn) c;
                x.place(x.block(on, on.block()), on.target(), true);
            }
        },
        BLOCK_NOT_ON(BlockNotOn.class) {
            @Override
            void compile(Restrictions x, Constraint c) {
                BlockNotOn off = (BlockNotOn) c;
                x.place(x.block(off, off.block()), off.target(), false);
            }
        },
        MAX_TRANSFER(MaxTransfer.class) {
            @Override
            void compile(Restrictions x, Constraint c) {
                MaxTransfer m = (MaxTransfer) c;
                x.track(Tracker.transfer(m.from(), m.to(), false, m.limit().bytes(), x.in.resources));
            }
        },
        MAX_TRANSFER_OUT(MaxTransferOut.class) {
            @Override
            void compile(Restrictions x, Constraint c) {
                MaxTransferOut m = (MaxTransferOut) c;
                x.track(Tracker.transfer(m.from(), m.from(), true, m.limit().bytes(), x.in.resources));
            }
        },
        MAX_TOTAL_TRANSFER(MaxTotalTransfer.class) {
            @Override
            void compile(Restrictions x, Constraint c) {
                x.track(Tracker.transfer(null, null, false, ((MaxTotalTransfer) c).limit().bytes(), x.in.resources));
            }
        },
        MAX_COMPUTE_TIME(MaxComputeTime.class) {
            @Override
            void compile(Restrictions x, Constraint c) {
                MaxComputeTime m = (MaxComputeTime) c;
                x.track(Tracker.compute(m.target(), m.seconds(), x.in.resources));
            }
        },
        MAX_COMPUTE_SHARE(MaxComputeShare.class) {
            @Override
            void compile(Restrictions x, Constraint c) {
                x.dominanceSafe = false;
            }
        },
        MIN_COMPUTE_SHARE(MinComputeShare.class) {
            @Override
            void compile(Restrictions x, Constraint c) {
                x.dominanceSafe = false;
            }
        },
        MIN_LAYERS(MinLayers.class) {
            @Override
            void compile(Restrictions x, Constraint c) {
                MinLayers m = (MinLayers) c;
                x.layers(m.target(), m.count(), Integer.MAX_VALUE);
            }
        },
        MAX_LAYERS(MaxLayers.class) {
            @Override
            void compile(Restrictions x, Constraint c) {
                MaxLayers m = (MaxLayers) c;
                x.layers(m.target(), 0, m.count());
            }
        },
        MIN_LAYER_SHARE(MinLayerShare.class) {
            @Override
            void compile(Restrictions x, Constraint c) {
                MinLayerShare m = (MinLayerShare) c;
                x.layers(m.target(), x.leastLayers(m.fraction()), Integer.MAX_VALUE);
            }
        },
        MAX_LAYER_SHARE(MaxLayerShare.class) {
            @Override
            void compile(Restrictions x, Constraint c) {
                MaxLayerShare m = (MaxLayerShare) c;
                x.layers(m.target(), 0, x.mostLayers(m.fraction()));
            }
        },
        DEADLINE(Deadline.class) {
            @Override
            void compile(Restrictions x, Constraint c) {
                x.deadline = Math.min(x.deadline, ((Deadline) c).seconds());
            }
        },
        MAX_ENERGY(MaxEnergy.class) {
            @Override
            void compile(Restrictions x, Constraint c) {
                MaxEnergy m = (MaxEnergy) c;
                x.track(Tracker.energy(m.target(), m.joules(), x.in));
            }
        },
        MAX_MEMORY(MaxMemory.class) {
            @Override
            void compile(Restrictions x, Constraint c) {
                x.maxMemory((MaxMemory) c);
            }
        };

        private static final Kind[] ALL = values();

        private final Class<? extends Constraint> type;

        Kind(Class<? extends Constraint> type) {
            this.type = type;
        }

        /** Compiles the constraint, which is of this kind's type, into the restrictions. */
        abstract void compile(Restrictions x, Constraint c);

        /** Returns the kind of the class, or null if there is none. */
        static @Nullable Kind of(Class<?> type) {
            for (Kind k : ALL) {
                if (k.type == type) {
                    return k;
                }
            }
            return null;
        }
    }

    private final Instance in;
    /** allowed[r][b]: the local restrictions let block b run on resource r. */
    final boolean[][] allowed;
    private final Set<Integer> required = new LinkedHashSet<>();
    private final List<Tracker> tracking = new ArrayList<>();
    /** The ranks that every plan must run a block on (from {@code mustUse}). */
    final int[] requiredRanks;
    /** The trackers of the global constraints, one accumulator slot each. */
    final Tracker[] trackers;
    boolean nativeOnly;
    boolean distributedOnly;
    /**
     * memoryLimit[r]: the most working memory a segment on r may take (the least {@code maxMemory} limit that
     * matches r); {@link Long#MAX_VALUE} where none applies.
     */
    final long[] memoryLimit;
    /** The least deadline, +infinity if none. */
    double deadline = Double.POSITIVE_INFINITY;
    /**
     * False when a constraint depends on the whole plan in a way no tracker follows (a share of the total time):
     * two prefixes in the same search state may then differ in which completions are feasible.
     */
    boolean dominanceSafe = true;

    private Restrictions(Instance in) {
        this.in = in;
        this.allowed = new boolean[in.resourceCount][in.blockCount];
        this.memoryLimit = new long[in.resourceCount];
        Arrays.fill(memoryLimit, Long.MAX_VALUE);
        for (int r = 0; r < in.resourceCount; r++) {
            Arrays.fill(allowed[r], in.canRun[r]);
        }
        for (Constraint c : in.constraints) {
            checkNames(c);
            Kind kind = Kind.of(c.getClass());
            if (kind == null) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "The constraint kind %s (%s) has no compiled form in %s.%nMaybe add one to its Kind.",
                        c.getClass().getSimpleName(), c.toParsable(), Restrictions.class.getName()));
            }
            kind.compile(this, c);
        }
        this.requiredRanks = new int[required.size()];
        int i = 0;
        for (int rank : required) {
            requiredRanks[i++] = rank;
        }
        this.trackers = tracking.toArray(new Tracker[0]);
        energy();
    }

    /**
     * Checks that every resource whose energy the query counts and that can take part in a plan has power figures,
     * and turns dominance pruning off unless the search prices that energy exactly ({@link EnergyBounds}).
     */
    private void energy() {
        boolean[] canTakePart = usable();
        for (int s : in.sources) {
            canTakePart[s] = true;
        }
        for (EnergyWeight w : in.objective.energy()) {
            EnergyBounds.requirePower(in, w.target(), "minimize(" + in.objective.toParsable() + ")", canTakePart);
            if (!EnergyBounds.exact(in, w.target(), canTakePart)) {
                dominanceSafe = false;
            }
        }
        for (Constraint c : in.constraints) {
            if (c instanceof MaxEnergy m) {
                EnergyBounds.requirePower(in, m.target(), m.toParsable(), canTakePart);
                if (!EnergyBounds.noIdle(in, m.target(), canTakePart)) {
                    dominanceSafe = false;
                }
            }
        }
    }

    /**
     * Validates the query's constraints against the instance and compiles them.
     *
     * @param in the instance
     * @return the restrictions
     * @throws IllegalArgumentException naming the constraint if it names an unknown resource, layer or block
     */
    static Restrictions compile(Instance in) {
        return new Restrictions(in);
    }

    /**
     * Returns true if the kind has a compiled form (tests check every permitted kind).
     *
     * @param kind a constraint record class
     * @return whether it is known
     */
    static boolean knows(Class<? extends Constraint> kind) {
        return Kind.of(kind) != null;
    }

    /**
     * Returns, for each resource, whether the local restrictions let it run any block: the resources that some
     * plan may use.
     *
     * @return usable[r]
     */
    boolean[] usable() {
        boolean[] usable = new boolean[in.resourceCount];
        for (int r = 0; r < in.resourceCount; r++) {
            for (int b = 0; b < in.blockCount && !usable[r]; b++) {
                usable[r] = allowed[r][b];
            }
        }
        return usable;
    }

    // ------------------------------------------------------------------------------------- compiled forms

    private void mustUse(MustUse c) {
        Target target = c.target();
        int rank = rankOf(target);
        required.add(rank);
        if (target instanceof ResourceTarget) {
            if (in.maxPerTier == 1) {
                // with one resource per tier, using the tier means using this resource
                for (int r = 0; r < in.resourceCount; r++) {
                    if (in.rank[r] == rank && !target.matches(in.resources[r])) {
                        Arrays.fill(allowed[r], false);
                    }
                }
            } else {
                track(Tracker.uses(target, rank, in.resources));
            }
        }
    }

    private void include(Include c) {
        for (String name : c.resources()) {
            Resource r = in.resources[in.indexOf(name)];
            if (!r.tier().equals(c.tier())) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "%s names %s, which is in tier %s, not %s.%nMaybe use include(%s, \"%s\").",
                        c.toParsable(), name, r.tier(), c.tier(), new TierTarget(r.tier()).toParsable(), name));
            }
        }
        for (int r = 0; r < in.resourceCount; r++) {
            Resource res = in.resources[r];
            if (res.tier().equals(c.tier()) && !c.resources().contains(res.name())) {
                Arrays.fill(allowed[r], false);
            }
        }
    }

    private void forbid(Target target) {
        for (int r = 0; r < in.resourceCount; r++) {
            if (target.matches(in.resources[r])) {
                Arrays.fill(allowed[r], false);
            }
        }
    }

    private void place(int block, Target target, boolean must) {
        for (int r = 0; r < in.resourceCount; r++) {
            if (target.matches(in.resources[r]) != must) {
                allowed[r][block] = false;
            }
        }
    }

    /**
     * A segment-local limit: a segment on a matching resource must fit, which only shortens the segments the
     * search may open there. Fails naming the constraint and the profile if a matching resource that can run
     * blocks has no memory figures.
     */
    private void maxMemory(MaxMemory c) {
        for (int r = 0; r < in.resourceCount; r++) {
            if (!in.canRun[r] || !c.target().matches(in.resources[r])) {
                continue;
            }
            if (in.weights[r] == null) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "%s needs the memory of each segment, but the profile of %s records no memory figures "
                                + "(weight and activation bytes per block).%nMaybe profile %s again with "
                                + "scission-tf (profile format 3 records them), or drop the limit (it may come "
                                + "from the resource's memory capacity).",
                        c.toParsable(), in.resources[r].name(), in.resources[r].name()));
            }
            memoryLimit[r] = Math.min(memoryLimit[r], c.limit().bytes());
        }
    }

    private void track(Tracker tracker) {
        tracking.add(tracker);
    }

    private void layers(Target target, int least, int most) {
        track(Tracker.layers(target, least, most, rankOf(target), in.resources));
    }

    /** The least layer count whose share of the model is at least {@code fraction}, in the record's arithmetic. */
    int leastLayers(double fraction) {
        int total = in.layout.layerCount();
        int count = (int) Math.ceil(fraction * total);
        while (count > 0 && (double) (count - 1) / total >= fraction) {
            count--;
        }
        while ((double) count / total < fraction) {
            count++;
        }
        return count;
    }

    /** The most layers whose share of the model is at most {@code fraction}, in the record's arithmetic. */
    int mostLayers(double fraction) {
        int total = in.layout.layerCount();
        int count = (int) Math.floor(fraction * total);
        while ((double) (count + 1) / total <= fraction) {
            count++;
        }
        while (count > 0 && (double) count / total > fraction) {
            count--;
        }
        return count;
    }

    // ------------------------------------------------------------------------------------- validation

    /** Fails naming the constraint if it names a resource that is neither profiled nor the source. */
    private void checkNames(Constraint c) {
        for (Target t : c.targets()) {
            if (t instanceof ResourceTarget rt && in.find(rt.name()) < 0) {
                throw in.unknownResource(c.toParsable(), rt.name());
            }
        }
    }

    private int blockOfLayer(Constraint c, int layer) {
        if (layer >= in.layout.layerCount()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s names layer %d, but model %s has layers 0-%d.%nMaybe check the layer index.",
                    c.toParsable(), layer, in.layout.model(), in.layout.layerCount() - 1));
        }
        return in.layout.blockOf(layer).index();
    }

    private int block(Constraint c, int block) {
        if (block >= in.blockCount) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s names block %d, but model %s has blocks 0-%d (under the %s rule).%n"
                            + "Maybe check the block index.",
                    c.toParsable(), block, in.layout.model(), in.blockCount - 1, in.layout.rule().id()));
        }
        return block;
    }

    /** The rank of a tier target, or of the resource a resource target names (validated before). */
    private int rankOf(Target target) {
        if (target instanceof TierTarget t) {
            return t.tier().rank();
        }
        return in.rank[in.indexOf(((ResourceTarget) target).name())];
    }
}
