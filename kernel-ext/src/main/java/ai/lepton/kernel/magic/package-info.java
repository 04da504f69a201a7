/**
 * The kernel's magics: IJava's ({@code %maven}, {@code %mavenRepo}, {@code %jars}, {@code %classpath}, {@code %load},
 * {@code %%loadFromPOM}) and IPython-style {@code %time}, {@code %%html}, {@code %%markdown}, {@code %%svg}, each run
 * against the {@link ai.lepton.kernel.magic.MagicKernel} it was registered for; plus how a cell is split into magics and
 * Java, how magic arguments are read, and how an extension completes its magic's arguments and body
 * ({@link ai.lepton.kernel.magic.MagicCompleter}). Extensions register more magics into the same registry.
 */
package ai.lepton.kernel.magic;
