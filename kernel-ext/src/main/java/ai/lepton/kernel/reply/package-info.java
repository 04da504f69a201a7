/**
 * Replies the kernel sends in place of jjava's, which leave out the {@code status} field the Jupyter messaging spec
 * requires of every reply (Jupyter's kernel test suite, run in the tests, checks each against the spec's schemas), and
 * the error of a failed cell ({@link ai.lepton.kernel.reply.CellError}), which jjava's execute_reply would give as the
 * kernel's own stack.
 */
package ai.lepton.kernel.reply;
