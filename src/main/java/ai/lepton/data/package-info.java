/**
 * Getting data right: load CSV files into Tablesaw tables with errors that name file, line and
 * column; profile them; prepare them (impute, encode, scale, split) with every statistic fitted on
 * the training split only, as a {@link ai.lepton.data.Preparation} that re-applies identically at
 * predict time.
 */
package ai.lepton.data;
