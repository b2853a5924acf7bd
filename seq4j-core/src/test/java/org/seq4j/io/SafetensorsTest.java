package org.seq4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.seq4j.tensor.Tensor;

class SafetensorsTest {
    /**
     * {@code reference.safetensors} was written by the Hugging Face {@code safetensors} 0.8.0 Python package:
     * <pre>
     * save({'kernel': np.arange(6, dtype=np.float32).reshape(2, 3) * 0.5 - 1, 'bias': np.array([1.5, -2.25], np.float32),
     *       'scalar': np.array(3.0, np.float32), 'empty': np.zeros((0, 4), np.float32)}, metadata={'producer': 'test'})
     * </pre>
     * It sorts tensors by name; given them in that order, our writer must produce the same bytes.
     */
    private static LinkedHashMap<String, Tensor> referenceTensors() {
        LinkedHashMap<String, Tensor> t = new LinkedHashMap<>();
        t.put("bias", Tensor.of(new float[] {1.5f, -2.25f}, 2));
        t.put("empty", Tensor.zeros(0, 4));
        t.put("kernel", Tensor.of(new float[] {-1f, -0.5f, 0f, 0.5f, 1f, 1.5f}, 2, 3));
        t.put("scalar", Tensor.scalar(3f));
        return t;
    }

    private static byte[] reference() throws IOException {
        try (InputStream in = SafetensorsTest.class.getResourceAsStream("reference.safetensors")) {
            return in.readAllBytes();
        }
    }

    private static byte[] write(Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Safetensors.write(out, tensors, metadata);
        return out.toByteArray();
    }

    @Test
    void writesTheSameBytesAsTheReferenceImplementation() throws IOException {
        assertArrayEquals(reference(), write(referenceTensors(), Map.of("producer", "test")));
    }

    @Test
    void readsTheReferenceFile() throws IOException {
        Safetensors.Contents c = Safetensors.readWithMetadata(new ByteArrayInputStream(reference()));
        assertEquals(Map.of("producer", "test"), c.metadata());
        assertEquals(List.of("bias", "empty", "kernel", "scalar"), new ArrayList<>(c.tensors().keySet()));
        referenceTensors().forEach((name, expected) -> assertSameTensor(expected, c.tensors().get(name)));
    }

    private static void assertSameTensor(Tensor expected, Tensor actual) {
        assertArrayEquals(expected.shape(), actual.shape());
        assertArrayEquals(expected.data(), actual.data());
    }

