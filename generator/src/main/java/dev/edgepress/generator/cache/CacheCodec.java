package dev.edgepress.generator.cache;

import dev.edgepress.generator.cache.BuildCache.Markdown;
import dev.edgepress.generator.cache.BuildCache.Output;
import dev.edgepress.generator.cache.BuildCache.Source;
import dev.edgepress.generator.markdown.TocEntry;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The binary form of a cache file: a header (magic, format, base id, global fingerprint), a table
 * of strings, then records that refer to them by number. Knows nothing of files; {@link CacheFile}
 * decides what is written where.
 */
final class CacheCodec {

  static final int MAGIC = 0x45504243; // EPBC
  static final int FORMAT = 9;

  private CacheCodec() {}

  /**
   * The maps of a file: the whole cache (a base, with no removals) or what changed since the base
   * with id {@code baseId} (a delta). Never changed once made.
   */
  record Part(long baseId, long global, Map<String, Source> sources, Map<String, Markdown> markdown,
      Map<String, Output> outputs, List<String> removedSources, List<String> removedMarkdown,
      List<String> removedOutputs) {}

  /**
   * Writes {@code part} as independent chunks, each with its own string table, encoded in parallel
   * and read back in parallel: at 10,000 pages the cache is about 20 MB, and one thread encoding it
   * was a tenth of a clean build.
   */
  static void encode(DataOutputStream out, Part part) throws IOException {
    List<Slice> slices = slices(part);
    out.writeInt(MAGIC);
    out.writeInt(FORMAT);
    out.writeLong(part.baseId());
    out.writeLong(part.global());
    // The entries' counts, so that a reader makes its maps once, at their size.
    out.writeInt(part.sources().size());
    out.writeInt(part.markdown().size());
    out.writeInt(part.outputs().size());
    out.writeInt(slices.size());
    // As many chunks at a time as there are cores, each written as soon as its turn comes: never
    // the whole file in memory.
    for (int from = 0; from < slices.size(); from += BATCH) {
      byte[][] chunks = new byte[Math.min(BATCH, slices.size() - from)][];
      int first = from;
      IntStream.range(0, chunks.length).parallel().forEach(i -> chunks[i] = encodeChunk(slices.get(first + i)));
      for (byte[] chunk : chunks) {
        out.writeInt(chunk.length);
        out.write(chunk);
      }
    }
  }

  /** About this many entries a chunk; a small cache is one chunk. */
  private static final int CHUNK_ENTRIES = 4000;
  private static final int MAX_CHUNKS = 8;
  /** Chunks encoded or decoded at a time, in parallel. */
  private static final int BATCH = Math.max(1, Runtime.getRuntime().availableProcessors());

  /** A chunk's share of a part's entries; the removals go with the first. */
  private record Slice(List<Map.Entry<String, Source>> sources, List<Map.Entry<String, Markdown>> markdown,
      List<Map.Entry<String, Output>> outputs, List<String> removedSources, List<String> removedMarkdown,
      List<String> removedOutputs) {}

