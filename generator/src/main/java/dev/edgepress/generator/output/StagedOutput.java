package dev.edgepress.generator.output;

import dev.edgepress.generator.content.FileStamp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes a build beside the output folder and puts it in place only when the build succeeded, so a
 * failed build leaves the last good site untouched.
 *
 * <p>When there is no output yet, every file goes to a staging folder that is renamed into place.
 * When there is one, a file whose bytes are already in the output is not written at all (its
 * modification time stays, and an unchanged rebuild writes nothing); changed and new files go to
 * the staging folder and are moved into place by {@link #commit()}, which then deletes the files
 * the build no longer makes. Rewriting and deleting a 10,000-page tree on every build is what this
 * avoids: on these disks that alone takes seconds.
 */
public final class StagedOutput {

  private final Path output;
  private final Path staging;
  private final boolean fresh;
  private final Set<String> produced = ConcurrentHashMap.newKeySet();
  private final List<String> changed = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger files = new AtomicInteger();

  private StagedOutput(Path output, Path staging, boolean fresh) {
    this.output = output;
    this.staging = staging;
    this.fresh = fresh;
  }

  public static StagedOutput open(Path output) {
    Path abs = output.toAbsolutePath().normalize();
    Path staging = abs.resolveSibling("." + abs.getFileName() + ".staging");
    try {
      deleteTree(staging);
      Files.createDirectories(staging);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the staging folder " + staging, e);
    }
    return new StagedOutput(abs, staging, !Files.isDirectory(abs));
  }

  /** Stages {@code bytes} for {@code relative} ('/' separated) in the output folder. */
  public void write(String relative, byte[] bytes) {
    Path target = staging.resolve(relative).normalize();
    if (!target.startsWith(staging) || target.equals(staging)) {
      throw new IllegalArgumentException("refusing to write outside the output folder: " + relative);
    }
    produced.add(relative);
    files.incrementAndGet();
    try {
      if (!fresh && sameBytes(output.resolve(relative), bytes)) {
        return;
      }
      Files.createDirectories(target.getParent());
      Files.write(target, bytes);
      changed.add(relative);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  private static final ThreadLocal<ByteBuffer> COMPARE = ThreadLocal.withInitial(() -> ByteBuffer.allocate(64 * 1024));

  /** Whether the file holds exactly these bytes; read into a buffer reused by the thread. */
  private static boolean sameBytes(Path existing, byte[] bytes) throws IOException {
    try (FileChannel ch = FileChannel.open(existing, StandardOpenOption.READ)) {
      if (ch.size() != bytes.length) {
        return false;
      }
      ByteBuffer buf = COMPARE.get();
      if (buf.capacity() < bytes.length) {
        buf = ByteBuffer.allocate(Math.max(bytes.length, buf.capacity() * 2));
        COMPARE.set(buf);
      }
      buf.clear().limit(bytes.length);
      while (buf.hasRemaining() && ch.read(buf) >= 0) {
        // read until full or end of file
      }
      return buf.position() == bytes.length
          && Arrays.equals(buf.array(), 0, bytes.length, bytes, 0, bytes.length);
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  /**
   * Counts a file the build makes but did not render again, because the build cache knows it is
   * already in the output folder with the right bytes.
   */
  public void keep(String relative) {
    produced.add(relative);
    files.incrementAndGet();
  }

  /** Size and modification time (nanoseconds) of a file now in the output folder. */
  public record FileState(long size, long modified) {}

  private volatile Set<String> previous;

  /**
   * Tells the commit which files the last build left in the output folder (as its build cache
   * lists them), so that it deletes those this build does not make without listing the folder: on
   * a 10,000-page site listing it takes longer than an incremental build. Files put there by
   * something else stay until a build without a cache.
   */
  public void previousFiles(Set<String> files) {
    this.previous = files;
  }

  /** The size and time of a file in the output folder (before {@link #commit()}: of the last build), or null. */
  public FileState state(String relative) {
    try {
      FileStamp stamp = FileStamp.of(Files.readAttributes(output.resolve(relative), BasicFileAttributes.class));
      return new FileState(stamp.size(), stamp.modified());
    } catch (IOException e) {
      return null;
    }
  }


  /** Every file the build made, '/' separated paths under the output folder. */
  public Set<String> files() {
    return Collections.unmodifiableSet(produced);
  }

  /** Files the build made, written or already in place. */
  public int filesWritten() {
    return files.get();
  }

  /** Files that were new or changed, after {@link #commit()}. */
  public int filesChanged() {
    return changed.size();
  }

  /** Puts the staged build in place and removes what it no longer makes. */
  public void commit() {
    try {
      if (fresh) {
        Files.createDirectories(output.getParent());
        move(staging, output);
        return;
      }
      List<String> sorted = new ArrayList<>(changed);
      Collections.sort(sorted);
      for (String rel : sorted) {
        Path to = output.resolve(rel);
        if (Files.isDirectory(to)) {
          deleteTree(to);
        }
        Files.createDirectories(to.getParent());
        move(staging.resolve(rel), to);
      }
      deleteStale();
      deleteTree(staging);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move the new site into " + output
          + "; run the build again to finish", e);
    }
  }

  private void deleteStale() throws IOException {
    Set<String> listed = previous;
    if (listed != null) {
      // Delete what the last build made and this one does not, then the folders left empty.
      Set<Path> dirs = new java.util.TreeSet<>(java.util.Comparator.reverseOrder());
      for (String rel : listed) {
        if (!produced.contains(rel)) {
          Path file = output.resolve(rel);
          Files.deleteIfExists(file);
          for (Path d = file.getParent(); d != null && !d.equals(output) && d.startsWith(output); d = d.getParent()) {
            dirs.add(d);
          }
        }
      }
      for (Path d : dirs) {
        try (var entries = Files.list(d)) {
          if (entries.findAny().isEmpty()) {
            Files.delete(d);
          }
        } catch (NoSuchFileException e) {
          // already gone
        }
      }
      return;
    }
    Set<Path> touched = new java.util.HashSet<>();
    Files.walkFileTree(output, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        String rel = output.relativize(file).toString().replace('\\', '/');
        if (!produced.contains(rel)) {
          Files.delete(file);
          touched.add(file.getParent());
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
        // Only a folder something was deleted from can have become empty.
        if (!dir.equals(output) && touched.contains(dir)) {
          try (var entries = Files.list(dir)) {
            if (entries.findAny().isEmpty()) {
              Files.delete(dir);
              touched.add(dir.getParent());
            }
          }
        }
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /** Drops the staging folder; the output folder is as it was. */
  public void abort() {
    try {
      deleteTree(staging);
    } catch (IOException e) {
      // Best effort: the next build deletes it first.
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
        Files.delete(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
