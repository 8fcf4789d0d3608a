package io.scission.cli.models;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scission.cli.Columns;
import io.scission.cli.ScissionCli;
import io.scission.model.Block;
import io.scission.model.BlockLayout;
import io.scission.model.Layer;
import io.scission.model.ModelGraph;
import io.scission.model.PartitionRule;
import io.scission.model.TensorRef;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code scission inspect}: a model's layers and its blocks under a partition rule, as a table or JSON. */
@Command(name = "inspect", mixinStandardHelpOptions = true, versionProvider = ScissionCli.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Shows a model's layers (class, output shape, inputs) and its blocks: the ranges between valid "
                + "partition points, with the bytes that cross each point.", ""},
        footer = {"", "MODEL: a zoo name (any case, e.g. ResNet50; see 'scission models') or a path. Zoo models, Keras",
            "JSON/h5 files and TF.js model.json need no TensorFlow; SavedModel directories and .pb",
            "files are parsed with TensorFlow.", "",
            "Examples:", "  scission inspect ResNet50", "  scission inspect vgg16 --json",
            "  scission inspect model.h5 --partition-rule single-tensor"})
public final class InspectCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec = CommandSpec.create();

    @Parameters(index = "0", paramLabel = "MODEL", description = "A zoo name or a model path.")
    private String model = "";

    @Option(names = "--partition-rule", paramLabel = "scission|single-tensor|tensors:K",
            description = "Where the model may be cut (default scission, the original tool's rule).")
    private String rule = "scission";

    /** The {@code format} of the JSON document, described in docs/file-formats.md. */
    public static final String JSON_FORMAT = "scission-model";
    /** The {@code version} of the JSON document. */
    public static final int JSON_VERSION = 1;

    @Option(names = "--json", description = "Print JSON (format scission-model): the model, its layers and blocks.")
    private boolean json;

    @Mixin
    private InputShapeOption inputShape = new InputShapeOption();

    /** Creates the command; picocli sets the fields. */
    public InspectCommand() {
    }

    @Override
    public Integer call() {
        PartitionRule partitionRule = rule(spec, rule);
        ModelArgument m = ModelArgument.resolve(model, inputShape.shapes());
        BlockLayout layout = m.graph().blocks(partitionRule);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(json(m, layout));
        } else {
            table(out, m, layout);
        }
        return 0;
    }

    static PartitionRule rule(CommandSpec spec, String text) {
        try {
            return PartitionRule.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage() + "\nMaybe write --partition-rule "
                    + "scission.");
        }
    }

    /** The distinct layers a layer reads, in input order. */
    static List<Integer> inbound(Layer layer) {
        Set<Integer> in = new LinkedHashSet<>();
        for (TensorRef r : layer.inputs()) {
            in.add(r.layer());
        }
        return List.copyOf(in);
    }

    static String json(ModelArgument m, BlockLayout layout) {
        ModelGraph g = m.graph();
        // created here, not in a static field: picocli instantiates every command at start-up, and Jackson's
        // ~300 classes would slow down every other command
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("format", JSON_FORMAT);
        root.put("version", JSON_VERSION);
        root.put("model", m.displayName());
        root.put("source", m.location());
        root.put("sourceFormat", m.format());
        root.put("partitionRule", layout.rule().id());
        root.put("inputBytes", layout.inputBytes());
        if (m.params().isPresent()) {
            root.put("params", m.params().getAsLong());
        }
        ArrayNode layers = root.putArray("layers");
        for (Layer l : g.layers()) {
            ObjectNode o = layers.addObject();
            o.put("index", l.index());
            o.put("name", l.name());
            o.put("className", l.type());
            ArrayNode shape = o.putArray("outputShape");
            List<Long> dims = l.output().shape();
            for (int i = 0; i < dims.size(); i++) {
                if (i == 0 && dims.get(i) == -1) {
                    shape.addNull();
                } else {
                    shape.add(dims.get(i));
                }
            }
            ArrayNode inbound = o.putArray("inbound");
            inbound(l).forEach(inbound::add);
        }
        ArrayNode blocks = root.putArray("blocks");
        for (Block b : layout.blocks()) {
            ObjectNode o = blocks.addObject();
            o.put("index", b.index());
            o.put("firstLayer", b.firstLayer());
            o.put("lastLayer", b.lastLayer());
            o.put("outputBytes", b.outputBytes());
        }
        try {
            return mapper.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the model as JSON: " + e.getMessage(), e);
        }
    }

    private static void table(PrintWriter out, ModelArgument m, BlockLayout layout) {
        ModelGraph g = m.graph();
        out.printf(Locale.ROOT, "Model %s (%s): %d layers%s, input %s B%n", m.displayName(),
                m.format().equals("zoo") ? m.location() : m.location() + ", " + m.format(), g.size(), m.params().isPresent()
                        ? String.format(Locale.ROOT, ", %,d parameters", m.params().getAsLong()) : "",
                group(layout.inputBytes()));
        out.printf(Locale.ROOT, "Partition rule %s: %d blocks, %d partition points%n", layout.rule().id(),
                layout.size(), layout.partitionPoints());
        out.println();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"#", "layer", "class", "output shape", "inbound", "block"});
        for (Layer l : g.layers()) {
            List<String> in = new ArrayList<>();
            inbound(l).forEach(i -> in.add(Integer.toString(i)));
            rows.add(new String[] {Integer.toString(l.index()), l.name(), l.type(), shape(l.output().shape()),
                    in.isEmpty() ? "-" : String.join(",", in), Integer.toString(layout.blockOf(l.index()).index())});
        }
        Columns.print(out, rows, "RLLLLR");
        out.println();
        rows = new ArrayList<>();
        rows.add(new String[] {"block", "layers", "output (B)", "output (MB)"});
        for (Block b : layout.blocks()) {
            rows.add(new String[] {Integer.toString(b.index()), b.label(), group(b.outputBytes()),
                    String.format(Locale.ROOT, "%.4f", b.outputBytes() / 1e6)});
        }
        Columns.print(out, rows, "RLRR");
    }

    /** A shape as Keras prints it: {@code (None, 224, 224, 3)}. */
    static String shape(List<Long> dims) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < dims.size(); i++) {
            parts.add(i == 0 && dims.get(i) == -1 ? "None" : Long.toString(dims.get(i)));
        }
        return "(" + String.join(", ", parts) + ")";
    }

    private static String group(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
