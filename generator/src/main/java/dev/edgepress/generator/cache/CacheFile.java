package dev.edgepress.generator.cache;

import dev.edgepress.generator.cache.BuildCache.Markdown;
import dev.edgepress.generator.cache.BuildCache.Output;
import dev.edgepress.generator.cache.BuildCache.Source;
import dev.edgepress.generator.cache.CacheCodec.Part;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A cache on disk: a base file with the whole cache, and beside it a delta file with what changed
 * since that base. A build that changed one page should not spend half a second writing 20 MB, so
 * when little changed only the delta is written. Both go through a temporary file, so a crash never
 * leaves half of one; a file that cannot be read (another version, a truncated write) is ignored and
 * the build renders everything, as a clean build would.
 *
 * <p>Not thread-safe: one thread at a time writes through an instance (the background writer of
 * {@link CacheStore.Memory} owns its own). It remembers the base it last wrote, which nothing else
 * sees; the caches it writes are never changed.
 */
final class CacheFile {

  /** Beyond this share of entries changed, the whole cache is written again instead of a delta. */
  private static final double DELTA_LIMIT = 0.2;

  private final Path file;
  /** The base this instance last wrote to {@link #file}, or null: newer than any cache's own. */
  private Part written;

  CacheFile(Path file) {
    this.file = file;
  }

  Path path() {
    return file;
  }

  static Path delta(Path file) {
    return file.resolveSibling(file.getFileName() + ".delta");
  }

  /**
   * The cache in the file (and its delta file, when that belongs to it), or {@link BuildCache#EMPTY}
   * when there is none or it cannot be read.
   */
  static BuildCache read(Path file) {
    Part base = readPart(file);
    if (base == null) {
      return BuildCache.EMPTY;
    }
    Part delta = readPart(delta(file));
    if (delta == null || delta.baseId() != base.baseId() || delta.global() != base.global()) {
      return new BuildCache(base.global(), base.sources(), base.markdown(), base.outputs(), true, base);
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
    return new BuildCache(base.global(), sources, markdown, outputs, true, base);
  }

  private static Part readPart(Path file) {
    try (InputStream raw = Files.newInputStream(file)) {
      return CacheCodec.decode(new DataInputStream(new BufferedInputStream(raw, 1 << 16)));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Writes {@code cache}: as a delta when the base on disk is the one it (or this instance's last
   * write) descends from and little changed, else whole.
   */
  void write(BuildCache cache) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    long onDisk = baseIdOnDisk(file);
    Part base = written != null && written.baseId() == onDisk ? written : cache.base();
    if (base != null && onDisk == base.baseId() && base.global() == cache.global()) {
      Part delta = diff(cache, base);
      int changed = delta.sources().size() + delta.markdown().size() + delta.outputs().size()
          + delta.removedSources().size() + delta.removedMarkdown().size() + delta.removedOutputs().size();
      int all = base.sources().size() + base.markdown().size() + base.outputs().size();
      if (changed <= all * DELTA_LIMIT) {
        writeAtomically(delta(file), delta);
        return;
      }
    }
    Part whole = new Part(new Random().nextLong(), cache.global(), cache.sources(), cache.markdown(),
        cache.outputs(), List.of(), List.of(), List.of());
    writeAtomically(file, whole);
    written = whole;
    Files.deleteIfExists(delta(file));
  }

  /** What {@code cache} has that {@code from} has not (or has otherwise), and what it lost. */
  private static Part diff(BuildCache cache, Part from) {
    Map<String, Source> s = new HashMap<>();
    cache.sources().forEach((k, v) -> {
      Source was = from.sources().get(k);
      if (was == null || was.size() != v.size() || was.modified() != v.modified() || was.hash() != v.hash()
          || was.frontHash() != v.frontHash()) {
        s.put(k, v);
      }
    });
    Map<String, Markdown> m = new HashMap<>();
    cache.markdown().forEach((k, v) -> {
      if (from.markdown().get(k) != v) {
        m.put(k, v);
      }
    });
    Map<String, Output> o = new HashMap<>();
    cache.outputs().forEach((k, v) -> {
      if (from.outputs().get(k) != v) {
        o.put(k, v);
      }
    });
    List<String> rs = from.sources().keySet().stream().filter(k -> !cache.sources().containsKey(k)).toList();
    List<String> rm = from.markdown().keySet().stream().filter(k -> !cache.markdown().containsKey(k)).toList();
    List<String> ro = from.outputs().keySet().stream().filter(k -> !cache.outputs().containsKey(k)).toList();
    return new Part(from.baseId(), cache.global(), s, m, o, rs, rm, ro);
  }

  private static long baseIdOnDisk(Path file) {
    try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
      return in.readInt() == CacheCodec.MAGIC && in.readInt() == CacheCodec.FORMAT ? in.readLong() : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  private static void writeAtomically(Path file, Part part) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (OutputStream raw = Files.newOutputStream(tmp)) {
      DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16));
      CacheCodec.encode(out, part);
      out.flush();
    }
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
