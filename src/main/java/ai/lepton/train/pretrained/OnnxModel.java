package ai.lepton.train.pretrained;

import ai.lepton.runtime.weights.Tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ONNX model's graph as far as importing weights needs it: the initializers (named tensors) and the nodes (an
 * operator, its inputs and outputs), read straight from the file's Protocol Buffers (onnx.proto: ModelProto.graph = 7,
 * GraphProto.node = 1 and initializer = 5) with {@link ProtoReader}. A float initializer whose dims do not match its
 * values is refused like any other defect: as a {@link PretrainedException} naming the file.
 *
 * @param initializers the constant tensors by name, float32 ones only (others, such as position ids, are left out)
 * @param nodes        the graph's nodes in order
 */
record OnnxModel(Map<String, Tensor> initializers, List<Node> nodes) {

    private static final int FLOAT = 1;

    /** One operator application. */
    record Node(String operator, String name, List<String> inputs, List<String> outputs) {}

    /** Reads the model in {@code bytes}, from {@code source} (named in errors). */
    static OnnxModel read(ByteBuffer bytes, String source) {
        ProtoReader model = new ProtoReader(bytes, source);
        while (model.next()) {
            if (model.field() == 7 && model.delimited()) {
                return graph(model.message());
            }
            model.skip();
        }
        throw new PretrainedException(source + " is not an ONNX model: it has no graph.");
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
        long type = 0;
        String name = null;
        ByteBuffer raw = null;
        ByteBuffer floats = null;
        while (tensor.next()) {
            switch (tensor.field()) {
                case 1 -> tensor.numbers(dims::add);
                case 2 -> type = tensor.number();
                case 4 -> floats = tensor.bytes(); // float_data, packed
                case 8 -> name = tensor.text();
                case 9 -> raw = tensor.bytes();
                default -> tensor.skip();
            }
        }
        if (type != FLOAT) {
            return;
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        ByteBuffer data = raw != null ? raw : floats != null ? floats : ByteBuffer.allocate(0);
        String problem = problem(shape, data);
        if (name == null || problem != null) {
            throw tensor.damaged("a float initializer " + (name == null ? "without a name" : name + " " + problem));
        }
        initializers.put(name, new Tensor(shape, floats(data)));
    }

    /** What is wrong with dims {@code shape} for float {@code data}, or null when they fit. */
    private static String problem(long[] shape, ByteBuffer data) {
        long count = 1;
        for (long size : shape) {
            if (size < 0 || (size > 0 && count > Long.MAX_VALUE / 4 / size)) {
                return "of dims " + Arrays.toString(shape) + ", which no file holds";
            }
            count *= size;
        }
        return count * 4 == data.remaining()
                ? null
                : "of dims " + Arrays.toString(shape) + " (" + count + " floats) with " + data.remaining()
                        + " bytes of values";
    }

    private static float[] floats(ByteBuffer bytes) {
        FloatBuffer view = bytes.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float[] values = new float[view.remaining()];
        view.get(values);
        return values;
    }
}
