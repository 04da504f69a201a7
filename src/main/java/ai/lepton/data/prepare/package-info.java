/**
 * Preparing a table for a model: {@link ai.lepton.data.prepare.Preparer} imputes, encodes (numeric, categorical, date
 * and free-text features) and scales a table as {@link ai.lepton.data.prepare.PrepareOptions} say, with every statistic
 * fitted on the training split only, and splits it; the result is {@link ai.lepton.data.prepare.Prepared} data whose
 * fitted {@link ai.lepton.data.prepare.Preparation} re-applies identically at predict time. A run's
 * {@link ai.lepton.data.prepare.ModelInput} (a preparation, or the {@link ai.lepton.data.prepare.ImageInput} of an image
 * model) says how raw rows become what its network reads, and {@link ai.lepton.data.prepare.HeldOutRows} keeps the raw
 * test rows for judging the model later.
 */
package ai.lepton.data.prepare;
