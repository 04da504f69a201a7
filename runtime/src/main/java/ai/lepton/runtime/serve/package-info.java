/**
 * A JSON prediction endpoint on the JDK's HTTP server: {@code /predict}, {@code /health}, {@code /metadata}.
 */
package ai.lepton.runtime.serve;
