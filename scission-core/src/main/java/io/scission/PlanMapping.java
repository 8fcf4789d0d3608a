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
 * <p>Complexity: one search per breakpoint (three with its neighbours) per round; the sweep is {@code O(E·m)} for
 * {@code E} feasibility boundaries and {@code m} candidates.
 */
final class PlanMapping {

    /** The most plans enumerated when the search at breakpoints is not exact for the constraints. */
    static final int MAX_ENUMERATED = 200_000;

    private static final double TOLERANCE = 1e-12;

    private final QuerySpec spec;
    private final Parameter parameter;
    private final double from;
    private final double to;
    private final ProfileSet profiles;
    private final Network network;
    private final Map<String, Resource> resources = new HashMap<>();
    private final List<Constraint> dependent = new ArrayList<>();
    private final List<Constraint> independent = new ArrayList<>();
    private final Map<String, PlanCost> candidates = new LinkedHashMap<>();
    private final Set<Double> probed = new HashSet<>();
    private int searches;

    private PlanMapping(QuerySpec spec, Parameter parameter, double from, double to, ProfileSet profiles,
            Network network) {
        this.spec = spec;
        this.parameter = parameter;
        this.from = from;
        this.to = to;
        this.profiles = profiles;
        this.network = network;
    }

    static PlanMap map(QuerySpec spec, Parameter parameter, double from, double to, ProfileSet profiles,
            Network network) {
        parameter.checkRange(from, to);
        parameter.checkNetwork(network);
        return new PlanMapping(spec, parameter, from, to, profiles, network).run();
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
        boolean aligned = dependent.stream().allMatch(c -> c instanceof Deadline)
                && (dependent.isEmpty() || objective.perByte() == 0 || objective.perSecond() == 0);
        double tlo = Math.min(parameter.line(from), parameter.line(to));
        double thi = Math.max(parameter.line(from), parameter.line(to));
        List<Piece> pieces;
        if (aligned) {
            probe(tlo);
            probe(thi);
            while (true) {
                pieces = envelope(tlo, thi);
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
            pieces = envelope(tlo, thi);
        }
        return build(pieces);
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
        return new PlanCost(plan, parameter, network, spec.effectiveObjective(), dependent);
    }

    /**
     * Runs the search at t and at the neighbouring doubles of its value; returns true if a new candidate came up.
     */
    private boolean probe(double t) {
        double v = t == Math.min(parameter.line(from), parameter.line(to)) ? lowEnd()
                : t == Math.max(parameter.line(from), parameter.line(to)) ? highEnd() : parameter.value(t);
        boolean grew = false;
        for (double x : new double[] {v, Math.nextDown(v), Math.nextUp(v)}) {
            if (x < from || x > to || !probed.add(x)) {
                continue;
            }
            List<PartitionConfig> best = Solver.plans(spec.withTop(1), profiles,
                    parameter.apply(network, resources, x));
            searches++;
            if (!best.isEmpty() && !candidates.containsKey(best.get(0).key())) {
                candidates.put(best.get(0).key(), cost(best.get(0)));
                grew = true;
            }
        }
        return grew;
    }

    /** The value at the low end of t. */
    private double lowEnd() {
        return parameter.line(from) <= parameter.line(to) ? from : to;
    }

    private double highEnd() {
        return parameter.line(from) <= parameter.line(to) ? to : from;
    }

    /** A range [a, b] of t where one group of plans (coinciding score lines) is best; empty group: no plan. */
    private record Piece(double a, double b, List<PlanCost> group) {
    }

    /** The lower envelope of the candidates' scores over [tlo, thi], honouring their feasibility ranges. */
    private List<Piece> envelope(double tlo, double thi) {
        TreeSet<Double> events = new TreeSet<>();
        events.add(tlo);
        events.add(thi);
        for (PlanCost c : candidates.values()) {
            for (double e : new double[] {c.tmin, c.tmax}) {
                if (e > tlo && e < thi) {
                    events.add(e);
                }
            }
        }
        List<Piece> pieces = new ArrayList<>();
        Double a = events.first();
        for (Double b = events.higher(a); b != null; a = b, b = events.higher(b)) {
            List<PlanCost> active = new ArrayList<>();
            for (PlanCost c : candidates.values()) {
                if (c.tmin <= a && c.tmax >= b) {
                    active.add(c);
                }
            }
            sweep(a, b, active, pieces);
        }
        return pieces;
    }

    /**
     * Follows the lower envelope over [a, b] of plans that are all admitted there, in the search's ranking order:
     * by score, then (for equal scores, which only coinciding score lines have on a whole range) by latency.
     * Plans whose score and latency lines both coincide form a group that {@link PlanMap#planAt} ranks exactly.
     */
    private static void sweep(double a, double b, List<PlanCost> active, List<Piece> out) {
        if (active.isEmpty()) {
            add(out, new Piece(a, b, List.of()));
            return;
        }
        double t = a;
        for (int guard = 0; guard <= 4 * active.size() + 4; guard++) {
            List<PlanCost> group = bestRightOf(t, active);
            PlanCost lead = group.get(0);
            double next = b;
            for (PlanCost c : active) {
                if (group.contains(c)) {
                    continue;
                }
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
            add(out, new Piece(t, next, group));
            if (next >= b) {
                return;
            }
            t = next;
        }
        throw new IllegalStateException("The plan map's envelope did not converge on [" + a + ", " + b + "].");
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

    /** Appends a piece, merging it with the last one when both hold the same plans. */
    private static void add(List<Piece> out, Piece p) {
        if (!out.isEmpty()) {
            Piece last = out.get(out.size() - 1);
            if (keys(last.group).equals(keys(p.group))) {
                out.set(out.size() - 1, new Piece(last.a, p.b, last.group));
                return;
            }
        }
        out.add(p);
    }

    private static Set<String> keys(List<PlanCost> group) {
        Set<String> keys = new HashSet<>();
        for (PlanCost c : group) {
            keys.add(c.key);
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
        return new PlanMap(parameter, from, to, spec.constraints(), spans, candidates.size(), searches);
    }
}
