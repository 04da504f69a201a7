/**
 * Tracking: every training run as a record that outlives the kernel. A {@link ai.lepton.track.Run} is the live handle a
 * training loop logs into (parameters, metric series, artifacts, environment, and its {@link ai.lepton.track.Lineage}:
 * what it learnt from, as a typed value); a {@link ai.lepton.track.RunStore} keeps runs in SQLite (the default, a file
 * under {@code LEPTON_HOME}) or PostgreSQL (when {@code LEPTON_STORE} is a PostgreSQL JDBC URL) with one schema and one
 * code path, each write one transaction, safe for several processes writing at once. Each run has an owner: a team
 * shares one PostgreSQL store where everyone reads every run and only the owner changes one, which the schema's
 * row-level security enforces for every client.
 *
 * <p>What runs record is named once here: each {@link ai.lepton.track.Metric} (its name, its {@link
 * ai.lepton.track.Mode}: better higher or lower, and whether it is recorded per step, per epoch or per run), which
 * training, sweeps, the store's queries, plots and magics all read, and each {@link ai.lepton.track.Tag} Lepton writes.
 *
 * <p>Inside, the store is small parts over one {@code StoreConnection}: {@code RunStore} opens it and checks ownership,
 * {@code RunWriter} records, {@code RunQueries} reads runs back by column name and {@code RunFinder} resolves what a
 * person calls one, {@code
 * MetricQueries} reads metrics of the runs asked for only, {@code RungRecords} is where sweeps' trials meet at rungs, and
 * {@code Migrations} keeps the schema. A {@link ai.lepton.track.RunTable} shows runs with their latest metrics.
 */
package ai.lepton.track;
