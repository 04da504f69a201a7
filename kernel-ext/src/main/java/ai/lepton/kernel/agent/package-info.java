/**
 * The main class of the session JVM. It connects back to the kernel twice: one socket carries
 * JShell's execution protocol (load classes, invoke, output streams), the other carries stop
 * requests, so an interrupt reaches the session while user code is running.
 */
package ai.lepton.kernel.agent;
