package org.seq4j.cli.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabeledTextReaderTest {
    @TempDir
    Path tmp;

    Path write(String name, String content) throws IOException {
        Path p = tmp.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    DataException fails(Path p) {
        return assertThrows(DataException.class, () -> LabeledTextReader.read(p));
    }

    @Test
    void csvWithStringLabelsAndQuotedFields() throws IOException {
        Path p = write("reviews.csv", "\uFEFFid,review,sentiment\n"
                + "1,\"Great, really \"\"great\"\" film\",positive\n"
                + "2,\"Two\nlines\",negative\n"
                + "3,,positive\n");
        LabeledTexts t = LabeledTextReader.read(p);
        assertEquals(List.of("Great, really \"great\" film", "Two\nlines", ""), t.texts()); // empty text kept
        assertEquals(List.of("negative", "positive"), t.labelNames());
        assertArrayEquals(new int[] {1, 0, 1}, t.labels());
        assertEquals(2, t.numClasses());
        assertEquals(List.of("reviews.csv:2", "reviews.csv:3", "reviews.csv:5"), t.sources());
    }

    @Test
    void tsvWithIntegerLabelsSortedNumerically() throws IOException {
        Path p = write("data.tsv", "text\tlabel\na\t10\nb\t2\nc\t0\nd\t2\n");
        LabeledTexts t = LabeledTextReader.read(p);
        assertEquals(List.of("0", "2", "10"), t.labelNames());
        assertArrayEquals(new int[] {2, 1, 0, 1}, t.labels());
        assertEquals(3, t.numClasses());
    }

    @Test
    void explicitColumnsAndSniffing() throws IOException {
        Path p = write("data.txt", "body\tstars\tx\nnice\t5\t.\nbad\t1\t.\n"); // no known extension: sniffed TSV
        assertEquals(LabeledTextReader.Format.TSV, LabeledTextReader.detectFormat(p));
        LabeledTexts t = LabeledTextReader.read(p, "body", "stars");
        assertEquals(List.of("nice", "bad"), t.texts());
        assertEquals(List.of("1", "5"), t.labelNames());
        Path j = write("data.dat", "{\"text\": \"x\", \"label\": 1}\n");
        assertEquals(LabeledTextReader.Format.JSON_LINES, LabeledTextReader.detectFormat(j));
        assertEquals(LabeledTextReader.Format.CSV, LabeledTextReader.detectFormat(write("d.data", "a,b\n1,2\n")));
        assertEquals(LabeledTextReader.Format.FOLDER, LabeledTextReader.detectFormat(tmp));
    }

    @Test
    void jsonLines() throws IOException {
        Path p = write("d.jsonl", "{\"text\": \"good\", \"label\": true}\n\n{\"Text\": \"bad\", \"Label\": false}\r\n");
        LabeledTexts t = LabeledTextReader.read(p);
        assertEquals(List.of("good", "bad"), t.texts());
        assertEquals(List.of("false", "true"), t.labelNames());
        assertArrayEquals(new int[] {1, 0}, t.labels());
        assertEquals(List.of("d.jsonl:1", "d.jsonl:3"), t.sources());
    }

    @Test
    void classFolders() throws IOException {
        write("imdb/pos/b.txt", "nice");
        write("imdb/pos/a.txt", "great");
        write("imdb/neg/a.txt", "");
        write("imdb/unsup/x.txt", "unlabeled: skipped");
        write("imdb/.hidden/x.txt", "skipped");
        write("imdb/pos/.DS_Store", "skipped");
        Files.write(tmp.resolve("imdb/neg/z.txt"), new byte[] {'o', 'k', (byte) 0xE9});
        LabeledTexts t = LabeledTextReader.read(tmp.resolve("imdb"));
        assertEquals(List.of("neg", "pos"), t.labelNames());
        assertEquals(List.of("", "ok\uFFFD", "great", "nice"), t.texts());
        assertArrayEquals(new int[] {0, 0, 1, 1}, t.labels());
        assertEquals(List.of("neg/a.txt", "neg/z.txt", "pos/a.txt", "pos/b.txt"), t.sources());
    }

    @Test
    void missingAndEmptyFiles() throws IOException {
        assertTrue(fails(tmp.resolve("none.csv")).getMessage().contains("none.csv does not exist"));
        DataException e = fails(write("empty.csv", ""));
        assertTrue(e.getMessage().contains("empty.csv is empty"), e.getMessage());
        assertTrue(fails(write("header.csv", "text,label\n")).getMessage().contains("has a header but no rows"));
        assertTrue(fails(write("empty.jsonl", "\n\n")).getMessage().contains("is empty"));
        Files.createDirectories(tmp.resolve("nothing/a"));
        assertTrue(fails(tmp.resolve("nothing")).getMessage().contains("has no texts"));
    }

    @Test
    void missingColumnListsTheColumnsFound() throws IOException {
        Path p = write("c.csv", "id,body,score\n1,x,2\n");
        DataException e = fails(p);
        assertTrue(e.getMessage().contains("has no text column"), e.getMessage());
        assertTrue(e.getMessage().contains("columns found: id, body, score"), e.getMessage());
        assertTrue(e.getMessage().contains("--text-column"), e.getMessage());
        DataException e2 = assertThrows(DataException.class, () -> LabeledTextReader.read(p, "body", "stars"));
        assertTrue(e2.getMessage().contains("no column \"stars\" (--label-column); columns found: id, body, score"),
                e2.getMessage());
        DataException e3 = assertThrows(DataException.class,
                () -> LabeledTextReader.read(write("j.jsonl", "{\"text\": \"a\", \"y\": 1}\n{\"text\": \"b\"}\n")));
        assertTrue(e3.getMessage().contains("line 2: no label field"), e3.getMessage());
        assertTrue(e3.getMessage().contains("fields found: text"), e3.getMessage());
    }

    @Test
    void raggedRowNamesItsLine() throws IOException {
        DataException e = fails(write("r.csv", "text,label\na,pos\nb,neg\nc,pos,extra\n"));
        assertTrue(e.getMessage().contains("r.csv line 4: the row has 3 fields but the header has 2"), e.getMessage());
        assertEquals(4, e.line());
        DataException e2 = fails(write("r2.csv", "text,label\n\"multi\nline\",pos\nonly-one-field\n"));
        assertTrue(e2.getMessage().contains("line 4"), e2.getMessage());
    }

    @Test
    void singleClassAndEmptyLabel() throws IOException {
        DataException e = fails(write("one.csv", "text,label\na,pos\nb,pos\n"));
        assertTrue(e.getMessage().contains("needs at least two classes"), e.getMessage());
        assertTrue(e.getMessage().contains("\"pos\""), e.getMessage());
        DataException e2 = fails(write("blank.csv", "text,label\na,pos\nb,\n"));
        assertTrue(e2.getMessage().contains("blank.csv:3: the label is empty"), e2.getMessage());
        write("single/only/a.txt", "x");
        assertTrue(fails(tmp.resolve("single")).getMessage().contains("needs at least two classes"));
    }

    @Test
    void invalidJsonAndCsv() throws IOException {
        DataException e = fails(write("bad.jsonl", "{\"text\": \"a\", \"label\": 1}\n{\"text\": oops}\n"));
        assertTrue(e.getMessage().contains("bad.jsonl line 2: invalid JSON"), e.getMessage());
        DataException arr = fails(write("arr.json", "[{\"text\": \"a\", \"label\": 1}]"));
        assertTrue(arr.getMessage().contains("A JSON array is not JSON Lines"), arr.getMessage());
        DataException notText = fails(write("n.jsonl", "{\"text\": 3, \"label\": 1}\n"));
        assertTrue(notText.getMessage().contains("must be a string"), notText.getMessage());
        DataException quote = fails(write("q.csv", "text,label\n\"never closed,pos\nb,neg\n"));
        assertTrue(quote.getMessage().contains("q.csv line 2: invalid CSV"), quote.getMessage());
        DataException dup = fails(write("dup.csv", "text,text\na,b\n"));
        assertTrue(dup.getMessage().contains("dup.csv"), dup.getMessage());
    }

    @Test
    void aclImdbRootIsRejectedWithAHint() throws IOException {
        write("aclImdb/train/pos/a.txt", "x");
        write("aclImdb/test/pos/a.txt", "y");
        DataException e = fails(tmp.resolve("aclImdb"));
        assertTrue(e.getMessage().contains("holds train/ and test/ folders"), e.getMessage());
    }
}
