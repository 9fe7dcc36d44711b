package dev.edgepress.generator.cache;

import dev.edgepress.generator.content.SourcePage;
import dev.edgepress.generator.markdown.TocEntry;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the last successful build knew, so that the next one reads, renders and checks only what
 * changed: each Markdown file's front matter (by size and modification time), each page's rendered
 * Markdown facts (by content hash and the link targets and image sizes it used), and each output
 * file with the fingerprints of everything it read. Immutable; {@link Writer} makes the next one.
 *
 * <p>Stored as one binary file under target/; a file that cannot be read (another version, a
 * truncated write) is ignored and the build renders everything, as a clean build would.
 */
public final class BuildCache {

  private static final int MAGIC = 0x45504243; // EPBC
  private static final int FORMAT = 6;

  /**
   * Front matter of a Markdown file that had no problems.
   *
   * @param page the page as this process read it, to use again as it is (a server's next build);
   *     null when the cache was read from its file
   */
  public record Source(long size, long modified, long hash, long frontHash, Map<String, Object> values,
      Map<String, Integer> lines, int bodyOffset, int bodyLine, SourcePage page) {}

  /** What rendering a page's Markdown gave, apart from its HTML. */
  public record Markdown(long fileHash, String[] keys, long[] fingerprints, String summary, boolean truncated,
      List<TocEntry> toc, int words, long contentFingerprint, long summaryFingerprint) {}

  /**
   * An output file: its own fingerprint, what it read, its size and time on disk, its ids and links,
   * and whether some of those links were broken (a build that only warns about them).
   */
  public record Output(long intrinsic, String[] keys, long[] fingerprints, long size, long modified, String[] ids,
      String[] links, boolean brokenLinks) {
    public Output withFile(long newSize, long newModified) {
      return new Output(intrinsic, keys, fingerprints, newSize, newModified, ids, links, brokenLinks);
    }

    public Output withBrokenLinks(boolean broken) {
      return broken == brokenLinks ? this
          : new Output(intrinsic, keys, fingerprints, size, modified, ids, links, broken);
    }
  }

  public static final BuildCache EMPTY = new BuildCache(0, Map.of(), Map.of(), Map.of(), false);

  private final long global;
  private final boolean fromFile;
  private final Map<String, Source> sources;
  private final Map<String, Markdown> markdown;
  private final Map<String, Output> outputs;

  public BuildCache(long global, Map<String, Source> sources, Map<String, Markdown> markdown,
      Map<String, Output> outputs, boolean fromFile) {
    this.fromFile = fromFile;
    this.global = global;
    this.sources = sources;
    this.markdown = markdown;
    this.outputs = outputs;
  }

  public long global() {
    return global;
  }

  /**
   * Whether this cache was read from its file (the output may have changed since, so each file is
   * checked), rather than made by a build in this process.
   */
  public boolean fromFile() {
    return fromFile;
  }

  public boolean isEmpty() {
    return outputs.isEmpty();
  }

  public Source source(String path) {
    return sources.get(path);
  }

  public Markdown markdown(String sourcePath) {
    return markdown.get(sourcePath);
  }

  public Output output(String file) {
    return outputs.get(file);
  }

  public Map<String, Output> outputs() {
    return Collections.unmodifiableMap(outputs);
  }

  /**
   * This cache, marked as one whose output files must be checked before they are trusted (the
   * output folder may have changed since it was made: another process, a person).
   */
  public BuildCache unverified() {
    if (fromFile) {
      return this;
    }
    BuildCache copy = new BuildCache(global, sources, markdown, outputs, true);
    copy.base = base;
    return copy;
  }

  /** This cache when it was made for {@code fingerprint}, else an empty one. */
  public BuildCache ifFor(long fingerprint) {
    return global == fingerprint ? this : EMPTY;
  }

  /**
   * The cache in {@code file} (and its delta file beside it, when that belongs to it), or {@link
   * #EMPTY} when there is none or it cannot be read.
   */
  public static BuildCache read(Path file) {
    Part base = readPart(file);
    if (base == null) {
      return EMPTY;
    }
    BuildCache cache = new BuildCache(base.global(), base.sources(), base.markdown(), base.outputs(), true);
    cache.base = base;
    Part delta = readPart(delta(file));
    if (delta == null || delta.baseId() != base.baseId() || delta.global() != base.global()) {
      return cache;
    }
    Map<String, Source> sources = new HashMap<>(base.sources());
    Map<String, Markdown> markdown = new HashMap<>(base.markdown());
    Map<String, Output> outputs = new HashMap<>(base.outputs());
    delta.removedSources().forEach(sources::remove);
    delta.removedMarkdown().forEach(markdown::remove);
    delta.removedOutputs().forEach(outputs::remove);
    sources.putAll(delta.sources());
    markdown.putAll(delta.markdown());
    outputs.putAll(delta.outputs());
    BuildCache merged = new BuildCache(base.global(), sources, markdown, outputs, true);
    merged.base = base;
    return merged;
  }

