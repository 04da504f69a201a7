/** IJava's MIME types, for notebooks written for IJava. */
package io.github.spencerpark.jupyter.kernel.display.mime;
