package org.seq4j.cli.datasets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the user's own labeled texts ({@code ./seq4j train --data PATH [--text-column C] [--label-column C]}).
 *
 * <p>Formats ({@link Format}): CSV or TSV with a header line; JSON Lines (one object per line); or a folder with
 * one subfolder per class holding one text per file (the aclImdb layout, like Keras'
 * {@code text_dataset_from_directory}). The format comes from the extension ({@code .csv}, {@code .tsv}/
 * {@code .tab}, {@code .jsonl}/{@code .ndjson}/{@code .json}) or else is sniffed: a first character
 * {@code '{'} means JSON Lines, a header line with more tabs than commas means TSV, otherwise CSV.
 *
 * <p>Columns: {@code textColumn}/{@code labelColumn} when given, else the first header (case-insensitive) among
 * {@link #TEXT_COLUMNS} / {@link #LABEL_COLUMNS}. Labels may be strings, integers or booleans; the label names
 * are sorted — numerically when all are integers ({@code 2 < 10}), else as strings — and {@code labels[i]} is
 * the index of row {@code i}'s label in that list, so ids never depend on row order. Binary data gives ids 0/1
 * in sorted order: {@code neg/pos}, {@code negative/positive}, {@code 0/1}, {@code false/true}.
 *
 * <p>In a class folder, hidden files/folders are skipped, and so is a folder named {@code unsup} (aclImdb's
 * unlabeled reviews) as long as other classes exist. Rows keep file order (by path) / line order.
 * Decoding: UTF-8 with U+FFFD for invalid bytes (see the package doc); empty texts are kept.
 */
public final class LabeledTextReader {

    /** Input formats. */
    public enum Format { CSV, TSV, JSON_LINES, FOLDER }

    /** Default text column names, in order of preference. */
    public static final List<String> TEXT_COLUMNS = List.of("text", "review", "sentence", "content", "document");
    /** Default label column names, in order of preference. */
    public static final List<String> LABEL_COLUMNS = List.of("label", "sentiment", "class", "category", "target", "y");

    private LabeledTextReader() {
    }

    /** Reads {@code path} with default columns. */
    public static LabeledTexts read(Path path) {
        return read(path, null, null);
    }

    /**
     * Reads {@code path}; {@code textColumn}/{@code labelColumn} may be null for the defaults (ignored for a
     * folder).
     *
     * @throws DataException naming the file (and line) on any problem: missing or empty file, missing column,
     *     ragged row, empty label, invalid JSON, fewer than two classes
     */
    public static LabeledTexts read(Path path, String textColumn, String labelColumn) {
        if (!Files.exists(path)) {
            throw new DataException(path + " does not exist. Expected a CSV, TSV or JSON Lines file, or a folder with "
                    + "one subfolder per class.", path, -1, null);
        }
        Format format = detectFormat(path);
        List<Row> rows = switch (format) {
            case FOLDER -> readFolder(path);
            case CSV, TSV -> readDelimited(path, format, textColumn, labelColumn);
            case JSON_LINES -> readJsonLines(path, textColumn, labelColumn);
        };
        return label(path, rows);
    }

    /** The format {@link #read} will use for {@code path}. */
    public static Format detectFormat(Path path) {
        if (Files.isDirectory(path)) {
            return Format.FOLDER;
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return Format.CSV;
        }
        if (name.endsWith(".tsv") || name.endsWith(".tab")) {
            return Format.TSV;
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
            return Format.JSON_LINES;
        }
        String head = Utf8.decode(readHead(path, 64 * 1024)).stripLeading();
        if (head.startsWith("{")) {
            return Format.JSON_LINES;
        }
        int eol = head.indexOf('\n');
        String header = eol < 0 ? head : head.substring(0, eol);
        long tabs = header.chars().filter(c -> c == '\t').count();
        long commas = header.chars().filter(c -> c == ',').count();
        return tabs > 0 && tabs >= commas ? Format.TSV : Format.CSV;
    }

    private static byte[] readHead(Path path, int n) {
        try (var in = Files.newInputStream(path)) {
            return in.readNBytes(n);
        } catch (IOException e) {
            throw new DataException("Cannot read " + path + ": " + e.getMessage(), path, -1, e);
        }
    }

    /** One text, its raw label, where it came from. */
    private record Row(String text, String label, String source) {
    }

    // ------------------------------------------------------------------------------------------ CSV / TSV

    private static List<Row> readDelimited(Path path, Format format, String textColumn, String labelColumn) {
        String content = readText(path);
        if (content.isBlank()) {
            throw new DataException(path + " is empty. Expected a header line (e.g. text,label) then one row per "
                    + "text.", path, 1, null);
        }
        String what = format == Format.TSV ? "TSV" : "CSV";
        CSVFormat csv = (format == Format.TSV ? CSVFormat.TDF : CSVFormat.DEFAULT).builder()
                .setHeader().setSkipHeaderRecord(true).setIgnoreSurroundingSpaces(false).build();
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(content), csv)) {
            List<String> header = parser.getHeaderNames();
            int textIdx = column(path, what, header, textColumn, TEXT_COLUMNS, "text", "--text-column");
            int labelIdx = column(path, what, header, labelColumn, LABEL_COLUMNS, "label", "--label-column");
            Iterator<CSVRecord> it = parser.iterator();
            while (true) {
                long line = parser.getCurrentLineNumber() + 1; // the record starts on the next line
                CSVRecord r;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    r = it.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    Throwable cause = e.getCause() != null ? e.getCause() : e;
                    throw new DataException(path + " line " + line + ": invalid " + what + " (" + cause.getMessage()
                            + "). Hint: check the quotes around that line.", path, line, e);
                }
                if (r.size() == 1 && r.get(0).isEmpty() && header.size() > 1) {
                    continue; // a blank line
                }
                if (r.size() != header.size()) {
                    throw new DataException(path + " line " + line + ": the row has " + r.size() + " fields but the "
                            + "header has " + header.size() + " (" + String.join(", ", header) + "). Hint: quote "
                            + "fields that contain the delimiter" + (format == Format.TSV ? " (a tab)." : " (a comma)."),
                            path, line, null);
                }
                rows.add(new Row(r.get(textIdx), r.get(labelIdx), path.getFileName() + ":" + line));
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new DataException(path + ": cannot read the " + what + " header (" + e.getMessage() + "). Expected a "
                    + "first line of distinct column names, e.g. text,label.", path, 1, e);
        }
        if (rows.isEmpty()) {
            throw new DataException(path + " has a header but no rows. Expected one row per text.", path, 2, null);
        }
        return rows;
    }

    private static int column(Path path, String what, List<String> header, String wanted, List<String> defaults,
            String role, String option) {
        if (wanted != null) {
            int i = header.indexOf(wanted);
            if (i < 0) {
                for (int k = 0; k < header.size(); k++) {
                    if (header.get(k).equalsIgnoreCase(wanted)) {
                        i = k;
                    }
                }
            }
            if (i < 0) {
                throw new DataException(path + " has no column \"" + wanted + "\" (" + option + "); columns found: "
                        + String.join(", ", header) + ".", path, 1, null);
            }
            return i;
        }
        for (String d : defaults) {
            for (int k = 0; k < header.size(); k++) {
                if (header.get(k).trim().equalsIgnoreCase(d)) {
                    return k;
                }
            }
        }
        throw new DataException(path + " has no " + role + " column: expected one named " + String.join(" or ", defaults)
                + "; columns found: " + String.join(", ", header) + ". Hint: name it with " + option + ".", path, 1, null);
    }

    // ------------------------------------------------------------------------------------------ JSON Lines

    private static List<Row> readJsonLines(Path path, String textField, String labelField) {
        String content = readText(path);
        if (content.isBlank()) {
            throw new DataException(path + " is empty. Expected JSON Lines: one object per line, e.g. "
                    + "{\"text\": \"...\", \"label\": \"pos\"}.", path, 1, null);
        }
        ObjectMapper json = new ObjectMapper();
        List<Row> rows = new ArrayList<>();
        String[] lines = content.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            long line = i + 1;
            if (lines[i].isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = json.readTree(lines[i]);
            } catch (JsonProcessingException e) {
                String hint = lines[i].stripLeading().startsWith("[") ? " A JSON array is not JSON Lines: write one "
                        + "object per line." : "";
                throw new DataException(path + " line " + line + ": invalid JSON (" + e.getOriginalMessage() + ")."
                        + hint, path, line, e);
            }
            if (!node.isObject()) {
                throw new DataException(path + " line " + line + ": expected a JSON object such as {\"text\": \"...\", "
                        + "\"label\": \"pos\"}, got " + node.getNodeType().toString().toLowerCase(Locale.ROOT) + "."
                        + (node.isArray() ? " A JSON array is not JSON Lines: write one object per line." : ""),
                        path, line, null);
            }
            List<String> fields = new ArrayList<>();
            node.fieldNames().forEachRemaining(fields::add);
            String tf = field(path, line, fields, textField, TEXT_COLUMNS, "text", "--text-column");
            String lf = field(path, line, fields, labelField, LABEL_COLUMNS, "label", "--label-column");
            JsonNode t = node.get(tf);
            if (!t.isTextual()) {
                throw new DataException(path + " line " + line + ": field \"" + tf + "\" must be a string, got "
                        + t.getNodeType().toString().toLowerCase(Locale.ROOT) + ".", path, line, null);
            }
            JsonNode l = node.get(lf);
            if (!(l.isTextual() || l.isIntegralNumber() || l.isBoolean() || l.isNumber())) {
                throw new DataException(path + " line " + line + ": field \"" + lf + "\" must be a string, a number or "
                        + "a boolean, got " + l.getNodeType().toString().toLowerCase(Locale.ROOT) + ".", path, line, null);
            }
            rows.add(new Row(t.asText(), l.asText(), path.getFileName() + ":" + line));
        }
        if (rows.isEmpty()) {
            throw new DataException(path + " has no JSON objects (only blank lines).", path, 1, null);
        }
        return rows;
    }

    private static String field(Path path, long line, List<String> fields, String wanted, List<String> defaults,
            String role, String option) {
        if (wanted != null) {
            if (fields.contains(wanted)) {
                return wanted;
            }
            throw new DataException(path + " line " + line + ": no field \"" + wanted + "\" (" + option
                    + "); fields found: " + String.join(", ", fields) + ".", path, line, null);
        }
        for (String d : defaults) {
            for (String f : fields) {
                if (f.equalsIgnoreCase(d)) {
                    return f;
                }
            }
        }
        throw new DataException(path + " line " + line + ": no " + role + " field: expected one named "
                + String.join(" or ", defaults) + "; fields found: " + String.join(", ", fields) + ". Hint: name it "
                + "with " + option + ".", path, line, null);
    }

    // ------------------------------------------------------------------------------------------ folders

    private static List<Row> readFolder(Path dir) {
        List<Path> classes;
        try (Stream<Path> s = Files.list(dir)) {
            classes = s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new DataException("Cannot list " + dir + ": " + e.getMessage(), dir, -1, e);
        }
        if (classes.stream().anyMatch(p -> p.getFileName().toString().equals("unsup")) && classes.size() > 1) {
            classes = classes.stream().filter(p -> !p.getFileName().toString().equals("unsup")).toList();
        }
        List<String> names = classes.stream().map(p -> p.getFileName().toString()).toList();
        if (names.contains("train") && names.contains("test")) {
            throw new DataException(dir + " holds train/ and test/ folders, not class folders. Hint: pass "
                    + dir.resolve("train") + " (one subfolder per class inside), or use the built-in IMDB loader.",
                    dir, -1, null);
        }
        List<Row> rows = new ArrayList<>();
        for (Path c : classes) {
            List<Path> files;
            try (Stream<Path> s = Files.list(c)) {
                files = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                        .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
            } catch (IOException e) {
                throw new DataException("Cannot list " + c + ": " + e.getMessage(), c, -1, e);
            }
            String label = c.getFileName().toString();
            rows.addAll(files.parallelStream().map(f -> new Row(readText(f), label, label + "/" + f.getFileName()))
                    .toList());
        }
        if (rows.isEmpty()) {
            throw new DataException(dir + " has no texts: expected one subfolder per class, each with one text file "
                    + "per example (like aclImdb/train/pos/*.txt); found subfolders: "
                    + (names.isEmpty() ? "none" : String.join(", ", names)) + ".", dir, -1, null);
        }
        return rows;
    }

    // ------------------------------------------------------------------------------------------ labels

    private static LabeledTexts label(Path path, List<Row> rows) {
        Map<String, Integer> counts = new HashMap<>();
        for (Row r : rows) {
            if (r.label().isBlank()) {
                throw new DataException(r.source() + ": the label is empty (in " + path + "). Expected a class name "
                        + "or number on every row.", path, lineOf(r), null);
            }
            counts.merge(r.label(), 1, Integer::sum);
        }
        boolean numeric = counts.keySet().stream().allMatch(LabeledTextReader::isInteger);
        Comparator<String> order = numeric
                ? Comparator.comparing((String s) -> new java.math.BigInteger(s.trim())).thenComparing(s -> s)
                : Comparator.naturalOrder();
        TreeSet<String> sorted = new TreeSet<>(order);
        sorted.addAll(counts.keySet());
        List<String> names = List.copyOf(sorted);
        if (names.size() < 2) {
            throw new DataException(path + ": a classifier needs at least two classes, but "
                    + (rows.size() == 1 ? "the only text has" : "all " + rows.size() + " texts have") + " the label \""
                    + names.get(0) + "\". Hint: check the label column, or add examples of the other classes.",
                    path, -1, null);
        }
        Map<String, Integer> id = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            id.put(names.get(i), i);
        }
        List<String> texts = new ArrayList<>(rows.size());
        List<String> sources = new ArrayList<>(rows.size());
        int[] labels = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            texts.add(rows.get(i).text());
            sources.add(rows.get(i).source());
            labels[i] = id.get(rows.get(i).label());
        }
        return new LabeledTexts(texts, labels, names, sources);
    }

    private static long lineOf(Row r) {
        int colon = r.source().lastIndexOf(':');
        try {
            return colon < 0 ? -1 : Long.parseLong(r.source().substring(colon + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean isInteger(String s) {
        return s.trim().matches("[-+]?\\d+");
    }

    private static String readText(Path path) {
        try {
            return Utf8.decode(Files.readAllBytes(path));
        } catch (IOException e) {
            throw new DataException("Cannot read " + path + ": " + e.getMessage(), path, -1, e);
        }
    }
}
