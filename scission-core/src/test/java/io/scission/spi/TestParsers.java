package io.scission.spi;

import io.scission.model.Layer;
import io.scission.model.ModelGraph;
import io.scission.model.TensorRef;
import io.scission.model.TensorSpec;
import java.util.List;

/** Parsers registered for tests in META-INF/services: they accept locations by prefix. */
public final class TestParsers {

    private TestParsers() {
    }

    static ModelGraph tiny(String name) {
        return ModelGraph.of(name, List.of(
                new Layer(0, "in", "InputLayer", List.of(), List.of(TensorSpec.float32(-1, 4))),
                new Layer(1, "dense", "Dense", List.of(TensorRef.of(0)), List.of(TensorSpec.float32(-1, 2)))));
    }

    /** Accepts "a:" and "tie:" locations, priority 5. */
    public static final class Alpha implements ModelParser {
        @Override
        public String name() {
            return "alpha";
        }

        @Override
        public int priority() {
            return 5;
        }

        @Override
        public boolean accepts(ModelSource source) {
            return source.location().startsWith("a:") || source.location().startsWith("tie:")
                    || source.location().startsWith("both:");
        }

        @Override
        public ModelGraph parse(ModelSource source) {
            return tiny("alpha-" + source.location());
        }
    }

    /** Accepts "tie:" (priority 5, ties with alpha) and "both:" (but has priority 5 too). */
    public static final class Beta implements ModelParser {
        @Override
        public String name() {
            return "beta";
        }

        @Override
        public int priority() {
            return 5;
        }

        @Override
        public boolean accepts(ModelSource source) {
            return source.location().startsWith("tie:");
        }

        @Override
        public ModelGraph parse(ModelSource source) {
            return tiny("beta-" + source.location());
        }
    }

    /** Unavailable, with a reason. */
    public static final class Broken implements ModelParser {
        @Override
        public String name() {
            return "broken";
        }

        @Override
        public Availability availability() {
            return Availability.unavailable("native library libfoo.so failed to load");
        }

        @Override
        public boolean accepts(ModelSource source) {
            return true;
        }

        @Override
        public ModelGraph parse(ModelSource source) {
            throw new AssertionError("never called");
        }
    }
}
