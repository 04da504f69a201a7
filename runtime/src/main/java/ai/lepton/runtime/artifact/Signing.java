package ai.lepton.runtime.artifact;

import ai.lepton.base.Settings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519 signatures over an artifact's checksum list, with the JDK's own crypto. Keys are PEM (as
 * {@code openssl genpkey -algorithm ed25519} and {@code openssl pkey -pubout} write them) or their base64 body,
 * given inline or as a file path: {@code LEPTON_SIGNING_KEY} signs at promotion, {@code LEPTON_VERIFY_KEY}
 * makes every load require a valid signature.
 */
public final class Signing {

    private static final String ALGORITHM = "Ed25519";

    private Signing() {}

    static byte[] sign(byte[] data, PrivateKey key) {
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(key);
            signer.update(data);
            return Base64.getEncoder().encode(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new ArtifactException(
                    "Cannot sign with the key given (" + e.getMessage() + "). It must be an Ed25519 private key.", e);
        }
    }

    static boolean verify(byte[] data, byte[] signature, PublicKey key) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(data);
            return verifier.verify(Base64.getDecoder().decode(new String(signature, StandardCharsets.US_ASCII).trim()));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false; // a signature that is not even well-formed is a wrong signature
        }
    }

    /** The private key {@code LEPTON_SIGNING_KEY} gives, or null when it is not set. */
    public static PrivateKey signingKeyFromEnvironment() {
        return Settings.SIGNING_KEY
                .find()
                .map(value -> privateKey(value, Settings.SIGNING_KEY.variable()))
                .orElse(null);
    }

    /** The public key {@code LEPTON_VERIFY_KEY} gives, or null. */
    public static PublicKey verifyKeyFromEnvironment() {
        return Settings.VERIFY_KEY
                .find()
                .map(value -> publicKey(value, Settings.VERIFY_KEY.variable()))
                .orElse(null);
    }

    /** An Ed25519 private key from PEM or base64 PKCS#8 text, or a file holding it; {@code where} names the source in errors. */
    public static PrivateKey privateKey(String pemOrPath, String where) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der(pemOrPath, where)));
        } catch (GeneralSecurityException e) {
            throw new ArtifactException(
                    where + " is not an Ed25519 private key (" + e.getMessage() + "). Make one with:"
                            + " openssl genpkey -algorithm ed25519 -out signing.pem",
                    e);
        }
    }

    /** An Ed25519 public key from PEM or base64 X.509 text, or a file holding it. */
    public static PublicKey publicKey(String pemOrPath, String where) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der(pemOrPath, where)));
        } catch (GeneralSecurityException e) {
            throw new ArtifactException(
                    where + " is not an Ed25519 public key (" + e.getMessage() + "). Derive it from the signing"
                            + " key with: openssl pkey -in signing.pem -pubout -out verify.pem",
                    e);
        }
    }

    /** PEM-encodes a key, for writing key files. */
    public static String pem(Key key) {
        String type = key instanceof PrivateKey ? "PRIVATE KEY" : "PUBLIC KEY";
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded()) + "\n-----END " + type
                + "-----\n";
    }

    private static boolean isFile(String text) {
        try {
            return text.length() < 4096 && Files.isRegularFile(Path.of(text));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static byte[] der(String pemOrPath, String where) {
        String text = pemOrPath.strip();
        if (!text.startsWith("-----") && isFile(text)) {
            try {
                text = Files.readString(Path.of(text)).strip();
            } catch (IOException e) {
                throw new ArtifactException(
                        where + " names the key file " + text + ", which cannot be read (" + e.getMessage() + ").", e);
            }
        }
        String body = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new ArtifactException(
                    where + " is neither a PEM key, base64 key text, nor an existing key file (" + e.getMessage()
                            + ").",
                    e);
        }
    }
}
