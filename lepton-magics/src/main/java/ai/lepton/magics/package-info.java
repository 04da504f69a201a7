/**
 * The {@code %lepton} magics. {@link ai.lepton.magics.LeptonExtension} is the kernel extension: it
 * registers {@code %lepton} and {@code %%lepton} and forwards each call into the session JVM, where
 * {@link ai.lepton.magics.LeptonCommands} runs it against the library, so whatever a magic creates
 * lives beside the user's own objects.
 */
package ai.lepton.magics;
