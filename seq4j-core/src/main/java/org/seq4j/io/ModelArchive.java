package org.seq4j.io;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.seq4j.tensor.Tensor;

/**
 * The {@code .seq4j} model file: a zip archive holding {@code config.json} (the model config, with an integer
 * {@code "format_version"}) and {@code model.safetensors} (the weights, see {@link Safetensors}).
 *
 * <p>Writing goes to a temporary file in the target's directory, forced to disk, then atomically renamed over
 * the target: readers see either the old file or the complete new one, never a half-written file. On failure
 * the temporary file is deleted and an existing file at the target is left untouched. Entry timestamps are
 * fixed, so the same model always gives the same bytes.
 */
public final class ModelArchive {
    /** The format this build writes, and the newest it reads. */
    public static final int FORMAT_VERSION = 1;
    public static final String CONFIG_ENTRY = "config.json";
    public static final String WEIGHTS_ENTRY = "model.safetensors";
    /** A bigger config is refused instead of exhausting memory. */
    static final int MAX_CONFIG_BYTES = 64 << 20;

    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

    private ModelArchive() {}

    /**
     * A model read back.
     *
     * @param config  the parsed {@code config.json}, including {@code "format_version"} (see {@link Json} for types)
     * @param weights the tensors in file order
     */
    public record Loaded(Map<String, Object> config, LinkedHashMap<String, Tensor> weights) {}

