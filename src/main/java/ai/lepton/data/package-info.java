/**
 * Getting data right, and what its steps share: a {@link ai.lepton.data.DataException} that names file, line and
 * column, the {@link ai.lepton.data.Task}, the {@link ai.lepton.data.FeatureMatrix} of encoded rows (with its
 * {@link ai.lepton.data.TextColumn}s), a table's {@link ai.lepton.data.Fingerprint}, and the quantiles fitting and
 * profiling both compute. The steps are the subpackages: {@code load} (CSV, JSON lines, Parquet, image folders; writing
 * tables), {@code profile}, {@code prepare} (impute, encode, scale, split, fitted on the training split only, as a
 * {@link ai.lepton.data.prepare.Preparation} that re-applies identically at predict time), {@code batch} (the bridge
 * into DJL batches) and {@code duckdb} (SQL over tables).
 */
package ai.lepton.data;
