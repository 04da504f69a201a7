/**
 * Replies the kernel sends in place of jjava's, which leave out the {@code status} field the Jupyter messaging spec
 * requires of every reply (Jupyter's kernel test suite, run in the tests, checks each against the spec's schemas).
 */
package ai.lepton.kernel.reply;
