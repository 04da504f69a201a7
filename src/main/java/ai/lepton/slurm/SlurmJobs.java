package ai.lepton.slurm;

import ai.lepton.base.AtomicFiles;
import ai.lepton.base.JvmOptions;
import ai.lepton.base.Settings;
import ai.lepton.train.TrainingData;
import ai.lepton.train.TrainingDataFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What every job Lepton puts on Slurm shares, on both sides: the shared store it must reach, the environment that
 * carries it there, the script that starts its JVM, and a clean end on SIGTERM.
 */
public final class SlurmJobs {

    /** How long a job's JVM waits, once told to stop, for its work to record how it ended. */
    private static final long STOP_WAIT_MILLIS = 20_000;

    private SlurmJobs() {}

    /** Refuses a store that cluster nodes cannot share; {@code what} is the work ("A sweep's trials"), {@code instead} the way out. */
    public static void requireSharedStore(String storeUrl, String what, String instead) {
        if (!storeUrl.startsWith("jdbc:postgresql:")) {
            throw new SlurmException(what + " on Slurm need the team's shared PostgreSQL store: cluster nodes do not"
                    + " share a SQLite file safely (this store is " + storeUrl + "). Set LEPTON_STORE to"
                    + " jdbc:postgresql://HOST:5432/DATABASE (environment/README.md), or " + instead + ".");
        }
    }

    /** The settings a job reads: through its environment, not its script, since the store's URL may hold a password. */
    public static Map<String, String> environment() {
        return Map.of(
                Settings.STORE.variable(),
                Settings.STORE.get(),
                Settings.HOME.variable(),
                Settings.HOME.get().toString());
    }

    /**
     * Writes what a job of run {@code runId} reads to {@code folder} (on the file system the nodes share): the training
     * data, and a script {@code scriptName} that runs {@code main RUN DATA} in this JVM's setup, readable by its owner
     * only. Returns the script.
     */
    public static Path writeJobFiles(
            Path folder, String scriptName, String comment, Class<?> main, String runId, TrainingData data) {
        try {
            Files.createDirectories(folder);
            Path dataFile = folder.resolve("data.bin");
            TrainingDataFile.write(data, dataFile);
            Path script = folder.resolve(scriptName);
            writeScript(script, comment, main, List.of(runId, dataFile.toString()));
            return script;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the job's data and script to " + folder, e);
        }
    }

    private static void writeScript(Path script, String comment, Class<?> main, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(JvmOptions.javaCommand());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(args);
        StringBuilder text = new StringBuilder("#!/bin/bash\n# " + comment + "\nexec");
        for (String word : command) {
            text.append(" '").append(word.replace("'", "'\\''")).append('\'');
        }
        AtomicFiles.write(script, text.append('\n').toString());
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    }

    /** In a job: ends the JVM (exit 2) saying why, unless the shared store's URL reached it. */
    public static void exitUnlessSharedStore(String what) {
        if (!Settings.STORE.get().startsWith("jdbc:postgresql:")) {
            System.err.println(what + " has no shared store: " + Settings.STORE.variable() + " did not reach its"
                    + " environment (an sbatch --export that leaves it out?), so it would record where nobody looks."
                    + " Submit it with the environment Lepton gives it.");
            System.exit(2);
        }
    }

    /** In a job: where it runs and which GPUs Slurm gave it (CUDA_VISIBLE_DEVICES, which {@code device: auto} uses). */
    public static String placement() {
        String gpus = System.getenv("CUDA_VISIBLE_DEVICES");
        return "on " + System.getenv("SLURMD_NODENAME")
                + (gpus == null ? ", no GPU given (CUDA_VISIBLE_DEVICES unset)" : ", CUDA_VISIBLE_DEVICES=" + gpus);
    }

    /**
     * In a job: runs {@code work} on this thread so that SIGTERM (scancel, a time limit) interrupts it and the JVM waits
     * for it to record how it ended; then exits with the code {@code work} returned.
     */
    public static void runStoppable(Callable<Integer> work) throws Exception {
        Thread worker = Thread.currentThread();
        AtomicBoolean ended = new AtomicBoolean();
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (ended.get()) {
                return;
            }
            stopping.set(true);
            worker.interrupt();
            try {
                worker.join(STOP_WAIT_MILLIS);
            } catch (InterruptedException ignored) {
                // the JVM ends anyway
            }
        }));
        int code = work.call();
        ended.set(true);
        if (!stopping.get()) { // during shutdown, exit would wait for the hook that waits for this thread
            System.exit(code);
        }
    }
}
