package io.scission;

import io.scission.model.Block;
import io.scission.platform.Link;
import io.scission.platform.Network;
import io.scission.platform.Power;
import io.scission.platform.Resource;
import io.scission.platform.Tier;
import io.scission.profile.BlockMemory;
import io.scission.profile.CopyCost;
import io.scission.profile.HopCost;
import io.scission.profile.Profile;
import io.scission.profile.ProfileSet;
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
import io.scission.query.ShareOf;
import io.scission.query.Target;
import io.scission.query.TierTarget;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A brute force written from README.md ("The cost model", "Constraints and objectives") and nothing else: it shares
 * no code with the search (no {@code Instance}, {@code TopN}, {@code isSatisfiedBy} or {@code RANKING}). It lists
 * every plan, prices it, checks each constraint from its record's fields, and ranks with the documented tie-break.
 */
final class ReferenceEvaluator {

    private final Query q;
    private final ProfileSet profiles;
    private final Network net;
    private final List<Block> blocks;
    private final List<Resource> runners;
    private final List<PartitionConfig> found = new ArrayList<>();

    private ReferenceEvaluator(Query q, ProfileSet profiles, Network net) {
        this.q = q;
        this.profiles = profiles;
        this.net = net;
        this.blocks = profiles.layout().blocks();
        this.runners = profiles.resources();
    }

    static List<PartitionConfig> solve(Query q, ProfileSet profiles, Network net) {
        ReferenceEvaluator ref = new ReferenceEvaluator(q, profiles, net);
        List<Resource> all = new ArrayList<>(profiles.resources());
        q.sourceResource().filter(r -> !profiled(profiles, r)).ifPresent(all::add);
        for (Resource s : all) {
            if (q.source().map(name -> name.equals(s.name())).orElse(s.tier().equals(Tier.DEVICE))) {
                ref.sequences(s, new ArrayList<>());
            }
        }
        ref.keepBest();
        return List.copyOf(ref.found);
    }

    /** Sorts by score, latency, bytes, key, and keeps the query's top. */
    private void keepBest() {
        found.sort(Comparator.comparingDouble(PartitionConfig::score).thenComparingDouble(
                PartitionConfig::latencySeconds).thenComparingLong(PartitionConfig::bytesSent)
                .thenComparing(ReferenceEvaluator::key));
        found.subList(Math.min(q.top(), found.size()), found.size()).clear();
    }

    private static boolean profiled(ProfileSet profiles, Resource r) {
        return profiles.profile(r.name()).isPresent();
    }

    private void sequences(Resource s, List<Resource> seq) {
        if (!seq.isEmpty()) {
            splits(s, seq, new ArrayList<>());
        }
        if (seq.size() == blocks.size()) {
            return; // one more resource would run no block
        }
        for (Resource c : runners) {
            int rank = c.tier().rank();
            boolean first = seq.isEmpty();
            Resource head = first ? c : seq.get(0);
            long sameTier = seq.stream().filter(r -> r.tier().rank() == rank).count()
                    + (profiled(profiles, s) && !head.equals(s) && s.tier().rank() == rank ? 1 : 0);
            boolean order = first ? c.equals(s) || rank >= s.tier().rank()
                    : !c.equals(s) && rank >= seq.get(seq.size() - 1).tier().rank();
            if (order && !seq.contains(c) && sameTier < q.maxResourcesPerTier()) {
                List<Resource> next = new ArrayList<>(seq);
                next.add(c);
                sequences(s, next);
            }
        }
    }

    /** Chooses the last block of each segment but the last one. */
    private void splits(Resource s, List<Resource> seq, List<Integer> ends) {
        if (ends.size() == seq.size() - 1) {
            List<Integer> all = new ArrayList<>(ends);
            all.add(blocks.size() - 1);
            price(s, seq, all).filter(p -> q.constraints().stream().allMatch(c -> holds(c, p)) && fitsCapacities(p))
                    .ifPresent(found::add);
            if (found.size() > 10_000) {
                keepBest();
            }
            return;
        }
        int from = ends.isEmpty() ? 0 : ends.get(ends.size() - 1) + 1;
        for (int e = from; e <= blocks.size() - 1 - (seq.size() - 1 - ends.size()); e++) {
            List<Integer> more = new ArrayList<>(ends);
            more.add(e);
            splits(s, seq, more);
        }
    }

