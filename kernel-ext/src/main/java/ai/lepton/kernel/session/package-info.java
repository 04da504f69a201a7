/**
 * The Java session: JShell driving a separate executing JVM. Splits cells into snippets,
 * evaluates them, turns compile errors and exceptions into readable reports that point at cell
 * lines, stops runaway code on interrupt (ending the JVM if it will not stop), and starts a fresh
 * JVM when user code exits or crashes, saying so, or on another classpath when a notebook's pins replace libraries of
 * the one it started on. JShell compiles against the session JVM's classpath, never the kernel JVM's own
 * ({@code CompilerClasspath}).
 */
package ai.lepton.kernel.session;
