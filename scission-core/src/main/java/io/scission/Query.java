package io.scission;

import static java.util.Objects.requireNonNull;

import io.scission.internal.search.QuerySpec;
import io.scission.internal.search.Solver;
import io.scission.model.Block;
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
    public static final int DEFAULT_TOP = QuerySpec.DEFAULT_TOP;

    private static final Query EMPTY = new Query(QuerySpec.EMPTY);

    private final QuerySpec spec;

    private Query(QuerySpec spec) {
        this.spec = spec;
    }

    static Query empty() {
        return EMPTY;
    }

    /**
     * Parses a query string as written by {@link #toParsableString()}: method calls joined by dots, e.g.
     * {@code mustUse(EDGE).exclude("raspi4").maxTransfer(EDGE, CLOUD, 1MB).deadline(250ms).top(3)}. Tiers are
     * {@code DEVICE}, {@code EDGE}, {@code CLOUD} or {@code tier("name", rank)}; resources are quoted; sizes take
     * B, KB, MB, GB, KiB, MiB or GiB; durations take s, ms or us; energies take J, mJ or kJ, e.g.
     * {@code maxEnergy(DEVICE, 2.5J).minimize(energy(DEVICE))}.
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
        for (Constraint c : spec.constraints()) {
            calls.add(c.toParsable());
        }
        if (spec.objective() != null) {
            calls.add("minimize(" + spec.effectiveObjective().toParsable() + ")");
        }
        DataSize input = spec.inputSize();
        if (input != null) {
            calls.add("inputSize(" + input + ")");
        }
        Resource unprofiled = spec.sourceResource();
        String sourceName = spec.sourceName();
        if (unprofiled != null) {
            calls.add("source(" + new ResourceTarget(unprofiled.name()).toParsable() + ", "
                    + new TierTarget(unprofiled.tier()).toParsable() + ")");
        } else if (sourceName != null) {
            calls.add("source(" + new ResourceTarget(sourceName).toParsable() + ")");
        }
        if (spec.returnResult()) {
            calls.add("returnResult()");
        }
        if (spec.statistic() != null) {
            calls.add("statistic(" + spec.statistic() + ")");
        }
        if (spec.maxResourcesPerTier() != 0) {
            calls.add("maxResourcesPerTier(" + spec.maxResourcesPerTier() + ")");
        }
        if (spec.strategy() != null) {
            calls.add("strategy(" + spec.strategy() + ")");
        }
        if (spec.top() != 0) {
            calls.add("top(" + spec.top() + ")");
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

    // ---------------------------------------------------------------------------------------------------- memory

    /**
     * Limits the working memory of each segment on a tier: every resource of the tier that runs a segment must fit
     * it in {@code amount} {@code unit}s (each resource on its own). A segment's working memory is the estimate
     * recorded in the profiles (Σ weight bytes + the largest live activation set of its blocks,
     * {@link io.scission.profile.BlockMemory}); solving fails if a profile of the tier records none.
     *
     * @param tier the tier
     * @param amount the limit in {@code unit}s
     * @param unit the unit
     * @return the new query
     */
    public Query maxMemory(Tier tier, long amount, DataUnit unit) {
        return maxMemory(tier, DataSize.of(amount, unit));
    }

    /**
     * Limits the working memory of each segment on a tier.
     *
     * @param tier the tier
     * @param limit the most bytes per segment
     * @return the new query
     * @see #maxMemory(Tier, long, DataUnit)
     */
    public Query maxMemory(Tier tier, DataSize limit) {
        return with(new MaxMemory(Target.tier(tier), limit));
    }

    /**
     * Limits the working memory of the segment on a resource. A resource's own capacity
     * ({@link Resource#withMemory}) applies without this.
     *
     * @param resource the resource's name
     * @param amount the limit in {@code unit}s
     * @param unit the unit
     * @return the new query
     */
    public Query maxMemory(String resource, long amount, DataUnit unit) {
        return maxMemory(resource, DataSize.of(amount, unit));
    }

    /**
     * Limits the working memory of the segment on a resource.
     *
     * @param resource the resource's name
     * @param limit the most bytes
     * @return the new query
     */
    public Query maxMemory(String resource, DataSize limit) {
        return with(new MaxMemory(Target.resource(resource), limit));
    }

    // ---------------------------------------------------------------------------------------------------- energy

    /**
     * Limits the energy a plan costs a tier's resources that take part in it (README "Energy"); each of them needs
     * power figures ({@link Resource#withPower}).
     *
     * @param tier the tier, e.g. {@code DEVICE}
     * @param joules the most joules, finite and not negative
     * @return the new query
     */
    public Query maxEnergy(Tier tier, double joules) {
        return with(new MaxEnergy(Target.tier(tier), joules));
    }

    /**
     * Limits the energy a plan costs one resource; it needs power figures.
     *
     * @param resource the resource's name
     * @param joules the most joules, finite and not negative
     * @return the new query
     */
    public Query maxEnergy(String resource, double joules) {
        return with(new MaxEnergy(Target.resource(resource), joules));
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
     * @throws IllegalStateException if the objective is already set
     */
    public Query minimize(Objective objective) {
        requireNonNull(objective, "objective");
        requireUnset(spec.objective(), "minimize", objective.toParsable());
        return new Query(spec.withObjective(objective));
    }

    /**
     * Sets the size of the raw input sent from the source when the first segment runs elsewhere; the paper uses a
     * 150 KB image.
     *
     * @param amount the size in {@code unit}s, not negative
     * @param unit the unit (KB = 10^3 bytes)
     * @return the new query
     * @throws IllegalArgumentException if the size is negative or above {@link Block#MAX_BYTES}
     * @throws IllegalStateException if the input size is already set
     */
    public Query inputSize(long amount, DataUnit unit) {
        return inputSize(DataSize.of(amount, unit));
    }

    /**
     * Sets the size of the raw input.
     *
     * @param size the size, at most {@link Block#MAX_BYTES} (2^50 bytes)
     * @return the new query
     * @throws IllegalArgumentException if the size is above {@link Block#MAX_BYTES}
     * @throws IllegalStateException if the input size is already set
     */
    public Query inputSize(DataSize size) {
        requireNonNull(size, "size");
        if (size.bytes() > Block.MAX_BYTES) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The size (%d bytes) of inputSize(...) must be at most %d bytes (2^50, 1 PiB).%n"
                            + "Maybe check the unit.", size.bytes(), Block.MAX_BYTES));
        }
        requireUnset(spec.inputSize(), "inputSize", size.toString());
        return new Query(spec.withInputSize(size));
    }

    /**
     * Sets the profiled resource where the input originates (default: each device-tier resource is a candidate).
     * A profiled source is one of its tier's resources in the plan even when it runs no block: see
     * {@link #maxResourcesPerTier(int)}.
     *
     * @param resource the resource's name
     * @return the new query
     * @throws IllegalStateException if the source is already set
     */
    public Query source(String resource) {
        requireNonNull(resource, "resource");
        requireUnset(spec.sourceName(), "source", resource);
        return new Query(spec.withSource(resource, null));
    }

    /**
     * Sets a source that only sends the input and is not profiled, e.g. a camera. It runs no block and is not one
     * of its tier's resources in the plan, so another resource of its tier may run the first segment.
     *
     * @param resource the source
     * @return the new query
     * @throws IllegalStateException if the source is already set
     */
    public Query source(Resource resource) {
        requireNonNull(resource, "resource");
        requireUnset(spec.sourceName(), "source", resource.name());
        return new Query(spec.withSource(resource.name(), resource));
    }

    /**
     * Also sends the model's output back to the source; that hop counts toward latency and bytes.
     *
     * @return the new query
     * @throws IllegalStateException if it is already set
     */
    public Query returnResult() {
        if (spec.returnResult()) {
            throw new IllegalStateException("returnResult() is already set.\nMaybe remove the second call.");
        }
        return new Query(spec.withReturnResult(true));
    }

    /**
     * Sets which summary of the block timings to use (default mean).
     *
     * @param statistic the statistic
     * @return the new query
     * @throws IllegalStateException if the statistic is already set
     */
    public Query statistic(TimingStatistic statistic) {
        requireNonNull(statistic, "statistic");
        requireUnset(spec.statistic(), "statistic", statistic.toString());
        return new Query(spec.withStatistic(statistic));
    }

    /**
     * Allows up to {@code n} resources of one tier in a plan, one after another (default 1). A profiled source
     * counts as one of its tier's resources even when it only sends the input.
     *
     * @param n the most resources per tier, at least 1
     * @return the new query
     * @throws IllegalArgumentException if n is less than 1
     * @throws IllegalStateException if it is already set
     */
    public Query maxResourcesPerTier(int n) {
        if (n < 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The n (%d) of maxResourcesPerTier(n) must be at least 1.", n));
        }
        if (spec.maxResourcesPerTier() != 0) {
            throw alreadySet("maxResourcesPerTier", Integer.toString(spec.maxResourcesPerTier()));
        }
        return new Query(spec.withMaxResourcesPerTier(n));
    }

    /**
     * Chooses the search engine (default branch and bound); both give identical results.
     *
     * @param strategy the strategy
     * @return the new query
     * @throws IllegalStateException if the strategy is already set
     */
    public Query strategy(SearchStrategy strategy) {
        requireNonNull(strategy, "strategy");
        requireUnset(spec.strategy(), "strategy", strategy.toString());
        return new Query(spec.withStrategy(strategy));
    }

    /**
     * Sets how many plans to return, best first (default {@value #DEFAULT_TOP}). Memory grows with the plans
     * found, not with {@code k}, so a large {@code k} asks for every plan.
     *
     * @param k the number of plans, positive
     * @return the new query
     * @throws IllegalArgumentException if k is not positive
     * @throws IllegalStateException if top is already set
     */
    public Query top(int k) {
        if (k <= 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The k (%d) of top(k) must be positive.", k));
        }
        if (spec.top() != 0) {
            throw alreadySet("top", Integer.toString(spec.top()));
        }
        return new Query(spec.withTop(k));
    }

    /**
     * Runs the query: the best plans for the profiled model on the network, ranked, with their breakdown. An
     * infeasible query is not an error: the result is empty and says which constraint left nothing.
     *
     * @param profiles the model's profiles, one per resource
     * @param network the links between resources
     * @return the ranked plans
     * @throws IllegalArgumentException if the query names an unknown resource, layer or block, a link that a plan
     *     could use is missing, the profiles lack the chosen statistic, or the numbers are so large that latencies
     *     or byte totals would overflow; the message names the input
     */
    public QueryResult solve(ProfileSet profiles, Network network) {
        requireNonNull(profiles, "profiles");
        requireNonNull(network, "network");
        Solver.Solution s = Solver.solve(spec, profiles, network);
        return new QueryResult(this, s.plans(), s.stats(), s.blockers(), s.explanation());
    }

    /**
     * Maps this query over a range of one network parameter: {@link MapQuery#solve} returns the exact intervals of
     * the range where each plan is the best one, e.g.
     * {@code query.mapOver(Parameter.bandwidth(DEVICE, EDGE), 0.1, 100).solve(profiles, network)}.
     *
     * @param parameter what varies
     * @param from the start of the range, in the parameter's unit (Mbps for a bandwidth, seconds for a latency)
     * @param to the end of the range, greater than {@code from}
     * @return the mapped query
     * @throws IllegalArgumentException if the range is not finite, empty, or (for a bandwidth or a factor) not
     *     positive, or (for a latency) negative
     */
    public MapQuery mapOver(Parameter parameter, double from, double to) {
        return new MapQuery(spec, requireNonNull(parameter, "parameter"), from, to);
    }

    // ------------------------------------------------------------------------------------------------- accessors

    /**
     * Returns the constraints in the order they were added.
     *
     * @return the constraints
     */
    public List<Constraint> constraints() {
        return spec.constraints();
    }

    /**
     * Returns the objective set with {@link #minimize(Objective)}.
     *
     * @return the objective, {@link Objective#LATENCY} unless set
     */
    public Objective objective() {
        return spec.effectiveObjective();
    }

    /**
     * Returns how many plans the query returns, as set with {@link #top(int)}.
     *
     * @return k, {@value #DEFAULT_TOP} unless set
     */
    public int top() {
        return spec.effectiveTop();
    }

    /**
     * Returns the input size set with {@link #inputSize(DataSize)}.
     *
     * @return the size, or empty when the model's input tensor size is used
     */
    public Optional<DataSize> inputSize() {
        return Optional.ofNullable(spec.inputSize());
    }

    /**
     * Returns the name of the source set with {@link #source(String)} or {@link #source(Resource)}.
     *
     * @return the name, or empty when every device-tier resource is a candidate source
     */
    public Optional<String> source() {
        return Optional.ofNullable(spec.sourceName());
    }

    /**
     * Returns the unprofiled source set with {@link #source(Resource)}.
     *
     * @return the resource, or empty
     */
    public Optional<Resource> sourceResource() {
        return Optional.ofNullable(spec.sourceResource());
    }

    /**
     * Returns whether the result is sent back to the source ({@link #returnResult()}).
     *
     * @return true if it is
     */
    public boolean returnsResult() {
        return spec.returnResult();
    }

    /**
     * Returns the timing statistic set with {@link #statistic(TimingStatistic)}.
     *
     * @return the statistic, {@link TimingStatistic#MEAN} unless set
     */
    public TimingStatistic statistic() {
        return spec.effectiveStatistic();
    }

    /**
     * Returns the most resources per tier set with {@link #maxResourcesPerTier(int)}.
     *
     * @return n, 1 unless set
     */
    public int maxResourcesPerTier() {
        return spec.effectiveMaxResourcesPerTier();
    }

    /**
     * Returns the search strategy set with {@link #strategy(SearchStrategy)}.
     *
     * @return the strategy, {@link SearchStrategy#BRANCH_AND_BOUND} unless set
     */
    public SearchStrategy strategy() {
        return spec.effectiveStrategy();
    }

    // -------------------------------------------------------------------------------------------------- internals

    private Query with(Constraint constraint) {
        requireNonNull(constraint, "constraint");
        for (Constraint c : spec.constraints()) {
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
        return new Query(spec.plus(constraint));
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
        return o instanceof Query q && spec.equals(q.spec);
    }

    @Override
    public int hashCode() {
        return spec.hashCode();
    }

    @Override
    public String toString() {
        String text = toParsableString();
        return "Query{" + (text.isEmpty() ? "(defaults)" : text) + "}";
    }
}
