package io.scission.cli.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scission.Hop;
import io.scission.PartitionConfig;
import io.scission.QueryResult;
import io.scission.Segment;
import io.scission.platform.Resource;
import io.scission.profile.ProfileSet;
import io.scission.query.Constraint;
import io.scission.query.EnergyWeight;
import io.scission.query.Objective;
import io.scission.query.Target;
import io.scission.search.SearchStats;
import io.scission.search.SearchStrategy;
import java.util.List;
import java.util.Locale;

/**
 * Writes a result as JSON, format {@value #FORMAT} version {@value #VERSION} (docs/file-formats.md): the model, the
 * query, each plan with its segments, hops and totals (seconds, bytes), the explanation and blocking constraints
 * (empty unless there is no plan), and the search statistics. Names of closed sets (tiers, hop kinds, the objective,
 * the strategy) are lower case, as the command line writes them.
 */
final class PlanJson {

    /** The {@code format} of the document, described in docs/file-formats.md. */
    static final String FORMAT = "scission-plan";
    /** The {@code version} of the document. */
    static final int VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PlanJson() {
    }

    static String write(ProfileSet profiles, QueryResult result) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        ObjectNode model = root.putObject("model");
        model.put("name", profiles.layout().model());
        model.put("layers", profiles.layout().layerCount());
        model.put("blocks", profiles.layout().size());
        model.put("partitionRule", profiles.layout().rule().id());
        ArrayNode resources = model.putArray("resources");
        profiles.resources().forEach(r -> resources.add(resource(r)));
        root.put("query", result.query().toParsableString());
        Objective objective = result.query().objective();
        ObjectNode o = root.putObject("objective");
        o.put("name", objective.equals(Objective.LATENCY) ? "latency" : objective.equals(Objective.TRANSFER)
                ? "transfer" : objective.toParsable().startsWith("energy(") ? "energy" : "weighted");
        o.put("perSecond", objective.perSecond());
        o.put("perByte", objective.perByte());
        if (objective.hasEnergy()) {
            ArrayNode terms = o.putArray("perJoule");
            for (EnergyWeight w : objective.energy()) {
                terms.addObject().put("target", w.target().toParsable()).put("perJoule", w.perJoule());
            }
        }
        List<Target> energy = PlanTable.energyTargets(result.query());
        ArrayNode plans = root.putArray("plans");
        int rank = 1;
        for (PartitionConfig p : result.plans()) {
            ObjectNode plan = plan(rank++, p);
            if (!energy.isEmpty()) {
                ObjectNode joules = plan.putObject("energyJoules");
                energy.forEach(t -> joules.put(t.toParsable(), p.energyJoules(t)));
            }
            plans.add(plan);
        }
        root.put("explanation", result.explanation());
        ArrayNode blockers = root.putArray("blockers");
        for (Constraint c : result.blockers()) {
            blockers.add(c.toParsable());
        }
        SearchStats s = result.stats();
        ObjectNode search = root.putObject("search");
        search.put("strategy", s.strategy() == SearchStrategy.EXHAUSTIVE ? "exhaustive" : "branch-and-bound");
        search.put("nodesExpanded", s.nodesExpanded());
        search.put("nodesPruned", s.nodesPruned());
        search.put("plansEvaluated", s.plansEvaluated());
        search.put("elapsedSeconds", s.elapsed().toNanos() / 1e9);
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the result as JSON: " + e.getMessage(), e);
        }
    }

    static ObjectNode plan(int rank, PartitionConfig p) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("rank", rank);
        n.put("latencySeconds", p.latencySeconds());
        n.put("computeSeconds", p.computeSeconds());
        n.put("transferSeconds", p.transferSeconds());
        n.put("bytesSent", p.bytesSent());
        n.put("score", p.score());
        n.put("native", p.isNative());
        n.put("key", p.key());
        n.set("source", resource(p.source()));
        ArrayNode segments = n.putArray("segments");
        for (Segment s : p.segments()) {
            ObjectNode o = segments.addObject();
            o.put("resource", s.resource().name());
            o.put("tier", s.resource().tier().name());
            o.put("firstBlock", s.firstBlock());
            o.put("lastBlock", s.lastBlock());
            o.put("firstLayer", s.firstLayer());
            o.put("lastLayer", s.lastLayer());
            o.put("computeSeconds", s.computeSeconds());
            s.memory().ifPresent(m -> o.put("memoryBytes", m));
        }
        ArrayNode hops = n.putArray("hops");
        for (Hop h : p.hops()) {
            ObjectNode o = hops.addObject();
            o.put("kind", h.kind().name().toLowerCase(Locale.ROOT));
            o.put("from", h.from().name());
            o.put("to", h.to().name());
            o.put("bytes", h.bytes());
            o.put("seconds", h.seconds());
        }
        return n;
    }

    static ObjectNode resource(Resource r) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("name", r.name());
        o.put("tier", r.tier().name());
        if (r.power().isKnown()) {
            o.putObject("watts").put("compute", r.power().computeWatts()).put("transmit", r.power().transmitWatts())
                    .put("receive", r.power().receiveWatts()).put("idle", r.power().idleWatts());
        }
        return o;
    }
}
