/**
 * Getting data right: load CSV files into Tablesaw tables with errors that name file, line and column; profile them
 * (with a {@link ai.lepton.data.Histogram} of each numeric column); prepare them (impute, encode, scale, split) with
 * every statistic fitted on the training split only, as a {@link ai.lepton.data.Preparation} that re-applies
 * identically at predict time. {@link ai.lepton.data.Prepared} data knows the table it came from, and
 * {@link ai.lepton.data.HeldOutRows} keeps its raw test rows for judging a model later; the bridge into DJL batches is
 * {@link ai.lepton.data.BatchDataset}.
 */
package ai.lepton.data;
