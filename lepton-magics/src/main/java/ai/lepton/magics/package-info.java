/**
 * The {@code %lepton} magics. {@link ai.lepton.magics.LeptonExtension} is the kernel extension: it registers
 * {@code %lepton} and {@code %%lepton} with their completion (of the magic's line, and of the hyperparameters in a
 * train or sweep cell) and forwards each call into the session JVM, where {@link ai.lepton.magics.LeptonCommands} runs
 * it against the library, so whatever a magic creates lives beside the user's own objects. Each subcommand's options,
 * help and completion come from one {@link ai.lepton.magics.Subcommand}, built from the library's option tables where
 * it has them. How the notebook shows Lepton's values is in {@link ai.lepton.magics.display}. What a magic or the library tells
 * besides a value (a dataset kept, a job submitted, a run interrupted, rows repaired) is an {@link ai.lepton.base.Notices
 * notice}: in a notebook a line of the running cell's output, information on its standard output and warnings on its
 * standard error, as Jupyter shows a Python library's messages and warnings, beside the user's own printed lines.
 */
package ai.lepton.magics;
