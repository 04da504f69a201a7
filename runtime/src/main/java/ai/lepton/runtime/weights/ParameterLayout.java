package ai.lepton.runtime.weights;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What DJL writes when it saves a network's parameters ({@code model-NNNN.params}), less the values, in the order its
 * loader reads them back: each block's version and metadata, and each parameter's name, shape and data type. Made
 * from a twin of the network initialized with one-value placeholders, so it takes no memory for the weights; each
 * block's metadata is what the twin's block saves (DJL's format differs from block to block).
 */
final class ParameterLayout {

    /** One part of the file, in the order DJL reads them. */
    sealed interface Part permits Metadata, Weight {}

    /**
     * A block's version byte and metadata (input shapes, sizes), which the file must hold byte for byte.
     *
     * @param block the block's path in the network, for messages
     * @param bytes what the block saves
     */
    record Metadata(String block, byte[] bytes) implements Part {}

    /**
     * A parameter's record: its mark, name and array.
     *
     * @param path     its path in the network, as {@link Block#getParameters()} names it
     * @param name     its own name, which the file repeats
     * @param shape    the shape the network needs
     * @param dataType the type its values must have
     */
    record Weight(String path, String name, Shape shape, DataType dataType) implements Part {

        /** The bytes its values take. */
        long bytes() {
            return shape.size() * dataType.getNumOfBytes();
        }
    }

    private ParameterLayout() {}

    /** The parts of the file a network like {@code twin} saves; {@code twin} is used up (initialized with placeholders). */
    static List<Part> of(Block twin, DataType dataType, Shape... inputShapes) {
        try (NDManager scratch = NDManager.newBaseManager()) {
            twin.setInitializer((manager, shape, type) -> manager.zeros(new Shape(), type), parameter -> true);
            twin.initialize(scratch, dataType, inputShapes);
            // without arrays, a parameter saves as one 'N' mark, and a block saves its metadata, then its parameters'
            // marks
            twin.getParameters().values().forEach(Parameter::close);
            List<Part> parts = new ArrayList<>();
            walk(twin, "", dataType, parts);
            return parts;
        }
    }

    /** Adds {@code block}'s parts, then its children's, as DJL's AbstractBaseBlock saves and loads them. */
    private static void walk(Block block, String path, DataType dataType, List<Part> parts) {
        byte[] saved = saved(block);
        int rest = 2 * block.getDirectParameters().size(); // a char 'N' each
        for (Pair<String, Block> child : block.getChildren()) {
            rest += saved(child.getValue()).length;
        }
        if (saved.length <= rest) {
            throw new IllegalStateException(block.getClass().getName() + " does not save its parameters as DJL's"
                    + " AbstractBaseBlock does, so its parameter file cannot be checked");
        }
        String name = path.isEmpty() ? "the network" : "block " + path.substring(0, path.length() - 1);
        parts.add(new Metadata(name, Arrays.copyOf(saved, saved.length - rest)));
        for (Pair<String, Parameter> parameter : block.getDirectParameters()) {
            Parameter value = parameter.getValue();
            parts.add(new Weight(path + parameter.getKey(), value.getName(), value.getShape(), dataType));
        }
        for (Pair<String, Block> child : block.getChildren()) {
            walk(child.getValue(), path + child.getKey() + "_", dataType, parts);
        }
    }

    private static byte[] saved(Block block) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }
}