    private Optional<PartitionConfig> price(Resource s, List<Resource> seq, List<Integer> ends) {
        List<Segment> segments = new ArrayList<>();
        double compute = 0;
        long inputBytes = q.inputSize().map(d -> d.bytes()).orElse(profiles.layout().inputBytes());
        long outputBytes = blocks.get(blocks.size() - 1).outputBytes();
        Resource lastResource = seq.get(seq.size() - 1);
        for (int i = 0, start = 0; i < seq.size(); start = ends.get(i) + 1, i++) {
            CopyCost copy = profiles.profile(seq.get(i).name()).orElseThrow().copyCost();
            // README: the first segment, when on the source, starts with the input's copy into the runtime; the
            // last one, when no result hop follows, ends with the output's copy to the host
            double t = i == 0 && seq.get(0).equals(s) ? copy.inFixedSeconds() + inputBytes * copy.inSecondsPerByte()
                    : 0;
            for (int b = start; b <= ends.get(i); b++) {
                t += profiles.profile(seq.get(i).name()).orElseThrow().seconds(b, q.statistic());
            }
            if (i == seq.size() - 1 && !(q.returnsResult() && !lastResource.equals(s))) {
                t += copy.outFixedSeconds() + outputBytes * copy.outSecondsPerByte();
            }
            compute += t;
            segments.add(new Segment(seq.get(i), start, ends.get(i), blocks.get(start).firstLayer(),
                    blocks.get(ends.get(i)).lastLayer(), t, memory(seq.get(i), start, ends.get(i))));
        }
        List<Hop> hops = new ArrayList<>();
        if (!seq.get(0).equals(s)) {
            hops.add(hop(Hop.Kind.INPUT, s, seq.get(0), q.inputSize().map(d -> d.bytes())
                    .orElse(profiles.layout().inputBytes())));
        }
        for (int i = 0; i + 1 < seq.size(); i++) {
            hops.add(hop(Hop.Kind.INTERMEDIATE, seq.get(i), seq.get(i + 1), blocks.get(ends.get(i)).outputBytes()));
        }
        Resource last = seq.get(seq.size() - 1);
        if (q.returnsResult() && !last.equals(s)) {
            hops.add(hop(Hop.Kind.RESULT, last, s, blocks.get(blocks.size() - 1).outputBytes()));
        }
        if (hops.contains(null)) {
            return Optional.empty(); // a hop without a link: no such plan
        }
        double transfer = 0;
        long bytes = 0;
        for (Hop h : hops) {
            transfer += h.seconds();
            bytes += h.bytes();
        }
        double latency = compute + transfer;
        double score = q.objective().perSecond() * latency + q.objective().perByte() * bytes;
        for (EnergyWeight w : q.objective().energy()) {
            score += w.perJoule() * energy(s, segments, hops, w.target());
        }
        return Optional.of(new PartitionConfig(s, segments, hops, compute, transfer, latency, bytes, score,
                profiles.layout().layerCount()));
    }

    /** README: a segment's working memory = Σ weight bytes of its blocks + the largest activation bytes; -1 if none. */
    private long memory(Resource r, int first, int last) {
        List<BlockMemory> figures = profiles.profile(r.name()).orElseThrow().memory();
        if (figures.isEmpty()) {
            return -1;
        }
        long weights = 0;
        long largest = 0;
        for (int b = first; b <= last; b++) {
            weights += figures.get(b).weightBytes();
            largest = Math.max(largest, figures.get(b).activationBytes());
        }
        return weights + largest;
    }

    /** README: a resource's own memory capacity applies to its segment as a maxMemory on it would. */
    private static boolean fitsCapacities(PartitionConfig p) {
        return p.segments().stream().allMatch(s -> s.resource().memory().isEmpty()
                || s.memoryBytes() >= 0 && s.memoryBytes() <= s.resource().memory().get().bytes());
    }

    private Hop hop(Hop.Kind kind, Resource a, Resource b, long bytes) {
        Optional<Link> link = net.link(a, b);
        // the link, then both ends' hop costs: (fixed + fixed) + bytes * (per byte + per byte); none = 0
        HopCost ca = profiles.profile(a.name()).map(Profile::hopCost).orElse(HopCost.NONE);
        HopCost cb = profiles.profile(b.name()).map(Profile::hopCost).orElse(HopCost.NONE);
        double overhead = (ca.fixedSeconds() + cb.fixedSeconds()) + bytes * (ca.secondsPerByte() + cb.secondsPerByte());
        return link.map(l -> new Hop(kind, a, b, bytes, l.latencySeconds() + bytes / l.bandwidth().bytesPerSecond()
                + overhead)).orElse(null);
    }

    private static boolean on(Resource r, Target t) {
        return t instanceof TierTarget tt ? r.tier().equals(tt.tier()) : r.name().equals(((ResourceTarget) t).name());
    }

