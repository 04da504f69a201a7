/**
 * The {@code %lepton} magics. {@link ai.lepton.magics.LeptonExtension} is the kernel extension: it registers
 * {@code %lepton} and {@code %%lepton} with their completion (of the magic's line, and of the hyperparameters in a
 * train or sweep cell) and forwards each call into the session JVM, where {@link ai.lepton.magics.LeptonCommands} runs
 * it against the library, so whatever a magic creates lives beside the user's own objects. Each subcommand's options,
 * help and completion come from one {@link ai.lepton.magics.Subcommand}, built from the library's option tables where
 * it has them. How the notebook shows Lepton's values is in {@link ai.lepton.magics.display}.
 */
package ai.lepton.magics;
