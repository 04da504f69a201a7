/**
 * The Lepton Jupyter kernel: a Java kernel that knows nothing of the ML stack.
 *
 * <p>The kernel process speaks the Jupyter protocol (through jjava-jupyter) and owns the magics, dependency resolution
 * and history. User code never runs here: it runs in a separate <em>session JVM</em> driven through JShell's remote
 * execution ({@link ai.lepton.kernel.session}), so a runaway loop can be stopped, and {@code System.exit} or a crash
 * costs the session's state but never the kernel. Displays travel back over a loopback bridge
 * ({@link ai.lepton.kernel.bridge}). Extensions on the classpath (jjava's {@code Extension} services, and
 * {@link ai.lepton.kernel.notebook.DisplayRenderers} in the session) add magics, completion and renderers, and may keep
 * a family of the libraries they ship at its version ({@link ai.lepton.kernel.deps.LibraryFamily}): that is how Lepton's
 * own magics and views arrive, and how Lepton's DJL stays whatever a notebook pins. Which version of a library a session
 * runs is {@link ai.lepton.kernel.deps}'s business.
 */
package ai.lepton.kernel;
