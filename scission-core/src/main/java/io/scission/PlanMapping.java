package io.scission;

import io.scission.internal.search.QuerySpec;
import io.scission.internal.search.Solver;
import io.scission.platform.Link;
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
 * and each constraint whose truth depends on the parameter (a deadline, a share of latency, an energy cap) holds on
 * one closed range of {@code t}, because latency and energy are monotone in {@code t}. Given a candidate set of plans, {@link #envelope}
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
 * it. The query is compiled once ({@link Solver#prepare}); a probe only changes the varied links' figures. A probe
 * whose query has no parameter-dependent constraint also collects every plan within a relative 10^-9 of the last
 * of its best, which holds the best plans of both neighbouring doubles ({@link #collect}), so these are not
 * searched. Where the ranking is by latency, deadlines are left out of the probes and honoured by the final
 * sweep (see below).
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
 * unconstrained levels are exact, and the final sweep honours the deadlines (for n = 1 too). With any other
 * objective, a deadline or a share of latency under top(n) enumerates the plans, as above.
 *
 * <h2>Energy</h2>
 * A plan's energy (README "Energy") is a sum of watts times seconds, where only its hops' seconds depend on t, each
 * as a line; so the energy of any target is a line {@code e0 + e1 t} with {@code e1 >= 0} (watts are not
 * negative), and an objective with energy terms scores each plan by a line too: the arguments above hold unchanged.
 * {@code maxEnergy(T, J)} holds on {@code t <= (J - e0) / e1}, a closed range like a deadline's. Under minimum
 * energy of that same T (score {@code w × E_T}), the plans within the cap are a prefix of the ranking, as a deadline
 * under the latency objective: it is filtered from the probes the same way. With any other objective it
 * enumerates: under minimum transfer, say, a plan R with the bytes of the envelope's plan P and less latency can
 * overtake P inside a piece yet exceed the cap at its end while P does not (energy is not latency), so the
 * contradiction that makes a deadline safe there does not arise.
 *
 * <p>Complexity: one search per breakpoint (three with its neighbours where a probe cannot cover them) per round;
 * the sweep is {@code O(E·n·m)} for {@code E} events (feasibility boundaries and switch points), {@code n} plans
 * per interval and {@code m} candidates.
 */
final class PlanMapping {

    /** The most plans enumerated when the search at breakpoints is not exact for the constraints. */
    static final int MAX_ENUMERATED = 200_000;

    private static final double TOLERANCE = 1e-12;

    /** The most plans tied with the last of the top that a probe collects beyond the top. */
    private static final int MAX_TIED = 1024;

    /** How far (relative to its score) above the last of the top a probe collects plans; see {@link #collect}. */
    private static final double WINDOW = 1e-9;

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
    /** The values probed, each with whether its probe covered its neighbouring doubles. */
    private final Map<Double, Boolean> probed = new HashMap<>();
    private int searches;
    /** The query the probes run: the map's query with top plans, without deadlines when they are filtered later. */
    private QuerySpec probeSpec;
    /** True if deadlines are left out of the probes and honoured by the final sweep (top(n) with deadlines). */
    private boolean filtered;
    /** True if the probes' query has no parameter-dependent constraint: then one search covers a value's neighbours. */
    private boolean windowed;
    /** The probes' query compiled once; each probe only changes the varied links' figures. */
    private Solver.Prepared prepared;
    private double[][] baseLatency;
    private double[][] baseBandwidth;
    /** The (row, column) of each varied link in the compiled figures, and that link in the given network. */
    private final List<int[]> variedPairs = new ArrayList<>();
    private final List<Link> variedLinks = new ArrayList<>();

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
        return new PlanMapping(spec, parameter, from, to, top, profiles, network).run();
    }

    private PlanMap run() {
        boolean aligned = setUp();
        Objective objective = spec.effectiveObjective();
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
     * Sorts the constraints into those that depend on the parameter and the others, and decides how to map:
     * returns true for the search at breakpoints (then {@link #probeSpec}, {@link #filtered} and {@link #windowed}
     * are set and the probes' query is compiled), false for enumeration.
     */
    private boolean setUp() {
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
        // Where the plans that satisfy the dependent constraints are a prefix of the search's ranking at every
        // value (a deadline under a latency-ranked objective, maxEnergy(T) under minimum energy of T), the
        // constraints are filtered out of the probes and honoured by the final sweep
        boolean prefix = dependent.stream().allMatch(c -> rankedBy(c, objective));
        boolean transferDeadlines = top == 1 && dependent.stream().allMatch(c -> c instanceof Deadline)
                && objective.perSecond() == 0 && !objective.hasEnergy();
        boolean aligned = dependent.isEmpty() || prefix || transferDeadlines;
        filtered = !dependent.isEmpty() && prefix;
        if (filtered) {
            probeSpec = spec.withConstraints(independent).withTop(top);
        }
        if (aligned) {
            windowed = dependent.isEmpty() || filtered;
            prepare();
        }
        return aligned;
    }

    /** What one probe collected, and whether that covers its value's neighbouring doubles (for tests). */
    record Probe(List<PartitionConfig> found, boolean covered) {
    }

    /**
     * Runs one probe of the map's search at a value, as {@link #map} would (for tests).
     *
     * @throws IllegalStateException if the map enumerates the plans instead of probing
     */
    static Probe probeAt(QuerySpec spec, Parameter parameter, double from, double to, int top, ProfileSet profiles,
            Network network, double value) {
        PlanMapping mapping = new PlanMapping(spec, parameter, from, to, top, profiles, network);
        if (!mapping.setUp()) {
            throw new IllegalStateException("This map enumerates the plans; it does not probe.");
        }
        List<PartitionConfig> found = new ArrayList<>();
        boolean covered = mapping.collect(value, found);
        return new Probe(found, covered);
    }

    /**
     * True if the plans that satisfy the constraint are a prefix of the objective's ranking at every value: the
     * constraint caps the very quantity the objective ranks by (score ties are broken by latency, which then
     * orders the plans with equal capped quantity, all of which satisfy the cap or none).
     */
    private static boolean rankedBy(Constraint c, Objective objective) {
        if (c instanceof Deadline) {
            return objective.perByte() == 0 && !objective.hasEnergy();
        }
        if (c instanceof MaxEnergy m) {
            return objective.perSecond() == 0 && objective.perByte() == 0 && objective.energy().size() == 1
                    && objective.energy().get(0).target().equals(m.target());
        }
        return false;
    }

    /** True if the constraint's truth can change with the network. */
    private static boolean dependsOnNetwork(Constraint c) {
        if (c instanceof Deadline || c instanceof MaxEnergy) {
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
            if (x < from || x > to) {
                continue;
            }
            Boolean covered = probed.get(x);
            if (covered == null) {
                List<PartitionConfig> found = new ArrayList<>();
                covered = collect(x, found);
                probed.put(x, covered);
                for (PartitionConfig p : found) {
                    if (!candidates.containsKey(p.key())) {
                        candidates.put(p.key(), cost(p));
                        grew = true;
                    }
                }
            }
            if (x == v && covered) {
                // the plans within reach hold the best ones at both neighbouring doubles
                break;
            }
        }
        return grew;
    }

    /**
     * Runs the search at a value and adds to {@code found} its {@code top} best plans and those that rank within
     * reach of the last of them. Returns true if they include the {@code top} best at both neighbouring doubles of
     * the value, so that these need no search of their own.
     *
     * <p>Reach: with {@link #windowed} probes (no parameter-dependent constraint), every plan whose score is at
     * most {@link #WINDOW} (relative) above the last one's. A plan's score is a sum of non-negative terms
     * (seconds, bytes, joules times non-negative weights), of which only the varied hops' change with the value;
     * moving the value by one double changes each such term, and the rounding of the sum, by a few units in the
     * last place relative to the score, far below the window for any plan with fewer than 10^6 terms. So a plan
     * among the {@code top} best at a neighbouring double scores, at the value itself, at most the last one's
     * score there plus twice that change: within the window. Otherwise (a deadline among the probes'
     * constraints, whose truth can flip between neighbouring doubles, or more than {@value #MAX_TIED} plans
     * within reach) reach is the plans tied with the last one (equal score and latency up to rounding), and the
     * neighbours are searched too.
     */
    private boolean collect(double x, List<PartitionConfig> found) {
        double[][] latency = baseLatency.clone();
        double[][] bandwidth = baseBandwidth.clone();
        for (int i = 0; i < variedPairs.size(); i++) {
            int[] pair = variedPairs.get(i);
            Link changed = parameter.change(variedLinks.get(i), x);
            latency[pair[0]] = latency[pair[0]] == baseLatency[pair[0]] ? latency[pair[0]].clone()
                    : latency[pair[0]];
            bandwidth[pair[0]] = bandwidth[pair[0]] == baseBandwidth[pair[0]] ? bandwidth[pair[0]].clone()
                    : bandwidth[pair[0]];
            latency[pair[0]][pair[1]] = changed.latencySeconds();
            bandwidth[pair[0]][pair[1]] = changed.bandwidth().bytesPerSecond();
        }
        List<PartitionConfig> best;
        // one plan more than the top says whether the plans within reach go on past it
        int k = top + 1;
        while (true) {
            best = prepared.plans(k, latency, bandwidth);
            searches++;
            if (best.size() < k || k >= top + MAX_TIED || !reached(best.get(k - 1), best.get(top - 1))) {
                break;
            }
            k = Math.min(2 * k, top + MAX_TIED);
        }
        boolean capped = best.size() == k && reached(best.get(k - 1), best.get(top - 1));
        for (int i = 0; i < best.size(); i++) {
            if (i < top || reached(best.get(i), best.get(top - 1))) {
                found.add(best.get(i));
            }
        }
        return windowed && !capped;
    }

    /** True if a plan ranked after {@code last} is within reach of it (see {@link #collect}). */
    private boolean reached(PartitionConfig p, PartitionConfig last) {
        if (tied(p, last)) {
            return true;
        }
        return windowed && p.score() - last.score() <= WINDOW * Math.abs(last.score());
    }

    /** True if two plans rank alike up to rounding: equal score and latency within the tolerance. */
    private static boolean tied(PartitionConfig a, PartitionConfig b) {
        return near(a.score(), b.score()) && near(a.latencySeconds(), b.latencySeconds());
    }

    /** Compiles the probes' query once and finds the compiled link figures the parameter varies. */
    private void prepare() {
        prepared = Solver.prepare(probeSpec, profiles, parameter.apply(network, resources, lowEnd()));
        List<Resource> order = prepared.resources();
        baseLatency = prepared.latency();
        baseBandwidth = prepared.bandwidth();
        Set<List<String>> direct = Parameter.directLinks(network);
        for (int a = 0; a < order.size(); a++) {
            for (int c = 0; c < order.size(); c++) {
                Resource ra = order.get(a);
                Resource rc = order.get(c);
                if (a != c && !Double.isNaN(baseLatency[a][c]) && parameter.varies(direct, ra, rc)) {
                    variedPairs.add(new int[] {a, c});
                    variedLinks.add(network.link(ra, rc).orElseThrow());
                }
            }
        }
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
