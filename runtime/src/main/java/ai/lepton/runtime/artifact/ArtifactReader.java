package ai.lepton.runtime.artifact;

import ai.lepton.base.Settings;
import ai.lepton.base.Sha256;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads and verifies an artifact before anything in it is parsed, from its file and within its
 * {@link ArtifactLimits}: the zip is whole and its central directory within the limits ({@link ArtifactDirectory});
 * when a verifying key is configured, the signature over the checksum list is valid before any other entry is read;
 * every entry is listed and nothing listed is missing; then each entry is inflated, never past the size its directory
 * record declares, through SHA-256 into a private folder, and must match the list. Each refusal names the check and
 * the entry.
 */
public final class ArtifactReader {

    private static final int END_RECORD_SIZE = 22;
    private static final int END_RECORD_SIGNATURE = 0x06054b50;

    private ArtifactReader() {}

    /** Verifies the artifact file {@code file}; with a non-null {@code verifyKey} a valid signature is required. */
    public static Artifact read(Path file, String source, PublicKey verifyKey, ArtifactLimits limits) {
        requireEndRecord(file, source);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return read(zip, source, verifyKey, limits);
        } catch (IOException e) {
            throw new ArtifactException(
                    "Zip check failed for " + source + ": " + e.getMessage()
                            + ". The file is damaged or truncated; copy it again from the registry.",
                    e);
        }
    }

    /**
     * Verifies the artifact {@code in} holds (a classpath resource, a jar's entry, bytes in memory): it is copied to a
     * temporary file first, refused past {@link ArtifactLimits#maxFile()} bytes, as zip's directory sits at its end.
     */
    public static Artifact read(InputStream in, String source, PublicKey verifyKey, ArtifactLimits limits) {
        Path file = null;
        try {
            file = Files.createTempFile("lepton-artifact-", ArtifactLayout.EXTENSION);
            try (OutputStream out = Files.newOutputStream(file)) {
                if (copy(in, out, limits.maxFile()) > limits.maxFile()) {
                    throw new ArtifactException(
                            "Size check failed for " + source + ": it is larger than " + limits.whyTotal() + ".");
                }
            }
            return read(file, source, verifyKey, limits);
        } catch (IOException e) {
            throw new ArtifactException("Cannot read the artifact " + source + ": " + e.getMessage(), e);
        } finally {
            if (file != null) {
                file.toFile().delete();
            }
        }
    }

    private static Artifact read(ZipFile zip, String source, PublicKey verifyKey, ArtifactLimits limits)
            throws IOException {
        Map<String, ZipEntry> directory = ArtifactDirectory.check(zip, source, limits);
        ZipEntry listEntry = directory.get(ArtifactLayout.CHECKSUMS);
        if (listEntry == null) {
            throw new ArtifactException(
                    "Checksum check failed for " + source + ": it has no " + ArtifactLayout.CHECKSUMS
                            + ", so it is not a Lepton artifact (or the list was removed). Use the artifact as promoted.");
        }
        byte[] list = inMemory(zip, listEntry, source);
        ZipEntry signatureEntry = directory.get(ArtifactLayout.SIGNATURE);
        if (verifyKey != null) {
            verifySignature(
                    list, signatureEntry == null ? null : inMemory(zip, signatureEntry, source), source, verifyKey);
        }
        Map<String, String> expected = Checksums.parse(list, source);
        checkNames(expected.keySet(), directory.keySet(), source);
        Path folder = TemporaryFolder.create("lepton-artifact-");
        try {
            for (Map.Entry<String, String> listed : expected.entrySet()) {
                unpack(zip, directory.get(listed.getKey()), listed.getValue(), folder, source);
            }
        } catch (RuntimeException e) {
            TemporaryFolder.delete(folder);
            throw e;
        }
        return new Artifact(source, folder, expected.keySet(), signatureEntry != null, verifyKey != null);
    }

    /** The end record sits last (promotion writes no archive comment): without it the file was cut short. */
    private static void requireEndRecord(Path file, String source) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            int signature = 0;
            if (length >= END_RECORD_SIZE) {
                in.seek(length - END_RECORD_SIZE);
                signature = Integer.reverseBytes(in.readInt()); // zip is little-endian
            }
            if (signature != END_RECORD_SIGNATURE) {
                throw new ArtifactException("Zip check failed for " + source + ": the file (" + length + " bytes) has"
                        + " no zip end record; it is truncated or not an artifact. Copy it again from the registry.");
            }
        } catch (IOException e) {
            throw new ArtifactException("Cannot read the artifact " + source + ": " + e.getMessage(), e);
        }
    }

    private static void verifySignature(byte[] list, byte[] signature, String source, PublicKey verifyKey) {
        if (signature == null) {
            throw new ArtifactException("Signature check failed for " + source + ": a verifying key is configured ("
                    + Settings.VERIFY_KEY.variable() + ") but the artifact is not signed. Promote it with "
                    + Settings.SIGNING_KEY.variable() + " set.");
        }
        if (!Signing.verify(list, signature, verifyKey)) {
            throw new ArtifactException("Signature check failed for " + source + ": entry " + ArtifactLayout.SIGNATURE
                    + " does not match " + ArtifactLayout.CHECKSUMS + " under the configured key. The artifact was"
                    + " altered, or signed with another key.");
        }
    }

    /** Every entry but the list and signature is listed, everything listed is there, and the list names a model. */
    private static void checkNames(Set<String> listed, Set<String> present, String source) {
        TreeSet<String> missing = new TreeSet<>(listed);
        missing.removeAll(present);
        if (!missing.isEmpty()) {
            throw new ArtifactException("Checksum check failed for " + source + ": entry " + missing.getFirst()
                    + " is listed in " + ArtifactLayout.CHECKSUMS + " but missing from the artifact.");
        }
        for (String name : present) {
            if (!listed.contains(name)
                    && !name.equals(ArtifactLayout.CHECKSUMS)
                    && !name.equals(ArtifactLayout.SIGNATURE)) {
                throw new ArtifactException("Checksum check failed for " + source + ": entry " + name
                        + " is not listed in " + ArtifactLayout.CHECKSUMS + " (an extra entry was added).");
            }
        }
        for (String required : ArtifactLayout.REQUIRED) {
            if (!listed.contains(required)) {
                throw new ArtifactException(source + " is not a Lepton artifact: it has no " + required + ".");
            }
        }
        if (!listed.contains(ArtifactLayout.PARAMETERS) && !listed.contains(ArtifactLayout.WEIGHTS)) {
            throw new ArtifactException(source + " is not a Lepton artifact: it has no weights ("
                    + ArtifactLayout.PARAMETERS + " or " + ArtifactLayout.WEIGHTS + ").");
        }
    }

    /** A small entry (the checksum list, the signature), its size already held to its limit by the directory check. */
    private static byte[] inMemory(ZipFile zip, ZipEntry entry, String source) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        inflate(zip, entry, bytes, source);
        return bytes.toByteArray();
    }

    /** Writes {@code entry} to its name under {@code folder} through SHA-256, which must be {@code sha256}. */
    private static void unpack(ZipFile zip, ZipEntry entry, String sha256, Path folder, String source) {
        Path file = folder.resolve(entry.getName()); // the name was checked safe
        MessageDigest digest = Sha256.newDigest();
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), digest)) {
                inflate(zip, entry, out, source);
            }
        } catch (IOException e) { // reading the entry is told apart (EntryInput): this is the folder
            throw new ArtifactException(
                    "Cannot unpack entry " + entry.getName() + " of " + source + " into " + folder + ": "
                            + e.getMessage() + ". Check that the temporary folder (java.io.tmpdir) is writable and has"
                            + " room.",
                    e);
        }
        String got = Sha256.of(digest).hex();
        if (!got.equals(sha256)) {
            throw new ArtifactException("Checksum check failed for " + source + ": entry " + entry.getName()
                    + " has SHA-256 " + got + " but the artifact lists " + sha256
                    + ". The entry was changed after promotion; use the registry's copy.");
        }
    }

    /**
     * Inflates {@code entry} into {@code out}, counting the bytes as they come: one byte past the size its directory
     * record declares stops it, whatever the compressed data says.
     */
    private static void inflate(ZipFile zip, ZipEntry entry, OutputStream out, String source) throws IOException {
        long declared = entry.getSize();
        long count;
        try (InputStream in = new EntryInput(zip, entry, source)) {
            count = copy(in, out, declared);
        }
        if (count != declared) {
            throw new ArtifactException("Size check failed for " + source + ": entry " + entry.getName()
                    + (count > declared ? " inflates past" : " holds only " + count + " of")
                    + " the " + declared + " bytes its zip directory record declares. The file was crafted or"
                    + " damaged; copy it again from the registry.");
        }
    }

    /** Copies at most {@code limit} + 1 bytes, so that a stream longer than {@code limit} shows as such; returns the count. */
    private static long copy(InputStream in, OutputStream out, long limit) throws IOException {
        byte[] buffer = new byte[Checksums.BUFFER];
        long count = 0;
        while (count <= limit) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, limit + 1 - count));
            if (n < 0) {
                break;
            }
            out.write(buffer, 0, n);
            count += n;
        }
        return count;
    }

    /** An entry's inflated bytes; a damaged entry (bad header, bad compressed data, cut short) is refused naming it. */
    private static final class EntryInput extends FilterInputStream {
        private final String name;
        private final String source;

        EntryInput(ZipFile zip, ZipEntry entry, String source) {
            super(null);
            this.name = entry.getName();
            this.source = source;
            try {
                in = zip.getInputStream(entry);
            } catch (IOException e) {
                throw damaged(e);
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            try {
                return in.read(buffer, offset, length);
            } catch (IOException e) {
                throw damaged(e);
            }
        }

        private ArtifactException damaged(IOException e) {
            return new ArtifactException(
                    "Zip check failed for " + source + " at entry " + name + ": " + e.getMessage()
                            + ". The file is damaged or truncated; copy it again from the registry.",
                    e);
        }
    }
}
