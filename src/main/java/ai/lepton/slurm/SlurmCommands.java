package ai.lepton.slurm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Slurm's client commands (sbatch, squeue, scancel, scontrol), with their failures said in Lepton's words.
 *
 * <p>An interrupt (the notebook's stop) never cuts a command that changes the cluster short: an sbatch or scancel
 * destroyed halfway may have acted without Lepton learning the job, leaving work nobody follows or cancels. It runs to
 * its end and the interrupt stays set for the caller. The question a follower asks each second ({@link #unfinished})
 * instead ends at once with {@link InterruptedException}, wherever in the follower's loop the interrupt lands.
 */
public final class SlurmCommands {

    /** A controller that does not answer makes the clients retry for a while: they get this long. */
    private static final long TIMEOUT_SECONDS = 60;

    private SlurmCommands() {}

    /** Runs {@code command} and returns its standard output; refuses with what went wrong and how to fix it. */
    public static String run(List<String> command) {
        return run(command, Map.of());
    }

    /**
     * The same, with {@code environment} added to this process's for the command (and what it starts). An interrupt
     * meanwhile lets the command finish and stays set.
     */
    public static String run(List<String> command, Map<String, String> environment) {
        Started started = Started.start(command, environment);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return started.await();
                } catch (InterruptedException e) {
                    interrupted = true; // noted for the caller once the command has ended
                }
            }
        } finally {
            started.close();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Runs {@code command}, which only asks Slurm something, and returns its standard output; refuses as {@link #run}
     * does.
     *
     * @throws InterruptedException the thread was interrupted before or while the command ran (it is ended)
     */
    static String ask(List<String> command) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException(command.getFirst() + " not run: the thread was interrupted");
        }
        try (Started started = Started.start(command, Map.of())) {
            return started.await();
        }
    }

    /** A started command, its output going to a file of its own so that waiting for it needs no reading thread. */
    private record Started(List<String> command, Process process, Path output, long deadline) implements AutoCloseable {

        static Started start(List<String> command, Map<String, String> environment) {
            Path output;
            try {
                output = Files.createTempFile("lepton-" + command.getFirst() + "-", ".out");
            } catch (IOException e) {
                throw new SlurmException(
                        String.join(" ", command) + " could not be run: no temporary file for its output ("
                                + e.getMessage() + "). Check that java.io.tmpdir is writable.",
                        e);
            }
            try {
                ProcessBuilder builder =
                        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
                builder.environment().putAll(environment);
                Process process = builder.start();
                return new Started(
                        command, process, output, System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS));
            } catch (IOException e) {
                delete(output);
                throw new SlurmException(command.getFirst() + " is not on this machine's PATH: the Slurm executor"
                        + " submits trials with Slurm's client commands. Install them (apt-get install slurm-client)"
                        + " and point SLURM_CONF at the cluster's slurm.conf (environment/README.md), or run the sweep"
                        + " with --executor local.");
            }
        }

        /** Waits for the command to end and returns its output, or refuses saying why it failed. */
        String await() throws InterruptedException {
            if (!process.waitFor(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                throw unreachable(command, "no answer within " + TIMEOUT_SECONDS + " s");
            }
            String text;
            try {
                text = new String(Files.readAllBytes(output)).strip();
            } catch (IOException e) {
                throw new SlurmException(String.join(" ", command) + " could not be read: " + e.getMessage(), e);
            }
            if (process.exitValue() != 0) {
                throw text.contains("Unable to contact slurm controller")
                        ? unreachable(command, text)
                        : new SlurmException(
                                String.join(" ", command) + " failed (exit " + process.exitValue() + "): " + text);
            }
            return text;
        }

        /** Ends the command if it still runs (it timed out, or a question was interrupted) and removes its output. */
        @Override
        public void close() {
            process.destroyForcibly();
            delete(output);
        }

        private static void delete(Path file) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a leftover temporary file is harmless
            }
        }
    }

    private static SlurmException unreachable(List<String> command, String why) {
        String conf = System.getenv("SLURM_CONF");
        return new SlurmException("The Slurm controller does not answer " + command.getFirst() + " (" + why + "). Check"
                + " that slurmctld runs and that " + (conf == null ? "the default slurm.conf" : "SLURM_CONF=" + conf)
                + " names it (sinfo should list the partitions).");
    }

    /**
     * Submits {@code script} as an array of the tasks {@code indices}, at most {@code parallel} at once, and returns its
     * job id. The tasks get this process's environment with {@code environment} added (sbatch's default, --export=ALL).
     */
    public static String submitArray(
            String script,
            List<Integer> indices,
            int parallel,
            String name,
            String logPattern,
            String extra,
            Map<String, String> environment) {
        String array = String.join(",", indices.stream().map(String::valueOf).toList()) + "%" + parallel;
        return submit(
                script,
                List.of("--job-name=" + name, "--output=" + logPattern, "--array=" + array),
                extra,
                environment);
    }

    /** Submits {@code script} as one batch job; the same as {@link #submitArray} otherwise. */
    public static String submitJob(
            String script, String name, String log, String extra, Map<String, String> environment) {
        return submit(script, List.of("--job-name=" + name, "--output=" + log), extra, environment);
    }

    private static String submit(String script, List<String> options, String extra, Map<String, String> environment) {
        List<String> command = new ArrayList<>(List.of("sbatch", "--parsable"));
        command.addAll(options);
        for (String option : extra.strip().split("\\s+")) {
            if (!option.isEmpty()) {
                command.add(option);
            }
        }
        command.add(script);
        String out = run(command, environment);
        return out.lines()
                .reduce((first, last) -> last)
                .orElse(out)
                .split(";")[0]
                .strip(); // "JOBID[;CLUSTER]"
    }

    /**
     * The job's tasks (or the job itself) that have not ended: pending, running or finishing.
     *
     * @throws InterruptedException the thread was interrupted before or while squeue ran
     */
    public static List<String> unfinished(String jobId) throws InterruptedException {
        String out = ask(List.of(
                "squeue",
                "-h",
                "-r",
                "-j",
                jobId,
                "-t",
                "PENDING,RUNNING,CONFIGURING,COMPLETING,SUSPENDED",
                "-o",
                "%i"));
        return out.isBlank() ? List.of() : out.lines().map(String::strip).toList();
    }

    public static void cancel(String jobId) {
        run(List.of("scancel", jobId));
    }

    /**
     * An ended job's (or array task's, {@code JOB_TASK}) state and exit code as the controller remembers them
     * ({@code MinJobAge}), or "unknown".
     */
    public static String ending(String job) {
        try {
            String out = run(List.of("scontrol", "show", "job", job));
            String state = field(out, "JobState");
            String exit = field(out, "ExitCode");
            return state + ", exit code " + exit;
        } catch (SlurmException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static String field(String record, String name) {
        for (String word : record.split("\\s+")) {
            if (word.startsWith(name + "=")) {
                return word.substring(name.length() + 1);
            }
        }
        return "?";
    }
}
