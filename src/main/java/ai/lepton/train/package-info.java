/**
 * Training on DJL's PyTorch engine, as a user describes it: {@link ai.lepton.train.TrainOptions} says what to train
 * (model family, optimizer, schedule, early stopping, device, fine-tuning), each hyperparameter declared once;
 * {@link ai.lepton.train.TrainingData} is what it trains on (prepared tables, texts, images; a sweep's trials in other JVMs
 * read it from a {@link ai.lepton.train.TrainingDataFile}); a run ends as a {@link ai.lepton.train.TrainingResult} or a
 * {@link ai.lepton.train.TrainingException} that says what to do. The metrics a model is scored with
 * ({@link ai.lepton.train.Scores}) and the device setting ({@link ai.lepton.train.Devices}) are here too, as training,
 * evaluation and the device report share them. The work itself is in the subpackages: {@code listener} (what hears the
 * loop), {@code network} (the network a run trains), {@code loop} ({@link ai.lepton.train.loop.Training}, the loop, its
 * optimizer and checkpoints), {@code device} (what the engine sees), {@code pretrained} and {@code download} (pretrained
 * models and their downloads). This package uses none of them but {@code pretrained}.
 */
package ai.lepton.train;
