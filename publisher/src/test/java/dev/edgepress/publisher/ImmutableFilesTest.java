package dev.edgepress.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgepress.generator.Generator;
import dev.edgepress.headers.HeaderRules;
import dev.edgepress.publisher.store.DirectoryStore;
import dev.edgepress.publisher.sync.LocalFile;
import dev.edgepress.publisher.sync.SiteScan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Only the files the build fingerprinted (asset()'s copies) are served immutable and left out of
 * invalidations; a file whose name merely looks fingerprinted is an ordinary file.
 */
class ImmutableFilesTest {

  static final Path SAMPLE = Path.of("..", "sample-site").toAbsolutePath().normalize();

  @TempDir Path dir;
  Path site;
  final List<List<String>> invalidated = new ArrayList<>();

  @BeforeEach
  void copySample() {
    site = dir.resolve("site");
    for (String part : new String[] {"site.yaml", "content", "static", "data", "templates"}) {
      if (Files.exists(SAMPLE.resolve(part))) {
        copy(SAMPLE.resolve(part), site.resolve(part));
      }
    }
  }

  @Test
  void aDatedFileIsRevalidatedAndInvalidatedWhenReplacedWhileAnAssetCopyStaysImmutable() throws IOException {
    Files.writeString(site.resolve("static/report.20240315.pdf"), "%PDF-1.4 the first report");
    build();
    Map<String, LocalFile> files = SiteScan.scan(site.resolve("target/site"), HeaderRules.defaults()).stream()
        .collect(Collectors.toMap(LocalFile::path, Function.identity()));
    assertThat(files.get("report.20240315.pdf").headers().cacheControl()).isEqualTo(HeaderRules.REVALIDATE);
    String css = files.keySet().stream().filter(p -> p.matches("css/style\\.[0-9a-f]{10}\\.css")).findFirst().orElseThrow();
    assertThat(files.get(css).headers().cacheControl()).as(css).isEqualTo(HeaderRules.IMMUTABLE);
    assertThat(files.get("css/style.css").headers().cacheControl()).isEqualTo(HeaderRules.REVALIDATE);
    assertThat(files.keySet()).as("the build's own files are not published").noneMatch(p -> p.startsWith("."));
    publish();

    Files.writeString(site.resolve("static/report.20240315.pdf"), "%PDF-1.4 the corrected report");
    build();
    PublishReport second = publish();
    assertThat(second.uploaded()).isEqualTo(1);
    assertThat(second.invalidationPaths()).containsExactly("/report.20240315.pdf");
  }

  void build() {
    Generator.builder(site).clock(Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC)).build().build();
  }

  PublishReport publish() {
    return Publisher.builder(site.resolve("target/site"), new DirectoryStore(dir.resolve("bucket")))
        .invalidator((paths, reference, wait) -> {
          invalidated.add(paths);
          return "I" + invalidated.size();
        })
        .build().publish();
  }

  static void copy(Path from, Path to) {
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
}
