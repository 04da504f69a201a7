package ai.lepton.options;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Checks an options class's builder against its option table: every option has a typed {@code opt*} method, named after
 * the option in camel case, that takes a value of the option's type and sets that option.
 */
public final class BuilderMethods {

    private BuilderMethods() {}

    /**
     * The options of {@code table} whose builder method is missing, untyped or sets something else, each with why.
     *
     * @param builders makes a fresh builder (its class is the one checked; {@code build()} makes the options)
     * @param aliases  method names that differ from the camel-cased option name: {@code lr} is optLearningRate
     */
    public static List<String> missing(
            OptionTable table, Supplier<? extends OptionSet.Builder<?>> builders, Map<String, String> aliases) {
        List<String> missing = new ArrayList<>();
        for (Option<?> option : table.options()) {
            String name = aliases.getOrDefault(option.name(), "opt" + camel(option.name()));
            Object sample = sample(option);
            Optional<Method> method = Arrays.stream(builders.get().getClass().getMethods())
                    .filter(candidate -> candidate.getName().equals(name)
                            && candidate.getParameterCount() == 1
                            && !Modifier.isStatic(candidate.getModifiers())
                            && takes(candidate.getParameterTypes()[0], sample))
                    .findFirst();
            if (method.isEmpty()) {
                missing.add(
                        option.name() + ": no " + name + "(" + sample.getClass().getSimpleName() + ")");
                continue;
            }
            Object set = setWith(method.get(), builders.get(), sample).get(option);
            if (!sample.equals(set)) {
                missing.add(option.name() + ": " + name + "(" + sample + ") set it to " + set);
            }
        }
        return missing;
    }

    /** {@code trials_per_gpu} → {@code TrialsPerGpu}. */
    static String camel(String name) {
        StringBuilder camel = new StringBuilder();
        for (String word : name.split("_")) {
            camel.append(word.substring(0, 1).toUpperCase(Locale.ROOT)).append(word.substring(1));
        }
        return camel.toString();
    }

    /** A value of the option's type: its default, else its first choice. */
    private static Object sample(Option<?> option) {
        return option.defaultValue() != null
                ? option.defaultValue()
                : option.read(option.choices().getFirst());
    }

    private static boolean takes(Class<?> parameter, Object sample) {
        if (sample instanceof List<?> list && parameter.isArray()) {
            return list.stream().allMatch(parameter.getComponentType()::isInstance);
        }
        return box(parameter).isInstance(sample);
    }

    private static OptionSet setWith(Method method, OptionSet.Builder<?> builder, Object sample) {
        Object argument = sample;
        if (sample instanceof List<?> list && method.getParameterTypes()[0].isArray()) {
            argument = Array.newInstance(method.getParameterTypes()[0].getComponentType(), list.size());
            for (int i = 0; i < list.size(); i++) {
                Array.set(argument, i, list.get(i));
            }
        }
        try {
            Object chained = method.invoke(builder, argument);
            return (OptionSet) chained.getClass().getMethod("build").invoke(chained);
        } catch (IllegalAccessException | InvocationTargetException | NoSuchMethodException e) {
            throw new AssertionError(method + " with " + sample + " failed", e);
        }
    }

    private static Class<?> box(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return switch (type.getName()) {
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "double" -> Double.class;
            case "boolean" -> Boolean.class;
            default -> throw new IllegalArgumentException("no builder takes a " + type);
        };
    }
}
