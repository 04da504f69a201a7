/**
 * The production runtime: {@link ai.lepton.runtime.LeptonModel} loads a promoted artifact (from a file, the classpath
 * or Maven coordinates), verifies it, rebuilds its network through its model family
 * ({@link ai.lepton.runtime.model}), and predicts raw rows. Depends on Lepton's base, DJL, the PyTorch engine and Gson
 * only.
 */
package ai.lepton.runtime;
