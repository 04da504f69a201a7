package ai.lepton.runtime.serve;

import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * The platform threads predictions run on, as many as requests are predicted at once. A prediction is seconds of CPU
 * and native calls into the engine: on the request's virtual thread it would hold (pin) that thread's carrier, and
 * enough of them would hold every carrier, leaving {@code /health} and the quick 503 waiting behind them. Here the
 * operating system shares the CPUs among them, and the request threads stay free to answer.
 */
final class PredictionThreads implements AutoCloseable {

    private final ExecutorService threads;

    PredictionThreads(int count) {
        this.threads = Executors.newFixedThreadPool(
                count,
                Thread.ofPlatform().name("lepton-predict-", 0).daemon(true).factory());
    }

    /**
     * What {@code prediction} gives, computed on one of these threads while the caller waits; what it throws is
     * thrown here.
     *
     * @throws InterruptedIOException the caller was interrupted (the server is stopping): the prediction is cancelled
     */
    <T> T run(Supplier<T> prediction) throws InterruptedIOException {
        Future<T> result = threads.submit(prediction::get);
        try {
            return result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            if (e.getCause() instanceof RuntimeException thrown) {
                throw thrown;
            }
            throw new IllegalStateException(e.getCause()); // a Supplier throws nothing else
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the server is stopping");
        }
    }

    /** Lets the predictions running finish, then ends the threads. */
    @Override
    public void close() {
        threads.close();
    }
}
