/** JJava's notebook entry point ({@code JJava.getKernelInstance()}), for notebooks written for JJava. */
package org.dflib.jjava;
