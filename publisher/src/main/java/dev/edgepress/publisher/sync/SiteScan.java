package dev.edgepress.publisher.sync;

import dev.edgepress.headers.Fingerprinted;
import dev.edgepress.headers.HeaderRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the built site: every file with its hashes and the headers it should be served with. The
 * build's own folder {@code .edgepress/} (its record of fingerprinted files) is not part of the
 * site and is never published; that record tells which files are served immutable.
 */
public final class SiteScan {

  private SiteScan() {}

  public static List<LocalFile> scan(Path siteDir, HeaderRules rules) {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(siteDir)) {
      files = walk.filter(Files::isRegularFile)
          .filter(f -> !Fingerprinted.isBuildOwn(siteDir.relativize(f).toString().replace('\\', '/')))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + siteDir, e);
    }
    HeaderRules site = rules.forSite(siteDir);
    return files.parallelStream()
        .map(f -> {
          String path = siteDir.relativize(f).toString().replace('\\', '/');
          try {
            byte[] bytes = Files.readAllBytes(f);
            return new LocalFile(path, f, bytes.length, hex("SHA-256", bytes), site.headersFor(path));
          } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
          }
        })
        .sorted(java.util.Comparator.comparing(LocalFile::path))
        .toList();
  }

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
