package ai.lepton.train.pretrained;

import ai.lepton.runtime.weights.Tensor;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A BERT-family encoder exported to ONNX by Hugging Face's exporter, read back under the PyTorch model's own tensor
 * names. The embeddings, biases and LayerNorms are initializers named as in PyTorch; each linear layer's weight is an
 * unnamed MatMul initializer, named here after the bias that is added to its MatMul's output, and transposed from ONNX's
 * [in, out] to PyTorch's [out, in]. Other initializers (position ids, constants) are left out.
 */
final class OnnxBertImport {

    private OnnxBertImport() {}

    /** The encoder's tensors in {@code model}, read from {@code source} (named in errors). */
    static Map<String, Tensor> tensors(OnnxModel model, String source) {
        Map<String, Tensor> initializers = model.initializers();
        Map<String, OnnxModel.Node> addByInput = new HashMap<>();
        for (OnnxModel.Node node : model.nodes()) {
            if (node.operator().equals("Add")) {
                node.inputs().forEach(input -> addByInput.put(input, node));
            }
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        initializers.forEach((name, tensor) -> {
            if (isHuggingFaceName(name)) {
                tensors.put(name, tensor);
            }
        });
        for (OnnxModel.Node node : model.nodes()) {
            if (!node.operator().equals("MatMul")
                    || node.inputs().size() != 2
                    || !initializers.containsKey(node.inputs().get(1))) {
                continue;
            }
            OnnxModel.Node add = node.outputs().isEmpty()
                    ? null
                    : addByInput.get(node.outputs().getFirst());
            String bias = add == null
                    ? null
                    : add.inputs().stream()
                            .filter(OnnxBertImport::isBias)
                            .findFirst()
                            .orElse(null);
            if (bias == null) {
                throw new PretrainedException(
                        source + ": the MatMul " + node.name() + " adds no named bias, so its weight "
                                + node.inputs().get(1)
                                + " cannot be named. Lepton imports BERT encoders exported by Hugging Face's"
                                + " exporter; convert this model to safetensors instead.");
            }
            String weight = bias.substring(0, bias.length() - "bias".length()) + "weight";
            Tensor matrix = initializers.get(node.inputs().get(1));
            if (matrix.shape().length != 2) {
                throw new PretrainedException(source + ": the MatMul " + node.name() + "'s weight has shape "
                        + Arrays.toString(matrix.shape()) + ", not a matrix's; it is not a plain BERT export.");
            }
            if (tensors.put(weight, matrix.transposed()) != null) {
                throw new PretrainedException(source + " gives " + weight + " twice; it is not a plain BERT export.");
            }
        }
        return tensors;
    }

    /** The PyTorch names of a BERT model's tensors start with one of these. */
    private static boolean isHuggingFaceName(String name) {
        return List.of("embeddings.", "encoder.", "pooler.").stream().anyMatch(name::startsWith)
                && (name.endsWith(".weight") || name.endsWith(".bias"));
    }

    private static boolean isBias(String name) {
        return isHuggingFaceName(name) && name.endsWith(".bias");
    }
}
