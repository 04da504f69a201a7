/**
 * The Lepton Jupyter kernel.
 *
 * <p>The kernel process speaks the Jupyter protocol (through jjava-jupyter) and owns the magics,
 * dependency resolution and history. User code never runs here: it runs in a separate
 * <em>session JVM</em> driven through JShell's remote execution ({@link ai.lepton.kernel.session}),
 * so a runaway loop can be stopped, and {@code System.exit} or a crash costs the session's state
 * but never the kernel. Displays travel back over a loopback bridge ({@link ai.lepton.kernel.bridge}).
 */
package ai.lepton.kernel;
