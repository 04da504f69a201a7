/**
 * The notebook API that user code sees, running inside the session JVM: IJava's
 * {@code display}, {@code render} and {@code updateDisplay}, and the renderers that turn images,
 * XChart charts and Tablesaw tables into MIME bundles.
 */
package ai.lepton.kernel.notebook;
