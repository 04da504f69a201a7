/**
 * The Java side of Lepton's benchmarks: each command measures one thing and prints JSON, which
 * {@code bench/run_bench.py} sets beside its peers (pandas, DJL's own paths) and records.
 */
package ai.lepton.bench;
