/**
 * Promotion: a finished run's model packaged as an artifact (model, preparation, schema, manifest, model card,
 * checksums), proven in a fresh runtime to reproduce the run's model on its held-out rows, then registered in a folder
 * registry with versions and aliases, and optionally published to a Maven repository. Any run whose lineage names a
 * preparation and held-out rows can be promoted, however it was trained. A team's shared registry protects some
 * aliases (production): they are kept where only the promoters' group may write. The run's model is judged on its
 * held-out rows through {@link ai.lepton.evaluate.RunModel}, which knows nothing of promotion.
 */
package ai.lepton.promote;
