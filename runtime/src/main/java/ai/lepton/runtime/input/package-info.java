/**
 * What a model takes: the input schema with each field's fitted encoding (numbers, categories, dates, texts, images: decoded and resized by {@link ai.lepton.runtime.input.ImagePixels} as training read them), which turns raw
 * rows into features exactly as the training preparation did, and refuses bad rows naming row and field; rows written
 * as JSON ({@link ai.lepton.runtime.input.JsonRows}) as {@code /predict} and JSON Lines files hold them, read as they
 * arrive, keeping only what the model's fields can take (an object or array they cannot is skipped unread, an {@link
 * ai.lepton.runtime.input.UnreadValue} the field refuses), and refused past a row limit ({@link
 * ai.lepton.runtime.input.TooManyRowsException}).
 */
package ai.lepton.runtime.input;
