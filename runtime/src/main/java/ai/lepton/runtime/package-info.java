/**
 * The production runtime: {@link ai.lepton.runtime.LeptonModel} loads a promoted artifact (from a file, the
 * classpath or Maven coordinates), verifies it, and predicts raw rows; {@link ai.lepton.runtime.Architecture}
 * rebuilds Lepton's networks for training and production alike. Depends on DJL, the PyTorch engine and Gson only.
 */
package ai.lepton.runtime;
