/**
 * Lepton, a Java research workbench for Jupyter. {@link ai.lepton.Lepton} is the one facade a
 * notebook needs, with {@link ai.lepton.Plots} for the pictures the {@code %lepton plot} magic draws;
 * the packages below it hold data preparation, training, sweeps, tracking, plots and promotion.
 * {@link ai.lepton.LeptonHome} and {@link ai.lepton.LeptonUser} say where Lepton keeps its files and who is working.
 */
package ai.lepton;
