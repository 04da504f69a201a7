package ai.lepton.base;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import java.util.Map;

class LeptonUserTest {

    @Test
    void theHubsUserNamesTheWorkerElseTheSystemUser() {
        assertEquals("alice", LeptonUser.name(Map.of("JUPYTERHUB_USER", "alice"), "jovyan"));
        assertEquals("jovyan", LeptonUser.name(Map.of(), "jovyan"));
        assertEquals("jovyan", LeptonUser.name(Map.of("JUPYTERHUB_USER", " "), "jovyan"));
    }
}
