/**
 * The runtime from the shell ({@code ./lepton predict|serve}): rows from CSV or JSON Lines in, predictions out.
 */
package ai.lepton.runtime.cli;
