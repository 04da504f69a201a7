/**
 * The bridge into DJL batches: {@link ai.lepton.data.batch.BatchDataset} over a {@link ai.lepton.data.FeatureMatrix} and
 * {@link ai.lepton.data.batch.TextBatches} over texts, each built with the same {@link ai.lepton.data.batch.BatchOptions}
 * (batch size, seeded shuffle), and both {@link ai.lepton.data.batch.EpochBatches}: one pass of batches per epoch.
 */
package ai.lepton.data.batch;
