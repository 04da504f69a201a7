/**
 * Lepton, a Java research workbench for Jupyter. {@link ai.lepton.Lepton} is the one facade a notebook needs, with
 * {@link ai.lepton.Plots} for the pictures the {@code %lepton plot} magic draws; the {@link ai.lepton.Session} holds
 * what one notebook session named (datasets, prepared data, the run store, the last run and sweep) for the facade and
 * the magics alike. What the facade gives back is held as objects: a {@link ai.lepton.Run} (promote, plot, explain,
 * its metrics latest and best), {@link ai.lepton.Runs} (a list of runs shown as a table) and a
 * {@link ai.lepton.Sweep} (its best run, its trials, its plots). The facade holds no domain rules: the packages below it (options, data, train, track, sweep,
 * plot, promote) do the work, and none of them calls it.
 */
package ai.lepton;
