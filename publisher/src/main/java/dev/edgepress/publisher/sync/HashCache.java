package dev.edgepress.publisher.sync;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SHA-256 of each file of the built site as the last publish hashed it, with the size and
 * modification time it had then, kept in the report folder (target/edgepress/local-hashes.tsv).
 * A file whose size and time are unchanged is not read again: the build leaves a page it did not
 * render exactly as it was, time included, so a no-op republish of a big site hashes nothing.
 *
 * <p>Anything that rewrites a file changes its time, so a file changed behind the build's back is
 * hashed again and uploaded. Two cases are not trusted: a file modified within {@link #RACY_NANOS}
 * of being hashed (a second write in the same clock tick would keep the time) is left out of the
 * cache and hashed next time; and a missing, foreign or damaged cache file means hashing
 * everything, as without a cache. (Like git's index, this does not catch a file rewritten with the
 * same size that has its old time put back on purpose.)
 */
public final class HashCache {

  static final String HEADER = "edgepress-local-hashes\t1";
  /** Two seconds: coarser than any file system's time granularity we publish from. */
  static final long RACY_NANOS = 2_000_000_000L;

  record Entry(long size, long modifiedNanos, String sha256) {}

  private final Path file;
  private final Map<String, Entry> entries;

  private HashCache(Path file, Map<String, Entry> entries) {
    this.file = file;
    this.entries = entries;
  }

  /** The cache in {@code file}; empty when there is none or it cannot be read. */
  public static HashCache load(Path file) {
    Map<String, Entry> entries = new HashMap<>();
    if (file != null && Files.isRegularFile(file)) {
      try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        if (HEADER.equals(in.readLine())) {
          String line;
          while ((line = in.readLine()) != null) {
            String[] f = line.split("\t", -1);
            if (f.length != 4 || f[3].length() != 64) {
              return new HashCache(file, new HashMap<>());
            }
            entries.put(f[0], new Entry(Long.parseLong(f[1]), Long.parseLong(f[2]), f[3]));
          }
        }
      } catch (IOException | RuntimeException e) {
        entries.clear();
      }
    }
    return new HashCache(file, entries);
  }

  /** The hash recorded for {@code path} if the file still has the size and time it had then. */
  String hashIfUnchanged(String path, long size, long modifiedNanos) {
    Entry e = entries.get(path);
    return e != null && e.size() == size && e.modifiedNanos() == modifiedNanos ? e.sha256() : null;
  }

  /** Replaces the cache with what {@code files} are now; best effort (a failure means hashing next time). */
  void save(List<LocalFile> files, Map<String, Long> modifiedNanos, long nowNanos) {
    if (file == null) {
      return;
    }
    Map<String, Entry> now = new HashMap<>(files.size() * 2);
    for (LocalFile f : files) {
      Long modified = modifiedNanos.get(f.path());
      if (modified == null || nowNanos - modified < RACY_NANOS || f.path().indexOf('\t') >= 0
          || f.path().indexOf('\n') >= 0) {
        continue;
      }
      now.put(f.path(), new Entry(f.size(), modified, f.sha256()));
    }
    if (now.equals(entries) && Files.isRegularFile(file)) {
      // The usual no-op publish: the file already says all this.
      return;
    }
    StringBuilder sb = new StringBuilder(HEADER).append('\n');
    for (LocalFile f : files) {
      Entry e = now.get(f.path());
      if (e != null) {
        sb.append(f.path()).append('\t').append(e.size()).append('\t').append(e.modifiedNanos()).append('\t')
            .append(e.sha256()).append('\n');
      }
    }
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, sb, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      // Not saved: the next publish hashes the files again.
    }
  }
}
