package io.scission.cli.models;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scission.cli.Columns;
import io.scission.cli.ScissionCli;
import io.scission.tf.zoo.KerasZoo;
import io.scission.tf.zoo.ZooModel;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scission models}: the built-in zoo, the 18 Keras Applications models of the paper's Table I. */
@Command(name = "models", mixinStandardHelpOptions = true, versionProvider = ScissionCli.Version.class,
        usageHelpAutoWidth = true,
        description = {"Lists the built-in zoo: the 18 Keras Applications models of the Scission paper's Table I, "
                + "with layers, partition points (Scission rule) and parameters. Architectures only; profiling "
                + "gives them seeded random weights.", ""},
        footer = {"", "Use a model's name (any case) with inspect, profile or demo, e.g. 'scission inspect ResNet50'."})
public final class ModelsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec = CommandSpec.create();

    /** The {@code format} of the JSON document, described in docs/file-formats.md. */
    public static final String JSON_FORMAT = "scission-models";
    /** The {@code version} of the JSON document. */
    public static final int JSON_VERSION = 1;

    @Option(names = "--json", description = "Print JSON (format scission-models): the models and their figures.")
    private boolean json;

    /** Creates the command; picocli sets the fields. */
    public ModelsCommand() {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<ZooModel> models = KerasZoo.models();
        if (json) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode root = mapper.createObjectNode();
            root.put("format", JSON_FORMAT);
            root.put("version", JSON_VERSION);
            ArrayNode array = root.putArray("models");
            for (ZooModel m : models) {
                ObjectNode o = array.addObject();
                o.put("name", m.displayName());
                o.put("key", m.key());
                o.put("layers", m.layers());
                o.put("partitionPoints", m.partitionPoints());
                o.put("params", m.params());
                ArrayNode shape = o.putArray("inputShape");
                m.inputShape().forEach(shape::add);
            }
            try {
                out.println(mapper.writeValueAsString(root));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Cannot write the zoo as JSON: " + e.getMessage(), e);
            }
            return 0;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"model", "layers", "partition points", "parameters", "input", "key"});
        for (ZooModel m : models) {
            List<String> dims = new ArrayList<>();
            m.inputShape().forEach(d -> dims.add(Long.toString(d)));
            rows.add(new String[] {m.displayName(), Integer.toString(m.layers()), Integer.toString(m.partitionPoints()),
                    String.format(Locale.ROOT, "%,d", m.params()), String.join("x", dims), m.key()});
        }
        Columns.print(out, rows, "LRRRLL");
        out.println();
        out.println("Partition points under the Scission rule (the original tool's); see 'scission inspect MODEL'.");
        return 0;
    }
}
