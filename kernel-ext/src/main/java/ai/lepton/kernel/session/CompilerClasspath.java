package ai.lepton.kernel.session;

import javax.tools.StandardJavaFileManager;
import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

/**
 * Has JShell compile against the session JVM's classpath alone. JShell's compiler takes the classpath of the JVM that
 * hosts it (the kernel's, which holds what Lepton ships) and appends what {@code addToClasspath} adds; a session whose
 * pinned jars replace some of Lepton's would compile against Lepton's versions. The session adds its whole classpath
 * first, so the host's part is dropped from the {@code -classpath} JShell hands the compiler's file manager.
 */
final class CompilerClasspath {

    private static final String OPTION = "-classpath";

    private CompilerClasspath() {}

    /** JShell's file manager mapping: the standard file manager, the host JVM's classpath left out of JShell's. */
    static Function<StandardJavaFileManager, StandardJavaFileManager> withoutHost() {
        String host = System.getProperty("java.class.path") + File.pathSeparator;
        return standard -> (StandardJavaFileManager) Proxy.newProxyInstance(
                StandardJavaFileManager.class.getClassLoader(),
                new Class<?>[] {StandardJavaFileManager.class},
                (proxy, method, args) -> {
                    Object[] passed = args;
                    if (method.getName().equals("handleOption") && OPTION.equals(args[0])) {
                        passed = new Object[] {OPTION, without(host, (Iterator<?>) args[1])};
                    }
                    try {
                        return method.invoke(standard, passed);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static Iterator<String> without(String host, Iterator<?> value) {
        String classpath = String.valueOf(value.next());
        return List.of(classpath.startsWith(host) ? classpath.substring(host.length()) : classpath)
                .iterator();
    }
}
