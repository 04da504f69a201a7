package ai.lepton.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.runtime.json.UntrustedJson;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a production service touches hands out typed values: no public method, constructor or field of the runtime's
 * public classes takes or gives a Gson type (a manifest, a schema, a field), so a service never digs in JSON objects
 * and the runtime may change its JSON library. The one exception is the shared plumbing that parses untrusted JSON for
 * the library too ({@link UntrustedJson}).
 */
class RuntimeApiTest {

    private static final String GSON = "com.google.gson.";

    @Test
    void noPublicSignatureOfTheRuntimeNamesAGsonType() throws Exception {
        Path classes = Path.of(LeptonModel.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        List<String> names;
        try (Stream<Path> files = Files.walk(classes)) {
            names = files.map(file -> classes.relativize(file).toString())
                    .filter(file -> file.endsWith(".class"))
                    .map(file ->
                            file.substring(0, file.length() - ".class".length()).replace('/', '.'))
                    .toList();
        }
        List<String> gson = new ArrayList<>();
        int publicClasses = 0;
        for (String name : names) {
            Class<?> type = Class.forName(name, false, LeptonModel.class.getClassLoader());
            if (!isPublic(type) || type == UntrustedJson.class) {
                continue;
            }
            publicClasses++;
            for (Method method : type.getMethods()) {
                check(gson, type, method, method.toGenericString());
            }
            Arrays.stream(type.getConstructors())
                    .forEach(constructor -> check(gson, type, constructor, constructor.toGenericString()));
            for (Field field : type.getFields()) {
                check(gson, type, field, field.toGenericString());
            }
        }
        assertTrue(publicClasses > 50, publicClasses + " public classes found in " + classes);
        assertEquals(List.of(), gson);
    }

    /** A class that code outside the runtime can name: public, and nested only in such classes. */
    private static boolean isPublic(Class<?> type) {
        for (Class<?> at = type; at != null; at = at.getEnclosingClass()) {
            if (!Modifier.isPublic(at.getModifiers()) || at.isAnonymousClass() || at.isLocalClass()) {
                return false;
            }
        }
        return true;
    }

    private static void check(List<String> gson, Class<?> type, Member member, String signature) {
        if (member.getDeclaringClass().getName().startsWith("ai.lepton.runtime.") && signature.contains(GSON)) {
            gson.add(type.getName() + ": " + signature);
        }
    }
}
