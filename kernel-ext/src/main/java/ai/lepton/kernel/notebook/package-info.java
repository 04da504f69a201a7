/**
 * The notebook API that user code sees, running inside the session JVM: IJava's {@code display}, {@code render} and
 * {@code updateDisplay}, a {@link ai.lepton.kernel.notebook.LiveDisplay} that long work keeps replacing, and the renderer
 * that turns values into MIME bundles. The kernel renders images and text; libraries add their own types through
 * {@link ai.lepton.kernel.notebook.DisplayRenderers} services.
 */
package ai.lepton.kernel.notebook;
