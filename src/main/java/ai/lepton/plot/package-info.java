/**
 * What Lepton shows. {@link ai.lepton.plot.Figure}s — learning curves of runs, sweep views, confusion matrices, ROC and
 * precision–recall curves, feature importance, dataset histograms — are XChart charts in one house style
 * ({@code HouseStyle}), drawn headless as PNG or SVG. The HTML views (tables, profiles, sweeps, registry entries,
 * artifacts) escape every user value and leave colours to the page, so they read in light and dark themes; a table's
 * text view ({@link ai.lepton.plot.TableText}) shows the cells its HTML view does. The notebook extension
 * ({@code lepton-magics}) shows Lepton's values with them.
 */
package ai.lepton.plot;
