package ai.lepton.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.base.Setting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

class RunEnvironmentTest {

    @TempDir
    Path dir;

    @Test
    void secretsInTheEnvironmentAreRedacted() {
        Map<String, String> variables = Map.of(
                "HF_TOKEN",
                "hf_abc",
                "AWS_SECRET_ACCESS_KEY",
                "s3cr3t",
                "DB_PASSWORD",
                "pw",
                "GITHUB_PAT_AUTH",
                "ghp_x",
                "DATABASE_URL",
                "postgresql://me:pw@db/x",
                "PATH",
                "/usr/bin",
                "LANG",
                "C.UTF-8");
        @SuppressWarnings("unchecked")
        Map<String, String> recorded =
                (Map<String, String>) RunEnvironment.capture(Setting.Source.of(variables), dir, List.of())
                        .get("environment_variables");
        for (String secret : List.of("HF_TOKEN", "AWS_SECRET_ACCESS_KEY", "DB_PASSWORD", "GITHUB_PAT_AUTH")) {
            assertEquals(Secrets.REDACTED, recorded.get(secret), secret);
        }
        assertEquals("postgresql://me:[redacted]@db/x", recorded.get("DATABASE_URL"), "the password, not the host");
        assertEquals("/usr/bin", recorded.get("PATH"));
        assertFalse(
                recorded.toString().contains("s3cr3t") || recorded.toString().contains("hf_abc"));
    }

    @Test
    void credentialsInsideValuesAreRedactedWhateverTheVariableIsCalled() {
        Map<String, String> variables = Map.of(
                "LEPTON_STORE", "jdbc:postgresql://db:5432/lepton?user=alice&password=Sup3rS3cret",
                "ANALYTICS_JDBC", "jdbc:postgresql://alice:Sup3rS3cret@db:5432/x",
                "PIP_INDEX_URL", "https://ci:Sup3rS3cret@pypi.example.org/simple",
                "SPARK_CONF", "spark.db.url=x;spark.db.sslpassword=Sup3rS3cret;spark.db.user=alice",
                "EXTRA_HEADER", "Authorization: Bearer Sup3rS3cretSup3rS3cret",
                "HUB", "hf_Sup3rS3cretSup3rS3cretSup3r",
                "DOWNLOAD", "https://bucket.example.org/m.bin?X-Amz-Signature=Sup3rS3cret&X-Amz-Expires=60",
                "JAVA_TOOL_OPTIONS", "-Xmx4g -Dfile.encoding=UTF-8",
                "DOCS", "https://example.org/docs?page=2#top");
        @SuppressWarnings("unchecked")
        Map<String, String> recorded =
                (Map<String, String>) RunEnvironment.capture(Setting.Source.of(variables), dir, List.of())
                        .get("environment_variables");
        assertFalse(recorded.toString().contains("Sup3rS3cret"), recorded.toString());
        assertEquals("jdbc:postgresql://db:5432/lepton?[redacted]", recorded.get("LEPTON_STORE"));
        assertEquals("jdbc:postgresql://alice:[redacted]@db:5432/x", recorded.get("ANALYTICS_JDBC"));
        assertEquals("spark.db.url=x;spark.db.sslpassword=[redacted];spark.db.user=alice", recorded.get("SPARK_CONF"));
        assertEquals("-Xmx4g -Dfile.encoding=UTF-8", recorded.get("JAVA_TOOL_OPTIONS"));
        assertEquals("https://example.org/docs?page=2#top", recorded.get("DOCS"));
    }

    @Test
    void notebookCellsAreRecordedWithoutTheCredentialsTheyQuote() {
        List<String> cells = List.of(
                "var hub = \"hf_Sup3rS3cretSup3rS3cret9\";",
                "%lepton data load https://ana:Sup3rS3cret9@h.example.org/d.csv");
        Map<String, Object> facts = RunEnvironment.capture(Setting.Source.of(Map.of()), dir, cells);
        assertFalse(facts.get("notebook_cells").toString().contains("Sup3rS3cret"), facts.toString());
        assertEquals(
                "%lepton data load https://ana:[redacted]@h.example.org/d.csv",
                ((List<?>) facts.get("notebook_cells")).get(1));
    }

    @Test
    void anEnvironmentAnOlderLeptonRecordedLosesItsSecretsAndNothingElse() {
        String old = "{\"jdk\":\"25\",\"environment_variables\":{\"LANG\":\"C.UTF-8\","
                + "\"LEPTON_STORE\":\"jdbc:postgresql://db/lepton?user=alice&password=pw\"}}";
        String scrubbed = RunEnvironment.withSecretsRedacted(old);
        assertEquals(
                "{\"jdk\":\"25\",\"environment_variables\":{\"LANG\":\"C.UTF-8\","
                        + "\"LEPTON_STORE\":\"jdbc:postgresql://db/lepton?[redacted]\"}}",
                scrubbed);
        assertEquals(scrubbed, RunEnvironment.withSecretsRedacted(scrubbed), "scrubbing twice changes nothing more");
        assertEquals("not json", RunEnvironment.withSecretsRedacted("not json"));
    }

    @Test
    void gitCommitDirtyFlagAndNotebookCellsAreRecorded() throws Exception {
        git("init", "-q");
        Files.writeString(dir.resolve("a.txt"), "a");
        git("add", "a.txt");
        git("-c", "user.name=t", "-c", "user.email=t@x", "commit", "-q", "-m", "first");
        Map<String, Object> clean = RunEnvironment.capture(
                Setting.Source.of(Map.of("LEPTON_NOTEBOOK", "/n/01.ipynb")), dir, List.of("int a = 1;", "a + 1"));
        assertEquals(40, ((String) clean.get("git_commit")).length());
        assertEquals(false, clean.get("git_dirty"));
        assertEquals("/n/01.ipynb", clean.get("notebook"));
        assertEquals(List.of("int a = 1;", "a + 1"), clean.get("notebook_cells"));
        Files.writeString(dir.resolve("a.txt"), "changed");
        assertEquals(
                true,
                RunEnvironment.capture(Setting.Source.of(Map.of()), dir, List.of())
                        .get("git_dirty"));
        assertTrue(RunEnvironment.capture(Setting.Source.of(Map.of()), dir.getParent(), List.of())
                .get("jdk")
                .toString()
                .startsWith("25"));
    }

    @Test
    void notebookCellsComeFromThisKernelSessionsHistory() throws IOException {
        Path history = Files.writeString(dir.resolve("kernel-history.jsonl"), """
                {"session": 1, "cell": 1, "input": "old"}
                {"session": 2, "cell": 1, "input": "var x = 1;"}
                {"session": 2, "cell": 2, "input": "%%lepton train"}
                {"session": 2, "cell": 3, "inp""");
        assertEquals(List.of("var x = 1;", "%%lepton train"), NotebookSource.cells(history, 2));
    }

    private void git(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(arguments));
        assertEquals(0, new ProcessBuilder(command).inheritIO().start().waitFor());
    }
}
