/**
 * Bytes from outside read as text and JSON with bounds, one way everywhere: {@link ai.lepton.runtime.json.Utf8}
 * decodes UTF-8 strictly (a byte that is not UTF-8 is an error naming where it is, never a silent U+FFFD), and
 * {@link ai.lepton.runtime.json.UntrustedJson} reads JSON with a nesting limit, so that no request body, row file,
 * artifact entry (the manifest, schema, architecture and input profile through the artifact's typed reader, the
 * tokenizer), pretrained model's {@code config.json} or checkpoint's {@code architecture.json} can cost more stack,
 * memory or time than its size justifies. (A safetensors header, JSON inside a binary file, is read token by token by
 * its own stricter reader, which allows no nesting beyond the format's.)
 */
package ai.lepton.runtime.json;
