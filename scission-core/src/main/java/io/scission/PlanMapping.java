package io.scission;

import io.scission.internal.search.QuerySpec;
import io.scission.internal.search.Solver;
import io.scission.platform.Network;
import io.scission.platform.Resource;
import io.scission.profile.ProfileSet;
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
import io.scission.query.ShareOf;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * Computes a {@link PlanMap}: the exact lower envelope, over a parameter range, of the plans a query admits.
 *
 * <h2>Algorithm</h2>
 * In the line variable {@code t} of the parameter ({@code 1/bandwidth}, the latency, or {@code 1/factor}), each
 * plan's score is a line {@code s0 + s1 t} (every hop over a varied link costs {@code latency + bytes / bandwidth}),
 * and each constraint whose truth depends on the parameter (a deadline, a share of latency) holds on one closed
 * range of {@code t}, because latency is monotone in {@code t}. Given a candidate set of plans, {@link #envelope}
 * sweeps {@code t}: between consecutive feasibility boundaries the admitted set is fixed, and the lower envelope of
 * its lines is followed from crossing to crossing. Lines that coincide form one group, whose order at a value is
 * left to the exact evaluation of {@link PlanMap#planAt}.
 *
 * <p>Candidates come from one of two sources:
 * <ul>
 * <li><b>Search at breakpoints</b> (no parameter-dependent constraint, or only a deadline with a latency-only or
 * transfer-only objective). Start with the best plans at both ends; compute the envelope of the candidates; run
 * the ordinary exact search at every breakpoint of that envelope (switch points and feasibility boundaries, and
 * the neighbouring doubles of each) and in every gap; add any plan not yet a candidate; repeat until a round adds
 * nothing. This is the recursive bisection on envelope intersections: a new plan found at an intersection splits
 * it.
 * <li><b>Enumeration</b> (other parameter-dependent constraints, e.g. a share of latency, or a deadline with a
 * weighted objective): every plan that satisfies the parameter-independent constraints is a candidate (at most
 * {@value #MAX_ENUMERATED}); their envelope is the answer.
 * </ul>
 *
 * <h2>Exactness</h2>
 * Enumeration is exact by construction. For the search at breakpoints: let {@code E} be the true envelope (best
 * score of an admitted plan) and {@code E_S} that of the candidates, so {@code E <= E_S}. At the end, at every
 * breakpoint the search's best plan is a candidate, so {@code E = E_S} there. Without parameter-dependent
 * constraints {@code E} is a minimum of lines, hence concave, and a concave function that equals a linear one at
 * both ends of a piece is at least that linear function on the whole piece: {@code E = E_S} everywhere. With a
 * deadline, suppose a plan R admitted at an interior point x of a piece of plan P beats P there. R's latency grows
 * with t, so R is admitted at the piece's left end u, where it does not beat P; its score line therefore crosses
 * below P's before x and stays below, so at the right end w R beats P, and R must be inadmissible at w: its latency
 * exceeds the deadline. With a latency objective, R beating P at w means R is faster than P, which meets the
 * deadline at w: a contradiction. With a transfer objective, R beats P at u unless their bytes are equal, and then
 * R is faster at w: a contradiction again. The envelope ranks as the search does: by score, then by latency. Where
 * scores tie on a whole piece (their lines coincide, e.g. equal bytes under a transfer objective), the plans whose
 * score line is the envelope's form a class whose least latency is again a minimum of lines, so the same argument
 * applies one level down, with latency crossings as breakpoints. Remaining ties (coinciding score and latency lines)
 * and ties at a breakpoint are resolved, at every value, by the search's own ranking on the plans' exact
 * evaluation ({@link PlanCost#at}).
 *
 * <h2>Several plans per interval</h2>
 * With {@code top(n)} the sweep follows the levels 1..n of the arrangement: right of each event the admitted plans
 * are ranked into classes of coinciding score and latency lines until the classes hold n plans, and the next event
 * is the first point where a class is overtaken by the one after it, or the last class by any other plan (a line
 * cannot pass another without first passing every line between them). Each probe runs the top-n search. Exactness
 * without parameter-dependent constraints: order the plans by the search's ranking read as a vector (score,
 * latency, bytes, key rank), each component a line in t (the last two constant), compared lexicographically. The sum
 * {@code F_k} of the k smallest such vectors is a minimum of lines over the k-subsets, hence concave, for every k;
 * the candidates' {@code F^S_k >= F_k} is linear between the sweep's events, and at every event the search's n best
 * are candidates, so {@code F^S_k = F_k} there, and by the concavity argument above everywhere, for every
 * k <= n. Equal sums for every k give the same k-th vector, which (the key rank being distinct) names the same
 * plan: the candidates' ranked n best are the true ones at every t. With deadlines and the latency objective, the
 * plans that meet the deadline are a prefix of the ranking (those with score at most the deadline), so the top n
 * admitted are the admitted ones among the unconstrained top n: the probes run without the deadlines until the
 * unconstrained levels are exact, and the final sweep honours the deadlines. With any other objective, a deadline
 * or a share of latency under top(n) enumerates the plans, as above.
 *
 * <p>Complexity: one search per breakpoint (three with its neighbours) per round; the sweep is {@code O(E·n·m)} for
 * {@code E} events (feasibility boundaries and switch points), {@code n} plans per interval and {@code m}
 * candidates.
 */
final class PlanMapping {

    /** The most plans enumerated when the search at breakpoints is not exact for the constraints. */
    static final int MAX_ENUMERATED = 200_000;

    private static final double TOLERANCE = 1e-12;

    /** The most plans tied with the last of the top that a probe collects beyond the top. */
    private static final int MAX_TIED = 1024;

    private final QuerySpec spec;
    private final Parameter parameter;
    private final double from;
    private final double to;
    /** The plans per interval (the k-levels 1..top of the arrangement). */
    private final int top;
    private final ProfileSet profiles;
    private final Network network;
    private final Map<String, Resource> resources = new HashMap<>();
    private final List<Constraint> dependent = new ArrayList<>();
    private final List<Constraint> independent = new ArrayList<>();
    private final Map<String, PlanCost> candidates = new LinkedHashMap<>();
    private final Set<Double> probed = new HashSet<>();
    private int searches;
    /** The query the probes run: the map's query with top plans, without deadlines when they are filtered later. */
    private QuerySpec probeSpec;

    private PlanMapping(QuerySpec spec, Parameter parameter, double from, double to, int top, ProfileSet profiles,
            Network network) {
        this.spec = spec;
        this.parameter = parameter;
        this.from = from;
        this.to = to;
        this.top = top;
        this.probeSpec = spec.withTop(top);
        this.profiles = profiles;
        this.network = network;
    }

    static PlanMap map(QuerySpec spec, Parameter parameter, double from, double to, int top, ProfileSet profiles,
            Network network) {
        parameter.checkRange(from, to);
        parameter.checkNetwork(network);
        refuseEnergy(spec);
        return new PlanMapping(spec, parameter, from, to, top, profiles, network).run();
    }

    private PlanMap run() {
        for (Resource r : profiles.resources()) {
            resources.put(r.name(), r);
        }
        Resource source = spec.sourceResource();
        if (source != null) {
            resources.putIfAbsent(source.name(), source);
        }
        for (Constraint c : spec.constraints()) {
            (dependsOnNetwork(c) ? dependent : independent).add(c);
        }
        Objective objective = spec.effectiveObjective();
        boolean deadlinesOnly = dependent.stream().allMatch(c -> c instanceof Deadline);
        boolean aligned = deadlinesOnly
                && (dependent.isEmpty() || objective.perByte() == 0 || objective.perSecond() == 0);
        // With several plans per interval, a deadline is filtered out of the unconstrained levels (exact for the
        // latency objective only, where the plans that meet a deadline are a prefix of the ranking)
        boolean filtered = top > 1 && !dependent.isEmpty();
        if (top > 1) {
            aligned = deadlinesOnly && (dependent.isEmpty() || objective.perByte() == 0);
        }
        if (filtered && aligned) {
            probeSpec = spec.withConstraints(independent).withTop(top);
        }
        double tlo = Math.min(parameter.line(from), parameter.line(to));
        double thi = Math.max(parameter.line(from), parameter.line(to));
        List<Piece> pieces;
        if (aligned) {
            probe(tlo);
            probe(thi);
            while (true) {
                pieces = envelope(tlo, thi, !filtered);
                boolean grew = false;
                for (Piece p : pieces) {
                    grew |= probe(p.a);
                    grew |= probe(p.b);
                    if (p.group.isEmpty()) {
                        grew |= probe((p.a + p.b) / 2);
                    }
                }
                if (!grew) {
                    break;
                }
            }
            if (filtered) {
                pieces = envelope(tlo, thi, true);
            }
        } else {
            QuerySpec relaxed = spec.withConstraints(independent).withTop(MAX_ENUMERATED + 1);
            List<PartitionConfig> all = Solver.plans(relaxed, profiles, parameter.apply(network, resources, from));
            searches++;
            if (all.size() > MAX_ENUMERATED) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "The query (%s) admits more than %d plans, too many to map exactly under %s with the "
                                + "objective %s.%nMaybe add constraints that narrow the plans, or use a deadline "
                                + "with the LATENCY objective, which maps without enumerating.",
                        spec.constraints(), MAX_ENUMERATED, dependent, objective.toParsable()));
            }
            for (PartitionConfig p : all) {
                candidates.put(p.key(), cost(p));
            }
            pieces = envelope(tlo, thi, true);
        }
        return build(pieces);
    }

    /**
     * Refuses energy: a plan's energy is a line in the parameter too, but the mapping prices plans with
     * {@link PlanCost}, which knows latency and bytes only, so an energy objective or constraint is not mapped
     * rather than mapped approximately.
     */
    private static void refuseEnergy(QuerySpec spec) {
        List<String> parts = new ArrayList<>();
        if (spec.effectiveObjective().hasEnergy()) {
            parts.add("minimize(" + spec.effectiveObjective().toParsable() + ")");
        }
        for (Constraint c : spec.constraints()) {
            if (c instanceof MaxEnergy) {
                parts.add(c.toParsable());
            }
        }
        if (!parts.isEmpty()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "A plan map cannot price energy exactly yet (%s).%nMaybe solve the query at each value you "
                            + "need, or map it without the energy objective and constraints.",
                    String.join(", ", parts)));
        }
    }

    /** True if the constraint's truth can change with the network. */
    private static boolean dependsOnNetwork(Constraint c) {
        if (c instanceof Deadline) {
            return true;
        }
        if (c instanceof MaxComputeShare m) {
            return m.of() == ShareOf.LATENCY;
        }
        if (c instanceof MinComputeShare m) {
            return m.of() == ShareOf.LATENCY;
        }
        if (c instanceof MustUse || c instanceof Exclude || c instanceof Include || c instanceof NativeOnly
                || c instanceof DistributedOnly || c instanceof LayerOn || c instanceof LayerNotOn
                || c instanceof BlockOn || c instanceof BlockNotOn || c instanceof MaxTransfer
                || c instanceof MaxTransferOut || c instanceof MaxTotalTransfer || c instanceof MaxComputeTime
                || c instanceof MinLayers || c instanceof MaxLayers || c instanceof MinLayerShare
                || c instanceof MaxLayerShare || c instanceof MaxMemory) {
            return false;
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT,
                "The constraint %s cannot be mapped over a parameter yet: plan maps know which constraints depend "
                        + "on the network only for the built-in kinds.%nMaybe solve the query at each value "
                        + "instead.", c.toParsable()));
    }

    private PlanCost cost(PartitionConfig plan) {
        return new PlanCost(plan, parameter, network, profiles, spec.effectiveObjective(), dependent);
    }

    /**
     * Runs the search (its {@code top} best plans) at t and at the neighbouring doubles of its value; returns true
     * if a new candidate came up. Plans that tie with the last of the {@code top} (equal score and latency up to
     * rounding, e.g. two resources with equal figures) come too: their lines coincide, so which of them the search
     * ranks first can change from one value to the next with the rounding, and the map must hold all of them.
     */
    private boolean probe(double t) {
        double v = t == Math.min(parameter.line(from), parameter.line(to)) ? lowEnd()
                : t == Math.max(parameter.line(from), parameter.line(to)) ? highEnd() : parameter.value(t);
        boolean grew = false;
        for (double x : new double[] {v, Math.nextDown(v), Math.nextUp(v)}) {
            if (x < from || x > to || !probed.add(x)) {
                continue;
            }
            Network at = parameter.apply(network, resources, x);
            List<PartitionConfig> best;
            int k = top;
            while (true) {
                best = Solver.plans(probeSpec.withTop(k), profiles, at);
                searches++;
                if (best.size() < k || k >= top + MAX_TIED || !tied(best.get(k - 1), best.get(top - 1))) {
                    break;
                }
                k = Math.min(2 * k, top + MAX_TIED);
            }
            for (int i = 0; i < best.size(); i++) {
                PartitionConfig p = best.get(i);
                if ((i < top || tied(p, best.get(top - 1))) && !candidates.containsKey(p.key())) {
                    candidates.put(p.key(), cost(p));
                    grew = true;
                }
            }
        }
        return grew;
    }

    /** True if two plans rank alike up to rounding: equal score and latency within the tolerance. */
    private static boolean tied(PartitionConfig a, PartitionConfig b) {
        return near(a.score(), b.score()) && near(a.latencySeconds(), b.latencySeconds());
    }

    /** The value at the low end of t. */
    private double lowEnd() {
        return parameter.line(from) <= parameter.line(to) ? from : to;
    }

    private double highEnd() {
        return parameter.line(from) <= parameter.line(to) ? to : from;
    }

    /**
     * A range [a, b] of t where the same classes of plans are the best ones, in order: each class holds plans whose
     * score and latency lines coincide (usually one plan), and the classes hold at least {@code top} plans, or every
     * admitted one. {@code group} is all of them (the contenders that {@link PlanMap#plansAt} ranks exactly); empty:
     * no plan.
     */
    private record Piece(double a, double b, List<List<PlanCost>> classes, List<PlanCost> group) {

        Piece(double a, double b, List<List<PlanCost>> classes) {
            this(a, b, classes, flatten(classes));
        }

        private static List<PlanCost> flatten(List<List<PlanCost>> classes) {
            List<PlanCost> all = new ArrayList<>();
            classes.forEach(all::addAll);
            return all;
        }
    }

    /**
     * The levels 1..top of the candidates' scores over [tlo, thi], honouring their feasibility ranges unless
     * {@code feasible} is false (then every candidate counts everywhere).
     */
    private List<Piece> envelope(double tlo, double thi, boolean feasible) {
        TreeSet<Double> events = new TreeSet<>();
        events.add(tlo);
        events.add(thi);
        if (feasible) {
            for (PlanCost c : candidates.values()) {
                for (double e : new double[] {c.tmin, c.tmax}) {
                    if (e > tlo && e < thi) {
                        events.add(e);
                    }
                }
            }
        }
        List<Piece> pieces = new ArrayList<>();
        Double a = events.first();
        for (Double b = events.higher(a); b != null; a = b, b = events.higher(b)) {
            List<PlanCost> active = new ArrayList<>();
            for (PlanCost c : candidates.values()) {
                if (!feasible || c.tmin <= a && c.tmax >= b) {
                    active.add(c);
                }
            }
            sweep(a, b, active, top, pieces);
        }
        return pieces;
    }

    /**
     * Follows the levels 1..top of plans that are all admitted over [a, b], in the search's ranking order: by
     * score, then (for equal scores, which only coinciding score lines have on a whole range) by latency. Right of
     * t the plans are ranked into classes of coinciding score and latency lines, until the classes hold
     * {@code top} plans; the ranking changes first where a class is overtaken by the next one, or the last class
     * by any other plan (lines cannot pass each other without first passing what lies between them). Plans whose
     * score and latency lines both coincide form a class that {@link PlanMap#plansAt} ranks exactly.
     */
    private static void sweep(double a, double b, List<PlanCost> active, int top, List<Piece> out) {
        if (active.isEmpty()) {
            add(out, new Piece(a, b, List.of()));
            return;
        }
        double t = a;
        for (int guard = 0; guard <= 4 * (top + 1) * (active.size() + 1); guard++) {
            List<List<PlanCost>> classes = new ArrayList<>();
            List<PlanCost> rest = new ArrayList<>(active);
            int count = 0;
            while (count < top && !rest.isEmpty()) {
                List<PlanCost> level = bestRightOf(t, rest);
                classes.add(level);
                rest.removeAll(level);
                count += level.size();
            }
            double next = b;
            for (int i = 0; i + 1 < classes.size(); i++) {
                next = overtaken(classes.get(i).get(0), classes.get(i + 1), t, next);
            }
            next = overtaken(classes.get(classes.size() - 1).get(0), rest, t, next);
            add(out, new Piece(t, next, classes));
            if (next >= b) {
                return;
            }
            t = next;
        }
        throw new IllegalStateException("The plan map's envelope did not converge on [" + a + ", " + b + "].");
    }

    /** The first t' in (t, next) where one of the plans that rank after lead right of t overtakes it, or next. */
    private static double overtaken(PlanCost lead, List<PlanCost> after, double t, double next) {
        for (PlanCost c : after) {
            double cross = Double.NaN;
            if (c.s1 < lead.s1 && !near(c.s1, lead.s1)) {
                cross = (c.s0 - lead.s0) / (lead.s1 - c.s1);
            } else if (near(c.s1, lead.s1) && near(c.score(t), lead.score(t)) && c.l1 < lead.l1
                    && !near(c.l1, lead.l1)) {
                cross = (c.l0 - lead.l0) / (lead.l1 - c.l1);
            }
            if (cross > t && cross < next) {
                next = cross;
            }
        }
        return next;
    }

    /** The plans that rank first just right of t: least score, then least score slope, latency, latency slope. */
    private static List<PlanCost> bestRightOf(double t, List<PlanCost> active) {
        List<PlanCost> group = new ArrayList<>(active);
        group = least(group, c -> c.score(t));
        group = least(group, c -> c.s1);
        group = least(group, c -> c.l0 + c.l1 * t);
        return least(group, c -> c.l1);
    }

    private static List<PlanCost> least(List<PlanCost> plans, ToDoubleFunction<PlanCost> f) {
        double min = Double.POSITIVE_INFINITY;
        for (PlanCost c : plans) {
            min = Math.min(min, f.applyAsDouble(c));
        }
        List<PlanCost> kept = new ArrayList<>();
        for (PlanCost c : plans) {
            if (near(f.applyAsDouble(c), min)) {
                kept.add(c);
            }
        }
        return kept;
    }

    /** Appends a piece, merging it with the last one when both hold the same classes in the same order. */
    private static void add(List<Piece> out, Piece p) {
        if (!out.isEmpty()) {
            Piece last = out.get(out.size() - 1);
            if (keys(last.classes).equals(keys(p.classes))) {
                out.set(out.size() - 1, new Piece(last.a, p.b, last.classes, last.group));
                return;
            }
        }
        out.add(p);
    }

    private static List<Set<String>> keys(List<List<PlanCost>> classes) {
        List<Set<String>> keys = new ArrayList<>();
        for (List<PlanCost> level : classes) {
            Set<String> set = new HashSet<>();
            for (PlanCost c : level) {
                set.add(c.key);
            }
            keys.add(set);
        }
        return keys;
    }

    private static boolean near(double x, double y) {
        return Math.abs(x - y) <= TOLERANCE * Math.max(1.0, Math.max(Math.abs(x), Math.abs(y)));
    }

    /** Turns pieces in t into the map's intervals in ascending parameter values. */
    private PlanMap build(List<Piece> pieces) {
        List<Piece> ordered = new ArrayList<>(pieces);
        boolean reversed = parameter.line(from) > parameter.line(to);
        if (reversed) {
            Collections.reverse(ordered);
        }
        List<PlanMap.Span> spans = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            Piece p = ordered.get(i);
            double lo = i == 0 ? from : spans.get(i - 1).to();
            double hi = i == ordered.size() - 1 ? to : parameter.value(reversed ? p.a : p.b);
            spans.add(new PlanMap.Span(lo, hi, p.group));
        }
        return new PlanMap(parameter, from, to, top, spec.constraints(), spans, candidates.size(), searches);
    }
}
