/**
 * How a served model's inputs compare with what it was judged on: {@link ai.lepton.runtime.monitor.InputProfile} (each
 * field's reference distribution, kept in the artifact and read from it with its types and bins checked) and {@link ai.lepton.runtime.monitor.InputHealth} (live counts of
 * missing, out-of-range and unseen values, and each field's drift as a population stability index).
 */
package ai.lepton.runtime.monitor;
