package ai.lepton.train.pretrained;

import ai.lepton.runtime.weights.Tensor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ONNX model's graph as far as importing weights needs it: the initializers (named tensors) and the nodes (an
 * operator, its inputs and outputs), read straight from the file's Protocol Buffers (onnx.proto: ModelProto.graph = 7,
 * GraphProto.node = 1 and initializer = 5).
 *
 * @param initializers the constant tensors by name, float32 ones only (others, such as position ids, are left out)
 * @param nodes        the graph's nodes in order
 */
record OnnxModel(Map<String, Tensor> initializers, List<Node> nodes) {

    private static final int FLOAT = 1;

    /** One operator application. */
    record Node(String operator, String name, List<String> inputs, List<String> outputs) {}

    static OnnxModel read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            return read(channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size()));
        }
    }

    static OnnxModel read(ByteBuffer bytes) {
        ProtoReader model = new ProtoReader(bytes);
        while (model.next()) {
            if (model.field() == 7 && model.delimited()) {
                return graph(model.message());
            }
            model.skip();
        }
        throw new IllegalArgumentException("no graph: this is not an ONNX model");
    }

    private static OnnxModel graph(ProtoReader graph) {
        Map<String, Tensor> initializers = new LinkedHashMap<>();
        List<Node> nodes = new ArrayList<>();
        while (graph.next()) {
            if (graph.field() == 1 && graph.delimited()) {
                nodes.add(node(graph.message()));
            } else if (graph.field() == 5 && graph.delimited()) {
                initializer(graph.message(), initializers);
            } else {
                graph.skip();
            }
        }
        return new OnnxModel(initializers, nodes);
    }

    private static Node node(ProtoReader node) {
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        String name = "";
        String operator = "";
        while (node.next()) {
            switch (node.field()) {
                case 1 -> inputs.add(node.text());
                case 2 -> outputs.add(node.text());
                case 3 -> name = node.text();
                case 4 -> operator = node.text();
                default -> node.skip();
            }
        }
        return new Node(operator, name, List.copyOf(inputs), List.copyOf(outputs));
    }

    /** Adds a float32 initializer to {@code initializers}; one of another type is left out. */
    private static void initializer(ProtoReader tensor, Map<String, Tensor> initializers) {
        List<Long> dims = new ArrayList<>();
        int type = 0;
        String name = null;
        ByteBuffer raw = null;
        float[] floats = null;
        while (tensor.next()) {
            switch (tensor.field()) {
                case 1 -> {
                    if (tensor.delimited()) { // packed
                        ProtoReader packed = new ProtoReader(tensor.bytes());
                        while (packed.hasMore()) {
                            dims.add(packed.varint());
                        }
                    } else {
                        dims.add(tensor.varint());
                    }
                }
                case 2 -> type = (int) tensor.varint();
                case 4 -> floats = packedFloats(tensor.bytes());
                case 8 -> name = tensor.text();
                case 9 -> raw = tensor.bytes();
                default -> tensor.skip();
            }
        }
        if (type == FLOAT) {
            long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
            initializers.put(
                    name, new Tensor(shape, raw != null ? packedFloats(raw) : floats == null ? new float[0] : floats));
        }
    }

    private static float[] packedFloats(ByteBuffer bytes) {
        FloatBuffer view = bytes.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float[] values = new float[view.remaining()];
        view.get(values);
        return values;
    }
}
