/**
 * DuckDB under the data layer: the session's in-process database ({@link ai.lepton.data.duckdb.DuckDb}), columns moved
 * in bulk between its results and Tablesaw tables ({@link ai.lepton.data.duckdb.TableReader},
 * {@link ai.lepton.data.duckdb.TableWriter}), and its errors said in Lepton's words. Tablesaw stays the table users hold.
 */
package ai.lepton.data.duckdb;
