package io.scission;

import static java.util.Objects.requireNonNull;

import io.scission.internal.search.Solver;
import io.scission.platform.DataSize;
import io.scission.platform.DataUnit;
import io.scission.platform.Network;
import io.scission.platform.Resource;
import io.scission.platform.Tier;
import io.scission.profile.ProfileSet;
import io.scission.profile.TimingStatistic;
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
import io.scission.query.MaxLayerShare;
import io.scission.query.MaxLayers;
import io.scission.query.MaxTotalTransfer;
import io.scission.query.MaxTransfer;
import io.scission.query.MaxTransferOut;
import io.scission.query.MinComputeShare;
import io.scission.query.MinLayerShare;
import io.scission.query.MinLayers;
import io.scission.query.MustUse;
import io.scission.query.NativeOnly;
import io.scission.query.Objective;
import io.scission.query.ResourceTarget;
import io.scission.query.ShareOf;
import io.scission.query.Target;
import io.scission.query.TierTarget;
import io.scission.search.SearchStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An immutable, reusable query for the best plans: constraints, an objective and how many plans to return. Every
 * configuration method returns a new query and leaves this one unchanged, so partial queries can be shared across
 * threads and extended independently. Setting the same thing twice, or two contradictory constraints, fails at once
 * with {@link IllegalStateException}; the last call never silently wins.
 *
 * <pre>{@code
 * QueryResult result = Scission.query()
 *         .mustUse(EDGE)
 *         .maxTransfer(EDGE, CLOUD, 1, MB)
 *         .top(3)
 *         .solve(profiles, network);
 * }</pre>
 *
 * <p>Defaults: minimise end-to-end latency ({@link Objective#LATENCY}); top 5; the input is the model's input
 * tensor (batch 1) and originates on the device-tier resources; at most one resource per tier; block times are
 * means ({@link TimingStatistic#MEAN}); the result is not sent back to the source; branch-and-bound search.
 *
 * <p>Units: sizes are bytes (MB = 10^6 bytes, MiB = 2^20), times are seconds, bandwidth is bytes per second
 * (1 Mbps = 125,000 bytes/s). Layers are numbered in the model's layer order (Keras order), blocks from 0.
 *
 * <p>A query has a text form, {@link #toParsableString()}, that {@link #parse(String)} reads back to an equal
 * query, e.g. {@code mustUse(EDGE).maxTransfer(EDGE, CLOUD, 1000000B).top(3)}.
 */
public final class Query {

    /** The number of plans returned when {@link #top(int)} is not called. */
    public static final int DEFAULT_TOP = 5;

    private static final Query EMPTY = new Query(List.of(), null, 0, null, null, null, false, null, 0, null);

    private final List<Constraint> constraints;
    private final @Nullable Objective objective;
    private final int top;
    private final @Nullable DataSize inputSize;
    private final @Nullable String sourceName;
    private final @Nullable Resource sourceResource;
    private final boolean returnResult;
    private final @Nullable TimingStatistic statistic;
    private final int maxResourcesPerTier;
    private final @Nullable SearchStrategy strategy;

    private Query(List<Constraint> constraints, @Nullable Objective objective, int top, @Nullable DataSize inputSize,
            @Nullable String sourceName, @Nullable Resource sourceResource, boolean returnResult,
            @Nullable TimingStatistic statistic, int maxResourcesPerTier, @Nullable SearchStrategy strategy) {
        this.constraints = constraints;
        this.objective = objective;
        this.top = top;
        this.inputSize = inputSize;
        this.sourceName = sourceName;
        this.sourceResource = sourceResource;
        this.returnResult = returnResult;
        this.statistic = statistic;
        this.maxResourcesPerTier = maxResourcesPerTier;
        this.strategy = strategy;
    }

    static Query empty() {
        return EMPTY;
    }

    /**
     * Parses a query string as written by {@link #toParsableString()}: method calls joined by dots, e.g.
     * {@code mustUse(EDGE).exclude("raspi4").maxTransfer(EDGE, CLOUD, 1MB).deadline(250ms).top(3)}. Tiers are
     * {@code DEVICE}, {@code EDGE}, {@code CLOUD} or {@code tier("name", rank)}; resources are quoted; sizes take
     * B, KB, MB, GB, KiB, MiB or GiB; durations take s, ms or us.
     *
     * @param text the query string
     * @return the query
     * @throws IllegalArgumentException if the text is malformed; the message names the position
     * @throws IllegalStateException if it sets something twice or holds contradictory constraints
     */
    public static Query parse(String text) {
        return new QueryParser(requireNonNull(text, "text")).parse();
    }

    /**
     * Returns this query's text form, which {@link #parse(String)} reads back to an equal query.
     *
     * @return the query string, empty for a query with nothing set
     */
    public String toParsableString() {
        List<String> calls = new ArrayList<>();
        for (Constraint c : constraints) {
            calls.add(c.toParsable());
        }
        if (objective != null) {
            calls.add("minimize(" + objective.toParsable() + ")");
        }
        if (inputSize != null) {
            calls.add("inputSize(" + inputSize + ")");
        }
        if (sourceResource != null) {
            calls.add("source(" + new ResourceTarget(sourceResource.name()).toParsable() + ", "
                    + new TierTarget(sourceResource.tier()).toParsable() + ")");
        } else if (sourceName != null) {
            calls.add("source(" + new ResourceTarget(sourceName).toParsable() + ")");
        }
        if (returnResult) {
            calls.add("returnResult()");
        }
        if (statistic != null) {
            calls.add("statistic(" + statistic + ")");
        }
        if (maxResourcesPerTier != 0) {
            calls.add("maxResourcesPerTier(" + maxResourcesPerTier + ")");
        }
        if (strategy != null) {
            calls.add("strategy(" + strategy + ")");
        }
        if (top != 0) {
            calls.add("top(" + top + ")");
        }
        return String.join(".", calls);
    }

    // ---------------------------------------------------------------------------------------------- use and exclude

    /**
     * Requires each tier to run at least one block.
     *
     * @param tiers the tiers
     * @return the new query
     */
    public Query mustUse(Tier... tiers) {
        Query q = this;
        for (Tier tier : requireNonNull(tiers, "tiers")) {
            q = q.with(new MustUse(Target.tier(tier)));
        }
        return q;
    }

    /**
     * Requires each named resource to run at least one block.
     *
     * @param resources the resources' names
     * @return the new query
     */
    public Query mustUse(String... resources) {
        Query q = this;
        for (String name : requireNonNull(resources, "resources")) {
            q = q.with(new MustUse(Target.resource(name)));
        }
        return q;
    }

    /**
     * Forbids each tier to run blocks (a source device in an excluded tier still sends the input).
     *
     * @param tiers the tiers
     * @return the new query
     */
    public Query exclude(Tier... tiers) {
        Query q = this;
        for (Tier tier : requireNonNull(tiers, "tiers")) {
            q = q.with(new Exclude(Target.tier(tier)));
        }
        return q;
    }

    /**
     * Forbids each named resource to run blocks.
     *
     * @param resources the resources' names
     * @return the new query
     */
    public Query exclude(String... resources) {
        Query q = this;
        for (String name : requireNonNull(resources, "resources")) {
            q = q.with(new Exclude(Target.resource(name)));
        }
        return q;
    }

    /**
     * On the tier, allows only the named resources to run blocks. The tier need not be used; combine with
     * {@link #mustUse(Tier...)} to require it.
     *
     * @param tier the tier
     * @param resources the allowed resources' names, at least one
     * @return the new query
     */
    public Query include(Tier tier, String... resources) {
        return with(new Include(tier, List.of(requireNonNull(resources, "resources"))));
    }

    /**
     * Requires one resource to run every block (device-, edge- or cloud-native execution).
     *
     * @return the new query
     */
    public Query nativeOnly() {
        return with(new NativeOnly());
    }

    /**
     * Requires at least two resources to run blocks.
     *
     * @return the new query
     */
    public Query distributedOnly() {
        return with(new DistributedOnly());
    }

    // ------------------------------------------------------------------------------------------------- placement

    /**
     * Requires a layer to run on a tier.
     *
     * @param layer the layer index (model layer order)
     * @param tier the tier
     * @return the new query
     */
    public Query layerOn(int layer, Tier tier) {
        return with(new LayerOn(layer, Target.tier(tier)));
    }

    /**
     * Requires a layer to run on a resource.
     *
     * @param layer the layer index
     * @param resource the resource's name
     * @return the new query
     */
    public Query layerOn(int layer, String resource) {
        return with(new LayerOn(layer, Target.resource(resource)));
    }

    /**
     * Forbids a layer to run on a tier.
     *
     * @param layer the layer index
     * @param tier the tier
     * @return the new query
     */
    public Query layerNotOn(int layer, Tier tier) {
        return with(new LayerNotOn(layer, Target.tier(tier)));
    }

    /**
     * Forbids a layer to run on a resource.
     *
     * @param layer the layer index
     * @param resource the resource's name
     * @return the new query
     */
    public Query layerNotOn(int layer, String resource) {
        return with(new LayerNotOn(layer, Target.resource(resource)));
    }

    /**
     * Requires a block to run on a tier.
     *
     * @param block the block index
     * @param tier the tier
     * @return the new query
     */
    public Query blockOn(int block, Tier tier) {
        return with(new BlockOn(block, Target.tier(tier)));
    }

    /**
     * Requires a block to run on a resource.
     *
     * @param block the block index
     * @param resource the resource's name
     * @return the new query
     */
    public Query blockOn(int block, String resource) {
        return with(new BlockOn(block, Target.resource(resource)));
    }

    /**
     * Forbids a block to run on a tier.
     *
     * @param block the block index
     * @param tier the tier
     * @return the new query
     */
    public Query blockNotOn(int block, Tier tier) {
        return with(new BlockNotOn(block, Target.tier(tier)));
    }

    /**
     * Forbids a block to run on a resource.
     *
     * @param block the block index
     * @param resource the resource's name
     * @return the new query
     */
    public Query blockNotOn(int block, String resource) {
        return with(new BlockNotOn(block, Target.resource(resource)));
    }

    // -------------------------------------------------------------------------------------------------- transfer

    /**
     * Limits the bytes sent from resources of one tier to resources of another.
     *
     * @param from the sending tier
     * @param to the receiving tier
     * @param amount the limit in {@code unit}s, not negative
     * @param unit the unit (MB = 10^6 bytes)
     * @return the new query
     */
    public Query maxTransfer(Tier from, Tier to, long amount, DataUnit unit) {
        return maxTransfer(from, to, DataSize.of(amount, unit));
    }

    /**
     * Limits the bytes sent from resources of one tier to resources of another.
     *
     * @param from the sending tier
     * @param to the receiving tier
     * @param limit the limit
     * @return the new query
     */
    public Query maxTransfer(Tier from, Tier to, DataSize limit) {
        return with(new MaxTransfer(Target.tier(from), Target.tier(to), limit));
    }

    /**
     * Limits the bytes sent from one resource to another.
     *
     * @param from the sender's name
     * @param to the receiver's name
     * @param amount the limit in {@code unit}s
     * @param unit the unit
     * @return the new query
     */
    public Query maxTransfer(String from, String to, long amount, DataUnit unit) {
        return maxTransfer(from, to, DataSize.of(amount, unit));
    }

    /**
     * Limits the bytes sent from one resource to another.
     *
     * @param from the sender's name
     * @param to the receiver's name
     * @param limit the limit
     * @return the new query
     */
    public Query maxTransfer(String from, String to, DataSize limit) {
        return with(new MaxTransfer(Target.resource(from), Target.resource(to), limit));
    }

    /**
     * Limits the bytes that leave a tier (hops from its resources to resources of other tiers).
     *
     * @param from the tier
     * @param amount the limit in {@code unit}s
     * @param unit the unit
     * @return the new query
     */
    public Query maxTransferOut(Tier from, long amount, DataUnit unit) {
        return maxTransferOut(from, DataSize.of(amount, unit));
    }

    /**
     * Limits the bytes that leave a tier.
     *
     * @param from the tier
     * @param limit the limit
     * @return the new query
     */
    public Query maxTransferOut(Tier from, DataSize limit) {
        return with(new MaxTransferOut(Target.tier(from), limit));
    }

    /**
     * Limits the bytes that leave a resource.
     *
     * @param from the resource's name
     * @param limit the limit
     * @return the new query
     */
    public Query maxTransferOut(String from, DataSize limit) {
        return with(new MaxTransferOut(Target.resource(from), limit));
    }

    /**
     * Limits the bytes sent over all hops together.
     *
     * @param amount the limit in {@code unit}s
     * @param unit the unit
     * @return the new query
     */
    public Query maxTotalTransfer(long amount, DataUnit unit) {
        return maxTotalTransfer(DataSize.of(amount, unit));
    }

    /**
     * Limits the bytes sent over all hops together.
     *
     * @param limit the limit
     * @return the new query
     */
    public Query maxTotalTransfer(DataSize limit) {
        return with(new MaxTotalTransfer(limit));
    }

    // ------------------------------------------------------------------------------------------------------ time

    /**
     * Limits the compute time on a tier.
     *
     * @param tier the tier
     * @param limit the most compute time
     * @return the new query
     */
    public Query maxComputeTime(Tier tier, Duration limit) {
        return with(new MaxComputeTime(Target.tier(tier), seconds(limit)));
    }

    /**
     * Limits the compute time on a resource.
     *
     * @param resource the resource's name
     * @param limit the most compute time
     * @return the new query
     */
    public Query maxComputeTime(String resource, Duration limit) {
        return with(new MaxComputeTime(Target.resource(resource), seconds(limit)));
    }

    /**
     * Limits a tier's share of the compute time or of the end-to-end latency.
     *
     * @param tier the tier
     * @param fraction the most share, from 0 to 1 (0.3 for 30%)
     * @param of what the share is of
     * @return the new query
     */
    public Query maxComputeShare(Tier tier, double fraction, ShareOf of) {
        return with(new MaxComputeShare(Target.tier(tier), fraction, of));
    }

    /**
     * Requires a tier's share of the compute time or of the end-to-end latency to be at least a fraction.
     *
     * @param tier the tier
     * @param fraction the least share, from 0 to 1
     * @param of what the share is of
     * @return the new query
     */
    public Query minComputeShare(Tier tier, double fraction, ShareOf of) {
        return with(new MinComputeShare(Target.tier(tier), fraction, of));
    }

    /**
     * Limits the end-to-end latency.
     *
     * @param limit the deadline
     * @return the new query
     */
    public Query deadline(Duration limit) {
        return with(new Deadline(seconds(limit)));
    }

    // ---------------------------------------------------------------------------------------------------- layers

    /**
     * Requires a tier to run at least {@code count} layers.
     *
     * @param tier the tier
     * @param count the least layers
     * @return the new query
     */
    public Query minLayers(Tier tier, int count) {
        return with(new MinLayers(Target.tier(tier), count));
    }

    /**
     * Allows a tier to run at most {@code count} layers.
     *
     * @param tier the tier
     * @param count the most layers
     * @return the new query
     */
    public Query maxLayers(Tier tier, int count) {
        return with(new MaxLayers(Target.tier(tier), count));
    }

    /**
     * Requires a tier to run at least a fraction of the model's layers.
     *
     * @param tier the tier
     * @param fraction the least share, from 0 to 1
     * @return the new query
     */
    public Query minLayerShare(Tier tier, double fraction) {
        return with(new MinLayerShare(Target.tier(tier), fraction));
    }

    /**
     * Allows a tier to run at most a fraction of the model's layers.
     *
     * @param tier the tier
     * @param fraction the most share, from 0 to 1
     * @return the new query
     */
    public Query maxLayerShare(Tier tier, double fraction) {
        return with(new MaxLayerShare(Target.tier(tier), fraction));
    }

    // --------------------------------------------------------------------------------------------------- general

    /**
     * Adds any constraint, e.g. one built from a record of {@link io.scission.query}.
     *
     * @param constraint the constraint
     * @return the new query
     * @throws IllegalStateException if a constraint with the same id is present, or it contradicts one
     */
    public Query constraint(Constraint constraint) {
        return with(constraint);
    }

    /**
     * Sets what to minimise.
     *
     * @param objective the objective
     * @return the new query
     */
    public Query minimize(Objective objective) {
        requireNonNull(objective, "objective");
        requireUnset(this.objective, "minimize", objective.toParsable());
        return new Query(constraints, objective, top, inputSize, sourceName, sourceResource, returnResult, statistic,
                maxResourcesPerTier, strategy);
    }

    /**
     * Sets the size of the raw input sent from the source when the first segment runs elsewhere; the paper uses a
     * 150 KB image.
     *
     * @param amount the size in {@code unit}s
     * @param unit the unit
     * @return the new query
     */
    public Query inputSize(long amount, DataUnit unit) {
        return inputSize(DataSize.of(amount, unit));
    }

    /**
     * Sets the size of the raw input.
     *
     * @param size the size
     * @return the new query
     */
    public Query inputSize(DataSize size) {
        requireNonNull(size, "size");
        requireUnset(inputSize, "inputSize", size.toString());
        return new Query(constraints, objective, top, size, sourceName, sourceResource, returnResult, statistic,
                maxResourcesPerTier, strategy);
    }

    /**
     * Sets the profiled resource where the input originates (default: each device-tier resource is a candidate).
     *
     * @param resource the resource's name
     * @return the new query
     */
    public Query source(String resource) {
        requireNonNull(resource, "resource");
        requireUnset(sourceName, "source", resource);
        return new Query(constraints, objective, top, inputSize, resource, null, returnResult, statistic,
                maxResourcesPerTier, strategy);
    }

    /**
     * Sets a source that only sends the input and is not profiled, e.g. a camera.
     *
     * @param resource the source
     * @return the new query
     */
    public Query source(Resource resource) {
        requireNonNull(resource, "resource");
        requireUnset(sourceName, "source", resource.name());
        return new Query(constraints, objective, top, inputSize, resource.name(), resource, returnResult, statistic,
                maxResourcesPerTier, strategy);
    }

    /**
     * Also sends the model's output back to the source; that hop counts toward latency and bytes.
     *
     * @return the new query
     */
    public Query returnResult() {
        if (returnResult) {
            throw new IllegalStateException("returnResult() is already set.\nMaybe remove the second call.");
        }
        return new Query(constraints, objective, top, inputSize, sourceName, sourceResource, true, statistic,
                maxResourcesPerTier, strategy);
    }

    /**
     * Sets which summary of the block timings to use (default mean).
     *
     * @param statistic the statistic
     * @return the new query
     */
    public Query statistic(TimingStatistic statistic) {
        requireNonNull(statistic, "statistic");
        requireUnset(this.statistic, "statistic", statistic.toString());
        return new Query(constraints, objective, top, inputSize, sourceName, sourceResource, returnResult, statistic,
                maxResourcesPerTier, strategy);
    }

    /**
     * Allows up to {@code n} resources of one tier in a plan, one after another (default 1).
     *
     * @param n the most resources per tier, at least 1
     * @return the new query
     */
    public Query maxResourcesPerTier(int n) {
        if (n < 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The n (%d) of maxResourcesPerTier(n) must be at least 1.", n));
        }
        if (maxResourcesPerTier != 0) {
            throw alreadySet("maxResourcesPerTier", Integer.toString(maxResourcesPerTier));
        }
        return new Query(constraints, objective, top, inputSize, sourceName, sourceResource, returnResult, statistic,
                n, strategy);
    }

    /**
     * Chooses the search engine (default branch and bound); both give identical results.
     *
     * @param strategy the strategy
     * @return the new query
     */
    public Query strategy(SearchStrategy strategy) {
        requireNonNull(strategy, "strategy");
        requireUnset(this.strategy, "strategy", strategy.toString());
        return new Query(constraints, objective, top, inputSize, sourceName, sourceResource, returnResult, statistic,
                maxResourcesPerTier, strategy);
    }

    /**
     * Sets how many plans to return, best first (default {@value #DEFAULT_TOP}).
     *
     * @param k the number of plans, positive
     * @return the new query
     * @throws IllegalArgumentException if k is not positive
     */
    public Query top(int k) {
        if (k <= 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The k (%d) of top(k) must be positive.", k));
        }
        if (top != 0) {
            throw alreadySet("top", Integer.toString(top));
        }
        return new Query(constraints, objective, k, inputSize, sourceName, sourceResource, returnResult, statistic,
                maxResourcesPerTier, strategy);
    }

    /**
     * Runs the query: the best plans for the profiled model on the network, ranked, with their breakdown. An
     * infeasible query is not an error: the result is empty and says which constraint left nothing.
     *
     * @param profiles the model's profiles, one per resource
     * @param network the links between resources
     * @return the ranked plans
     * @throws IllegalArgumentException if the query names an unknown resource, layer or block, a needed link is
     *     missing, or the profiles lack the chosen statistic
     */
    public QueryResult solve(ProfileSet profiles, Network network) {
        requireNonNull(profiles, "profiles");
        requireNonNull(network, "network");
        return Solver.solve(this, profiles, network);
    }

    // ------------------------------------------------------------------------------------------------- accessors

    /** Returns the constraints in the order they were added. @return the constraints */
    public List<Constraint> constraints() {
        return constraints;
    }

    /** Returns the objective, {@link Objective#LATENCY} unless set. @return the objective */
    public Objective objective() {
        return objective == null ? Objective.LATENCY : objective;
    }

    /** Returns how many plans the query returns. @return k */
    public int limit() {
        return top == 0 ? DEFAULT_TOP : top;
    }

    /** Returns the input size, if set; otherwise the model's input tensor size is used. @return the size */
    public Optional<DataSize> inputSize() {
        return Optional.ofNullable(inputSize);
    }

    /** Returns the source resource's name, if set. @return the name */
    public Optional<String> sourceName() {
        return Optional.ofNullable(sourceName);
    }

    /** Returns the unprofiled source resource, if one was given. @return the resource */
    public Optional<Resource> sourceResource() {
        return Optional.ofNullable(sourceResource);
    }

    /** Returns true if the result is sent back to the source. @return whether it is */
    public boolean returnsResult() {
        return returnResult;
    }

    /** Returns the timing statistic, mean unless set. @return the statistic */
    public TimingStatistic statistic() {
        return statistic == null ? TimingStatistic.MEAN : statistic;
    }

    /** Returns the most resources per tier, 1 unless set. @return n */
    public int resourcesPerTier() {
        return maxResourcesPerTier == 0 ? 1 : maxResourcesPerTier;
    }

    /** Returns the search strategy, branch and bound unless set. @return the strategy */
    public SearchStrategy searchStrategy() {
        return strategy == null ? SearchStrategy.BRANCH_AND_BOUND : strategy;
    }

    /**
     * Returns a copy with one constraint removed, used to explain empty results.
     *
     * @param constraint the constraint to drop
     * @return the new query
     */
    public Query without(Constraint constraint) {
        List<Constraint> rest = new ArrayList<>(constraints);
        rest.remove(constraint);
        return new Query(List.copyOf(rest), objective, top, inputSize, sourceName, sourceResource, returnResult,
                statistic, maxResourcesPerTier, strategy);
    }

    /**
     * Returns a copy that returns {@code k} plans, replacing any earlier {@link #top(int)}.
     *
     * @param k the number of plans, positive
     * @return the new query
     */
    public Query withLimit(int k) {
        return new Query(constraints, objective, 0, inputSize, sourceName, sourceResource, returnResult, statistic,
                maxResourcesPerTier, strategy).top(k);
    }

    // -------------------------------------------------------------------------------------------------- internals

    private Query with(Constraint constraint) {
        requireNonNull(constraint, "constraint");
        for (Constraint c : constraints) {
            if (c.id().equals(constraint.id())) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "%s is already in the query (%s).%nMaybe remove one of them.", constraint.id(),
                        c.toParsable()));
            }
            String conflict = Contradictions.between(c, constraint);
            if (conflict != null) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "%s contradicts %s: %s.%nMaybe remove one of them.", constraint.toParsable(),
                        c.toParsable(), conflict));
            }
        }
        List<Constraint> more = new ArrayList<>(constraints);
        more.add(constraint);
        return new Query(List.copyOf(more), objective, top, inputSize, sourceName, sourceResource, returnResult,
                statistic, maxResourcesPerTier, strategy);
    }

    private static void requireUnset(@Nullable Object current, String what, String newValue) {
        if (current != null) {
            String shown = current instanceof Objective o ? o.toParsable() : current.toString();
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "%s is already set (%s); cannot set it to %s.%nMaybe remove one of the calls.",
                    what, shown, newValue));
        }
    }

    private static IllegalStateException alreadySet(String what, String current) {
        return new IllegalStateException(String.format(Locale.ROOT,
                "%s is already set (%s).%nMaybe remove one of the calls.", what, current));
    }

    private static double seconds(Duration d) {
        requireNonNull(d, "duration");
        if (d.isNegative()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The duration (%s) must not be negative.", d));
        }
        return d.getSeconds() + d.getNano() / 1e9;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Query q && constraints.equals(q.constraints) && Objects.equals(objective, q.objective)
                && top == q.top && Objects.equals(inputSize, q.inputSize) && Objects.equals(sourceName, q.sourceName)
                && Objects.equals(sourceResource, q.sourceResource) && returnResult == q.returnResult
                && statistic == q.statistic && maxResourcesPerTier == q.maxResourcesPerTier
                && strategy == q.strategy;
    }

    @Override
    public int hashCode() {
        return Objects.hash(constraints, objective, top, inputSize, sourceName, sourceResource, returnResult,
                statistic, maxResourcesPerTier, strategy);
    }

    @Override
    public String toString() {
        String text = toParsableString();
        return "Query{" + (text.isEmpty() ? "(defaults)" : text) + "}";
    }
}
