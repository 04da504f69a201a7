/**
 * The runtime from the shell ({@code ./lepton predict|serve}): rows from CSV or JSON Lines in (strictly
 * UTF-8), predictions out; {@code serve}'s limits as options.
 */
package ai.lepton.runtime.cli;
