/**
 * The loopback channel that carries MIME bundles (displays, display updates, cell results) from
 * the session JVM to the kernel, which publishes them to Jupyter. Each message is one JSON line;
 * the kernel acknowledges each one after publishing, so displays keep their order.
 */
package ai.lepton.kernel.bridge;
