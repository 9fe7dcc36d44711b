package dev.edgepress.generator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Copies of the sample site to break, and helpers to look at what a build wrote. */
final class TestSites {

  /** The reactor's sample site, relative to the generator module. */
  static final Path SAMPLE = Path.of("..", "sample-site").toAbsolutePath().normalize();

  /** A fixed "now" after every sample post and before the one dated in the future. */
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);

  private TestSites() {}

  /** Copies the sample site's sources (not its target/) into {@code dir}. */
  static Path copySample(Path dir) {
    Path site = dir.resolve("site");
    for (String part : new String[] {"site.yaml", "content", "static", "data", "templates"}) {
      Path from = SAMPLE.resolve(part);
      if (Files.exists(from)) {
        copyTree(from, site.resolve(part));
      }
    }
    return site;
  }

  static void copyTree(Path from, Path to) {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(p, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Generator.Builder generator(Path site) {
    return Generator.builder(site).clock(CLOCK);
  }

  static BuildResult build(Path site) {
    return generator(site).build().build();
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every file under {@code dir} with the SHA-256 of its bytes, by relative path. */
  static Map<String, String> digest(Path dir) {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (Files.isRegularFile(p)) {
          out.put(dir.relativize(p).toString().replace('\\', '/'),
              HexFormat.of().formatHex(sha.digest(Files.readAllBytes(p))));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }
}