    @Test
    void roundTripsShapesOrderAndSpecialValues() throws IOException {
        Random r = new Random(3);
        LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();
        float[] big = new float[3 * 16384 + 5]; // spans several streaming chunks
        for (int i = 0; i < big.length; i++) big[i] = r.nextFloat();
        tensors.put("z_first", Tensor.of(big, big.length));
        tensors.put("special", Tensor.of(new float[] {Float.NaN, Float.POSITIVE_INFINITY, -0f, Float.MIN_VALUE}, 2, 2));
        tensors.put("embedding/embeddings", Tensor.full(0.25f, 10, 1, 3));
        tensors.put("\u00e9\u4e2d \"quoted\"", Tensor.scalar(-1f));
        tensors.put("empty", Tensor.zeros(3, 0));
        byte[] bytes = write(tensors, null);
        long headerLength = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, headerLength % 8, "data starts at a multiple of 8");
        assertEquals(' ', bytes[(int) (8 + headerLength - 1)], "header padded with spaces");
        LinkedHashMap<String, Tensor> back = Safetensors.read(new ByteArrayInputStream(bytes));
        assertEquals(new ArrayList<>(tensors.keySet()), new ArrayList<>(back.keySet()));
        tensors.forEach((name, expected) -> assertSameTensor(expected, back.get(name)));
        float[] special = back.get("special").data();
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(special[2]));
    }

    @Test
    void refusesInvalidNames() {
        assertThrows(IllegalArgumentException.class, () -> write(Map.of("__metadata__", Tensor.scalar(1)), null));
        assertThrows(IllegalArgumentException.class, () -> write(Map.of("", Tensor.scalar(1)), null));
        Map<String, Tensor> withNull = new LinkedHashMap<>();
        withNull.put("a", null);
        assertThrows(NullPointerException.class, () -> write(withNull, null));
    }

    /** A file with the given header text (padded) followed by {@code dataBytes} bytes of zeros. */
    private static byte[] file(String header, int dataBytes) {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + json.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(json.length).put(json);
        return b.array();
    }

    private static String readError(byte[] bytes) {
        return assertThrows(ModelFormatException.class, () -> Safetensors.read(new ByteArrayInputStream(bytes))).getMessage();
    }

    private static void assertReadError(byte[] bytes, String... fragments) {
        String message = readError(bytes);
        for (String f : fragments) assertTrue(message.contains(f), message + "\n  should contain: " + f);
    }

    @Test
    void clearErrorsForInvalidHeaders() {
        assertReadError(file("{\"w\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4),
                "tensor \"w\" has dtype F16; seq4j reads only F32 — convert the weights to float32");
        assertReadError(file("{\"w\":{\"dtype\":\"Q4\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8), "unknown dtype \"Q4\"");
        assertReadError(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8),
                "has shape (3,) (3 floats, 12 bytes) but data_offsets [0, 8] span 8 bytes");
        assertReadError(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12),
                "starts at byte 4 of the data but the previous tensor ends at 0");
        assertReadError(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12), "tensor \"b\" starts at byte 4", "overlaps");
        assertReadError(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}", 8), "end before they begin");
        assertReadError(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8.0]}}", 8),
                "data_offsets contains 8.0, expected a non-negative integer");
        assertReadError(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", 8), "shape contains -2");
        assertReadError(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0]}}", 8), "data_offsets is an array");
        assertReadError(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[65536,65536],\"data_offsets\":[0,8]}}", 8), "more than 2^31-1 elements");
        assertReadError(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8],\"x\":1}}", 8), "unexpected field \"x\"");
        assertReadError(file("{\"w\":[1]}", 0), "tensor \"w\" is described by an array, expected an object");
        assertReadError(file("{\"__metadata__\":{\"k\":1}}", 0), "__metadata__ value for \"k\" is a number, expected a string");
        assertReadError(file("{\"w\":{\"dtype\":\"F32\" \"shape\":[2]}}", 8), "header is not valid JSON (line 1, column 21: expected ',' or '}'");
        assertReadError(file("[1, 2]", 0), "does not start with '{'");
        assertReadError(file("{\"w\":1,\"w\":2}", 0), "duplicate key");
    }

    @Test
    void clearErrorsForBadLengthsEncodingAndTrailingBytes() {
        assertReadError(new byte[5], "truncated: 5 bytes, shorter than the 8-byte header length");
        byte[] huge = new byte[16];
        ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40);
        assertReadError(huge, "header length 1099511627776 is not plausible");
        byte[] negative = new byte[16];
        ByteBuffer.wrap(negative).order(ByteOrder.LITTLE_ENDIAN).putLong(-1L);
        assertReadError(negative, "header length 18446744073709551615 is not plausible");
        assertReadError(new byte[] {2, 0, 0, 0, 0, 0, 0, 0, '{'}, "truncated inside the header (1 of 2 bytes)");
        byte[] badUtf8 = file("{\"\u00e9\":{}}", 0);
        badUtf8[10] = (byte) 0xff;
        assertReadError(badUtf8, "not valid UTF-8");
        byte[] trailing = file("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 5);
        assertReadError(trailing, "bytes after the last tensor (the header describes 4 bytes)");
    }

    @Test
    void everyTruncationIsAClearError() throws IOException {
        byte[] full = reference();
        for (int n = 0; n < full.length; n++) {
            String message = readError(java.util.Arrays.copyOf(full, n));
            assertTrue(message.contains("truncated") || message.contains("not plausible") || message.contains("not valid JSON"),
                    n + " bytes: " + message);
            assertTrue(message.contains(" — "), "ends with a hint: " + message);
        }
    }

    /** Flipped bytes give a ModelFormatException or, in the data section, different floats: never another exception. */
    @Test
    void corruptedBytesNeverEscapeAsOtherExceptions() throws IOException {
        byte[] full = reference();
        Random r = new Random(11);
        for (int i = 0; i < 2000; i++) {
            byte[] bad = full.clone();
            for (int k = 1 + r.nextInt(3); k > 0; k--) bad[r.nextInt(bad.length)] ^= (byte) (1 << r.nextInt(8));
            try {
                Safetensors.read(new ByteArrayInputStream(bad));
            } catch (ModelFormatException expected) {
                // fine
            }
        }
    }

    @Test
    void writeFailuresPropagateFromTheStream() {
        OutputStream failing = new OutputStream() {
            private int written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                written += len;
                if (written > 200) throw new IOException("disk full");
            }
        };
        assertEquals("disk full", assertThrows(IOException.class,
                () -> Safetensors.write(failing, Map.of("w", Tensor.zeros(100)), null)).getMessage());
    }
}
