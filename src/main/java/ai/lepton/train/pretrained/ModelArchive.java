package ai.lepton.train.pretrained;

import ai.lepton.base.ByteSize;
import ai.lepton.base.Settings;
import ai.lepton.runtime.model.Architecture;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A Lepton model packed in an archive ({@code .zip}, {@code .tar}, {@code .tar.gz}, {@code .tgz}), unpacked with bounds
 * before anything reads it: at most {@link #MAX_ENTRIES} entries, each entry's size (as declared, and as counted while it
 * inflates) within its limit ({@code LEPTON_MAX_WEIGHTS} for the parameters), and all of them together within a total.
 * An entry whose name is absolute or leaves its folder ({@code ../}), or that is a link or a device, is refused: the
 * archive was crafted. Only the model's two files are unpacked ({@code model-0000.params} and {@code architecture.json},
 * from one folder of the archive), each to its own name in the folder given, never to a name the archive chooses.
 */
public final class ModelArchive {

    /** The files of a Lepton model, as DJL saves its parameters and Lepton its architecture. */
    public static final String PARAMETERS = "model-0000.params";

    /** A Lepton model archive holds two files and perhaps their folder: more entries than this are not one. */
    static final int MAX_ENTRIES = 64;

    /** The most an architecture.json may hold, here or in a folder: a real one is a few hundred bytes. */
    public static final long MAX_ARCHITECTURE_BYTES = 1L << 20;
    /** What the entries besides the parameters may hold together (a README, a checkpoint's state). */
    static final long MAX_BESIDES_PARAMETERS = 256L << 20;
    /** What a tar may read for one entry's headers (long names, PAX records) before its data: kilobytes in practice. */
    static final long MAX_HEADER_BYTES = 1L << 20;

    private static final int PIECE = 64 * 1024;

    private ModelArchive() {}

