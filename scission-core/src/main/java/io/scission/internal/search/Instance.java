package io.scission.internal.search;

import io.scission.Hop;
import io.scission.PartitionConfig;
import io.scission.Query;
import io.scission.Segment;
import io.scission.model.Block;
import io.scission.model.BlockLayout;
import io.scission.platform.Link;
import io.scission.platform.Network;
import io.scission.platform.Resource;
import io.scission.platform.Tier;
import io.scission.profile.Profile;
import io.scission.profile.ProfileSet;
import io.scission.profile.TimingStatistic;
import io.scission.query.BlockNotOn;
import io.scission.query.BlockOn;
import io.scission.query.Constraint;
import io.scission.query.Exclude;
import io.scission.query.Include;
import io.scission.query.LayerNotOn;
import io.scission.query.LayerOn;
import io.scission.query.ResourceTarget;
import io.scission.query.Target;
import io.scission.query.TierTarget;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A query compiled against profiles and a network: primitive arrays for the hot loops, validated once. Both
 * searches share it and its canonical {@link #evaluate} so that they rank identical plans identically.
 */
final class Instance {

    final Query query;
    final BlockLayout layout;
    /** Resources ordered by tier then name; unprofiled sources come with {@code canRun == false}. */
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
    final boolean returnResult;
    final int maxPerTier;
    final double perSecond;
    final double perByte;
    final List<Constraint> constraints;

    private Instance(Query query, BlockLayout layout, Resource[] resources, double[][] time, long inputBytes,
            int[] sources, double[][] latency, double[][] bandwidth) {
        this.query = query;
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
        this.returnResult = query.returnsResult();
        this.maxPerTier = query.resourcesPerTier();
        this.perSecond = query.objective().perSecond();
        this.perByte = query.objective().perByte();
        this.constraints = query.constraints();
    }

    /**
     * Validates the query against the data and compiles it.
     *
     * @throws IllegalArgumentException naming the unknown resource, layer, block or missing link
     */
    static Instance compile(Query query, ProfileSet profiles, Network network) {
        BlockLayout layout = profiles.layout();
        List<Resource> list = new ArrayList<>(profiles.resources());
        Optional<Resource> extraSource = query.sourceResource();
        if (extraSource.isPresent()) {
            Resource s = extraSource.get();
            Optional<Profile> profiled = profiles.profile(s.name());
            if (profiled.isPresent() && !profiled.get().resource().equals(s)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "The source %s differs from the profiled resource of that name (%s).%n"
                                + "Maybe use source(\"%s\") to refer to the profiled one.",
                        s, profiled.get().resource(), s.name()));
            }
            if (profiled.isEmpty()) {
                list.add(s);
            }
        }
        list.sort(null);
        Resource[] resources = list.toArray(new Resource[0]);
        for (Resource a : resources) {
            for (Resource b : resources) {
                if (a.tier().rank() == b.tier().rank() && !a.tier().equals(b.tier())) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "The tiers %s (of %s) and %s (of %s) have the same rank %d, so their order is unknown.%n"
                                    + "Maybe give one of them another rank.",
                            a.tier().name(), a.name(), b.tier().name(), b.name(), a.tier().rank()));
                }
            }
        }
        int n = resources.length;
        int blocks = layout.size();
        TimingStatistic statistic = query.statistic();
        double[][] time = new double[n][blocks];
        for (int r = 0; r < n; r++) {
            Optional<Profile> p = profiles.profile(resources[r].name());
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
        checkNames(query, resources, layout);
        int[] sources = sources(query, resources);
        long inputBytes = query.inputSize().map(s -> s.bytes()).orElse(layout.inputBytes());
        double[][] latency = new double[n][n];
        double[][] bandwidth = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int c = 0; c < n; c++) {
                Optional<Link> link = a == c ? Optional.empty() : network.link(resources[a], resources[c]);
                latency[a][c] = link.map(Link::latencySeconds).orElse(Double.NaN);
                bandwidth[a][c] = link.map(l -> l.bandwidth().bytesPerSecond()).orElse(Double.NaN);
            }
        }
        Instance instance = new Instance(query, layout, resources, time, inputBytes, sources, latency, bandwidth);
        instance.checkLinks();
        return instance;
    }

    private static void checkNames(Query query, Resource[] resources, BlockLayout layout) {
        for (Constraint c : query.constraints()) {
            for (Target t : targets(c)) {
                if (t instanceof ResourceTarget rt && Arrays.stream(resources)
                        .noneMatch(r -> r.name().equals(rt.name()))) {
                    throw unknownResource(c.toParsable(), rt.name(), resources);
                }
            }
            if (c instanceof Include inc) {
                for (String name : inc.resources()) {
                    Resource r = find(resources, name);
                    if (r == null) {
                        throw unknownResource(c.toParsable(), name, resources);
                    }
                    if (!r.tier().equals(inc.tier())) {
                        throw new IllegalArgumentException(String.format(Locale.ROOT,
                                "%s names %s, which is in tier %s, not %s.%nMaybe use include(%s, \"%s\").",
                                c.toParsable(), name, r.tier(), inc.tier(),
                                new TierTarget(r.tier()).toParsable(), name));
                    }
                }
            }
            int layer = c instanceof LayerOn l ? l.layer() : c instanceof LayerNotOn l2 ? l2.layer() : -1;
            if (layer >= layout.layerCount()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "%s names layer %d, but model %s has layers 0-%d.%nMaybe check the layer index.",
                        c.toParsable(), layer, layout.model(), layout.layerCount() - 1));
            }
            int block = c instanceof BlockOn b ? b.block() : c instanceof BlockNotOn b2 ? b2.block() : -1;
            if (block >= layout.size()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "%s names block %d, but model %s has blocks 0-%d (under the %s rule).%n"
                                + "Maybe check the block index.",
                        c.toParsable(), block, layout.model(), layout.size() - 1, layout.rule().id()));
            }
        }
    }

    private static int[] sources(Query query, Resource[] resources) {
        Optional<String> named = query.sourceName();
        if (named.isPresent()) {
            for (int r = 0; r < resources.length; r++) {
                if (resources[r].name().equals(named.get())) {
                    return new int[] {r};
                }
            }
            throw unknownResource("source(\"" + named.get() + "\")", named.get(), resources);
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
        return devices.stream().mapToInt(Integer::intValue).toArray();
    }

    static List<Target> targets(Constraint c) {
        List<Target> targets = new ArrayList<>();
        if (c instanceof io.scission.query.MustUse m) {
            targets.add(m.target());
        } else if (c instanceof Exclude e) {
            targets.add(e.target());
        } else if (c instanceof LayerOn l) {
            targets.add(l.target());
        } else if (c instanceof LayerNotOn l) {
            targets.add(l.target());
        } else if (c instanceof BlockOn b) {
            targets.add(b.target());
        } else if (c instanceof BlockNotOn b) {
            targets.add(b.target());
        } else if (c instanceof io.scission.query.MaxTransfer t) {
            targets.add(t.from());
            targets.add(t.to());
        } else if (c instanceof io.scission.query.MaxTransferOut t) {
            targets.add(t.from());
        } else if (c instanceof io.scission.query.MaxComputeTime t) {
            targets.add(t.target());
        } else if (c instanceof io.scission.query.MaxComputeShare t) {
            targets.add(t.target());
        } else if (c instanceof io.scission.query.MinComputeShare t) {
            targets.add(t.target());
        } else if (c instanceof io.scission.query.MinLayers t) {
            targets.add(t.target());
        } else if (c instanceof io.scission.query.MaxLayers t) {
            targets.add(t.target());
        } else if (c instanceof io.scission.query.MinLayerShare t) {
            targets.add(t.target());
        } else if (c instanceof io.scission.query.MaxLayerShare t) {
            targets.add(t.target());
        }
        return targets;
    }

    private static Resource find(Resource[] resources, String name) {
        for (Resource r : resources) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        return null;
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

    /** True unless a constraint excludes r outright (exclude, include); used to decide which links are needed. */
    boolean statically(int r) {
        for (Constraint c : constraints) {
            if (c instanceof Exclude e && e.target().matches(resources[r])) {
                return false;
            }
            if (c instanceof Include inc && resources[r].tier().equals(inc.tier())
                    && !inc.resources().contains(resources[r].name())) {
                return false;
            }
        }
        return true;
    }

    /** True if a plan may go from a to c: c later in the pipeline, or same tier when several per tier are allowed. */
    boolean mayFollow(int a, int c) {
        return a != c && (rank[c] > rank[a] || rank[c] == rank[a] && maxPerTier > 1);
    }

    /** True if a plan whose input starts on source s may run its first segment on r. */
    boolean mayStart(int s, int r) {
        return r == s || rank[r] > rank[s];
    }

    private void checkLinks() {
        Map<String, Set<String>> missing = new LinkedHashMap<>();
        for (int s : sources) {
            for (int r = 0; r < resourceCount; r++) {
                if (r != s && canRun[r] && mayStart(s, r) && statically(r) && Double.isNaN(latency[s][r])) {
                    need(missing, s, r, "the input upload");
                }
                if (returnResult && r != s && canRun[r] && mayStart(s, r) && statically(r)
                        && Double.isNaN(latency[r][s])) {
                    need(missing, r, s, "returning the result");
                }
            }
        }
        for (int a = 0; a < resourceCount; a++) {
            for (int c = 0; c < resourceCount; c++) {
                if (canRun[a] && canRun[c] && mayFollow(a, c) && statically(a) && statically(c)
                        && Double.isNaN(latency[a][c])) {
                    need(missing, a, c, "plans that run on both");
                }
            }
        }
        if (!missing.isEmpty()) {
            List<String> lines = new ArrayList<>();
            missing.forEach((pair, why) -> lines.add(pair + ", needed for " + String.join(" and ", why)));
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The network has no link for %s.%nMaybe add these links or tier defaults to the network, or "
                            + "exclude the resources you do not want to use.", String.join("; ", lines)));
        }
    }

    private void need(Map<String, Set<String>> missing, int a, int c, String why) {
        String pair = resources[a].name() + " (" + resources[a].tier() + ") -> " + resources[c].name() + " ("
                + resources[c].tier() + ")";
        missing.computeIfAbsent(pair, k -> new LinkedHashSet<>()).add(why);
    }

    // ------------------------------------------------------------------------------------- canonical evaluation

    /** Seconds to send bytes from a to c. */
    double hopSeconds(int a, int c, long bytes) {
        return latency[a][c] + bytes / bandwidth[a][c];
    }

    /**
     * Evaluates a complete plan the one canonical way (segment sums in block order, hops in order), so that every
     * search ranks a plan by bit-identical numbers.
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
            double c = 0.0;
            for (int b = start; b <= end[i]; b++) {
                c += time[r][b];
            }
            compute += c;
            segments.add(new Segment(resources[r], start, end[i], firstLayer[start], lastLayer[end[i]], c));
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
        double score = query.objective().score(latencySeconds, bytes);
        return new PartitionConfig(resources[s], segments, hops, compute, transfer, latencySeconds, bytes, score,
                layout.layerCount());
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
