package dev.edgepress.generator.cache;

import dev.edgepress.generator.cache.CacheCodec.Part;
import dev.edgepress.generator.content.SourcePage;
import dev.edgepress.generator.markdown.TocEntry;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the last successful build knew, so that the next one reads, renders and checks only what
 * changed: each Markdown file's front matter (by size and modification time), each page's rendered
 * Markdown facts (by content hash and the link targets and image sizes it used), and each output
 * file with the fingerprints of everything it read.
 *
 * <p>A snapshot, never changed once made, so that a build may read it while a background thread
 * writes it to its file ({@link CacheStore.Memory}): its fields are final, its maps cannot be changed
 * through it, and the {@link Writer} that collected it takes no entries after {@link Writer#done()}.
 * (The arrays in its records are not copied, for speed: nothing writes to them once a record is
 * made.) {@link CacheFile} stores it as a base file plus a delta, in the binary form of
 * {@link CacheCodec}.
 */
public final class BuildCache {

  /**
   * Front matter of a Markdown file that had no problems.
   *
   * @param page the page as this process read it, to use again as it is (a server's next build);
   *     null when the cache was read from its file
   */
  public record Source(long size, long modified, long hash, long frontHash, Map<String, Object> values,
      Map<String, Integer> lines, int bodyOffset, int bodyLine, SourcePage page) {}

  /** What rendering a page's Markdown gave, apart from its HTML. */
  public record Markdown(long fileHash, DepKey[] keys, long[] fingerprints, String summary, boolean truncated,
      List<TocEntry> toc, int words, long contentFingerprint, long summaryFingerprint) {}

  /**
   * An output file: its own fingerprint, what it read, its size and time on disk, its ids and links,
   * and whether some of those links were broken (a build that only warns about them).
   */
  public record Output(long intrinsic, DepKey[] keys, long[] fingerprints, long size, long modified, String[] ids,
      String[] links, boolean brokenLinks) {
    public Output withFile(long newSize, long newModified) {
      return new Output(intrinsic, keys, fingerprints, newSize, newModified, ids, links, brokenLinks);
    }

    public Output withBrokenLinks(boolean broken) {
      return broken == brokenLinks ? this
          : new Output(intrinsic, keys, fingerprints, size, modified, ids, links, broken);
    }
  }

  public static final BuildCache EMPTY = new BuildCache(0, Map.of(), Map.of(), Map.of(), false, null);

  private final long global;
  private final boolean fromFile;
  private final Map<String, Source> sources;
  private final Map<String, Markdown> markdown;
  private final Map<String, Output> outputs;
  /** The base file this cache was read from or descends from (deltas are written against it), or null. */
  private final Part base;

  BuildCache(long global, Map<String, Source> sources, Map<String, Markdown> markdown,
      Map<String, Output> outputs, boolean fromFile, Part base) {
    this.fromFile = fromFile;
    this.global = global;
    this.sources = Collections.unmodifiableMap(sources);
    this.markdown = Collections.unmodifiableMap(markdown);
    this.outputs = Collections.unmodifiableMap(outputs);
    this.base = base;
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
    return outputs;
  }

  Map<String, Source> sources() {
    return sources;
  }

  Map<String, Markdown> markdown() {
    return markdown;
  }

  Part base() {
    return base;
  }

  /**
   * This cache, marked as one whose output files must be checked before they are trusted (the
   * output folder may have changed since it was made: another process, a person).
   */
  public BuildCache unverified() {
    return fromFile ? this : new BuildCache(global, sources, markdown, outputs, true, base);
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
    return CacheFile.read(file);
  }

  /**
   * Writes the cache to {@code file}: only the changes, to a delta file beside it, when it was read
   * from there (or made from a cache that was) and little changed; see {@link CacheFile}.
   */
  public void write(Path file) throws IOException {
    new CacheFile(file).write(this);
  }

  /** Collects the next cache while a build runs; thread-safe until {@link #done()}. */
  public static final class Writer {
    private final long global;
    private final Map<String, Source> sources;
    private final Map<String, Markdown> markdown;
    private final Map<String, Output> outputs;
    private final Part base;
    private volatile boolean done;

    /** @param previous the cache this build started from: the next is written as changes to its file */
    public Writer(long global, BuildCache previous) {
      this.global = global;
      this.base = previous.global == global ? previous.base : null;
      // Sized like the last build's, which the next one nearly always matches: growing a map of
      // 14,000 entries from 16 copies it ten times.
      this.sources = new ConcurrentHashMap<>(capacity(previous.sources.size()));
      this.markdown = new ConcurrentHashMap<>(capacity(previous.markdown.size()));
      this.outputs = new ConcurrentHashMap<>(capacity(previous.outputs.size()));
    }

    private static int capacity(int expected) {
      return Math.max(16, expected + expected / 3);
    }

    public void source(String path, Source s) {
      open();
      sources.put(path, s);
    }

    public void markdown(String sourcePath, Markdown m) {
      open();
      markdown.put(sourcePath, m);
    }

    public void output(String file, Output o) {
      open();
      outputs.put(file, o);
    }

    public Output output(String file) {
      return outputs.get(file);
    }

    public Map<String, Output> outputs() {
      return Collections.unmodifiableMap(outputs);
    }

    /** The cache this build made; the writer takes no more entries, so it never changes. */
    public BuildCache done() {
      done = true;
      return new BuildCache(global, sources, markdown, outputs, false, base);
    }

    private void open() {
      if (done) {
        throw new IllegalStateException("the build cache was already made: it cannot change");
      }
    }
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
}
