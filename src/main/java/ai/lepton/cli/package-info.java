/**
 * Lepton from the shell: {@code ./lepton runs}, {@code promote} and {@code models}, each a {@code main} over the library.
 * Lepton from the shell: {@code ./lepton runs}, {@code promote} and {@code models}, each a {@code main} over the library.
 */
package ai.lepton.cli;
