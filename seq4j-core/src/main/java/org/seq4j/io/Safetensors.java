package org.seq4j.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.seq4j.tensor.Shape;
import org.seq4j.tensor.Tensor;

/**
 * The safetensors weights format (Hugging Face), float32 tensors only.
 *
 * <p>Layout: an 8-byte little-endian unsigned header length N; N bytes of UTF-8 JSON
 * {@code {"__metadata__":{"k":"v"},"name":{"dtype":"F32","shape":[4,8],"data_offsets":[0,128]},…}} padded with
 * spaces so that the data starts at a multiple of 8; then the tensors' raw little-endian bytes, back to back, at
 * the given offsets (relative to the end of the header).
 *
 * <p>Reading validates everything before trusting it (header length, UTF-8, JSON, dtype, shape, offsets that are
 * in range, contiguous from 0 and match the shape, no missing or extra bytes) and reports problems as
 * {@link ModelFormatException}s. Data is streamed tensor by tensor; nothing is memory-mapped.
 */
public final class Safetensors {
    /** The safetensors reference implementation refuses larger headers too. */
    public static final long MAX_HEADER_BYTES = 100_000_000L;

    private static final String METADATA_KEY = "__metadata__";
    private static final Set<String> OTHER_DTYPES = Set.of("F64", "F16", "BF16", "F8_E4M3", "F8_E5M2", "I64", "I32",
            "I16", "I8", "U64", "U32", "U16", "U8", "BOOL");
    private static final Set<String> TENSOR_KEYS = Set.of("dtype", "shape", "data_offsets");
    /** Floats converted per chunk while streaming. */
    private static final int CHUNK_FLOATS = 16384;

    private Safetensors() {}

    /** Tensors in data order, and the header's {@code __metadata__} (empty if absent). */
    public record Contents(LinkedHashMap<String, Tensor> tensors, Map<String, String> metadata) {}

    /**
     * Writes {@code tensors} in iteration order, then flushes (does not close) {@code out}.
     *
     * @param metadata string pairs stored as {@code __metadata__}; omitted when empty; may be null
     * @throws IllegalArgumentException for an empty or reserved ({@code __metadata__}) name, or null metadata
     * @throws NullPointerException     for a null tensor
     */
    public static void write(OutputStream out, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        List<Map.Entry<String, Tensor>> entries = new ArrayList<>(tensors.entrySet());
        Map<String, Object> header = new LinkedHashMap<>();
        if (metadata != null && !metadata.isEmpty()) {
            metadata.forEach((k, v) -> {
                if (k == null || v == null) throw new IllegalArgumentException("safetensors metadata must map strings to strings, got " + k + "=" + v);
            });
            header.put(METADATA_KEY, new LinkedHashMap<>(metadata));
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : entries) {
            String name = e.getKey();
            if (name == null || name.isEmpty() || name.equals(METADATA_KEY)) {
                throw new IllegalArgumentException("Received an invalid tensor name " + (name == null ? "null" : Json.quote(name))
                        + ", expected a non-empty name other than " + METADATA_KEY);
            }
            Tensor t = Objects.requireNonNull(e.getValue(), () -> "tensor " + Json.quote(name) + " is null");
            List<Object> shape = new ArrayList<>();
            for (int d : t.shape()) shape.add((long) d);
            long end = offset + 4L * t.size();
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("dtype", "F32");
            info.put("shape", shape);
            info.put("data_offsets", List.of(offset, end));
            header.put(name, info);
            offset = end;
        }
        byte[] json = Json.write(header).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer prefix = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        prefix.putLong(padded).put(json);
        while (prefix.hasRemaining()) prefix.put((byte) ' ');
        out.write(prefix.array());

        ByteBuffer chunk = ByteBuffer.allocate(4 * CHUNK_FLOATS).order(ByteOrder.LITTLE_ENDIAN);
        for (Map.Entry<String, Tensor> e : entries) {
            float[] data = e.getValue().data();
            for (int i = 0; i < data.length; i += CHUNK_FLOATS) {
                int n = Math.min(CHUNK_FLOATS, data.length - i);
                chunk.clear();
                chunk.asFloatBuffer().put(data, i, n);
                out.write(chunk.array(), 0, 4 * n);
            }
        }
        out.flush();
    }

    /** Reads all tensors, in the order of their data; see {@link #readWithMetadata} for the metadata. */
    public static LinkedHashMap<String, Tensor> read(InputStream in) throws IOException {
        return readWithMetadata(in).tensors();
    }

