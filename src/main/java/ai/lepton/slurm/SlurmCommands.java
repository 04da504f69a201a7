package ai.lepton.slurm;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Slurm's client commands (sbatch, squeue, scancel, scontrol), with their failures said in Lepton's words. */
public final class SlurmCommands {

    /** A controller that does not answer makes the clients retry for a while: they get this long. */
    private static final long TIMEOUT_SECONDS = 60;

    private SlurmCommands() {}

    /** Runs {@code command} and returns its standard output; refuses with what went wrong and how to fix it. */
    public static String run(List<String> command) {
        return run(command, Map.of());
    }

    /** The same, with {@code environment} added to this process's for the command (and what it starts). */
    public static String run(List<String> command, Map<String, String> environment) {
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new SlurmException(command.getFirst() + " is not on this machine's PATH: the Slurm executor submits"
                    + " trials with Slurm's client commands. Install them (apt-get install slurm-client) and point"
                    + " SLURM_CONF at the cluster's slurm.conf (environment/README.md), or run the sweep with"
                    + " --executor local.");
        }
        try {
            String output = new String(process.getInputStream().readAllBytes()).strip();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw unreachable(command, "no answer within " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw output.contains("Unable to contact slurm controller")
                        ? unreachable(command, output)
                        : new SlurmException(
                                String.join(" ", command) + " failed (exit " + process.exitValue() + "): " + output);
            }
            return output;
        } catch (IOException e) {
            throw new SlurmException(String.join(" ", command) + " could not be read: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new SlurmException(command.getFirst() + " was interrupted", e);
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

    /** The job's tasks (or the job itself) that have not ended: pending, running or finishing. */
    public static List<String> unfinished(String jobId) {
        String out = run(List.of(
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
