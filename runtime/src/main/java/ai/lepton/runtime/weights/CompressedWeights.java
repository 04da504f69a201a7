package ai.lepton.runtime.weights;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.lepton.runtime.weights.ParameterLayout.Weight;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A compressed network's weights file ({@link Quantization}'s safetensors: int8 matrices with a scale per row, or half
 * floats), checked against the network it is for before any memory is taken for the network's weights: its header
 * must give each of the network's parameters (by its path, as {@link Block#getParameters()} names it) a tensor of that
 * parameter's shape, with or without the scales of its rows, and nothing else. A header's ranges cover its file's data
 * exactly, so the values of a file that passes take at least a byte each of it: what loading it costs follows from the
 * file's own size, whatever the architecture says. The tensors are then read one at a time.
 */
public final class CompressedWeights {

    private final List<Weight> parameters;
    private final Shape[] inputShapes;

    private CompressedWeights(List<Weight> parameters, Shape[] inputShapes) {
        this.parameters = parameters;
        this.inputShapes = inputShapes;
    }

    /**
     * The weights a network like {@code twin} takes, {@code twin} being a block of the network's architecture that this
     * uses up (initialized with placeholders), initialized with {@code inputShapes} as the network was when it trained.
     */
    public static CompressedWeights of(Block twin, Shape... inputShapes) {
        List<Weight> parameters = ParameterLayout.of(twin, DataType.FLOAT32, inputShapes).stream()
                .filter(Weight.class::isInstance)
                .map(Weight.class::cast)
                .toList();
        return new CompressedWeights(parameters, inputShapes.clone());
    }

    /**
     * Loads {@code file} into {@code model}'s block, which must not be initialized, once the file's header has been
     * checked to give this network's weights; {@code where} names the file in errors.
     *
     * @throws MalformedModelException the file does not give the network's weights; the message names what does not fit
     * @throws IOException             the file is damaged ({@link SafeTensors.DamagedException}) or cannot be read
     */
    public void load(Model model, Path file, String where) throws IOException, MalformedModelException {
        SafeTensorsFile stored = SafeTensorsFile.open(file, where);
        check(stored, where);
        Block block = model.getBlock();
        block.initialize(model.getNDManager(), DataType.FLOAT32, inputShapes);
        for (Pair<String, Parameter> parameter : block.getParameters()) {
            Tensor tensor = Quantization.restore(stored, parameter.getKey(), where);
            parameter.getValue().getArray().set(FloatBuffer.wrap(tensor.values()));
        }
    }

    /** Refuses, naming up to five of them, tensors missing, of another shape, or no weight of the network. */
    private void check(SafeTensorsFile stored, String where) throws MalformedModelException {
        List<String> problems = new ArrayList<>();
        Set<String> known = new HashSet<>();
        for (Weight parameter : parameters) {
            String name = parameter.path();
            known.add(name);
            known.add(name + Quantization.SCALE);
            long[] needed = parameter.shape().getShape();
            if (!stored.names().contains(name)) {
                problems.add(name + " is missing");
            } else if (!Arrays.equals(stored.shape(name), needed)) {
                problems.add(name + " has shape " + new Shape(stored.shape(name)) + ", and the network needs "
                        + parameter.shape());
            }
        }
        stored.names().stream()
                .filter(name -> !known.contains(name))
                .forEach(name -> problems.add(name + " is not a weight of the network"));
        if (!problems.isEmpty()) {
            throw new MalformedModelException(where + ": " + BlockWeights.firstProblems(problems) + ".");
        }
    }
}
