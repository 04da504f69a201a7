package ai.lepton.train.pretrained;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.lepton.runtime.model.BertEncoder;
import ai.lepton.runtime.weights.Tensor;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts a Hugging Face BERT's weights into Lepton's encoder, tensor by tensor under their Hugging Face names (with or
 * without the {@code bert.} prefix a task model adds); the pooler and any task head are left out, and LoRA adapters
 * keep their initial values. A missing or mis-shaped tensor is refused, naming each.
 */
public final class BertWeights {

    private BertWeights() {}

    /** Loads {@code weights} (from {@code source}, for messages) into {@code encoder}, which must be initialized. */
    public static void load(BertEncoder encoder, Map<String, Tensor> weights, String source) {
        Map<String, Tensor> named = new LinkedHashMap<>();
        weights.forEach((name, tensor) -> named.put(name.startsWith("bert.") ? name.substring(5) : name, tensor));
        List<String> problems = new ArrayList<>();
        Map<String, Parameter> parameters = new LinkedHashMap<>(encoder.huggingFaceNames());
        parameters.keySet().removeIf(name -> name.contains(".lora_")); // adapters are new: they start as initialized
        parameters.forEach((name, parameter) -> {
            Tensor tensor = named.get(name);
            long[] wanted = parameter.getArray().getShape().getShape();
            if (tensor == null) {
                problems.add(name + " is missing");
            } else if (!Arrays.equals(tensor.shape(), wanted)) {
                problems.add(name + " has shape " + Arrays.toString(tensor.shape()) + ", the encoder needs "
                        + Arrays.toString(wanted));
            }
        });
        if (!problems.isEmpty()) {
            throw new PretrainedException("The weights in " + source
                    + " do not fit the encoder its config.json describes: "
                    + String.join("; ", problems.subList(0, Math.min(8, problems.size())))
                    + (problems.size() > 8 ? "; and " + (problems.size() - 8) + " more" : "")
                    + ". Use the model.safetensors saved with that config.json.");
        }
        parameters.forEach((name, parameter) -> {
            NDArray array = parameter.getArray();
            array.set(FloatBuffer.wrap(named.get(name).values()));
        });
    }
}
