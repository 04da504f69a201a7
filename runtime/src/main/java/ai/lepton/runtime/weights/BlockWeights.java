package ai.lepton.runtime.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An initialized DJL block's weights as named tensors (DJL's own parameter paths), out and back in. */
public final class BlockWeights {

    private BlockWeights() {}

    /** Every parameter of {@code block}, by its path ({@code 01SequentialBlock_02Linear_weight}). */
    public static Map<String, Tensor> of(Block block) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Pair<String, Parameter> parameter : block.getParameters()) {
            NDArray array = parameter.getValue().getArray();
            tensors.put(parameter.getKey(), new Tensor(array.getShape().getShape(), array.toFloatArray()));
        }
        return tensors;
    }

    /**
     * Sets every parameter of {@code block} from {@code tensors}; refused, naming what does not fit, unless each has a
     * tensor of its shape and no tensor is left over.
     */
    public static void load(Block block, Map<String, Tensor> tensors, String source) {
        List<String> problems = new ArrayList<>();
        Map<String, Parameter> parameters = new LinkedHashMap<>();
        block.getParameters().forEach(pair -> parameters.put(pair.getKey(), pair.getValue()));
        parameters.forEach((name, parameter) -> {
            Tensor tensor = tensors.get(name);
            long[] shape = parameter.getArray().getShape().getShape();
            if (tensor == null) {
                problems.add(name + " is missing");
            } else if (!Arrays.equals(shape, tensor.shape())) {
                problems.add(name + " has shape " + Arrays.toString(tensor.shape()) + ", the network needs "
                        + Arrays.toString(shape));
            }
        });
        tensors.keySet().stream()
                .filter(name -> !parameters.containsKey(name))
                .forEach(name -> problems.add(name + " is not a weight of the network"));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(source + ": " + firstProblems(problems));
        }
        parameters.forEach((name, parameter) ->
                parameter.getArray().set(FloatBuffer.wrap(tensors.get(name).values())));
    }

    /** The first five of {@code problems} (what does not fit a network), and how many more there are. */
    static String firstProblems(List<String> problems) {
        return String.join("; ", problems.subList(0, Math.min(5, problems.size())))
                + (problems.size() > 5 ? " (and " + (problems.size() - 5) + " more)" : "");
    }
}
