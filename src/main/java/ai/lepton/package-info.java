/**
 * Lepton, a Java research workbench for Jupyter. {@link ai.lepton.Lepton} is the one facade a
 * notebook needs, with {@link ai.lepton.Plots} for the pictures the {@code %lepton plot} magic draws;
 * the packages below it hold data preparation, training, sweeps, tracking, plots and promotion.
 */
package ai.lepton;
