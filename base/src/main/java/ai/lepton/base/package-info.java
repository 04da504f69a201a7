/**
 * What every Lepton module may use and nothing else needs to explain: {@link ai.lepton.base.LeptonException} (a
 * mistake in the user's input, with a message that says how to fix it), {@link ai.lepton.base.Settings} (every
 * {@code LEPTON_*} setting, declared once and read one way), {@link ai.lepton.base.Suggestions} ("did you mean"),
 * {@link ai.lepton.base.Notices} (the one channel through which code tells the user something while it works: a
 * {@link ai.lepton.base.Notice} of information or a warning, shown by a replaceable sink), {@link
 * ai.lepton.base.AtomicFiles}, {@link ai.lepton.base.Sha256} (the one digest of bytes and files), {@link
 * ai.lepton.base.ByteSize} (the one way a count of bytes is shown), {@link ai.lepton.base.JvmOptions} (the options of
 * every JVM Lepton starts), {@link ai.lepton.base.LeftFiles} (what a temporary folder keeps only while work runs, and
 * what killed JVMs left there), {@link ai.lepton.base.LeptonUser}, {@link ai.lepton.base.LeptonVersion} and {@link
 * ai.lepton.base.CommandExit} (how a shell command ends when what it was given is wrong). It depends on the JDK alone.
 */
package ai.lepton.base;
