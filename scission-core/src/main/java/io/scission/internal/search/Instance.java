package io.scission.internal.search;

import io.scission.Hop;
import io.scission.PartitionConfig;
import io.scission.Segment;
import io.scission.model.Block;
import io.scission.model.BlockLayout;
import io.scission.platform.Link;
import io.scission.platform.Network;
import io.scission.platform.Power;
import io.scission.platform.Resource;
import io.scission.platform.Tier;
import io.scission.profile.CopyCost;
import io.scission.profile.HopCost;
import io.scission.profile.Profile;
import io.scission.profile.ProfileSet;
import io.scission.profile.TimingStatistic;
import io.scission.query.Constraint;
import io.scission.query.EnergyWeight;
import io.scission.query.MaxEnergy;
import io.scission.query.Objective;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A query compiled against profiles and a network: primitive arrays for the hot loops, validated once, plus the
 * pipeline rules that say which resource sequences are plans. Both searches share it and its canonical
 * {@link #evaluate} so that they rank identical plans identically.
 *
 * <p>Pipeline rules (documented in README "The cost model"): the input starts on a source. A plan runs contiguous
 * block ranges on distinct resources in non-decreasing tier rank, at most {@link #maxPerTier} of each tier, and
 * every hop needs a link. A profiled source is one of its tier's resources in the plan: it runs the first segment,
 * or it only sends the input, and then another resource of its tier may take over only if two or more per tier are
 * allowed; an unprofiled source only sends. Tiers below the source's never run.
 */
final class Instance {

    final QuerySpec spec;
    final BlockLayout layout;
    /** Resources ordered by tier then name; an unprofiled source comes with {@code canRun == false}. */
    final Resource[] resources;
    final int resourceCount;
    final int blockCount;
    final int[] rank;
    final boolean[] canRun;
    /** Seconds of block b on resource r under the query's statistic; NaN where r cannot run. */
    final double[][] time;
    final long[] out;
    final int[] firstLayer;
    final int[] lastLayer;
    final long inputBytes;
    final int[] sources;
    /** Link latency and bandwidth (bytes/s) from a to c; NaN where there is no link. */
    final double[][] latency;
    final double[][] bandwidth;
    /** What one end of a hop costs on each resource besides the link ({@link HopCost#NONE} if unprofiled). */
    final HopCost[] hopCost;
    /** What copying the model's input and output costs on each resource ({@link CopyCost#NONE} if unprofiled). */
    final CopyCost[] copyCost;
    final boolean returnResult;
    final int maxPerTier;
    /**
     * weights[r][b] and activations[r][b]: the memory figures of block b in r's profile
     * ({@link io.scission.profile.BlockMemory}); null rows where r's profile records none or r is unprofiled.
     */
    final long[][] weights;
    final long[][] activations;
    final Objective objective;
    final double perSecond;
    final double perByte;
    final List<Constraint> constraints;

    private Instance(QuerySpec spec, BlockLayout layout, Resource[] resources, double[][] time, long[][] weights,
            long[][] activations, long inputBytes, int[] sources, double[][] latency, double[][] bandwidth,
            HopCost[] hopCost, CopyCost[] copyCost) {
        this.spec = spec;
        this.layout = layout;
        this.resources = resources;
        this.resourceCount = resources.length;
        this.blockCount = layout.size();
        this.rank = new int[resourceCount];
        this.canRun = new boolean[resourceCount];
        for (int r = 0; r < resourceCount; r++) {
            rank[r] = resources[r].tier().rank();
            canRun[r] = !Double.isNaN(time[r][0]);
        }
        this.time = time;
        this.weights = weights;
        this.activations = activations;
        this.out = new long[blockCount];
        this.firstLayer = new int[blockCount];
        this.lastLayer = new int[blockCount];
        for (int b = 0; b < blockCount; b++) {
            Block block = layout.blocks().get(b);
            out[b] = block.outputBytes();
            firstLayer[b] = block.firstLayer();
            lastLayer[b] = block.lastLayer();
        }
        this.inputBytes = inputBytes;
        this.sources = sources;
        this.latency = latency;
        this.bandwidth = bandwidth;
        this.hopCost = hopCost;
        this.copyCost = copyCost;
        this.returnResult = spec.returnResult();
        this.maxPerTier = spec.effectiveMaxResourcesPerTier();
        this.objective = spec.effectiveObjective();
        this.perSecond = objective.perSecond();
        this.perByte = objective.perByte();
        this.constraints = spec.constraints();
    }

    /**
     * Validates the query's settings against the data and compiles them. The constraints are validated and
     * compiled by {@link Restrictions#compile}, and the links by {@link #missingLinks}.
     *
     * @throws IllegalArgumentException naming the source, the statistic, or a number so large that a latency or a
     *     byte total would overflow
     */
    static Instance compile(QuerySpec spec, ProfileSet profiles, Network network) {
        BlockLayout layout = profiles.layout();
        List<Resource> list = new ArrayList<>(profiles.resources());
        Resource extraSource = spec.sourceResource();
        if (extraSource != null) {
            Optional<Profile> profiled = profiles.profile(extraSource.name());
            if (profiled.isPresent() && !profiled.get().resource().equals(extraSource)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "The source %s differs from the profiled resource of that name (%s).%n"
                                + "Maybe use source(\"%s\") to refer to the profiled one.",
                        extraSource, profiled.get().resource(), extraSource.name()));
            }
            if (profiled.isEmpty()) {
                list.add(extraSource);
            }
        }
        list.sort(null);
        Resource[] resources = list.toArray(new Resource[0]);
        Map<Integer, Tier> byRank = new LinkedHashMap<>();
        for (Resource a : resources) {
            Tier b = byRank.putIfAbsent(a.tier().rank(), a.tier());
            if (b != null && !b.equals(a.tier())) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "The tiers %s and %s (of %s) have the same rank %d, so their order is unknown.%n"
                                + "Maybe give one of them another rank.",
                        b.name(), a.tier().name(), a.name(), a.tier().rank()));
            }
        }
        int n = resources.length;
        int blocks = layout.size();
        TimingStatistic statistic = spec.effectiveStatistic();
        double[][] time = new double[n][blocks];
        HopCost[] hopCost = new HopCost[n];
        CopyCost[] copyCost = new CopyCost[n];
        for (int r = 0; r < n; r++) {
            Optional<Profile> p = profiles.profile(resources[r].name());
            hopCost[r] = p.isPresent() ? p.get().hopCost() : HopCost.NONE;
            copyCost[r] = p.isPresent() ? p.get().copyCost() : CopyCost.NONE;
            if (p.isEmpty()) {
                Arrays.fill(time[r], Double.NaN);
                continue;
            }
            for (int b = 0; b < blocks; b++) {
                double t = p.get().seconds(b, statistic);
                if (Double.isNaN(t)) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "The profile of %s records no %s for block %d (layers %s); imported benchmark data "
                                    + "keeps only means.%nMaybe use statistic(MEAN).",
                            resources[r].name(), statistic.name().toLowerCase(Locale.ROOT), b,
                            layout.blocks().get(b).label()));
                }
                time[r][b] = t;
            }
        }
        long[][] weights = new long[n][];
        long[][] activations = new long[n][];
        for (int r = 0; r < n; r++) {
            Optional<Profile> p = profiles.profile(resources[r].name());
            if (p.isPresent() && !p.get().memory().isEmpty()) {
                weights[r] = new long[blocks];
                activations[r] = new long[blocks];
                for (int b = 0; b < blocks; b++) {
                    weights[r][b] = p.get().memory().get(b).weightBytes();
                    activations[r][b] = p.get().memory().get(b).activationBytes();
                }
            }
        }
        int[] sources = sources(spec, resources);
        long inputBytes = spec.inputSize() != null ? spec.inputSize().bytes() : layout.inputBytes();
        double[][] latency = new double[n][n];
        double[][] bandwidth = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int c = 0; c < n; c++) {
                Optional<Link> link = a == c ? Optional.empty() : network.link(resources[a], resources[c]);
                latency[a][c] = link.isPresent() ? link.get().latencySeconds() : Double.NaN;
                bandwidth[a][c] = link.isPresent() ? link.get().bandwidth().bytesPerSecond() : Double.NaN;
            }
        }
        Instance instance = new Instance(spec, layout, resources, time, weights, activations, inputBytes, sources,
                latency, bandwidth, hopCost, copyCost);
        instance.checkMagnitudes();
        return instance;
    }

    /**
     * Returns this instance for another query (same data, same source and input size) with other link figures:
     * the same links present, only their latency and bandwidth changed. Plan maps compile once and then change
     * one figure per probe; the profiles' times are not read again. Validated like {@link #compile}.
     */
    Instance relinked(QuerySpec other, double[][] otherLatency, double[][] otherBandwidth) {
        Instance instance = new Instance(other, layout, resources, time, weights, activations, inputBytes, sources,
                otherLatency, otherBandwidth, hopCost, copyCost);
        instance.checkMagnitudes();
        return instance;
    }

    private static int[] sources(QuerySpec spec, Resource[] resources) {
        String named = spec.sourceName();
        if (named != null) {
            for (int r = 0; r < resources.length; r++) {
                if (resources[r].name().equals(named)) {
                    return new int[] {r};
                }
            }
            throw unknownResource("source(\"" + named + "\")", named, resources);
        }
        List<Integer> devices = new ArrayList<>();
        for (int r = 0; r < resources.length; r++) {
            if (resources[r].tier().equals(Tier.DEVICE)) {
                devices.add(r);
            }
        }
        if (devices.isEmpty()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "No device-tier resource is profiled, so the input has no default source (resources: %s).%n"
                            + "Maybe call source(...) with the resource that produces the input.",
                    Arrays.toString(resources)));
        }
        int[] ranks = new int[devices.size()];
        for (int i = 0; i < ranks.length; i++) {
            ranks[i] = devices.get(i);
        }
        return ranks;
    }

    /** The index of the named resource, or -1. */
    int find(String name) {
        for (int r = 0; r < resourceCount; r++) {
            if (resources[r].name().equals(name)) {
                return r;
            }
        }
        return -1;
    }

    /** The index of a resource whose name was validated. */
    int indexOf(String name) {
        int r = find(name);
        if (r < 0) {
            throw unknownResource(name, name, resources);
        }
        return r;
    }

    IllegalArgumentException unknownResource(String where, String name) {
        return unknownResource(where, name, resources);
    }

    private static IllegalArgumentException unknownResource(String where, String name, Resource[] resources) {
        List<String> known = new ArrayList<>();
        for (Resource r : resources) {
            known.add(r.name());
        }
        return new IllegalArgumentException(String.format(Locale.ROOT,
                "%s names resource %s, which has no profile (known: %s).%nMaybe check the spelling.",
                where, name, String.join(", ", known)));
    }

    /**
     * Fails unless every latency, byte total and score that a plan can reach is a finite number: per-block times
     * that add up to infinity, a hop that takes forever, or more bytes than a {@code long} holds would otherwise
     * make plans vanish or break the transfer caps.
     */
    private void checkMagnitudes() {
        long maxBytes = inputBytes;
        for (long o : out) {
            maxBytes = Math.max(maxBytes, o);
        }
        int maxHops = resourceCount + 1;
        if (maxBytes > 0 && maxHops > Long.MAX_VALUE / maxBytes) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "A plan over %d resources could send %d hops of up to %d bytes, more than %d bytes in all.%n"
                            + "Maybe use fewer resources or check the sizes in the profiles.",
                    resourceCount, maxHops, maxBytes, Long.MAX_VALUE));
        }
        double worstCompute = 0;
        for (int r = 0; r < resourceCount; r++) {
            if (!canRun[r]) {
                continue;
            }
            double sum = copyCost[r].inSeconds(inputBytes) + copyCost[r].outSeconds(out[blockCount - 1]);
            for (int b = 0; b < blockCount; b++) {
                sum += time[r][b];
            }
            if (Double.isInfinite(sum)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "The block times of %s add up to more than %s seconds, the largest number a latency can be."
                                + "%nMaybe check the profile's units (seconds).", resources[r], Double.MAX_VALUE));
            }
            worstCompute = Math.max(worstCompute, sum);
        }
        double worstHop = 0;
        for (int a = 0; a < resourceCount; a++) {
            for (int c = 0; c < resourceCount; c++) {
                if (linked(a, c)) {
                    double t = hopSeconds(a, c, maxBytes);
                    if (Double.isInfinite(t)) {
                        throw new IllegalArgumentException(String.format(Locale.ROOT,
                                "Sending %d bytes from %s to %s would take more than %s seconds.%n"
                                        + "Maybe check that link's bandwidth.", maxBytes, resources[a], resources[c],
                                Double.MAX_VALUE));
                    }
                    worstHop = Math.max(worstHop, t);
                }
            }
        }
        double worstLatency = worstCompute + maxHops * worstHop;
        double worstScore = perSecond * worstLatency + perByte * ((double) maxHops * maxBytes);
        double mostWatts = 0;
        for (Resource r : resources) {
            Power w = r.power();
            if (w.isKnown()) {
                mostWatts = Math.max(mostWatts, Math.max(Math.max(w.computeWatts(), w.transmitWatts()),
                        Math.max(w.receiveWatts(), w.idleWatts())));
            }
        }
        for (EnergyWeight w : objective.energy()) {
            // each resource that takes part draws at most mostWatts for the whole latency
            worstScore += w.perJoule() * ((double) resourceCount * mostWatts * worstLatency);
        }
        for (Constraint c : constraints) {
            if (c instanceof MaxEnergy && Double.isInfinite((double) resourceCount * mostWatts * worstLatency)) {
                worstScore = Double.POSITIVE_INFINITY;
            }
        }
        if (Double.isInfinite(worstLatency) || Double.isInfinite(worstScore)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The latency or score of a plan could exceed %s (block times up to %s s, hops up to %s s, "
                            + "objective %s, energy included).%nMaybe check the profiles' units, the power figures "
                            + "and the objective's weights.", Double.MAX_VALUE, worstCompute, worstHop,
                    objective.toParsable()));
        }
    }

    // ------------------------------------------------------------------------------------------- pipeline rules

    /** True if the network has a link from a to c. */
    boolean linked(int a, int c) {
        return !Double.isNaN(latency[a][c]);
    }

    /**
     * True if a plan whose input starts on source s may run its first segment on r (links aside): the source
     * itself if it is profiled, a resource of a higher tier, or another resource of the source's tier when the
     * source is unprofiled or two or more per tier are allowed.
     */
    boolean mayStart(int s, int r) {
        if (r == s) {
            return canRun[s];
        }
        return canRun[r] && (rank[r] > rank[s] || rank[r] == rank[s] && (!canRun[s] || maxPerTier > 1));
    }

    /**
     * True if the source counts as one of the tier's resources when the first segment runs on r: a profiled
     * source of r's tier that hands the input over.
     */
    boolean sourceHeld(int s, int r) {
        return r != s && canRun[s] && rank[r] == rank[s];
    }

    /**
     * True if a segment on c may follow one on a (links aside): c of a higher tier, or of the same tier when
     * several per tier are allowed. The caller also checks that c is not the source, not used yet, and that its
     * tier has room.
     */
    boolean mayFollow(int a, int c) {
        return a != c && (rank[c] > rank[a] || rank[c] == rank[a] && maxPerTier > 1);
    }

    /**
     * Returns the links that a plan allowed by the query's placement rules would use and that the network lacks,
     * as one message, or empty: such a plan cannot be priced, so solving refuses rather than silently skip it.
     * The rules considered are the pipeline rules, the resources the local restrictions leave usable, the tiers
     * that must be used, and native-only; links that no such plan uses (excluded resources, tiers below the
     * source, a hop that skips a tier that must be used) are not required.
     *
     * @param usable usable[r]: the local restrictions let r run some block
     * @param required the ranks every plan must run a block on
     * @param nativeOnly whether plans run on one resource only (then only the input and result hops are used)
     */
    Optional<String> missingLinks(boolean[] usable, int[] required, boolean nativeOnly) {
        if (fullyLinked()) {
            return Optional.empty();
        }
        Map<String, Set<String>> missing = new LinkedHashMap<>();
        for (int s : sources) {
            for (int r = 0; r < resourceCount; r++) {
                if (!usable[r] || !mayStart(s, r)) {
                    continue;
                }
                boolean first = between(required, Integer.MIN_VALUE, rank[r]) && (!nativeOnly
                        || between(required, rank[r], Integer.MAX_VALUE));
                boolean last = between(required, rank[r], Integer.MAX_VALUE);
                if (r != s && first && !linked(s, r)) {
                    need(missing, s, r, "the input upload");
                }
                if (returnResult && r != s && last && !linked(r, s)) {
                    need(missing, r, s, "returning the result");
                }
            }
        }
        for (int s : sources) {
            for (int r = 0; r < resourceCount; r++) {
                if (nativeOnly || !usable[r] || !mayStart(s, r)) {
                    continue;
                }
                for (int c = 0; c < resourceCount; c++) {
                    if (usable[c] && c != s && mayStart(s, c) && mayFollow(r, c)
                            && between(required, rank[r], rank[c]) && !linked(r, c)) {
                        need(missing, r, c, "plans that run on both");
                    }
                }
            }
        }
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        List<String> lines = new ArrayList<>();
        missing.forEach((pair, why) -> lines.add(pair + ", needed for " + String.join(" and ", why)));
        return Optional.of(String.join("; ", lines));
    }

    /** True if the network links every resource to every other one: then no plan lacks a link. */
    private boolean fullyLinked() {
        for (int a = 0; a < resourceCount; a++) {
            for (int c = 0; c < resourceCount; c++) {
                if (a != c && !linked(a, c)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** True if no required rank lies strictly between {@code from} and {@code to}. */
    static boolean between(int[] required, int from, int to) {
        for (int q : required) {
            if (q > from && q < to) {
                return false;
            }
        }
        return true;
    }

    private void need(Map<String, Set<String>> missing, int a, int c, String why) {
        String pair = resources[a].name() + " (" + resources[a].tier() + ") -> " + resources[c].name() + " ("
                + resources[c].tier() + ")";
        missing.computeIfAbsent(pair, k -> new LinkedHashSet<>()).add(why);
    }

    // ------------------------------------------------------------------------------------- canonical evaluation

    /**
     * Seconds to send bytes from a to c: the link's latency + bytes / bandwidth, plus both ends' hop costs
     * ({@link HopCost#between}; exactly 0 without them, so such profiles predict as before).
     */
    double hopSeconds(int a, int c, long bytes) {
        return latency[a][c] + bytes / bandwidth[a][c] + HopCost.between(hopCost[a], hopCost[c], bytes);
    }

    /**
     * Seconds a plan from source s whose first segment runs on r adds to that segment for copying the model's input
     * from the host into the runtime ({@link CopyCost#inSeconds}): only when r is the source, since an input hop's
     * receiving end already includes that copy ({@link HopCost}); exactly 0 without a copy cost. The one
     * definition that the evaluation, the search's bounds and (through the segments) the plan maps use.
     */
    double leadSeconds(int s, int r) {
        return r == s ? copyCost[r].inSeconds(inputBytes) : 0.0;
    }

    /**
     * Seconds a plan from source s whose last segment runs on r adds to that segment for copying the model's
     * output from the runtime to the host ({@link CopyCost#outSeconds}): unless a result hop follows, whose sending
     * end already includes that copy; exactly 0 without a copy cost. The one definition, as {@link #leadSeconds}.
     */
    double tailSeconds(int s, int r) {
        return returnResult && r != s ? 0.0 : copyCost[r].outSeconds(out[blockCount - 1]);
    }

    /**
     * Evaluates a complete plan the one canonical way (segment sums in block order, the first segment's from its
     * {@link #leadSeconds}, the last one's plus its {@link #tailSeconds}; hops in order), so that every search ranks
     * a plan by bit-identical numbers.
     *
     * @param s the source
     * @param res the resources of the segments, in order
     * @param end the last block of each segment
     * @param k the number of segments
     */
    PartitionConfig evaluate(int s, int[] res, int[] end, int k) {
        List<Segment> segments = new ArrayList<>(k);
        List<Hop> hops = new ArrayList<>(k + 1);
        double compute = 0.0;
        int start = 0;
        for (int i = 0; i < k; i++) {
            int r = res[i];
            double c = i == 0 ? leadSeconds(s, r) : 0.0;
            for (int b = start; b <= end[i]; b++) {
                c += time[r][b];
            }
            if (i == k - 1) {
                c += tailSeconds(s, r);
            }
            compute += c;
            segments.add(new Segment(resources[r], start, end[i], firstLayer[start], lastLayer[end[i]], c,
                    memory(r, start, end[i])));
            start = end[i] + 1;
        }
        double transfer = 0.0;
        long bytes = 0;
        if (res[0] != s) {
            double t = hopSeconds(s, res[0], inputBytes);
            transfer += t;
            bytes += inputBytes;
            hops.add(new Hop(Hop.Kind.INPUT, resources[s], resources[res[0]], inputBytes, t));
        }
        for (int i = 0; i + 1 < k; i++) {
            long o = out[end[i]];
            double t = hopSeconds(res[i], res[i + 1], o);
            transfer += t;
            bytes += o;
            hops.add(new Hop(Hop.Kind.INTERMEDIATE, resources[res[i]], resources[res[i + 1]], o, t));
        }
        int last = res[k - 1];
        if (returnResult && last != s) {
            long o = out[blockCount - 1];
            double t = hopSeconds(last, s, o);
            transfer += t;
            bytes += o;
            hops.add(new Hop(Hop.Kind.RESULT, resources[last], resources[s], o, t));
        }
        double latencySeconds = compute + transfer;
        if (!objective.hasEnergy()) {
            return new PartitionConfig(resources[s], segments, hops, compute, transfer, latencySeconds, bytes,
                    objective.score(latencySeconds, bytes), layout.layerCount());
        }
        PartitionConfig unscored = new PartitionConfig(resources[s], segments, hops, compute, transfer,
                latencySeconds, bytes, 0.0, layout.layerCount());
        return new PartitionConfig(resources[s], segments, hops, compute, transfer, latencySeconds, bytes,
                objective.score(unscored), layout.layerCount());
    }

    /**
     * The working memory of a segment of blocks first..last on r: Σ weight bytes + the largest activation bytes
     * ({@link io.scission.profile.BlockMemory#segmentBytes}), or {@link Segment#UNKNOWN_MEMORY} without figures.
     */
    long memory(int r, int first, int last) {
        if (weights[r] == null) {
            return Segment.UNKNOWN_MEMORY;
        }
        long w = 0;
        long a = 0;
        for (int b = first; b <= last; b++) {
            w += weights[r][b];
            a = Math.max(a, activations[r][b]);
        }
        return w + a;
    }

    /** True if every constraint holds: the one definition of feasibility. */
    boolean satisfies(PartitionConfig plan) {
        for (Constraint c : constraints) {
            if (!c.isSatisfiedBy(plan)) {
                return false;
            }
        }
        return true;
    }

    static double tolerance(double x) {
        return 1e-9 * Math.max(1.0, Math.abs(x));
    }
}
