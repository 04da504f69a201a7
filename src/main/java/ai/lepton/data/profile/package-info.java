/**
 * A table's {@link ai.lepton.data.profile.Profile}: one row per column (type, count, missing, distinct, a numeric summary
 * or the top categories, flags for constant and ID-like columns), the target's class balance, and a
 * {@link ai.lepton.data.profile.Histogram} of each numeric column.
 */
package ai.lepton.data.profile;
