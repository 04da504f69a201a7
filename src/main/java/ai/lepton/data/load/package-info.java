/**
 * Loading data and writing it back: {@link ai.lepton.data.load.DataLoader} reads CSV, TSV, JSON lines and Parquet into
 * Tablesaw tables (a well-formed UTF-8 CSV through DuckDB's reader; anything else through Lepton's own checks of the
 * text, so errors name the line), with the {@link ai.lepton.data.load.CsvOptions} a user sets and a column's
 * {@link ai.lepton.data.load.ColumnKind} where they override one; what does not fit is repaired and reported in the
 * {@link ai.lepton.data.load.LoadResult}'s notes. {@link ai.lepton.data.load.DataWriter} writes a table back, and
 * {@link ai.lepton.data.load.ImageSet} holds labelled images, read from a folder with one sub-folder per class, from
 * arrays or from a table of pixel columns.
 */
package ai.lepton.data.load;