    private static boolean holds(Constraint c, PartitionConfig p) {
        List<Segment> g = p.segments();
        if (c instanceof MustUse x) {
            return g.stream().anyMatch(s -> on(s.resource(), x.target()));
        } else if (c instanceof Exclude x) {
            return g.stream().noneMatch(s -> on(s.resource(), x.target()));
        } else if (c instanceof Include x) {
            return g.stream().allMatch(s -> !s.resource().tier().equals(x.tier())
                    || x.resources().contains(s.resource().name()));
        } else if (c instanceof NativeOnly) {
            return g.size() == 1;
        } else if (c instanceof DistributedOnly) {
            return g.size() >= 2;
        } else if (c instanceof LayerOn x) {
            return g.stream().anyMatch(s -> holdsLayer(s, x.layer()) && on(s.resource(), x.target()));
        } else if (c instanceof LayerNotOn x) {
            return g.stream().noneMatch(s -> holdsLayer(s, x.layer()) && on(s.resource(), x.target()));
        } else if (c instanceof BlockOn x) {
            return g.stream().anyMatch(s -> holdsBlock(s, x.block()) && on(s.resource(), x.target()));
        } else if (c instanceof BlockNotOn x) {
            return g.stream().noneMatch(s -> holdsBlock(s, x.block()) && on(s.resource(), x.target()));
        } else if (c instanceof MaxTransfer x) {
            return bytes(p, h -> on(h.from(), x.from()) && on(h.to(), x.to())) <= x.limit().bytes();
        } else if (c instanceof MaxTransferOut x) {
            return bytes(p, h -> on(h.from(), x.from()) && !on(h.to(), x.from())) <= x.limit().bytes();
        } else if (c instanceof MaxTotalTransfer x) {
            return p.bytesSent() <= x.limit().bytes();
        } else if (c instanceof MaxComputeTime x) {
            return compute(g, x.target()) <= x.seconds();
        } else if (c instanceof MaxComputeShare x) {
            return share(p, x.target(), x.of()) <= x.fraction();
        } else if (c instanceof MinComputeShare x) {
            return share(p, x.target(), x.of()) >= x.fraction();
        } else if (c instanceof MinLayers x) {
            return layers(g, x.target()) >= x.count();
        } else if (c instanceof MaxLayers x) {
            return layers(g, x.target()) <= x.count();
        } else if (c instanceof MinLayerShare x) {
            return (double) layers(g, x.target()) / p.layerCount() >= x.fraction();
        } else if (c instanceof MaxLayerShare x) {
            return (double) layers(g, x.target()) / p.layerCount() <= x.fraction();
        } else if (c instanceof Deadline x) {
            return p.latencySeconds() <= x.seconds();
        } else if (c instanceof MaxMemory x) {
            return g.stream().filter(s -> on(s.resource(), x.target()))
                    .allMatch(s -> s.memoryBytes() >= 0 && s.memoryBytes() <= x.limit().bytes());
        } else if (c instanceof MaxEnergy x) {
            return energy(p.source(), g, p.hops(), x.target()) <= x.joules();
        }
        throw new AssertionError("The reference evaluator does not know " + c.getClass().getSimpleName());
    }

    /**
     * README "Energy": for each resource taking part (the source, then the segments' resources not yet counted)
     * that the target matches, compute W × C + transmit W × S + receive W × R + idle W × I, where I = the other
     * segments' compute (in plan order) + the hops it neither sends nor receives (in order); summed in that order.
     */
    private static double energy(Resource source, List<Segment> g, List<Hop> hops, Target t) {
        List<Resource> part = new ArrayList<>(List.of(source));
        g.stream().map(Segment::resource).filter(r -> !part.contains(r)).forEach(part::add);
        double total = 0;
        for (Resource x : part) {
            if (!on(x, t)) {
                continue;
            }
            double c = 0;
            double others = 0;
            for (Segment s : g) {
                if (s.resource().equals(x)) {
                    c += s.computeSeconds();
                } else {
                    others += s.computeSeconds();
                }
            }
            double sent = 0;
            double received = 0;
            double otherHops = 0;
            for (Hop h : hops) {
                if (h.from().equals(x)) {
                    sent += h.seconds();
                } else if (h.to().equals(x)) {
                    received += h.seconds();
                } else {
                    otherHops += h.seconds();
                }
            }
            Power w = x.power();
            total += w.computeWatts() * c + w.transmitWatts() * sent + w.receiveWatts() * received
                    + w.idleWatts() * (others + otherHops);
        }
        return total;
    }

    private static boolean holdsLayer(Segment s, int layer) {
        return s.firstLayer() <= layer && layer <= s.lastLayer();
    }

    private static boolean holdsBlock(Segment s, int block) {
        return s.firstBlock() <= block && block <= s.lastBlock();
    }

    private static long bytes(PartitionConfig p, Predicate<Hop> counted) {
        return p.hops().stream().filter(counted).mapToLong(Hop::bytes).sum();
    }

    private static double compute(List<Segment> g, Target t) {
        double sum = 0;
        for (Segment s : g) {
            sum += on(s.resource(), t) ? s.computeSeconds() : 0;
        }
        return sum;
    }

    private static double share(PartitionConfig p, Target t, ShareOf of) {
        double total = of == ShareOf.COMPUTE ? p.computeSeconds() : p.latencySeconds();
        return total == 0 ? 0 : compute(p.segments(), t) / total;
    }

    private static int layers(List<Segment> g, Target t) {
        return g.stream().filter(s -> on(s.resource(), t)).mapToInt(s -> s.lastLayer() - s.firstLayer() + 1).sum();
    }

    static String key(PartitionConfig p) {
        StringBuilder sb = new StringBuilder(p.source().name()).append('>');
        for (Segment s : p.segments()) {
            sb.append(sb.charAt(sb.length() - 1) == '>' ? "" : "|").append(s.resource().name()).append(':')
                    .append(s.firstBlock()).append('-').append(s.lastBlock());
        }
        return sb.toString();
    }
}
