package dev.edgepress.publisher.sync;

import dev.edgepress.headers.Fingerprinted;
import dev.edgepress.headers.HeaderRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads the built site: every file with its hashes and the headers it should be served with. The
 * build's own folder {@code .edgepress/} (its record of fingerprinted files) is not part of the
 * site and is never published; that record tells which files are served immutable.
 */
public final class SiteScan {

  private SiteScan() {}

  public static List<LocalFile> scan(Path siteDir, HeaderRules rules) {
    return scan(siteDir, rules, null).files();
  }

  /**
   * The files of the site and how many of them were read to hash them.
   *
   * @param hashes the file of the hashes of the last scan (see {@link HashCache}), or null to hash
   *     every file; it is rewritten with this scan's
   */
  public record Scan(List<LocalFile> files, int hashed) {}

  public static Scan scan(Path siteDir, HeaderRules rules, Path hashes) {
    // One walk that stats each file once: a no-op publish of a big site is mostly this.
    List<Found> files = new java.util.ArrayList<>();
    try {
      Files.walkFileTree(siteDir, java.util.EnumSet.of(java.nio.file.FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
          new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              String path = siteDir.relativize(file).toString().replace('\\', '/');
              if (attrs.isRegularFile() && !Fingerprinted.isBuildOwn(path)) {
                files.add(new Found(file, path, attrs));
              }
              return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
              throw e;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + siteDir, e);
    }
    HeaderRules site = rules.forSite(siteDir);
    HashCache cache = hashes == null ? null : HashCache.load(hashes);
    long now = System.currentTimeMillis() * 1_000_000L;
    Map<String, Long> times = new java.util.concurrent.ConcurrentHashMap<>();
    java.util.concurrent.atomic.AtomicInteger hashed = new java.util.concurrent.atomic.AtomicInteger();
    List<LocalFile> local = files.parallelStream()
        .map(found -> {
          Path f = found.file();
          BasicFileAttributes attrs = found.attrs();
          String path = found.path();
          try {
            long modified = attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS);
            times.put(path, modified);
            String known = cache == null ? null : cache.hashIfUnchanged(path, attrs.size(), modified);
            if (known != null) {
              return new LocalFile(path, f, attrs.size(), known, site.headersFor(path));
            }
            byte[] bytes = Files.readAllBytes(f);
            hashed.incrementAndGet();
            return new LocalFile(path, f, bytes.length, hex("SHA-256", bytes), site.headersFor(path));
          } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
          }
        })
        .sorted(java.util.Comparator.comparing(LocalFile::path))
        .toList();
    if (cache != null) {
      cache.save(local, times, now);
    }
    return new Scan(local, hashed.get());
  }

  /** A file of the site as the walk found it: where, its path in the site ('/' separated), its attributes. */
  private record Found(Path file, String path, BasicFileAttributes attrs) {}

  static String hex(String algorithm, byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String sha256(String text) {
    return hex("SHA-256", text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
