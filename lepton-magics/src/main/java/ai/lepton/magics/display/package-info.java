/**
 * How a notebook shows Lepton's values and long work: the renderers of figures, charts, tables, runs and sweeps,
 * profiles, explanations and registry entries ({@link ai.lepton.magics.display.LeptonRenderers}), and the live views of a training run, of a
 * sweep and of downloads, each one output updated in place. The kernel finds them as services; it knows none of these types.
 */
package ai.lepton.magics.display;
