package ai.lepton.train.pretrained;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.lepton.runtime.model.BertEncoder;
import ai.lepton.runtime.weights.Tensor;

import java.nio.FloatBuffer;
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
        weights.forEach((name, tensor) -> named.put(BertShapes.encoderName(name), tensor));
        Map<String, Parameter> parameters = new LinkedHashMap<>(encoder.huggingFaceNames());
        parameters.keySet().removeIf(name -> name.contains(".lora_")); // adapters are new: they start as initialized
        Map<String, long[]> wanted = new LinkedHashMap<>();
        parameters.forEach((name, parameter) ->
                wanted.put(name, parameter.getArray().getShape().getShape()));
        Map<String, long[]> stored = new LinkedHashMap<>();
        named.forEach((name, tensor) -> stored.put(name, tensor.shape()));
        List<String> problems = BertShapes.problems(wanted, stored);
        if (!problems.isEmpty()) {
            throw new PretrainedException(BertShapes.misfit(source, problems));
        }
        parameters.forEach((name, parameter) -> {
            NDArray array = parameter.getArray();
            array.set(FloatBuffer.wrap(named.get(name).values()));
        });
    }
}
