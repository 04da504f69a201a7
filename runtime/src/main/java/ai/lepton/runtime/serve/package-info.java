/**
 * A JSON prediction endpoint on the JDK's HTTP server: {@code /predict} ({@link ai.lepton.runtime.serve.PredictEndpoint}),
 * {@code /health}, {@code /metadata}, {@code /metrics} ({@link ai.lepton.runtime.serve.ServingMetrics}). Every request
 * is answered, and what one may cost is bounded before it is paid: body bytes ({@link
 * ai.lepton.runtime.serve.BoundedBody}) and rows, requests read and predicted at once ({@link
 * ai.lepton.runtime.serve.Admission}), and the JDK server's own request and response timeouts and connection cap
 * ({@link ai.lepton.runtime.serve.JdkServerLimits}). Requests run on virtual threads, predictions on platform threads
 * ({@link ai.lepton.runtime.serve.PredictionThreads}), so that a prediction never holds the threads that answer.
 */
package ai.lepton.runtime.serve;