    /**
     * Writes a model file atomically.
     *
     * @param config  the model config; {@code "format_version"} is added first (if present it must be
     *                {@value #FORMAT_VERSION})
     * @param weights tensors, stored in iteration order
     * @throws IllegalArgumentException if the config cannot be written as JSON (e.g. NaN) or a weight is invalid
     */
    public static void write(Path path, Map<String, Object> config, LinkedHashMap<String, Tensor> weights) throws IOException {
        Object version = config.get("format_version");
        if (version != null && !(version instanceof Number n && n.doubleValue() == FORMAT_VERSION)) {
            throw new IllegalArgumentException("config has format_version " + version + ", but this build writes format "
                    + FORMAT_VERSION + "; leave format_version out, it is set when saving");
        }
        Map<String, Object> full = new LinkedHashMap<>();
        full.put("format_version", FORMAT_VERSION);
        full.putAll(config);
        full.put("format_version", FORMAT_VERSION);
        byte[] configBytes = (Json.write(full, 2) + "\n").getBytes(StandardCharsets.UTF_8);

        Path target = path.toAbsolutePath();
        if (Files.isDirectory(target)) throw new IOException(target + " is a directory; pass the path of a .seq4j file to write");
        Path dir = target.getParent();
        // Hidden, unique, and matched by the repository's *.seq4j.tmp* ignore rule.
        Path temp = dir.resolve("." + target.getFileName() + ".tmp" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream file = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                ZipOutputStream zip = new ZipOutputStream(file, StandardCharsets.UTF_8);
                zip.putNextEntry(entry(CONFIG_ENTRY));
                zip.write(configBytes);
                zip.closeEntry();
                zip.setLevel(Deflater.BEST_SPEED); // float data barely compresses; don't spend time on it
                zip.putNextEntry(entry(WEIGHTS_ENTRY));
                Safetensors.write(zip, weights, Map.of());
                zip.closeEntry();
                zip.finish();
                file.flush();
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * Reads a model file.
     *
     * @throws NoSuchFileException  if there is no file at {@code path}
     * @throws ModelFormatException if it is not a seq4j model, truncated, corrupt, or written by a newer seq4j
     */
    public static Loaded read(Path path) throws IOException {
        if (Files.isDirectory(path)) throw error(path, "is a directory, not a model file", "pass the path of a .seq4j file");
        byte[] magic;
        try (InputStream in = Files.newInputStream(path)) {
            magic = in.readNBytes(4);
        }
        if (magic.length == 0) throw error(path, "is empty", "the save was interrupted or the copy failed; save or copy the model again");
        if (magic.length < 4 && magic[0] == 'P') {
            throw error(path, "is truncated (" + magic.length + " bytes)", "the save was interrupted or the copy failed; save or copy the model again");
        }
        if (magic.length < 4 || magic[0] != 'P' || magic[1] != 'K') {
            throw error(path, "is not a seq4j model (not a zip archive)", "pass a .seq4j file written by seq4j");
        }
        try (ZipFile zip = openZip(path)) {
            ZipEntry configEntry = zip.getEntry(CONFIG_ENTRY);
            if (configEntry == null) {
                throw error(path, "is a zip archive but not a seq4j model (it has no " + CONFIG_ENTRY + ")", "pass a .seq4j file written by seq4j");
            }
            Map<String, Object> config = readConfig(path, zip, configEntry);
            checkVersion(path, config.get("format_version"));
            ZipEntry weightsEntry = zip.getEntry(WEIGHTS_ENTRY);
            if (weightsEntry == null) {
                throw error(path, "has no weights (" + WEIGHTS_ENTRY + " is missing)", "the file is damaged; save the model again");
            }
            LinkedHashMap<String, Tensor> weights;
            try (InputStream in = checked(path, zip, weightsEntry)) {
                try {
                    weights = Safetensors.read(in);
                } catch (ModelFormatException e) {
                    // If the entry fails its CRC the zip itself is damaged: report that rather than its symptom.
                    in.transferTo(OutputStream.nullOutputStream());
                    throw new ModelFormatException(path + ": " + WEIGHTS_ENTRY + ": " + e.getMessage(), e);
                }
            } catch (ZipException | EOFException e) {
                throw error(path, "is corrupt (" + WEIGHTS_ENTRY + ": " + describe(e) + ")", "save or copy the model again", e);
            }
            return new Loaded(config, weights);
        }
    }

    private static ZipEntry entry(String name) {
        ZipEntry e = new ZipEntry(name);
        e.setTimeLocal(ENTRY_TIME);
        return e;
    }

    private static ZipFile openZip(Path path) throws IOException {
        try {
            return new ZipFile(path.toFile(), StandardCharsets.UTF_8);
        } catch (ZipException e) {
            throw error(path, "is truncated or corrupt (" + e.getMessage() + ")",
                    "the file was probably cut short while saving or copying; save or copy the model again", e);
        }
    }

    private static Map<String, Object> readConfig(Path path, ZipFile zip, ZipEntry entry) throws IOException {
        byte[] bytes;
        try (InputStream in = checked(path, zip, entry)) {
            bytes = in.readNBytes(MAX_CONFIG_BYTES + 1);
            if (bytes.length > MAX_CONFIG_BYTES) {
                throw error(path, CONFIG_ENTRY + " is larger than " + MAX_CONFIG_BYTES + " bytes", "the file is damaged; save the model again");
            }
            in.transferTo(OutputStream.nullOutputStream()); // reach the end so the CRC is checked
        } catch (ZipException | EOFException e) {
            throw error(path, "is corrupt (" + CONFIG_ENTRY + ": " + describe(e) + ")", "save or copy the model again", e);
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            return Json.parseObject(text);
        } catch (CharacterCodingException e) {
            throw error(path, CONFIG_ENTRY + " is not valid UTF-8", "the file is damaged; save the model again", e);
        } catch (Json.ParseException e) {
            throw error(path, CONFIG_ENTRY + " is not valid JSON (" + e.getMessage() + ")",
                    "if you edited it by hand, fix the JSON; otherwise save the model again", e);
        }
    }

    private static void checkVersion(Path path, Object version) throws ModelFormatException {
        if (version == null) {
            throw error(path, CONFIG_ENTRY + " has no format_version", "it was not written by seq4j; save the model again with seq4j");
        }
        if (!(version instanceof Long v) || v < 1) {
            throw error(path, CONFIG_ENTRY + " has format_version " + Json.write(version) + ", expected a positive integer",
                    "the file is damaged; save the model again");
        }
        if (v > FORMAT_VERSION) {
            throw error(path, "written by a newer seq4j (format " + v + "); this build reads up to format " + FORMAT_VERSION,
                    "upgrade seq4j");
        }
    }

    /** The entry's bytes; at end of stream, throws a ZipException if they do not match the entry's CRC-32. */
    private static InputStream checked(Path path, ZipFile zip, ZipEntry entry) throws IOException {
        CheckedInputStream crcIn = new CheckedInputStream(zip.getInputStream(entry), new CRC32());
        return new FilterInputStream(crcIn) {
            private boolean verified;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b < 0) verify();
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n < 0) verify();
                return n;
            }

            private void verify() throws ZipException {
                if (!verified && entry.getCrc() != -1 && crcIn.getChecksum().getValue() != entry.getCrc()) {
                    throw new ZipException("CRC-32 mismatch in " + entry.getName() + " of " + path.getFileName());
                }
                verified = true;
            }
        };
    }

    /** Inflater errors sometimes have no message. */
    private static String describe(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e instanceof EOFException ? "unexpected end of data" : "invalid compressed data";
    }

    private static ModelFormatException error(Path path, String what, String hint) {
        return new ModelFormatException(path + ": " + what + " — " + hint);
    }

    private static ModelFormatException error(Path path, String what, String hint, Throwable cause) {
        return new ModelFormatException(path + ": " + what + " — " + hint, cause);
    }
}
