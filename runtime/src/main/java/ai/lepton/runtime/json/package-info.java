/**
 * Bytes from outside read as text and JSON with bounds, one way everywhere: {@link ai.lepton.runtime.json.Utf8}
 * decodes UTF-8 strictly (a byte that is not UTF-8 is an error naming where it is, never a silent U+FFFD), and
 * {@link ai.lepton.runtime.json.UntrustedJson} reads JSON with a nesting limit, so that no request body, row file or
 * artifact entry, tokenizer or pretrained model's {@code config.json} can cost more stack, memory or time than its size
 * justifies.
 */
package ai.lepton.runtime.json;