    /** Whether {@code file} is named as an archive this reads. */
    public static boolean names(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".zip") || name.endsWith(".tar") || name.endsWith(".tar.gz") || name.endsWith(".tgz");
    }

    /**
     * Unpacks the model {@code archive} holds into {@code folder}, which then holds {@link #PARAMETERS} and
     * {@code architecture.json}; refused, naming the archive and the entry, when the archive breaks a bound or holds no
     * model, and then nothing of it is left in the folder.
     *
     * @throws PretrainedException what is wrong and what to do
     */
    public static void unpack(Path archive, Path folder) {
        Contents contents = new Contents(archive, folder, Settings.MAX_WEIGHTS.get());
        try {
            String name = archive.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".zip")) {
                unpackZip(contents);
            } else {
                boolean gzip = name.endsWith(".gz") || name.endsWith(".tgz");
                unpackTar(contents, gzip);
            }
            contents.checkComplete();
        } catch (IOException e) { // writing is refused on its own: what is left is reading the archive
            contents.removeUnpacked();
            throw contents.refused("cannot be read as the archive its name says (" + e.getMessage() + "): it is"
                    + " damaged or truncated; copy it again");
        } catch (RuntimeException e) {
            contents.removeUnpacked();
            throw e;
        }
    }

    /** A zip: its central directory checked whole before anything is inflated. */
    private static void unpackZip(Contents contents) throws IOException {
        try (ZipFile zip = new ZipFile(contents.archive.toFile())) {
            if (zip.size() > MAX_ENTRIES) {
                throw contents.tooManyEntries();
            }
            Map<ZipEntry, Path> wanted = new LinkedHashMap<>();
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                Path target = contents.admit(entry.getName(), entry.isDirectory(), entry.getSize(), null);
                if (target != null) {
                    wanted.put(entry, target);
                }
            }
            for (var entry : wanted.entrySet()) {
                try (InputStream in = zip.getInputStream(entry.getKey())) {
                    contents.copy(in, entry.getKey().getName(), entry.getKey().getSize(), entry.getValue());
                }
            }
        }
    }

    /**
     * A tar, gzipped or not: read as a stream, each entry checked as it comes. The stream under the tar reader is held to
     * a budget, so that no header (a long name, PAX records) is read into memory past {@link #MAX_HEADER_BYTES}.
     */
    private static void unpackTar(Contents contents, boolean gzip) throws IOException {
        try (InputStream file = new BufferedInputStream(Files.newInputStream(contents.archive));
                Budget budget = new Budget(gzip ? new GZIPInputStream(file, PIECE) : file, contents);
                TarArchiveInputStream tar = new TarArchiveInputStream(budget)) {
            int count = 0;
            while (true) {
                budget.allow(
                        MAX_HEADER_BYTES,
                        "the headers of entry " + (count + 1) + " may take (" + ByteSize.text(MAX_HEADER_BYTES)
                                + ": long names, PAX records)");
                TarArchiveEntry entry = tar.getNextEntry();
                if (entry == null) {
                    return;
                }
                if (++count > MAX_ENTRIES) {
                    throw contents.tooManyEntries();
                }
                Path target = contents.admit(entry.getName(), entry.isDirectory(), entry.getSize(), notPlain(entry));
                budget.allow(entry.getSize(), "entry " + entry.getName() + " says it has");
                if (target != null) {
                    contents.copy(tar, entry.getName(), entry.getSize(), target);
                } else {
                    tar.skipNBytes(entry.getSize());
                }
            }
        }
    }

    /** What a tar entry is when it is neither a plain file nor a folder, for a refusal; null when it is one. */
    private static String notPlain(TarArchiveEntry entry) {
        if (entry.isSymbolicLink() || entry.isLink()) {
            return "a link (to '" + entry.getLinkName() + "')";
        }
        return entry.isDirectory() || (entry.isFile() && !entry.isSparse())
                ? null
                : "a device, a pipe or a sparse file";
    }

    /** What the archive holds so far, checked entry by entry, and the files unpacked from it. */
    private static final class Contents {
        private final Path archive;
        private final Path folder;
        private final long maxWeights;
        private final Map<String, String> unpacked = new LinkedHashMap<>(); // file name to entry name
        private final List<Path> written = new ArrayList<>();
        private int entries;
        private long total;

        Contents(Path archive, Path folder, long maxWeights) {
            this.archive = archive;
            this.folder = folder;
            this.maxWeights = maxWeights;
        }

        /**
         * Checks an entry's name, kind and declared size; returns the file it unpacks to, or null when it is one the
         * model does not need (or a folder).
         *
         * @param notPlain what the entry is when it is neither a plain file nor a folder (a link), else null
         */
        Path admit(String name, boolean directory, long size, String notPlain) {
            if (++entries > MAX_ENTRIES) {
                throw tooManyEntries();
            }
            String unsafe = unsafe(name);
            if (unsafe != null) {
                throw refused("has an entry '" + name + "', which is " + unsafe + ". Lepton never unpacks such an"
                        + " entry: the archive was crafted or damaged; pack the model's folder again");
            }
            if (notPlain != null) {
                throw refused("has an entry '" + name + "' that is " + notPlain + ". A Lepton model archive holds plain"
                        + " files; pack the model's files themselves");
            }
            String file = name.substring(name.lastIndexOf('/') + 1); // empty for a folder
            boolean model = !directory && (file.equals(PARAMETERS) || file.equals(Architecture.FILE));
            long limit = file.equals(PARAMETERS) ? maxWeights : model ? MAX_ARCHITECTURE_BYTES : Long.MAX_VALUE;
            if (size > limit) {
                throw refused("has an entry " + name + " of " + ByteSize.text(size) + ", more than the "
                        + ByteSize.text(limit) + " " + why(file));
            }
            total += Math.max(size, 0);
            if (total > maxWeights + MAX_BESIDES_PARAMETERS) {
                throw refused("holds more than the " + ByteSize.text(maxWeights + MAX_BESIDES_PARAMETERS) + " a model"
                        + " archive may hold in all (" + ByteSize.text(maxWeights) + " of parameters, "
                        + Settings.MAX_WEIGHTS.variable() + ", and " + ByteSize.text(MAX_BESIDES_PARAMETERS)
                        + " for the rest). Pack only " + PARAMETERS + " and " + Architecture.FILE);
            }
            if (!model) {
                return null;
            }
            String other = unpacked.put(file, name);
            if (other != null) {
                throw refused("holds " + file + " twice (" + other + " and " + name + "). Pack one model per archive");
            }
            return folder.resolve(file);
        }

        /** What limits an entry's size, and what to do about it. */
        private static String why(String file) {
            return file.equals(PARAMETERS)
                    ? "a model's parameters may take (" + Settings.MAX_WEIGHTS.variable() + "; raise it if you trust"
                            + " this archive and its model is that large)"
                    : "an " + Architecture.FILE + " may take: the archive was crafted or damaged";
        }

        /**
         * Copies one entry to {@code target}, counting: it may not inflate to more than it declared. Reading the archive
         * may fail with an IOException; writing the file fails with a refusal of its own.
         */
        void copy(InputStream in, String name, long declared, Path target) throws IOException {
            written.add(target);
            try (OutputStream out = create(target)) {
                byte[] piece = new byte[PIECE];
                long copied = 0;
                for (int read = in.read(piece); read != -1; read = in.read(piece)) {
                    if (read > declared - copied) {
                        throw refused("has an entry " + name + " that inflates to more than the "
                                + ByteSize.text(declared) + " it declares: the archive was crafted or damaged, so"
                                + " nothing of it was kept");
                    }
                    write(out, piece, read, target);
                    copied += read;
                }
                if (copied < declared) {
                    throw refused("has an entry " + name + " that ends after " + ByteSize.text(copied) + " of the "
                            + ByteSize.text(declared) + " it declares: it is truncated; copy it again");
                }
            }
        }

        private OutputStream create(Path target) {
            try {
                return Files.newOutputStream(target, StandardOpenOption.CREATE_NEW);
            } catch (IOException e) {
                throw cannotWrite(target, e);
            }
        }

        private void write(OutputStream out, byte[] piece, int count, Path target) {
            try {
                out.write(piece, 0, count);
            } catch (IOException e) {
                throw cannotWrite(target, e);
            }
        }

        private PretrainedException cannotWrite(Path target, IOException e) {
            return new PretrainedException(
                    "pretrained: cannot unpack " + archive + ": writing " + target + " failed (" + e.getMessage()
                            + "). Check that the disk has room.",
                    e);
        }

        /** Refuses an archive without the model's two files, or with them in two folders. */
        void checkComplete() {
            for (String file : List.of(PARAMETERS, Architecture.FILE)) {
                if (!unpacked.containsKey(file)) {
                    throw refused("holds no " + file + ", so it is not a Lepton model archive. Pack the folder of a"
                            + " Lepton model (" + PARAMETERS + " and " + Architecture.FILE + "), such as a run's best"
                            + " checkpoint");
                }
            }
            String parameters = unpacked.get(PARAMETERS);
            String architecture = unpacked.get(Architecture.FILE);
            if (!folderOf(parameters).equals(folderOf(architecture))) {
                throw refused("holds " + parameters + " and " + architecture + " in two folders. Pack the two files of"
                        + " one model together");
            }
        }

        void removeUnpacked() {
            for (Path file : written) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // the caller's folder is temporary: it goes with what is left in it
                }
            }
        }

        PretrainedException tooManyEntries() {
            return refused("holds more than " + MAX_ENTRIES + " entries, and a Lepton model archive holds two files ("
                    + PARAMETERS + " and " + Architecture.FILE + "). Pack only those");
        }

        PretrainedException damaged(IOException e) {
            return refused("cannot be read as the archive its name says (" + e.getMessage() + "): it is damaged or"
                    + " truncated; copy it again");
        }

        PretrainedException refused(String what) {
            return new PretrainedException("pretrained: the archive " + archive + " " + what + ".");
        }

        private static String folderOf(String entry) {
            return entry.substring(0, entry.lastIndexOf('/') + 1).replaceFirst("^(\\./)+", "");
        }
    }

    /**
     * Why an entry's name is unsafe to unpack anywhere, or null when it is safe: an absolute or platform-specific path,
     * or one that leaves its folder. A leading {@code ./}, as tar writes, is fine.
     */
    static String unsafe(String name) {
        if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.matches("^[A-Za-z]:.*")) {
            return "an absolute or platform-specific path";
        }
        if (name.indexOf('\0') >= 0) {
            return "a name with a NUL character";
        }
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                return "a path that leaves the archive's folder ('..')";
            }
        }
        return null;
    }

    /**
     * The decompressed bytes under the tar reader, held to an allowance set before each part (an entry's headers, its
     * data): a header that claims gigabytes is refused at the allowance instead of being read into memory.
     */
    private static final class Budget extends FilterInputStream {
        private final Contents contents;
        private long left;
        private String part;

        Budget(InputStream in, Contents contents) {
            super(in);
            this.contents = contents;
        }

        /** Allows the next {@code bytes} to be read, for {@code part} ("entry x says it has"). */
        void allow(long bytes, String part) {
            this.left = bytes;
            this.part = part;
        }

        @Override
        public int read() throws IOException {
            checkLeft();
            int read = super.read();
            left -= read < 0 ? 0 : 1;
            return read;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            checkLeft();
            int read = super.read(into, offset, (int) Math.min(length, left));
            left -= Math.max(read, 0);
            return read;
        }

        @Override
        public long skip(long count) throws IOException {
            if (count <= 0) {
                return 0;
            }
            checkLeft();
            long skipped = super.skip(Math.min(count, left));
            left -= skipped;
            return skipped;
        }

        private void checkLeft() {
            if (left <= 0) {
                throw contents.refused("goes on past what " + part + ". The archive was crafted or damaged");
            }
        }
    }
}
