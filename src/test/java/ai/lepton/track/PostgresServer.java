package ai.lepton.track;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server from Debian's {@code postgresql} package, in a temporary directory on a free
 * loopback port, for the store tests. PostgreSQL refuses to run as root, so as root it runs as {@code nobody}.
 */
final class PostgresServer implements AutoCloseable {

    private final Path directory;
    private final Path bin;
    private final int port;

    private PostgresServer(Path directory, Path bin, int port) {
        this.directory = directory;
        this.bin = bin;
        this.port = port;
    }

    /** Why no server can start here (no Debian postgresql package), or null when one can. */
    static String unavailable() {
        try {
            binaries();
            return null;
        } catch (IOException e) {
            return "PostgreSQL tests skipped: " + e.getMessage();
        }
    }

    static PostgresServer start() throws IOException, InterruptedException {
        Path bin = binaries();
        Path directory = Files.createTempDirectory(Path.of("/tmp"), "lepton-pg-");
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            run(List.of("chown", "nobody", directory.toString()), directory, false);
        }
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        PostgresServer server = new PostgresServer(directory, bin, port);
        run(
                List.of(
                        bin.resolve("initdb").toString(),
                        "-D",
                        directory.resolve("data").toString(),
                        "-U",
                        "lepton",
                        "--auth=trust",
                        "-E",
                        "UTF8"),
                directory,
                root);
        run(
                List.of(
                        bin.resolve("pg_ctl").toString(),
                        "-D",
                        directory.resolve("data").toString(),
                        "-w",
                        "-l",
                        directory.resolve("server.log").toString(),
                        "-o",
                        "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1",
                        "start"),
                directory,
                root);
        return server;
    }

    String url() {
        return url("postgres", "lepton");
    }

    /** A database on this server as a role (every role logs in without a password here). */
    String url(String database, String user) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + user;
    }

    private static Path binaries() throws IOException {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                    .max(Comparator.naturalOrder())
                    .orElseThrow(() -> new IOException(
                            "no PostgreSQL server binaries: apt-get install postgresql (./lepton test does)"));
        } catch (NoSuchFileException e) {
            throw new IOException("no PostgreSQL server binaries: apt-get install postgresql (./lepton test does)", e);
        }
    }

    private static void run(List<String> command, Path directory, boolean asNobody)
            throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asNobody) {
            full.addAll(List.of("runuser", "-u", "nobody", "--"));
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", full) + " failed:\n" + output);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        boolean root = "root".equals(System.getProperty("user.name"));
        run(
                List.of(
                        bin.resolve("pg_ctl").toString(),
                        "-D",
                        directory.resolve("data").toString(),
                        "-m",
                        "fast",
                        "-w",
                        "stop"),
                directory,
                root);
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }
}
