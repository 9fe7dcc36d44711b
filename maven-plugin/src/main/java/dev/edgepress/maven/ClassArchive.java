package dev.edgepress.maven;

import dev.edgepress.generator.cache.Hash64;
import java.io.File;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A class-data-sharing archive of the forked build's classes (JDK's dynamic CDS): the first forked
 * build of a plugin version on a machine writes it as its JVM exits
 * ({@code -XX:ArchiveClassesAtExit}), the next ones map it ({@code -XX:SharedArchiveFile}) instead
 * of loading and verifying the same few thousand classes of the generator, Pebble, commonmark and
 * jsoup again.
 *
 * <p>Archives live in {@code ~/.edgepress/cds/}, one per Java, classpath (each jar's path, size and
 * time: a rebuilt SNAPSHOT is another archive) and JVM options. When a new one is made, those
 * unused for 30 days are deleted, and beyond the {@value #KEPT} most recently used the older ones
 * (about 8 MB each: a plugin developer, or a site on a SNAPSHOT, makes one per rebuilt jar). A missing, stale or damaged archive is never an error: the JVM then
 * loads classes as usual (and its CDS messages are turned off, so nothing shows in the build log);
 * a file that is not an archive at all is replaced by the next build's.
 */
final class ClassArchive {

  private static final Duration UNUSED = Duration.ofDays(30);
  /** Archives kept, the most recently used first, whatever their age. */
  static final int KEPT = 8;
  /** The fork sends the JVM's log to stderr (see Fork); these silence CDS there and on stdout. */
  private static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-Xlog:cds=off:stderr",
      "-Xlog:cds+dynamic=off:stderr");

  private final Path file;
  private final Path dumping;

  private ClassArchive(Path file, Path dumping) {
    this.file = file;
    this.dumping = dumping;
  }

  /**
   * The archive for a fork with this classpath and these options, kept in {@code directory}; null
   * when the options already say how to share classes or record a flight (JFR), or when the
   * classpath has anything but jar files (the JDK archives classes from jars only: a
   * plugin run from a folder of classes, as in this project's own tests, forks without one).
   */
  static ClassArchive of(Path directory, String classpath, String jvmArgs) {
    // The author's own CDS options win; and the JVM will not record a flight while it dumps classes.
    if (jvmArgs.contains("-Xshare") || jvmArgs.contains("SharedArchiveFile") || jvmArgs.contains("ArchiveClassesAtExit")
        || jvmArgs.contains("StartFlightRecording")) {
      return null;
    }
    for (String entry : classpath.split(File.pathSeparator)) {
      if (!entry.endsWith(".jar") || !Files.isRegularFile(Path.of(entry))) {
        return null;
      }
    }
    Hash64 key = new Hash64().add(System.getProperty("java.home")).add(System.getProperty("java.vm.version"))
        .add(jvmArgs.trim());
    for (String entry : classpath.split(File.pathSeparator)) {
      Path p = Path.of(entry);
      key.add(entry);
      try {
        key.add(Files.size(p)).add(Files.getLastModifiedTime(p).toMillis());
      } catch (IOException e) {
        key.add(-1);
      }
    }
    Path file = directory.resolve(Long.toHexString(key.get()) + ".jsa");
    if (Files.isRegularFile(file) && !isArchive(file)) {
      try {
        Files.delete(file);
      } catch (IOException e) {
        return new ClassArchive(file, null);
      }
    }
    if (Files.isRegularFile(file)) {
      try {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
      } catch (IOException e) {
        // Only for pruning: an archive that looks unused is made again.
      }
      return new ClassArchive(file, null);
    }
    return new ClassArchive(file, file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid()
        + ".tmp"));
  }

  /** A JDK dynamic archive starts with the magic number 0xf00baba8 (little-endian on disk). */
  private static boolean isArchive(Path file) {
    try (var in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(4);
      return head.length == 4 && (head[0] & 0xff) == 0xa8 && (head[1] & 0xff) == 0xab && (head[2] & 0xff) == 0x0b
          && (head[3] & 0xff) == 0xf0;
    } catch (IOException e) {
      return false;
    }
  }

  /** The JVM options that use the archive, or write it at exit when there is none yet. */
  List<String> jvmOptions() {
    if (dumping == null) {
      return concat("-XX:SharedArchiveFile=" + file);
    }
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      return List.of();
    }
    return concat("-XX:ArchiveClassesAtExit=" + dumping);
  }

  private static List<String> concat(String option) {
    List<String> options = new ArrayList<>(QUIET.size() + 1);
    options.add(option);
    options.addAll(QUIET);
    return List.copyOf(options);
  }

  /**
   * After the forked JVM exited: keeps the archive it wrote when its build went well (an archive
   * of a failed build may lack classes the next one needs: harmless, but slower), else drops it.
   */
  void forkExited(boolean built) {
    if (dumping == null) {
      return;
    }
    try {
      if (built && Files.isRegularFile(dumping) && Files.size(dumping) > 0) {
        try {
          Files.move(dumping, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(dumping, file, StandardCopyOption.REPLACE_EXISTING);
        }
        prune();
      }
    } catch (IOException e) {
      // Another build made it first, or the folder is read-only: the next build tries again.
    } finally {
      try {
        Files.deleteIfExists(dumping);
      } catch (IOException e) {
        // left for the next prune
      }
    }
  }

  /**
   * Deletes the archives (and leftovers) of the folder that no build used for {@link #UNUSED}, and
   * all but the {@link #KEPT} most recently used (this one among them).
   */
  private void prune() {
    Instant before = Instant.now().minus(UNUSED);
    Map<Path, Instant> used = new HashMap<>();
    try (DirectoryStream<Path> all = Files.newDirectoryStream(file.getParent())) {
      for (Path p : all) {
        String name = p.getFileName().toString();
        if (!p.equals(file) && (name.endsWith(".jsa") || name.endsWith(".tmp"))) {
          Instant time = Files.getLastModifiedTime(p).toInstant();
          // A .tmp is another fork's archive being written: one a day old was left by a JVM that died.
          if (time.isBefore(name.endsWith(".tmp") ? Instant.now().minus(Duration.ofDays(1)) : before)) {
            Files.deleteIfExists(p);
          } else if (name.endsWith(".jsa")) {
            used.put(p, time);
          }
        }
      }
      // Newest first (by name when two have one time, so that it does not depend on the listing).
      List<Path> others = new ArrayList<>(used.keySet());
      others.sort(Comparator.comparing((Path p) -> used.get(p)).reversed().thenComparing(Path::toString));
      for (Path p : others.subList(Math.min(others.size(), KEPT - 1), others.size())) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // Pruning is housekeeping.
    }
  }

  Path file() {
    return file;
  }
}
