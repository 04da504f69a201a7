/**
 * Training on DJL's PyTorch engine. For now: which engine and devices are available, loaded
 * offline from the CPU natives on the classpath (or CUDA natives, when configured).
 */
package ai.lepton.train;