  private static Part readPart(Path file) {
    try (InputStream raw = Files.newInputStream(file)) {
      return decode(new DataInputStream(new BufferedInputStream(raw, 1 << 16)));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  static Path delta(Path file) {
    return file.resolveSibling(file.getFileName() + ".delta");
  }

  /** The whole cache as last written to (or read from) its file: deltas are written against it. */
  private Part base;

  /** Beyond this share of entries changed, the whole cache is written again instead of a delta. */
  private static final double DELTA_LIMIT = 0.2;

  /**
   * Writes the cache to {@code file}. When it was read from there (or made from a cache that was)
   * and little changed, only the changes are written, to a delta file beside it: a build that
   * changed one page should not spend half a second writing 20 MB. Both go through a temporary
   * file, so a crash never leaves half of one.
   */
  public void write(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    if (base != null && baseIdOnDisk(file) == base.baseId() && base.global() == global) {
      Part delta = diff(base);
      int changed = delta.sources().size() + delta.markdown().size() + delta.outputs().size()
          + delta.removedSources().size() + delta.removedMarkdown().size() + delta.removedOutputs().size();
      int all = base.sources().size() + base.markdown().size() + base.outputs().size();
      if (changed <= all * DELTA_LIMIT) {
        writeAtomically(delta(file), delta);
        return;
      }
    }
    Part whole = new Part(new java.util.Random().nextLong(), global, sources, markdown, outputs, List.of(), List.of(),
        List.of());
    writeAtomically(file, whole);
    Files.deleteIfExists(delta(file));
    base = whole;
  }

  /** What this cache has that {@code from} has not (or has otherwise), and what it lost. */
  private Part diff(Part from) {
    Map<String, Source> s = new HashMap<>();
    sources.forEach((k, v) -> {
      Source was = from.sources().get(k);
      if (was == null || was.size() != v.size() || was.modified() != v.modified() || was.hash() != v.hash()
          || was.frontHash() != v.frontHash()) {
        s.put(k, v);
      }
    });
    Map<String, Markdown> m = new HashMap<>();
    markdown.forEach((k, v) -> {
      if (from.markdown().get(k) != v) {
        m.put(k, v);
      }
    });
    Map<String, Output> o = new HashMap<>();
    outputs.forEach((k, v) -> {
      if (from.outputs().get(k) != v) {
        o.put(k, v);
      }
    });
    List<String> rs = from.sources().keySet().stream().filter(k -> !sources.containsKey(k)).toList();
    List<String> rm = from.markdown().keySet().stream().filter(k -> !markdown.containsKey(k)).toList();
    List<String> ro = from.outputs().keySet().stream().filter(k -> !outputs.containsKey(k)).toList();
    return new Part(from.baseId(), global, s, m, o, rs, rm, ro);
  }

  private static long baseIdOnDisk(Path file) {
    try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
      return in.readInt() == MAGIC && in.readInt() == FORMAT ? in.readLong() : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  private static void writeAtomically(Path file, Part part) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (OutputStream raw = Files.newOutputStream(tmp)) {
      DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16));
      encode(out, part);
      out.flush();
    }
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Collects the next cache while a build runs; thread-safe. */
  public static final class Writer {
    private final long global;
    private final Map<String, Source> sources = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Markdown> markdown = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Output> outputs = new java.util.concurrent.ConcurrentHashMap<>();

    private final Part base;

    /** @param previous the cache this build started from: the next is written as changes to its file */
    public Writer(long global, BuildCache previous) {
      this.global = global;
      this.base = previous.global == global ? previous.base : null;
    }

    public void source(String path, Source s) {
      sources.put(path, s);
    }

    public void markdown(String sourcePath, Markdown m) {
      markdown.put(sourcePath, m);
    }

    public void output(String file, Output o) {
      outputs.put(file, o);
    }

    public Output output(String file) {
      return outputs.get(file);
    }

    public Map<String, Output> outputs() {
      return outputs;
    }

    public BuildCache done() {
      BuildCache cache = new BuildCache(global, sources, markdown, outputs, false);
      cache.base = base;
      return cache;
    }
  }

  // ---- binary form: a table of strings, then records that refer to them by number ----

  /** The maps of a file: the whole cache (a base) or what changed since the base (a delta). */
  private record Part(long baseId, long global, Map<String, Source> sources, Map<String, Markdown> markdown,
      Map<String, Output> outputs, List<String> removedSources, List<String> removedMarkdown,
      List<String> removedOutputs) {}

  private static void encode(DataOutputStream out, Part part) throws IOException {
    Map<String, Source> sources = part.sources();
    Map<String, Markdown> markdown = part.markdown();
    Map<String, Output> outputs = part.outputs();
    Strings table = new Strings();
    part.removedSources().forEach(table::id);
    part.removedMarkdown().forEach(table::id);
    part.removedOutputs().forEach(table::id);
    // First pass: give every string a number.
    sources.forEach((k, s) -> {
      table.id(k);
      s.lines().keySet().forEach(table::id);
      collect(s.values(), table);
    });
    markdown.forEach((k, m) -> {
      table.id(k);
      for (String key : m.keys()) {
        table.id(key);
      }
      table.id(m.summary());
      m.toc().forEach(t -> {
        table.id(t.text());
        table.id(t.id());
      });
    });
    outputs.forEach((k, o) -> {
      table.id(k);
      for (String key : o.keys()) {
        table.id(key);
      }
      for (String s : o.ids()) {
        table.id(s);
      }
      for (String s : o.links()) {
        table.id(s);
      }
    });
    out.writeInt(MAGIC);
    out.writeInt(FORMAT);
    out.writeLong(part.baseId());
    out.writeLong(part.global());
    out.writeInt(table.list.size());
    for (String s : table.list) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      out.writeInt(b.length);
      out.write(b);
    }
    out.writeInt(sources.size());
    for (Map.Entry<String, Source> e : sources.entrySet()) {
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
    out.writeInt(markdown.size());
    for (Map.Entry<String, Markdown> e : markdown.entrySet()) {
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
    out.writeInt(outputs.size());
    for (Map.Entry<String, Output> e : outputs.entrySet()) {
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
    writeStrings(out, part.removedSources().toArray(String[]::new), table);
    writeStrings(out, part.removedMarkdown().toArray(String[]::new), table);
    writeStrings(out, part.removedOutputs().toArray(String[]::new), table);
  }

  private static Part decode(DataInputStream in) throws IOException {
    if (in.readInt() != MAGIC || in.readInt() != FORMAT) {
      return null;
    }
    long baseId = in.readLong();
    long global = in.readLong();
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
      String[] keys = readStrings(in, table);
      long[] fps = readLongs(in, keys.length);
      String summary = table[in.readInt()];
      boolean truncated = in.readBoolean();
      int nt = count(in);
      List<TocEntry> toc = new ArrayList<>(nt);
      for (int j = 0; j < nt; j++) {
        toc.add(new TocEntry(in.readInt(), table[in.readInt()], table[in.readInt()]));
      }
      int words = in.readInt();
      long contentFp = in.readLong();
      markdown.put(key, new Markdown(fileHash, keys, fps, summary, truncated, List.copyOf(toc), words, contentFp,
          in.readLong()));
    }
    int no = count(in);
    Map<String, Output> outputs = new HashMap<>(no * 2);
    for (int i = 0; i < no; i++) {
      String key = table[in.readInt()];
      long intrinsic = in.readLong();
      String[] keys = readStrings(in, table);
      long[] fps = readLongs(in, keys.length);
      long size = in.readLong();
      long modified = in.readLong();
      String[] ids = readStrings(in, table);
      String[] links = readStrings(in, table);
      outputs.put(key, new Output(intrinsic, keys, fps, size, modified, ids, links, in.readBoolean()));
    }
    List<String> removedSources = List.of(readStrings(in, table));
    List<String> removedMarkdown = List.of(readStrings(in, table));
    List<String> removedOutputs = List.of(readStrings(in, table));
    return new Part(baseId, global, sources, markdown, outputs, removedSources, removedMarkdown, removedOutputs);
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
    final Map<String, Integer> ids = new HashMap<>();
    final List<String> list = new ArrayList<>();

    int id(String s) {
      Integer id = ids.get(s);
      if (id == null) {
        id = list.size();
        ids.put(s, id);
        list.add(s);
      }
      return id;
    }
  }

  /** Keys as {@link #writeStrings}, then their fingerprints: read back by readStrings and readLongs. */
  private static void writeKeys(DataOutputStream out, String[] keys, long[] fps, Strings table) throws IOException {
    writeStrings(out, keys, table);
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

  private static String[] readStrings(DataInputStream in, String[] table) throws IOException {
    int n = count(in);
    String[] out = new String[n];
    for (int i = 0; i < n; i++) {
      out[i] = table[in.readInt()];
    }
    return out;
  }

  /** Whether front matter values can be stored: what YAML's core schema makes. */
  public static boolean storable(Object v) {
    if (v == null || v instanceof String || v instanceof Boolean || v instanceof Integer || v instanceof Long
        || v instanceof Double || v instanceof BigInteger) {
      return true;
    }
    if (v instanceof List<?> list) {
      return list.stream().allMatch(BuildCache::storable);
    }
    if (v instanceof Map<?, ?> map) {
      return map.entrySet().stream().allMatch(e -> e.getKey() instanceof String && storable(e.getValue()));
    }
    return false;
  }

  private static void collect(Object v, Strings table) {
    if (v instanceof String s) {
      table.id(s);
    } else if (v instanceof List<?> list) {
      list.forEach(x -> collect(x, table));
    } else if (v instanceof Map<?, ?> map) {
      map.forEach((k, x) -> {
        table.id((String) k);
        collect(x, table);
      });
    }
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
