/**
 * DuckDB under the data layer: the session's in-process database ({@link ai.lepton.data.duckdb.DuckDb}), each query on
 * a connection of its own that the kernel's stop closes ({@link ai.lepton.data.duckdb.QueryConnection}), columns moved
 * in bulk both ways between DuckDB and Tablesaw tables (a result read into a table by {@link
 * ai.lepton.data.duckdb.TableReader}, a table scanned in place through {@code lepton_table('KEY')} by {@link
 * ai.lepton.data.duckdb.TableScan}), and its errors said in Lepton's words ({@link
 * ai.lepton.data.duckdb.DuckDbException}). Tablesaw stays the table users hold.
 */
package ai.lepton.data.duckdb;
