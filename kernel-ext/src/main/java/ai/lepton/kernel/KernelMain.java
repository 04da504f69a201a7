package ai.lepton.kernel;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

import java.nio.file.Path;
import java.time.Duration;

/** Entry point Jupyter runs: {@code java -cp ... ai.lepton.kernel.KernelMain CONNECTION_FILE}. */
public final class KernelMain {

    private KernelMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            fail(
                    "usage: KernelMain CONNECTION_FILE (Jupyter passes {connection_file}; install the kernelspec with ./lepton kernel install)");
        }
        KernelConnectionProperties properties;
        try {
            properties = ConnectionFile.read(Path.of(args[0]));
        } catch (IllegalArgumentException e) {
            fail(e.getMessage());
            return;
        }
        LeptonKernel kernel = new LeptonKernelBuilder(KernelEnvironment.fromSystem()).build();
        JupyterConnection connection = new JupyterConnection(properties);
        ChannelLatency.shorten(connection, Duration.ofMillis(2));
        kernel.onStartup();
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        connection.waitUntilClose();
        System.exit(0);
    }

    private static void fail(String message) {
        System.err.println("Lepton kernel: " + message);
        System.exit(2);
    }
}
