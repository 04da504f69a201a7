package ai.lepton.train.network;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.lepton.base.AtomicFiles;
import ai.lepton.runtime.weights.SafeTensors;
import ai.lepton.runtime.weights.Tensor;
import com.google.gson.Gson;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A network's weights by name in {@code weights.safetensors} — only those that can train in the run, when it
 * fine-tunes part of a pretrained model (a LoRA run keeps its adapters and head: a few hundred kilobytes, not the
 * encoder's 90 MB). Such a checkpoint names the pretrained weights it completes ({@code base.json}: the model and its
 * SHA-256), and loading it on other pretrained weights is refused.
 */
public final class NamedWeights implements NetworkWeights {

    static final String FILE = "weights.safetensors";
    public static final String BASE = "base.json";
    private static final Gson GSON = new Gson();

    /** The pretrained weights a partial checkpoint completes. */
    public record Base(String pretrained, String sha256) {}

    private final Map<String, Parameter> parameters;
    private final Set<String> saved;
    private final Base base;

    /**
     * @param parameters every parameter of the network by name
     * @param saved      the names saved: those that train at some epoch of the run
     * @param base       the pretrained weights the others come from; null when every weight is saved
     */
    NamedWeights(Map<String, Parameter> parameters, Set<String> saved, Base base) {
        this.parameters = Map.copyOf(parameters);
        this.saved = Set.copyOf(saved);
        this.base = base;
    }

    /** How many values the saved parameters hold, for the run's record. */
    public long savedValues() {
        return saved.stream()
                .mapToLong(name -> parameters.get(name).getArray().size())
                .sum();
    }

    @Override
    public String file() {
        return FILE;
    }

    @Override
    public void save(Path folder) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (String name : saved.stream().sorted().toList()) {
            NDArray array = parameters.get(name).getArray();
            tensors.put(name, new Tensor(array.getShape().getShape(), array.toFloatArray()));
        }
        SafeTensors.write(folder.resolve(FILE), tensors);
        if (base != null) {
            AtomicFiles.write(folder.resolve(BASE), GSON.toJson(base));
        }
    }

    @Override
    public void load(Path folder) throws IOException {
        load(folder, SafeTensors.read(folder.resolve(FILE)));
    }

    /**
     * Loads whatever the checkpoint in {@code folder} saved into {@code parameters} (every parameter of the network by
     * name), refusing it, as {@link #load} does, when it completes other pretrained weights than {@code base}'s: how a
     * finished run's network is rebuilt, without knowing beforehand which of its weights trained.
     */
    public static void restore(Map<String, Parameter> parameters, Base base, Path folder) throws IOException {
        Map<String, Tensor> tensors = SafeTensors.read(folder.resolve(FILE));
        new NamedWeights(parameters, tensors.keySet(), base).load(folder, tensors);
    }

    private void load(Path folder, Map<String, Tensor> tensors) throws IOException {
        Path baseFile = folder.resolve(BASE);
        if (Files.exists(baseFile)) {
            Base recorded = GSON.fromJson(Files.readString(baseFile), Base.class);
            if (base == null || !recorded.sha256().equals(base.sha256())) {
                throw new IOException("the checkpoint completes the pretrained weights of " + recorded.pretrained()
                        + " with SHA-256 " + recorded.sha256() + ", but this network's are "
                        + (base == null ? "its own" : base.pretrained() + " with SHA-256 " + base.sha256())
                        + "; use the pretrained model the run trained from");
            }
        }
        List<String> problems = new ArrayList<>();
        tensors.forEach((name, tensor) -> {
            Parameter parameter = parameters.get(name);
            if (parameter == null) {
                problems.add(name + " is not a weight of this network");
            } else if (!Arrays.equals(parameter.getArray().getShape().getShape(), tensor.shape())) {
                problems.add(name + " has shape " + Arrays.toString(tensor.shape()) + ", the network needs "
                        + parameter.getArray().getShape());
            }
        });
        saved.stream().filter(name -> !tensors.containsKey(name)).forEach(name -> problems.add(name + " is missing"));
        if (!problems.isEmpty()) {
            throw new IOException(String.join("; ", problems.subList(0, Math.min(6, problems.size()))));
        }
        tensors.forEach((name, tensor) -> parameters.get(name).getArray().set(FloatBuffer.wrap(tensor.values())));
    }
}
