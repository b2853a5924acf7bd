package org.seq4j.cli.datasets;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Stanford's Large Movie Review Dataset (Maas et al., 2011), read from {@code aclImdb_v1.tar.gz} in one
 * streaming pass (no extraction) or from an extracted {@code aclImdb/} folder.
 *
 * <p>Layout: {@code aclImdb/{train,test}/{pos,neg}/<id>_<rating>.txt} and {@code aclImdb/train/unsup/*.txt}
 * (50,000 unlabeled reviews, loaded only on request). Labels: {@code neg} = 0, {@code pos} = 1
 * ({@link #LABEL_NAMES}). Order: by path, so all negatives (sorted by file name, as strings:
 * {@code 0_3.txt, 10000_4.txt, ...}) then all positives — deterministic, and the same file order as Python's
 * {@code sorted(os.listdir(...))}. Shuffle before a Keras-style validation split.
 *
 * <p>Texts are decoded as UTF-8 with U+FFFD for invalid bytes (the official archive has none); the HTML
 * {@code <br />} tags of the reviews are kept, as Keras' and the PyTorch peer's pipelines keep them.
 */
public final class ImdbDataset {
    /** What to load. */
    public enum Part { TRAIN, TEST, UNSUP }

    /** Label names in id order: {@code neg} = 0, {@code pos} = 1. */
    public static final List<String> LABEL_NAMES = List.of("neg", "pos");

    private final Path source;
    private final LabeledTexts train;
    private final LabeledTexts test;
    private final List<String> unsup;

    private ImdbDataset(Path source, LabeledTexts train, LabeledTexts test, List<String> unsup) {
        this.source = source;
        this.train = train;
        this.test = test;
        this.unsup = unsup;
    }

    /** Loads train and test (not unsup) from an archive or a folder. */
    public static ImdbDataset load(Path path) {
        return load(path, EnumSet.of(Part.TRAIN, Part.TEST));
    }

    /**
     * Loads {@code parts} from {@code path}: a {@code .tar.gz} (or plain {@code .tar}) archive, an
     * {@code aclImdb/} folder, or a folder containing {@code aclImdb/}.
     *
     * @throws DataException if the file is missing, not an archive, truncated, or not laid out like aclImdb
     */
    public static ImdbDataset load(Path path, Set<Part> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("Received an empty set of parts; expected some of TRAIN, TEST, UNSUP.");
        }
        if (!Files.exists(path)) {
            throw new DataException("IMDB dataset not found: " + path + " does not exist. Hint: pass the path of "
                    + "aclImdb_v1.tar.gz or of the extracted aclImdb/ folder.", path, -1, null);
        }
        Map<Part, List<List<Review>>> found = Files.isDirectory(path) ? readFolder(path, parts) : readArchive(path, parts);
        LabeledTexts train = parts.contains(Part.TRAIN) ? labeled(path, "train", found.get(Part.TRAIN)) : null;
        LabeledTexts test = parts.contains(Part.TEST) ? labeled(path, "test", found.get(Part.TEST)) : null;
        List<String> unsup = null;
        if (parts.contains(Part.UNSUP)) {
            List<Review> u = found.get(Part.UNSUP).get(0);
            if (u.isEmpty()) {
                throw new DataException(path + " has no aclImdb/train/unsup/*.txt reviews; expected 50,000 "
                        + "unlabeled reviews. Hint: use the complete aclImdb_v1.tar.gz.", path, -1, null);
            }
            u.sort(Comparator.comparing(Review::path));
            unsup = u.stream().map(Review::text).toList();
        }
        return new ImdbDataset(path, train, test, unsup);
    }

    /** The 25,000 training reviews (neg = 0 then pos = 1). */
    public LabeledTexts train() {
        return require(train, Part.TRAIN);
    }

    /** The 25,000 test reviews (neg = 0 then pos = 1). */
    public LabeledTexts test() {
        return require(test, Part.TEST);
    }

    /** The 50,000 unlabeled reviews, sorted by path. */
    public List<String> unsup() {
        return require(unsup, Part.UNSUP);
    }

    /** The archive or folder read. */
    public Path source() {
        return source;
    }

    private static <T> T require(T value, Part part) {
        if (value == null) {
            throw new IllegalStateException("The " + part + " part was not loaded: pass it to ImdbDataset.load(path, "
                    + "parts).");
        }
        return value;
    }

    // ------------------------------------------------------------------------------------------ reading

    private record Review(String path, String text) {
    }

    /** Index into the per-part array: neg = 0, pos = 1, unsup = 0 (alone in its part). */
    private static int classIndex(String name) {
        return switch (name) {
            case "neg", "unsup" -> 0;
            case "pos" -> 1;
            default -> -1;
        };
    }

    private static Part part(String split, String cls) {
        if (split.equals("train") && cls.equals("unsup")) {
            return Part.UNSUP;
        }
        if (cls.equals("pos") || cls.equals("neg")) {
            return split.equals("train") ? Part.TRAIN : split.equals("test") ? Part.TEST : null;
        }
        return null;
    }

    /** Per part, one list of reviews per class index. */
    private static Map<Part, List<List<Review>>> emptyResult() {
        Map<Part, List<List<Review>>> m = new EnumMap<>(Part.class);
        for (Part p : Part.values()) {
            m.put(p, List.of(new ArrayList<>(), new ArrayList<>()));
        }
        return m;
    }

    private static Map<Part, List<List<Review>>> readArchive(Path file, Set<Part> parts) {
        Map<Part, List<List<Review>>> out = emptyResult();
        Set<String> topLevel = new TreeSet<>();
        boolean sawRoot = false;
        String last = null;
        int entries = 0;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            InputStream tarBytes = openCompressed(file, raw);
            try (TarArchiveInputStream tar = new TarArchiveInputStream(tarBytes)) {
                TarArchiveEntry e;
                while ((e = tar.getNextEntry()) != null) {
                    entries++;
                    String name = e.getName();
                    while (name.startsWith("./")) {
                        name = name.substring(2);
                    }
                    last = name;
                    String[] seg = name.split("/");
                    if (seg.length > 0 && !seg[0].isEmpty()) {
                        topLevel.add(seg[0]);
                    }
                    if (seg.length > 0 && seg[0].equals("aclImdb")) {
                        sawRoot = true;
                    }
                    if (!e.isFile() || seg.length != 4 || !seg[0].equals("aclImdb") || !seg[3].endsWith(".txt")) {
                        continue;
                    }
                    Part p = part(seg[1], seg[2]);
                    if (p == null || !parts.contains(p)) {
                        continue;
                    }
                    byte[] bytes = tar.readAllBytes();
                    if (bytes.length != e.getSize()) {
                        throw new EOFException("entry " + name + " has " + bytes.length + " of its " + e.getSize()
                                + " bytes");
                    }
                    out.get(p).get(classIndex(seg[2])).add(new Review(name, Utf8.decode(bytes)));
                }
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException ex) {
            String where = last == null ? "before the first entry" : "after " + entries + " entries (at " + last + ")";
            String why = ex instanceof EOFException && ex.getMessage() == null ? "unexpected end of file"
                    : ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
            throw new DataException(file + " is truncated or corrupt: reading stopped " + where + " ("
                    + why + "). Hint: download aclImdb_v1.tar.gz again (the complete file is 57,127,150 "
                    + "bytes for the shared copy, 84,125,825 for Stanford's).", file, -1, ex);
        }
        if (!sawRoot) {
            throw new DataException(file + " does not contain an aclImdb/ folder; found at the top level: "
                    + (topLevel.isEmpty() ? "nothing" : String.join(", ", limit(topLevel, 10)))
                    + ". Expected aclImdb/train/{pos,neg} and aclImdb/test/{pos,neg}. Hint: is this the right "
                    + "archive?", file, -1, null);
        }
        return out;
    }

    /** Gzip by magic bytes, else a plain tar ({@code ustar} at offset 257), else a clear error. */
    private static InputStream openCompressed(Path file, InputStream raw) throws IOException {
        raw.mark(512);
        byte[] head = raw.readNBytes(512);
        raw.reset();
        if (head.length >= 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B) {
            // the tar reader makes many small reads: buffer the inflater's output
            return new BufferedInputStream(new GzipCompressorInputStream(raw, true), 1 << 16);
        }
        if (head.length >= 262 && new String(head, 257, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("ustar")) {
            return raw;
        }
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < Math.min(4, head.length); i++) {
            hex.append(String.format("%02x ", head[i] & 0xFF));
        }
        throw new DataException(file + " is not a gzip (.tar.gz) or tar archive: it starts with bytes "
                + (head.length == 0 ? "(none, the file is empty)" : hex.toString().trim())
                + ", a gzip file starts with 1f 8b. Hint: pass aclImdb_v1.tar.gz or the extracted aclImdb/ folder.",
                file, -1, null);
    }

    private static Map<Part, List<List<Review>>> readFolder(Path dir, Set<Part> parts) {
        Path root = Files.isDirectory(dir.resolve("train")) || Files.isDirectory(dir.resolve("test"))
                ? dir : dir.resolve("aclImdb");
        if (!Files.isDirectory(root)) {
            throw new DataException(dir + " is neither an aclImdb/ folder (with train/ and test/) nor a folder "
                    + "containing aclImdb/. Hint: pass aclImdb_v1.tar.gz or the extracted aclImdb/ folder.",
                    dir, -1, null);
        }
        Map<Part, List<List<Review>>> out = emptyResult();
        String[][] dirs = {{"train", "neg"}, {"train", "pos"}, {"test", "neg"}, {"test", "pos"}, {"train", "unsup"}};
        for (String[] d : dirs) {
            Part p = part(d[0], d[1]);
            if (!parts.contains(p)) {
                continue;
            }
            Path folder = root.resolve(d[0]).resolve(d[1]);
            if (!Files.isDirectory(folder)) {
                continue; // reported below as a missing part
            }
            List<Path> files;
            try (Stream<Path> s = Files.list(folder)) {
                files = s.filter(f -> f.getFileName().toString().endsWith(".txt") && Files.isRegularFile(f))
                        .sorted(Comparator.comparing(f -> f.getFileName().toString())).toList();
            } catch (IOException ex) {
                throw new DataException("Cannot list " + folder + ": " + ex.getMessage(), folder, -1, ex);
            }
            String prefix = "aclImdb/" + d[0] + "/" + d[1] + "/";
            List<Review> reviews = files.parallelStream().map(f -> {
                try {
                    return new Review(prefix + f.getFileName(), Utf8.decode(Files.readAllBytes(f)));
                } catch (IOException ex) {
                    throw new DataException("Cannot read " + f + ": " + ex.getMessage(), f, -1, ex);
                }
            }).toList();
            out.get(p).get(classIndex(d[1])).addAll(reviews);
        }
        return out;
    }

    private static LabeledTexts labeled(Path source, String split, List<List<Review>> byClass) {
        List<String> texts = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            List<Review> reviews = byClass.get(c);
            if (reviews.isEmpty()) {
                throw new DataException(source + " has no aclImdb/" + split + "/" + LABEL_NAMES.get(c)
                        + "/*.txt reviews; expected 12,500. Hint: use the complete aclImdb_v1.tar.gz.",
                        source, -1, null);
            }
            reviews.sort(Comparator.comparing(Review::path));
            for (Review r : reviews) {
                texts.add(r.text());
                sources.add(r.path());
                labels.add(c);
            }
        }
        int[] l = labels.stream().mapToInt(Integer::intValue).toArray();
        return new LabeledTexts(texts, l, LABEL_NAMES, sources);
    }

    private static List<String> limit(Set<String> names, int n) {
        List<String> out = new ArrayList<>();
        for (String s : names) {
            if (out.size() == n) {
                out.add("...");
                break;
            }
            out.add(s);
        }
        return out;
    }
}
