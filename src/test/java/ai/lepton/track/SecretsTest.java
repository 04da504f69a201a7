package ai.lepton.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the store may record of a value: every credential form people put in variables gone, everything else kept. */
class SecretsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "postgres://alice:p@ssSup3rS3cret9@db/x",
                "postgres://alice:pa/ss#Sup3rS3cret9@db:5432/x",
                "jdbc:postgresql://db/x?user=a&password=Sup3rS3cret9",
                "https://h.example.org/x?pass=Sup3rS3cret9",
                "https://maps.example.com/x?key=Sup3rS3cret9",
                "https://maps.example.com/x?k=AIzaSyA1Sup3rS3cret9abcdefghijklmnopqrs",
                "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=Sup3rS3cret9==;EndpointSuffix=core.windows.net",
                "https://a.blob.core.windows.net/c/b?sv=2020&sig=Sup3rS3cret9",
                "https://bucket.example.org/m.bin?x-amz-signature=Sup3rS3cret9&X-Amz-Expires=60",
                "sk_live_Sup3rS3cret9Sup3rS3cret9",
                "npm_Sup3rS3cret9Sup3rS3cret9abcd",
                "hf_Sup3rS3cret9Sup3rS3cret9",
                "-----BEGIN PRIVATE KEY-----\nMIIEvSup3rS3cret9\n-----END PRIVATE KEY-----",
                "password: Sup3rS3cret9",
                "--password Sup3rS3cret9 --verbose",
                "--api-key=Sup3rS3cret9",
                "{\"user\": \"ana\", \"password\": \"Sup3rS3cret9\"}",
                "Authorization: Bearer Sup3rS3cret9Sup3rS3cret9",
                "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.Sup3rS3cret9abc"
            })
    void everyCommonFormOfACredentialIsRedacted(String value) {
        String recorded = Secrets.redactParts(value);
        assertFalse(recorded.contains("Sup3rS3cret9"), recorded);
        assertTrue(recorded.contains(Secrets.REDACTED), recorded);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "tokenizer=bert-base-uncased",
                "max_tokens=512",
                "author=Jane",
                "split the token boundaries",
                "Basic authentication is off",
                "https://example.org/docs?page=2#top",
                "-Xmx4g -Dfile.encoding=UTF-8",
                "jdbc:sqlite:/home/ana/.lepton/runs.db",
                "https://registry.npmjs.org/@babel/core",
                "host: db.example.org"
            })
    void valuesWithoutCredentialsAreKeptAsTheyAre(String value) {
        assertEquals(value, Secrets.redactParts(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"HF_TOKEN", "sslpassword", "AccountKey", "X-Amz-Signature", "DB_PASSWORD", "apiKey"})
    void namesWithACredentialWordAreSecret(String name) {
        assertTrue(Secrets.namesSecret(name), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TOKENIZERS_PARALLELISM", "max_tokens", "author", "KEYCLOAK_URL", "PATH"})
    void namesThatOnlyLookLikeOneAreNot(String name) {
        assertFalse(Secrets.namesSecret(name), name);
    }
}
