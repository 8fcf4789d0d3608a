package io.scission.cli.models;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code --input-shape} option of every command that loads a model, as a picocli mixin:
 * {@code @Mixin InputShapeOption inputShape;}. Gives a model input a fixed size, for models whose input size is
 * free (e.g. a fully convolutional Keras {@code .h5}); works for Keras files, TF.js models, the zoo, SavedModels
 * and frozen graphs.
 */
public final class InputShapeOption {

    /** The name of every input, as scission-tf's {@code TfLoadOptions.ALL_INPUTS}. */
    public static final String ALL_INPUTS = "*";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee = CommandSpec.create();

    @Option(names = "--input-shape", paramLabel = "[INPUT=]DIMS",
            description = "Give the model's inputs this shape, without the batch dimension, e.g. 224x224x3 (every "
                    + "input) or image=224x224x3 (one input, by layer or tensor name; repeatable): for models whose "
                    + "input size is free.")
    private List<String> values = new ArrayList<>();

    /** Creates the mixin; picocli sets the fields. */
    public InputShapeOption() {
    }

    /**
     * Returns the shapes as scission-tf's {@code TfLoadOptions.inputShapes()} takes them: by input name
     * ({@value #ALL_INPUTS} when none was given), batch dimension first (-1).
     *
     * @return the shapes, empty when the option was not given
     * @throws ParameterException if a value is not {@code [INPUT=]DIMS} with positive whole numbers
     */
    public Map<String, List<Long>> shapes() {
        Map<String, List<Long>> shapes = new LinkedHashMap<>();
        for (String value : values) {
            int eq = value.lastIndexOf('=');
            String name = eq < 0 ? ALL_INPUTS : value.substring(0, eq).strip();
            String dims = eq < 0 ? value : value.substring(eq + 1);
            List<Long> shape = new ArrayList<>();
            shape.add(-1L);
            try {
                if (name.isEmpty()) {
                    throw new NumberFormatException();
                }
                for (String d : dims.strip().split("[xX,]", -1)) {
                    long v = Long.parseLong(d.strip());
                    if (v <= 0) {
                        throw new NumberFormatException();
                    }
                    shape.add(v);
                }
            } catch (NumberFormatException e) {
                throw new ParameterException(mixee.commandLine(), String.format(Locale.ROOT, "The shape (%s) of "
                        + "--input-shape is not a list of positive whole numbers, optionally after INPUT=.%nMaybe "
                        + "write e.g. 224x224x3, or image=224x224x3.", value));
            }
            if (shapes.put(name, shape) != null) {
                throw new ParameterException(mixee.commandLine(), String.format(Locale.ROOT, "The input (%s) has "
                        + "two --input-shape values.%nMaybe give each input one shape.", name));
            }
        }
        return shapes;
    }
}
