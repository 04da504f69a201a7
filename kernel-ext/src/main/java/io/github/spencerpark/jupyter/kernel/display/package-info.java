/**
 * IJava's display API ({@code Renderer}, {@code RenderContext}, {@code RenderFunction}) over the session's renderer,
 * for notebooks written for IJava.
 */
package io.github.spencerpark.jupyter.kernel.display;
