/**
 * Text as a model reads it: {@link ai.lepton.runtime.text.TextTokenizer} turns texts into word-piece ids with the model's
 * own {@code tokenizer.json}, offline, the same way in training and in production.
 */
package ai.lepton.runtime.text;
