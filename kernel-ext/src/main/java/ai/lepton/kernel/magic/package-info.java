/**
 * The kernel's magics: IJava's ({@code %maven}, {@code %mavenRepo}, {@code %jars}, {@code %classpath},
 * {@code %load}, {@code %%loadFromPOM}) and IPython-style {@code %time}, {@code %%html},
 * {@code %%markdown}, {@code %%svg}; plus how a cell is split into magics and Java, and how magic
 * arguments are read. Extensions register more magics into the same registry.
 */
package ai.lepton.kernel.magic;
