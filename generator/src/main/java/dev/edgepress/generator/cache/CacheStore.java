package dev.edgepress.generator.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
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
   * the file only the first time), and is written to its file in the background once no build has
   * happened for a few seconds, so that writing it never competes with a rebuild while the author is
   * saving. {@link Memory#close()} writes what is left. A cache file older than the output is safe:
   * every entry is checked against the files as they are.
   */
  static Memory memory() {
    return new Memory(false);
  }

  /**
   * Like {@link #memory()}, for a JVM that builds when asked by others (a build daemon): between
   * builds anything may have changed the output folder, so each output file is checked (size and
   * time) before the cache is trusted with it.
   */
  static Memory memoryCheckingOutput() {
    return new Memory(true);
  }

  final class Memory implements CacheStore, AutoCloseable {
    private final Map<Path, BuildCache> caches = new ConcurrentHashMap<>();
    private final Map<Path, BuildCache> unsaved = new ConcurrentHashMap<>();
    private static final long IDLE_MS = 3000;
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "edgepress-cache-writer");
      t.setDaemon(true);
      t.setPriority(Thread.MIN_PRIORITY);
      return t;
    });
    private final Map<Path, ScheduledFuture<?>> scheduled = new ConcurrentHashMap<>();

    private final boolean checkOutput;

    private Memory(boolean checkOutput) {
      this.checkOutput = checkOutput;
    }

    @Override
    public BuildCache load(Path file) {
      BuildCache cache = caches.computeIfAbsent(file, BuildCache::read);
      return checkOutput ? cache.unverified() : cache;
    }

    @Override
    public void save(Path file, BuildCache cache) {
      caches.put(file, cache);
      unsaved.put(file, cache);
      ScheduledFuture<?> previous = scheduled.put(file, writer.schedule(() -> flush(file), IDLE_MS,
          TimeUnit.MILLISECONDS));
      if (previous != null) {
        previous.cancel(false);
      }
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
      scheduled.values().forEach(f -> f.cancel(false));
      unsaved.keySet().forEach(file -> writer.execute(() -> flush(file)));
      writer.shutdown();
      try {
        writer.awaitTermination(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
