/**
 * Entry points the {@code ./lepton} launcher runs from the shell ({@code runs}, {@code store}, {@code promote}, {@code models}), thin
 * layers over the same library a notebook uses.
 */
package ai.lepton.cli;
