/**
 * Entry points the {@code ./lepton} launcher runs from the shell ({@code ./lepton runs}), thin layers over
 * the same library a notebook uses.
 */
package ai.lepton.cli;
