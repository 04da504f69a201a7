/** IJava's notebook entry point ({@code IJava.getKernelInstance()}), for notebooks written for IJava. */
package io.github.spencerpark.ijava;
