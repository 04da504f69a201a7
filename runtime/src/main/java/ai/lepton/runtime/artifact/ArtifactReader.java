package ai.lepton.runtime.artifact;

import ai.lepton.base.Settings;
import ai.lepton.base.Sha256;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads and verifies an artifact before anything in it is parsed, from its file and within its
 * {@link ArtifactLimits}: the zip's end record declares no more entries and no larger a directory than an artifact
 * has, before the JDK reads that directory; the zip is whole and its central directory within the limits
 * ({@link ArtifactDirectory}); when a verifying key is configured, the signature over the checksum list is valid before
 * any other entry is read; every entry is listed and nothing listed is missing; without a verified signature no entry
 * may claim to inflate further than real ones do; the temporary folder must have room for them all; then each entry is
 * inflated, never past the size its directory record declares, through SHA-256 into a private folder, and must match
 * the list. Each refusal names the check and the entry. Each read first sweeps what killed JVMs left unpacked.
 */
public final class ArtifactReader {

    /** What the reader's files and folders in {@code java.io.tmpdir} are named from. */
    private static final String PREFIX = "lepton-artifact-";

    private static final int END_RECORD_SIZE = 22;
    private static final int END_RECORD_SIGNATURE = 0x06054b50;
    /** Where the end record gives the count of all entries (2 bytes) and the size of the central directory (4 bytes). */
    private static final int END_RECORD_ENTRIES = 10;

    private static final int END_RECORD_DIRECTORY_SIZE = 12;
    /** The bytes read at once where entries are streamed. */
    private static final int BUFFER = 64 << 10;

    private ArtifactReader() {}

    /** Verifies the artifact file {@code file}; with a non-null {@code verifyKey} a valid signature is required. */
    public static Artifact read(Path file, String source, PublicKey verifyKey, ArtifactLimits limits) {
        TemporaryFolder.sweep(PREFIX);
        return readFile(file, source, verifyKey, limits);
    }

    /**
     * Verifies the artifact {@code in} holds (a classpath resource, a jar's entry, bytes in memory): it is copied to a
     * temporary file first, refused past {@link ArtifactLimits#maxFile()} bytes, as zip's directory sits at its end.
     */
    public static Artifact read(InputStream in, String source, PublicKey verifyKey, ArtifactLimits limits) {
        return readCopy(in, null, source, verifyKey, limits);
    }

    /**
     * Verifies the artifact file {@code file} as {@link #read(InputStream, String, PublicKey, ArtifactLimits)} does, when
     * its bytes have the SHA-256 {@code expected} (as a registry recorded it): it is read once, through SHA-256 into a
     * private copy, and that copy is what is compared, verified and unpacked, so a file replaced meanwhile cannot pass
     * the comparison with other bytes than those loaded.
     *
     * @throws ArtifactChangedException its bytes have another SHA-256
     */
    public static Artifact read(Path file, Sha256 expected, String source, PublicKey verifyKey, ArtifactLimits limits) {
        try (InputStream in = Files.newInputStream(file)) {
            return readCopy(in, expected, source, verifyKey, limits);
        } catch (IOException e) {
            throw new ArtifactException("Cannot read the artifact " + source + ": " + e.getMessage(), e);
        }
    }

    /** Copies {@code in} to a private file through SHA-256, compares it with {@code expected} unless null, then verifies it. */
    private static Artifact readCopy(
            InputStream in, Sha256 expected, String source, PublicKey verifyKey, ArtifactLimits limits) {
        TemporaryFolder.sweep(PREFIX);
        Path file = null;
        try {
            file = Files.createTempFile(TemporaryFolder.root(), PREFIX, ArtifactLayout.EXTENSION);
            MessageDigest digest = Sha256.newDigest();
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), digest)) {
                if (copy(in, out, limits.maxFile()) > limits.maxFile()) {
                    throw new ArtifactException(
                            "Size check failed for " + source + ": it is larger than " + limits.whyTotal() + ".");
                }
            }
            Sha256 actual = Sha256.of(digest);
            if (expected != null && !actual.equals(expected)) {
                throw new ArtifactChangedException(source, actual, expected);
            }
            return readFile(file, source, verifyKey, limits);
        } catch (IOException e) {
            throw new ArtifactException("Cannot read the artifact " + source + ": " + e.getMessage(), e);
        } finally {
            if (file != null) {
                file.toFile().delete();
            }
        }
    }

    private static Artifact readFile(Path file, String source, PublicKey verifyKey, ArtifactLimits limits) {
        checkEndRecord(file, source);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return read(zip, source, verifyKey, limits);
        } catch (IOException e) {
            throw new ArtifactException(
                    "Zip check failed for " + source + ": " + e.getMessage()
                            + ". The file is damaged or truncated; copy it again from the registry.",
                    e);
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
        List<ZipEntry> entries = expected.keySet().stream().map(directory::get).toList();
        if (verifyKey == null) {
            ArtifactDirectory.checkInflation(entries, source);
        }
        ArtifactDirectory.checkRoom(entries, TemporaryFolder.root(), source);
        Path folder = TemporaryFolder.create(PREFIX);
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

    /**
     * The end record sits last (promotion writes no archive comment): without it the file was cut short. It must
     * declare no more entries than an artifact may hold, and no larger a central directory than theirs, before the JDK
     * reads (and hashes every name of) that directory.
     */
    private static void checkEndRecord(Path file, String source) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            ByteBuffer record = ByteBuffer.allocate(END_RECORD_SIZE).order(ByteOrder.LITTLE_ENDIAN); // zip's order
            if (length >= END_RECORD_SIZE) {
                in.seek(length - END_RECORD_SIZE);
                in.readFully(record.array());
            }
            if (record.getInt(0) != END_RECORD_SIGNATURE) {
                throw new ArtifactException("Zip check failed for " + source + ": the file (" + length + " bytes) has"
                        + " no zip end record; it is truncated or not an artifact. Copy it again from the registry.");
            }
            int entries = Short.toUnsignedInt(record.getShort(END_RECORD_ENTRIES));
            if (entries > ArtifactLimits.MAX_ENTRIES) {
                throw new ArtifactException("Size check failed for " + source + ": its zip end record says it holds "
                        + entries + " entries, more than the " + ArtifactLimits.MAX_ENTRIES + " an artifact may hold"
                        + " (promotion writes about 10). The file was crafted or damaged; use the registry's copy.");
            }
            long directory = Integer.toUnsignedLong(record.getInt(END_RECORD_DIRECTORY_SIZE));
            if (directory > ArtifactLimits.MAX_DIRECTORY_BYTES) {
                throw new ArtifactException("Size check failed for " + source + ": its zip end record says its"
                        + " directory takes " + ArtifactLimits.size(directory) + ", more than the "
                        + ArtifactLimits.size(ArtifactLimits.MAX_DIRECTORY_BYTES) + " the directory of "
                        + ArtifactLimits.MAX_ENTRIES + " entries may take. The file was crafted or damaged; use the"
                        + " registry's copy.");
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
        byte[] buffer = new byte[BUFFER];
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
