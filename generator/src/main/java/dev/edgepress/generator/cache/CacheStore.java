package dev.edgepress.generator.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Where builds keep their {@link BuildCache} between runs. */
public interface CacheStore {

  BuildCache load(Path file);

  void save(Path file, BuildCache cache) throws IOException;

  /** Reads the file at the start of each build and writes it at the end: for one-off builds. */
  CacheStore FILES = new CacheStore() {
    @Override
    public BuildCache load(Path file) {
      return BuildCache.read(file);
    }

    @Override
    public void save(Path file, BuildCache cache) throws IOException {
      cache.write(file);
    }
  };

  /**
   * For a server that rebuilds on every change: the cache stays in memory between builds (read from
   * the file only the first time), and is written to the file in the background, the newest one
   * only, so that a rebuild does not wait for the disk. {@link Memory#close()} writes what is left.
   */
  static Memory memory() {
    return new Memory();
  }

  final class Memory implements CacheStore, AutoCloseable {
    private final Map<Path, BuildCache> caches = new ConcurrentHashMap<>();
    private final Map<Path, BuildCache> unsaved = new ConcurrentHashMap<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "edgepress-cache-writer");
      t.setDaemon(true);
      t.setPriority(Thread.MIN_PRIORITY);
      return t;
    });

    private Memory() {}

    @Override
    public BuildCache load(Path file) {
      return caches.computeIfAbsent(file, BuildCache::read);
    }

    @Override
    public void save(Path file, BuildCache cache) {
      caches.put(file, cache);
      unsaved.put(file, cache);
      writer.execute(() -> flush(file));
    }

    private void flush(Path file) {
      BuildCache c = unsaved.remove(file);
      if (c != null) {
        try {
          c.write(file);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }

    /** Writes the newest cache of each file, then stops the writer. */
    @Override
    public void close() {
      writer.shutdown();
      try {
        writer.awaitTermination(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
