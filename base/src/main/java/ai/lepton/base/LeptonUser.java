package ai.lepton.base;

import java.util.Map;

/**
 * Who is working, as runs and the registry record it: the JupyterHub user when the kernel runs in a hub's
 * single-user server ({@code JUPYTERHUB_USER}; on Kubernetes every server runs as the same system user), else the
 * system user.
 */
public final class LeptonUser {

    private LeptonUser() {}

    public static String name() {
        return name(System.getenv(), System.getProperty("user.name", "unknown"));
    }

    static String name(Map<String, String> env, String systemUser) {
        String hubUser = env.get("JUPYTERHUB_USER");
        return hubUser == null || hubUser.isBlank() ? systemUser : hubUser;
    }
}
