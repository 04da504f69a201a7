/**
 * The network a run trains, built through its model family: from scratch, on a pretrained Lepton model
 * ({@link ai.lepton.train.network.LeptonModelFolder}, a folder or archive of one), on a text encoder
 * ({@link ai.lepton.train.network.TextNetwork}) or on a TorchScript backbone
 * ({@link ai.lepton.train.network.TorchScriptNetwork}), with a new head. {@link ai.lepton.train.network.Network} holds
 * the model and what training needs of it: the {@link ai.lepton.train.network.Trainable} the trainer drives (for a
 * frozen text encoder, only the head over texts encoded once: {@link ai.lepton.train.network.FrozenEncoder}; before a
 * text encoder fine-tunes, the same head over the same vectors, fitted as a probe first), the
 * fine-tuning listener that sets which of a backbone's weights train before each epoch (stages, unfreezing, LoRA
 * adapters: {@link ai.lepton.train.network.FineTuning}), and how its weights go into a checkpoint and come back
 * ({@link ai.lepton.train.network.NetworkWeights}).
 */
package ai.lepton.train.network;
