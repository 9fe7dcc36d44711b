package dev.edgepress.generator.cache;

import dev.edgepress.generator.BuildListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Where builds keep their {@link BuildCache} between runs. */
public interface CacheStore {

  /**
   * The cache kept for {@code file}. A store that writes in the background tells {@code listener}
   * (the build that starts) about a write that failed since the last build.
   */
  BuildCache load(Path file, BuildListener listener);

  void save(Path file, BuildCache cache) throws IOException;

  /** Reads the file at the start of each build and writes it at the end: for one-off builds. */
  CacheStore FILES = new CacheStore() {
    @Override
    public BuildCache load(Path file, BuildListener listener) {
      return CacheFile.read(file);
    }

    @Override
    public void save(Path file, BuildCache cache) throws IOException {
      new CacheFile(file).write(cache);
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
    return new Memory(false, Memory.IDLE_MS, () -> {});
  }

  /**
   * Like {@link #memory()}, for a JVM that builds when asked by others (a build daemon): between
   * builds anything may have changed the output folder, so each output file is checked (size and
   * time) before the cache is trusted with it.
   */
  static Memory memoryCheckingOutput() {
    return new Memory(true, Memory.IDLE_MS, () -> {});
  }

  /**
   * Builds read and save immutable {@link BuildCache} snapshots through a concurrent map; the one
   * writer thread writes them, each file through a {@link CacheFile} that only it uses. So nothing a
   * build reads is ever changed by the writer. A write that fails is kept and told to the next build
   * (or at {@link #close()}, to the last one's listener), never dropped.
   */
  final class Memory implements CacheStore, AutoCloseable {
    static final long IDLE_MS = 3000;

    private final Map<Path, BuildCache> caches = new ConcurrentHashMap<>();
    private final Map<Path, BuildCache> unsaved = new ConcurrentHashMap<>();
    /** Used by the writer thread only. */
    private final Map<Path, CacheFile> files = new ConcurrentHashMap<>();
    /** Writes that failed, not yet told to anyone. */
    private final Map<Path, IOException> failed = new ConcurrentHashMap<>();
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "edgepress-cache-writer");
      t.setDaemon(true);
      t.setPriority(Thread.MIN_PRIORITY);
      return t;
    });
    private final Map<Path, ScheduledFuture<?>> scheduled = new ConcurrentHashMap<>();
    private volatile BuildListener lastListener = BuildListener.SILENT;

    private final boolean checkOutput;
    private final long idleMillis;
    private final Runnable beforeWrite;

    /** @param beforeWrite run on the writer thread as each write starts (tests hold a write there) */
    Memory(boolean checkOutput, long idleMillis, Runnable beforeWrite) {
      this.checkOutput = checkOutput;
      this.idleMillis = idleMillis;
      this.beforeWrite = beforeWrite;
    }

    @Override
    public BuildCache load(Path file, BuildListener listener) {
      lastListener = listener;
      report(file, listener);
      BuildCache cache = caches.computeIfAbsent(file, CacheFile::read);
      return checkOutput ? cache.unverified() : cache;
    }

    @Override
    public void save(Path file, BuildCache cache) {
      caches.put(file, cache);
      unsaved.put(file, cache);
      ScheduledFuture<?> previous = scheduled.put(file, writer.schedule(() -> flush(file), idleMillis,
          TimeUnit.MILLISECONDS));
      if (previous != null) {
        previous.cancel(false);
      }
    }

    /** On the writer thread: writes the newest cache of {@code file}, keeping a failure to tell. */
    private void flush(Path file) {
      BuildCache c = unsaved.remove(file);
      if (c == null) {
        return;
      }
      try {
        beforeWrite.run();
        files.computeIfAbsent(file, CacheFile::new).write(c);
        failed.remove(file);
      } catch (IOException | RuntimeException e) {
        failed.put(file, e instanceof IOException io ? io : new IOException(e.toString(), e));
        // Still in memory: written again with the next save, or at close.
        unsaved.putIfAbsent(file, c);
      }
    }

    /** Waits until the writes scheduled to run by now are done (tests). */
    void awaitWrites() throws Exception {
      writer.submit(() -> {}).get(30, TimeUnit.SECONDS);
    }

    private void report(Path file, BuildListener listener) {
      IOException e = failed.remove(file);
      if (e != null) {
        listener.warn(message(file, e));
      }
    }

    static String message(Path file, IOException e) {
      return "Could not write the build cache " + file + " in the background (" + e.getMessage()
          + "). Nothing is lost: the cache stays in memory and is written again after the next build;"
          + " until then a new process starts from the older file, or renders everything";
    }

    /**
     * Writes the newest cache of each file, then stops the writer. A write that fails is told to the
     * listener of the last build: a new process then renders everything (or what the older file
     * cannot vouch for), and nothing is lost.
     */
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
      BuildListener listener = lastListener;
      failed.forEach((file, e) -> {
        try {
          listener.warn("Could not write the build cache " + file + " (" + e.getMessage()
              + "); nothing is lost: the next run renders everything, or what the older file cannot vouch for");
        } catch (RuntimeException gone) {
          // The last build's listener may be gone (a daemon's client): no one is left to tell.
        }
      });
      failed.clear();
    }
  }
}
