package io.scission.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.scission.platform.Tier;
import java.util.Set;

/** Tiers in JSON: a standard tier is its name ({@code "edge"}); another is {@code {"name": ..., "rank": ...}}. */
public final class TierJson {

    private TierJson() {
    }

    /**
     * Reads a tier.
     *
     * @param json the field
     * @return the tier
     */
    public static Tier read(StrictJson json) {
        if (json.node().isTextual()) {
            return json.check(() -> Tier.named(json.text()));
        }
        json.object(Set.of("name", "rank"));
        String name = json.get("name").text();
        int rank = json.get("rank").intValue();
        return json.check(() -> Tier.of(name, rank));
    }

    /**
     * Writes a tier.
     *
     * @param tier the tier
     * @return the node
     */
    public static JsonNode write(Tier tier) {
        if (tier.isStandard()) {
            return TextNode.valueOf(tier.name());
        }
        ObjectNode o = StrictJson.object();
        o.put("name", tier.name());
        o.put("rank", tier.rank());
        return o;
    }
}
