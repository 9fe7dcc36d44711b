package dev.edgepress.generator;

import dev.edgepress.generator.cache.Hash64;
import dev.edgepress.generator.content.FileStamp;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Whether the last build's output still stands, checked without building (as Gradle checks a task):
 * a no-op {@code mvn edgepress:build} or {@code mvn site-publish} then costs a walk of the site's
 * folders instead of starting a build.
 *
 * <p>A build that succeeded without a warning leaves a stamp beside its cache: the settings, the
 * inputs as they were before it started (every file under the site folder but the build's own
 * folders and hidden ones, the source folders that are elsewhere, and the jars of the code and
 * themes), the output folder as it left it, and the first instant at which a future-dated page
 * becomes due or a page expires. Each file counts by its path, size and modification time; a file
 * modified less than two seconds before the inputs were looked at also counts by its content, since
 * a second change within the file system's clock tick would keep its time (git's "racy clean"
 * rule). The check compares all of it with the folders as they are now; any difference, a missing
 * stamp or a build in between that failed means a build. A stamp is never trusted across a failed
 * build: each build deletes it first.
 *
 * <p>The inputs are looked at by the check ({@link #check}), which leaves them for the build it did
 * not skip ({@link #takeInputs}); a build with no such record (one not preceded by a check) leaves
 * no stamp, and the next check builds once more.
 */
public final class UpToDate {

  private static final String MAGIC = "edgepress-up-to-date 1";
  private static final long RACY_NANOS = TimeUnit.SECONDS.toNanos(2);

  private UpToDate() {}

  /** The inputs before a build: when they were looked at, their sum, and the settings they were taken for. */
  record Inputs(long takenNanos, long settings, long sum, int files) {
    String line() {
      return takenNanos + " " + settings + " " + sum + " " + files;
    }

    static Optional<Inputs> parse(String line) {
      String[] f = line.trim().split(" ");
      if (f.length != 4) {
        return Optional.empty();
      }
      try {
        return Optional.of(new Inputs(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]),
            Integer.parseInt(f[3])));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
  }

  /**
   * What a check found.
   *
   * @param current whether the last build's output stands: a build would change nothing
   * @param files how many files were looked at
   * @param why when not current and the files are as the last build left them, what else changed
   *     (for the log); empty otherwise
   */
  public record Result(boolean current, int files, String why) {}

  /** Where to look: the site's files, and the folders under it that are the build's own. */
  record Roots(Path site, List<Path> elsewhere, Set<Path> skipped, Path output, ClassLoader code) {}

  static Path stampFile(Path cacheFile) {
    return cacheFile.resolveSibling(cacheFile.getFileName() + ".up-to-date");
  }

  static Path inputsFile(Path cacheFile) {
    return cacheFile.resolveSibling(cacheFile.getFileName() + ".inputs");
  }

  /**
   * Compares the stamp with the files as they are. When they differ, records the inputs as they are
   * now for the build that follows.
   */
  static Result check(Path cacheFile, Roots roots, long settings, long nowMillis) {
    List<String> lines = read(stampFile(cacheFile));
    long taken = System.currentTimeMillis() * 1_000_000L;
    Optional<Inputs> recorded = lines.size() == 4 && lines.get(0).equals(MAGIC)
        ? Inputs.parse(lines.get(1)).filter(i -> i.settings() == settings) : Optional.empty();
    // The output folder is walked meanwhile, on another thread: the two walks are most of the check.
    java.util.concurrent.FutureTask<Sum> output = new java.util.concurrent.FutureTask<>(
        () -> Sum.of(roots.output(), Set.of(), 0, 0, false));
    if (recorded.isPresent()) {
      Thread walker = new Thread(output, "edgepress-up-to-date");
      walker.setDaemon(true);
      walker.start();
    }
    // One walk gives both sums: as the stamp's inputs were taken, and as this check takes them now.
    Sum in = inputs(roots, recorded.map(Inputs::takenNanos).orElse(taken), taken);
    write(inputsFile(cacheFile), List.of(MAGIC, new Inputs(taken, settings, in.now, in.files).line()));
    if (recorded.isEmpty()) {
      return new Result(false, in.files, "");
    }
    if (in.then != recorded.get().sum() || in.files != recorded.get().files()) {
      // A build follows: the output walk would only compete with it.
      output.cancel(true);
      return new Result(false, in.files, "");
    }
    Sum out;
    try {
      out = output.get();
    } catch (java.util.concurrent.ExecutionException | InterruptedException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return new Result(false, in.files, "");
    }
    if (!lines.get(2).equals(out.now + " " + out.files)) {
      return new Result(false, in.files + out.files, "the output folder changed since the last build");
    }
    if (nowMillis >= parseOr(lines.get(3), 0)) {
      return new Result(false, in.files + out.files, "a page's date or expiry date has come");
    }
    // Nothing will be built: the recorded inputs are for no one.
    try {
      Files.deleteIfExists(inputsFile(cacheFile));
    } catch (IOException e) {
      // Harmless: a later build compares them with its own settings and the files.
    }
    return new Result(true, in.files + out.files, "");
  }

  private static long parseOr(String s, long otherwise) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }

  /** The inputs a check recorded for this build, removed so that no later build uses them. */
  static Optional<Inputs> takeInputs(Path cacheFile) {
    Path file = inputsFile(cacheFile);
    List<String> lines = read(file);
    try {
      Files.deleteIfExists(file);
      Files.deleteIfExists(stampFile(cacheFile));
    } catch (IOException e) {
      // A stamp that cannot be deleted cannot be trusted: say nothing stands.
      return Optional.empty();
    }
    return lines.size() == 2 && lines.get(0).equals(MAGIC) ? Inputs.parse(lines.get(1)) : Optional.empty();
  }

  /** A file of the output as the build left it: its path under the output folder ('/' separated), size and time. */
  record OutputFile(String path, long size, long modifiedNanos) {}

  /**
   * After a build that succeeded without a warning: the stamp a next check compares with. The
   * output is summed from what the build knows it left there (the files it made, with the size and
   * time it wrote them or found them with), not walked again; a file put into the output folder by
   * hand is not among them, so with one there every check finds the folder changed and builds (as
   * every build did before there was a check).
   */
  static void stamp(Path cacheFile, Inputs inputs, List<OutputFile> output, long untilMillis) {
    Sum out = new Sum();
    for (OutputFile f : output) {
      out.add("/" + f.path(), f.size(), f.modifiedNanos());
    }
    write(stampFile(cacheFile), List.of(MAGIC, inputs.line(), out.now + " " + out.files, String.valueOf(untilMillis)));
  }

  /** The inputs' sums with a file modified after {@code then} or {@code now} (less two seconds) counting by content. */
  private static Sum inputs(Roots roots, long then, long now) {
    long racyThen = then - RACY_NANOS;
    long racyNow = now - RACY_NANOS;
    Sum sum = Sum.of(roots.site(), roots.skipped(), racyThen, racyNow, true);
    for (Path p : roots.elsewhere()) {
      sum.add(Sum.of(p, Set.of(), racyThen, racyNow, false));
    }
    List<Path> code = new ArrayList<>();
    if (roots.code() instanceof URLClassLoader urls) {
      for (URL url : urls.getURLs()) {
        try {
          code.add(Path.of(url.toURI()));
        } catch (URISyntaxException | IllegalArgumentException e) {
          sum.add(url.toString(), 0, 0);
        }
      }
    } else {
      for (String entry : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
        if (!entry.isEmpty()) {
          code.add(Path.of(entry));
        }
      }
    }
    // The code and the themes: jars are not edited in place, their size and time are enough.
    code.forEach(p -> sum.add(Sum.of(p, Set.of(), 0, 0, false)));
    return sum;
  }

  /**
   * Order-free sums of each file's path, size and time, and, for a file modified at or after a
   * threshold, its content: any file added, removed or changed changes them. {@code then} and
   * {@code now} differ only in their thresholds (the stamp's time and this walk's).
   */
  private static final class Sum {
    long then;
    long now;
    int files;

    void add(String path, long size, long modified) {
      long plain = entry(path, size, modified);
      then += plain;
      now += plain;
      files++;
    }

    /** One file's part of a sum. */
    static long entry(String path, long size, long modified) {
      return new Hash64().add(path).add(size).add(modified).get();
    }

    void add(Sum other) {
      then += other.then;
      now += other.now;
      files += other.files;
    }

    static Sum of(Path root, Set<Path> skipped, long racyThenFrom, long racyNowFrom, boolean skipHidden) {
      Sum s = new Sum();
      String prefix = root.toString();
      try {
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
            new SimpleFileVisitor<>() {
              @Override
              public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (skipped.contains(dir) || (skipHidden && root.equals(dir.getParent())
                    && dir.getFileName().toString().startsWith("."))) {
                  return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
              }

              @Override
              public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (Thread.currentThread().isInterrupted()) {
                  return FileVisitResult.TERMINATE;
                }
                long modified = FileStamp.nanos(attrs.lastModifiedTime());
                String path = file.toString().substring(prefix.length()).replace(java.io.File.separatorChar, '/');
                long plain = Sum.entry(path, attrs.size(), modified);
                boolean racyThen = attrs.isRegularFile() && racyThenFrom != 0 && modified >= racyThenFrom;
                boolean racyNow = attrs.isRegularFile() && racyNowFrom != 0 && modified >= racyNowFrom;
                long content = racyThen || racyNow ? content(file) : 0;
                s.then += racyThen ? plain ^ content : plain;
                s.now += racyNow ? plain ^ content : plain;
                s.files++;
                return FileVisitResult.CONTINUE;
              }

              @Override
              public FileVisitResult visitFileFailed(Path file, IOException e) {
                // Gone while walking, unreadable, or a link loop: it counts as its own state.
                s.add(file + "\0failed", 0, 0);
                return FileVisitResult.CONTINUE;
              }
            });
      } catch (NoSuchFileException e) {
        s.add(prefix + "\0missing", 0, 0);
      } catch (IOException e) {
        s.add(prefix + "\0failed", 0, 0);
      }
      return s;
    }

    private static long content(Path file) {
      try {
        return Hash64.of(Files.readAllBytes(file)) * 31 + 1;
      } catch (IOException e) {
        return 1;
      }
    }
  }

  private static List<String> read(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  /** Written whole or not at all; a failure only means the next check builds. */
  private static void write(Path file, List<String> lines) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.write(tmp, lines, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // Nothing is trusted without a readable stamp.
      }
    }
  }

  /** The folders and files a check looks at for a generator's settings. */
  static Roots roots(Path site, List<Path> sources, Path output, Path cacheFile, ClassLoader code) {
    List<Path> elsewhere = new ArrayList<>();
    for (Path p : sources) {
      Path abs = p.toAbsolutePath().normalize();
      if (!abs.startsWith(site)) {
        elsewhere.add(abs);
      }
    }
    // The build's own folders: the first folder under the site on the way to the output and to the
    // cache (target/ for target/site and target/edgepress/cache).
    Set<Path> skipped = new java.util.HashSet<>();
    for (Path own : List.of(output.toAbsolutePath().normalize(), cacheFile.getParent())) {
      if (own.startsWith(site) && !own.equals(site)) {
        skipped.add(site.resolve(site.relativize(own).getName(0)));
      } else {
        skipped.add(own);
      }
    }
    skipped.add(site.resolve("node_modules"));
    return new Roots(site, elsewhere, skipped, output.toAbsolutePath().normalize(), code);
  }
}
