/** Jupyter's input history for the Lepton kernel, kept in a file under LEPTON_HOME across sessions. */
package ai.lepton.kernel.history;