  private static List<Slice> slices(Part part) {
    int entries = part.sources().size() + part.markdown().size() + part.outputs().size();
    int n = Math.max(1, Math.min(MAX_CHUNKS, entries / CHUNK_ENTRIES));
    List<List<Map.Entry<String, Source>>> sources = cut(part.sources(), n);
    List<List<Map.Entry<String, Markdown>>> markdown = cut(part.markdown(), n);
    List<List<Map.Entry<String, Output>>> outputs = cut(part.outputs(), n);
    List<Slice> slices = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      slices.add(new Slice(sources.get(i), markdown.get(i), outputs.get(i),
          i == 0 ? part.removedSources() : List.of(), i == 0 ? part.removedMarkdown() : List.of(),
          i == 0 ? part.removedOutputs() : List.of()));
    }
    return slices;
  }

  private static <V> List<List<Map.Entry<String, V>>> cut(Map<String, V> map, int n) {
    List<Map.Entry<String, V>> all = new ArrayList<>(map.entrySet());
    List<List<Map.Entry<String, V>>> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(all.subList(all.size() * i / n, all.size() * (i + 1) / n));
    }
    return out;
  }

  /** One chunk: its string table, then its records, written in one pass (the records first, aside). */
  private static byte[] encodeChunk(Slice slice) {
    try {
      Strings table = new Strings();
      Bytes records = new Bytes(1 << 16);
      encodeRecords(new DataOutputStream(records), slice, table);
      Bytes chunk = new Bytes(records.size() + table.bytes + 4 * table.list.size() + 4);
      DataOutputStream out = new DataOutputStream(chunk);
      out.writeInt(table.list.size());
      for (String s : table.list) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
      }
      records.writeTo(chunk);
      return chunk.toByteArray();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void encodeRecords(DataOutputStream out, Slice slice, Strings table) throws IOException {
    out.writeInt(slice.sources().size());
    for (Map.Entry<String, Source> e : slice.sources()) {
      Source s = e.getValue();
      out.writeInt(table.id(e.getKey()));
      out.writeLong(s.size());
      out.writeLong(s.modified());
      out.writeLong(s.hash());
      out.writeLong(s.frontHash());
      writeValue(out, s.values(), table);
      out.writeInt(s.lines().size());
      for (Map.Entry<String, Integer> l : s.lines().entrySet()) {
        out.writeInt(table.id(l.getKey()));
        out.writeInt(l.getValue());
      }
      out.writeInt(s.bodyOffset());
      out.writeInt(s.bodyLine());
    }
    out.writeInt(slice.markdown().size());
    for (Map.Entry<String, Markdown> e : slice.markdown()) {
      Markdown m = e.getValue();
      out.writeInt(table.id(e.getKey()));
      out.writeLong(m.fileHash());
      writeKeys(out, m.keys(), m.fingerprints(), table);
      out.writeInt(table.id(m.summary()));
      out.writeBoolean(m.truncated());
      out.writeInt(m.toc().size());
      for (TocEntry t : m.toc()) {
        out.writeInt(t.level());
        out.writeInt(table.id(t.text()));
        out.writeInt(table.id(t.id()));
      }
      out.writeInt(m.words());
      out.writeLong(m.contentFingerprint());
      out.writeLong(m.summaryFingerprint());
    }
    out.writeInt(slice.outputs().size());
    for (Map.Entry<String, Output> e : slice.outputs()) {
      Output o = e.getValue();
      out.writeInt(table.id(e.getKey()));
      out.writeLong(o.intrinsic());
      writeKeys(out, o.keys(), o.fingerprints(), table);
      out.writeLong(o.size());
      out.writeLong(o.modified());
      writeStrings(out, o.ids(), table);
      writeStrings(out, o.links(), table);
      out.writeBoolean(o.brokenLinks());
    }
    writeStrings(out, slice.removedSources().toArray(String[]::new), table);
    writeStrings(out, slice.removedMarkdown().toArray(String[]::new), table);
    writeStrings(out, slice.removedOutputs().toArray(String[]::new), table);
  }

  static Part decode(DataInputStream in) throws IOException {
    if (in.readInt() != MAGIC || in.readInt() != FORMAT) {
      return null;
    }
    long baseId = in.readLong();
    long global = in.readLong();
    int ns = count(in);
    int nm = count(in);
    int no = count(in);
    int n = in.readInt();
    if (n < 1 || n > MAX_CHUNKS) {
      throw new IOException("not a build cache (" + n + " chunks)");
    }
    Map<String, Source> sources = new HashMap<>(ns * 4 / 3 + 1);
    Map<String, Markdown> markdown = new HashMap<>(nm * 4 / 3 + 1);
    Map<String, Output> outputs = new HashMap<>(no * 4 / 3 + 1);
    List<String> removedSources = new ArrayList<>();
    List<String> removedMarkdown = new ArrayList<>();
    List<String> removedOutputs = new ArrayList<>();
    // As many chunks at a time as there are cores, read, decoded in parallel and merged: never the
    // whole file, nor every chunk's own maps, in memory at once.
    for (int from = 0; from < n; from += BATCH) {
      byte[][] chunks = new byte[Math.min(BATCH, n - from)][];
      for (int i = 0; i < chunks.length; i++) {
        int len = in.readInt();
        if (len < 0) {
          throw new IOException("not a build cache (chunk of " + len + " bytes)");
        }
        chunks[i] = in.readNBytes(len);
        if (chunks[i].length != len) {
          throw new java.io.EOFException("build cache cut short");
        }
      }
      Part[] parts = new Part[chunks.length];
      try {
        IntStream.range(0, chunks.length).parallel().forEach(i -> parts[i] = decodeChunk(chunks[i], baseId, global));
      } catch (java.io.UncheckedIOException e) {
        throw e.getCause();
      }
      for (Part p : parts) {
        sources.putAll(p.sources());
        markdown.putAll(p.markdown());
        outputs.putAll(p.outputs());
        removedSources.addAll(p.removedSources());
        removedMarkdown.addAll(p.removedMarkdown());
        removedOutputs.addAll(p.removedOutputs());
      }
    }
    return new Part(baseId, global, sources, markdown, outputs, List.copyOf(removedSources),
        List.copyOf(removedMarkdown), List.copyOf(removedOutputs));
  }

  private static Part decodeChunk(byte[] bytes, long baseId, long global) {
    try {
      return decodeChunk(new DataInputStream(new BytesIn(bytes)), baseId, global);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (RuntimeException e) {
      // A damaged chunk: an index out of the table, say.
      throw new java.io.UncheckedIOException(new IOException("damaged build cache: " + e, e));
    }
  }

  private static Part decodeChunk(DataInputStream in, long baseId, long global) throws IOException {
    int n = count(in);
    String[] table = new String[n];
    byte[] buf = new byte[256];
    for (int i = 0; i < n; i++) {
      int len = count(in);
      if (buf.length < len) {
        buf = new byte[Math.max(len, buf.length * 2)];
      }
      in.readFully(buf, 0, len);
      table[i] = new String(buf, 0, len, StandardCharsets.UTF_8);
    }
    Keys keys = new Keys(table);
    int ns = count(in);
    Map<String, Source> sources = new HashMap<>(ns * 2);
    for (int i = 0; i < ns; i++) {
      String key = table[in.readInt()];
      long size = in.readLong();
      long modified = in.readLong();
      long hash = in.readLong();
      long frontHash = in.readLong();
      @SuppressWarnings("unchecked")
      Map<String, Object> values = (Map<String, Object>) readValue(in, table);
      int nl = count(in);
      Map<String, Integer> lines = new LinkedHashMap<>(nl * 2);
      for (int j = 0; j < nl; j++) {
        lines.put(table[in.readInt()], in.readInt());
      }
      sources.put(key, new Source(size, modified, hash, frontHash, values, lines, in.readInt(), in.readInt(), null));
    }
    int nm = count(in);
    Map<String, Markdown> markdown = new HashMap<>(nm * 2);
    for (int i = 0; i < nm; i++) {
      String key = table[in.readInt()];
      long fileHash = in.readLong();
      DepKey[] read = keys.read(in);
      long[] fps = readLongs(in, read.length);
      String summary = table[in.readInt()];
      boolean truncated = in.readBoolean();
      int nt = count(in);
      List<TocEntry> toc = new ArrayList<>(nt);
      for (int j = 0; j < nt; j++) {
        toc.add(new TocEntry(in.readInt(), table[in.readInt()], table[in.readInt()]));
      }
      int words = in.readInt();
      long contentFp = in.readLong();
      markdown.put(key, new Markdown(fileHash, read, fps, summary, truncated, List.copyOf(toc), words, contentFp,
          in.readLong()));
    }
    int no = count(in);
    Map<String, Output> outputs = new HashMap<>(no * 2);
    for (int i = 0; i < no; i++) {
      String key = table[in.readInt()];
      long intrinsic = in.readLong();
      DepKey[] read = keys.read(in);
      long[] fps = readLongs(in, read.length);
      long size = in.readLong();
      long modified = in.readLong();
      String[] ids = readStrings(in, table);
      String[] links = readStrings(in, table);
      outputs.put(key, new Output(intrinsic, read, fps, size, modified, ids, links, in.readBoolean()));
    }
    List<String> removedSources = List.of(readStrings(in, table));
    List<String> removedMarkdown = List.of(readStrings(in, table));
    List<String> removedOutputs = List.of(readStrings(in, table));
    return new Part(baseId, global, sources, markdown, outputs, removedSources, removedMarkdown, removedOutputs);
  }

  /** A growable byte array, unlike ByteArrayOutputStream not synchronized: one thread writes each. */
  private static final class Bytes extends java.io.OutputStream {
    private byte[] buf;
    private int size;

    Bytes(int capacity) {
      buf = new byte[Math.max(16, capacity)];
    }

    @Override
    public void write(int b) {
      if (size == buf.length) {
        buf = java.util.Arrays.copyOf(buf, buf.length * 2);
      }
      buf[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      if (size + len > buf.length) {
        buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, size + len));
      }
      System.arraycopy(b, off, buf, size, len);
      size += len;
    }

    int size() {
      return size;
    }

    void writeTo(java.io.OutputStream out) throws IOException {
      out.write(buf, 0, size);
    }

    byte[] toByteArray() {
      return size == buf.length ? buf : java.util.Arrays.copyOf(buf, size);
    }
  }

  /** Reads a byte array, unlike ByteArrayInputStream not synchronized. */
  private static final class BytesIn extends java.io.InputStream {
    private final byte[] buf;
    private int pos;

    BytesIn(byte[] buf) {
      this.buf = buf;
    }

    @Override
    public int read() {
      return pos < buf.length ? buf[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (pos >= buf.length) {
        return len == 0 ? 0 : -1;
      }
      int n = Math.min(len, buf.length - pos);
      System.arraycopy(buf, pos, b, off, n);
      pos += n;
      return n;
    }
  }

  /** Most a count can be in a cache file: a damaged or foreign file must not ask for gigabytes. */
  private static final int MAX_COUNT = 1 << 24;

  private static int count(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > MAX_COUNT) {
      throw new IOException("not a build cache (count " + n + ")");
    }
    return n;
  }

  private static final class Strings {
    final Map<String, Integer> ids = new HashMap<>(1 << 14);
    final Map<DepKey, Integer> keyIds = new HashMap<>(1 << 10);
    final List<String> list = new ArrayList<>();
    /** The table's size in chars, about its size in bytes. */
    int bytes;

    /** A key's number: each distinct key is encoded once per file. */
    int key(DepKey key) {
      Integer id = keyIds.get(key);
      if (id == null) {
        id = id(DepKey.encode(key));
        keyIds.put(key, id);
      }
      return id;
    }

    int id(String s) {
      Integer id = ids.get(s);
      if (id == null) {
        id = list.size();
        ids.put(s, id);
        list.add(s);
        bytes += s.length();
      }
      return id;
    }
  }

  /** Keys read back by {@link Keys#read}, then their fingerprints, read back by readLongs. */
  private static void writeKeys(DataOutputStream out, DepKey[] keys, long[] fps, Strings table) throws IOException {
    out.writeInt(keys.length);
    for (DepKey key : keys) {
      out.writeInt(table.key(key));
    }
    for (long fp : fps) {
      out.writeLong(fp);
    }
  }

  private static long[] readLongs(DataInputStream in, int n) throws IOException {
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = in.readLong();
    }
    return out;
  }

  private static void writeStrings(DataOutputStream out, String[] values, Strings table) throws IOException {
    out.writeInt(values.length);
    for (String s : values) {
      out.writeInt(table.id(s));
    }
  }

  /** Decodes each key of the string table once, when first used. */
  private static final class Keys {
    private final String[] table;
    private final DepKey[] decoded;

    Keys(String[] table) {
      this.table = table;
      this.decoded = new DepKey[table.length];
    }

    DepKey[] read(DataInputStream in) throws IOException {
      int n = count(in);
      DepKey[] out = new DepKey[n];
      for (int i = 0; i < n; i++) {
        int id = in.readInt();
        DepKey k = decoded[id];
        if (k == null) {
          k = DepKey.decode(table[id]);
          decoded[id] = k;
        }
        out[i] = k;
      }
      return out;
    }
  }

  private static String[] readStrings(DataInputStream in, String[] table) throws IOException {
    int n = count(in);
    String[] out = new String[n];
    for (int i = 0; i < n; i++) {
      out[i] = table[in.readInt()];
    }
    return out;
  }

  private static void writeValue(DataOutputStream out, Object v, Strings table) throws IOException {
    if (v == null) {
      out.writeByte(0);
    } else if (v instanceof String s) {
      out.writeByte(1);
      out.writeInt(table.id(s));
    } else if (v instanceof Boolean b) {
      out.writeByte(2);
      out.writeBoolean(b);
    } else if (v instanceof Integer i) {
      out.writeByte(3);
      out.writeInt(i);
    } else if (v instanceof Long l) {
      out.writeByte(4);
      out.writeLong(l);
    } else if (v instanceof Double d) {
      out.writeByte(5);
      out.writeDouble(d);
    } else if (v instanceof BigInteger b) {
      out.writeByte(6);
      byte[] bytes = b.toByteArray();
      out.writeInt(bytes.length);
      out.write(bytes);
    } else if (v instanceof List<?> list) {
      out.writeByte(7);
      out.writeInt(list.size());
      for (Object x : list) {
        writeValue(out, x, table);
      }
    } else if (v instanceof Map<?, ?> map) {
      out.writeByte(8);
      out.writeInt(map.size());
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.writeInt(table.id((String) e.getKey()));
        writeValue(out, e.getValue(), table);
      }
    } else {
      throw new IllegalArgumentException("cannot store " + v.getClass());
    }
  }

  private static Object readValue(DataInputStream in, String[] table) throws IOException {
    int tag = in.readByte();
    switch (tag) {
      case 0:
        return null;
      case 1:
        return table[in.readInt()];
      case 2:
        return in.readBoolean();
      case 3:
        return in.readInt();
      case 4:
        return in.readLong();
      case 5:
        return in.readDouble();
      case 6: {
        byte[] bytes = new byte[count(in)];
        in.readFully(bytes);
        return new BigInteger(bytes);
      }
      case 7: {
        int n = count(in);
        List<Object> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          list.add(readValue(in, table));
        }
        return list;
      }
      case 8: {
        int n = count(in);
        Map<String, Object> map = new LinkedHashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
          String k = table[in.readInt()];
          map.put(k, readValue(in, table));
        }
        return map;
      }
      default:
        throw new IOException("bad value tag " + tag);
    }
  }
}