    /** Reads the whole stream: tensors in the order of their data, and the metadata. */
    public static Contents readWithMetadata(InputStream in) throws IOException {
        byte[] lengthBytes = in.readNBytes(8);
        if (lengthBytes.length < 8) {
            throw new ModelFormatException("safetensors data is truncated: " + lengthBytes.length
                    + " bytes, shorter than the 8-byte header length — the file was cut short; save or copy it again");
        }
        long headerLength = ByteBuffer.wrap(lengthBytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerLength < 2 || headerLength > MAX_HEADER_BYTES) {
            throw new ModelFormatException("safetensors header length " + Long.toUnsignedString(headerLength)
                    + " is not plausible (expected 2.." + MAX_HEADER_BYTES + ") — this is not a safetensors file, or it is corrupt");
        }
        byte[] headerBytes = in.readNBytes((int) headerLength);
        if (headerBytes.length < headerLength) {
            throw new ModelFormatException("safetensors data is truncated inside the header (" + headerBytes.length + " of "
                    + headerLength + " bytes) — the file was cut short; save or copy it again");
        }
        if (headerBytes[0] != '{') {
            throw new ModelFormatException("safetensors header does not start with '{' — this is not a safetensors file, or it is corrupt");
        }
        Map<String, Object> header;
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(headerBytes)).toString();
            header = Json.parseObject(text);
        } catch (CharacterCodingException e) {
            throw new ModelFormatException("safetensors header is not valid UTF-8 — the file is corrupt; save or copy it again", e);
        } catch (Json.ParseException e) {
            throw new ModelFormatException("safetensors header is not valid JSON (" + e.getMessage()
                    + ") — the file is corrupt; save or copy it again", e);
        }

        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, Object> e : header.entrySet()) {
            if (e.getKey().equals(METADATA_KEY)) {
                metadata = metadata(e.getValue());
            } else {
                entries.add(entry(e.getKey(), e.getValue()));
            }
        }
        entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end)); // empty tensors first at a shared offset
        long expected = 0;
        for (Entry e : entries) {
            if (e.begin != expected) {
                throw new ModelFormatException("safetensors tensor " + Json.quote(e.name) + " starts at byte " + e.begin
                        + " of the data but the previous tensor ends at " + expected
                        + " (tensors must be contiguous, without gaps or overlaps) — the file is corrupt");
            }
            expected = e.end;
        }

        LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();
        long position = 0;
        ByteBuffer chunk = ByteBuffer.allocate(4 * CHUNK_FLOATS).order(ByteOrder.LITTLE_ENDIAN);
        for (Entry e : entries) {
            float[] data = new float[Shape.size(e.shape)];
            for (int i = 0; i < data.length; i += CHUNK_FLOATS) {
                int n = Math.min(CHUNK_FLOATS, data.length - i);
                int got = in.readNBytes(chunk.array(), 0, 4 * n);
                position += got;
                if (got < 4 * n) {
                    throw new ModelFormatException("safetensors data is truncated: the header describes " + expected
                            + " bytes of tensor data but it ends after " + position + " — the file was cut short; save or copy it again");
                }
                chunk.clear();
                chunk.asFloatBuffer().get(data, i, n);
            }
            tensors.put(e.name, Tensor.of(data, e.shape));
        }
        if (in.read() != -1) {
            throw new ModelFormatException("safetensors data has bytes after the last tensor (the header describes "
                    + expected + " bytes) — the file is corrupt; save or copy it again");
        }
        return new Contents(tensors, metadata);
    }

    /** One validated header entry. */
    private record Entry(String name, int[] shape, long begin, long end) {}

    private static Entry entry(String name, Object value) throws ModelFormatException {
        String where = "safetensors tensor " + Json.quote(name);
        if (!(value instanceof Map<?, ?> info)) {
            throw corrupt(where + " is described by " + Json.typeName(value) + ", expected an object");
        }
        for (Object key : info.keySet()) {
            if (!TENSOR_KEYS.contains(key)) {
                throw corrupt(where + " has an unexpected field " + Json.quote((String) key) + " (expected dtype, shape, data_offsets)");
            }
        }
        Object dtype = info.get("dtype");
        if (!"F32".equals(dtype)) {
            if (OTHER_DTYPES.contains(dtype)) {
                throw new ModelFormatException(where + " has dtype " + dtype
                        + "; seq4j reads only F32 — convert the weights to float32 before saving (e.g. tensor.float() in PyTorch)");
            }
            throw corrupt(where + " has " + (dtype instanceof String ? "unknown dtype " + Json.quote((String) dtype) : "no valid dtype")
                    + ", expected \"F32\"");
        }
        long[] dims = longs(info.get("shape"), -1, where + " shape");
        int[] shape = new int[dims.length];
        long count = 1;
        for (int i = 0; i < dims.length; i++) {
            count *= dims[i];
            if (dims[i] > Integer.MAX_VALUE || count > Integer.MAX_VALUE) {
                throw corrupt(where + " has shape " + java.util.Arrays.toString(dims) + ", more than 2^31-1 elements");
            }
            shape[i] = (int) dims[i];
        }
        long[] offsets = longs(info.get("data_offsets"), 2, where + " data_offsets");
        if (offsets[1] < offsets[0]) {
            throw corrupt(where + " has data_offsets [" + offsets[0] + ", " + offsets[1] + "] that end before they begin");
        }
        if (offsets[1] - offsets[0] != 4 * count) {
            throw corrupt(where + " has shape " + Shape.toString(shape) + " (" + count + " floats, " + 4 * count
                    + " bytes) but data_offsets [" + offsets[0] + ", " + offsets[1] + "] span " + (offsets[1] - offsets[0]) + " bytes");
        }
        return new Entry(name, shape, offsets[0], offsets[1]);
    }

    /** A JSON array of non-negative integers, of the given length (-1: any). */
    private static long[] longs(Object value, int length, String what) throws ModelFormatException {
        if (!(value instanceof List<?> list) || (length >= 0 && list.size() != length)) {
            throw corrupt(what + " is " + Json.typeName(value) + ", expected " + (length >= 0 ? "an array of " + length : "an array of")
                    + " non-negative integers");
        }
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Long v) || v < 0) {
                throw corrupt(what + " contains " + list.get(i) + ", expected a non-negative integer");
            }
            out[i] = v;
        }
        return out;
    }

    private static Map<String, String> metadata(Object value) throws ModelFormatException {
        if (!(value instanceof Map<?, ?> map)) {
            throw corrupt("safetensors " + METADATA_KEY + " is " + Json.typeName(value) + ", expected an object of strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw corrupt("safetensors " + METADATA_KEY + " value for " + Json.quote((String) e.getKey()) + " is "
                        + Json.typeName(e.getValue()) + ", expected a string");
            }
            out.put((String) e.getKey(), s);
        }
        return out;
    }

    private static ModelFormatException corrupt(String what) {
        return new ModelFormatException(what + " — the file is corrupt or not written by a safetensors writer");
    }
}
