package dev.edgepress.generator.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgepress.generator.BuildListener;
import dev.edgepress.generator.BuildResult;
import dev.edgepress.generator.Generator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache a server keeps in memory and writes in the background. */
class MemoryCacheStoreTest {

  private static final Path SAMPLE = Path.of("..", "sample-site").toAbsolutePath().normalize();
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);

  @TempDir
  Path dir;

  @Test
  void aBuildRunsWhileTheLastCacheIsBeingWritten() throws Exception {
    Path site = copySample();
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CacheStore.Memory store = new CacheStore.Memory(false, 0, () -> {
      writing.countDown();
      await(release);
    });
    Generator generator = Generator.builder(site).clock(CLOCK).cacheStore(store).build();
    Path cacheFile = generator.cacheFile();
    try (store) {
      generator.build();
      assertThat(writing.await(30, TimeUnit.SECONDS)).as("the first cache is being written").isTrue();
      BuildCache first = store.load(cacheFile, BuildListener.SILENT);

      // The writer holds the first cache; the next build reads it, and saves its own.
      Path post = site.resolve("content/posts/hello-world.md");
      Files.writeString(post, Files.readString(post).replace("- another point", "- another point, again"));
      BuildResult second = generator.build();
      assertThat(second.rendered()).isPositive().isLessThan(second.files() / 2);
      BuildCache next = store.load(cacheFile, BuildListener.SILENT);
      assertThat(next).isNotSameAs(first);
      release.countDown();
      store.awaitWrites();
      // What the writer wrote, last, is the newest cache, and it reads back as it is in memory.
      CacheFileTest.assertSame(BuildCache.read(cacheFile), next);
    }
    Map<String, String> incremental = files(generator.outputDirectory());
    // A clean build of the same sources gives the same output, and a one-off build from the file
    // written in the background renders nothing.
    assertThat(Generator.builder(site).clock(CLOCK).build().build().rendered()).isZero();
    Path clean = dir.resolve("clean");
    Generator.builder(site).clock(CLOCK).outputDirectory(clean).incremental(false).build().build();
    assertThat(incremental).isEqualTo(files(clean));
  }

  @Test
  void aWriteThatFailsIsToldToTheNextBuild() throws Exception {
    Path blocker = dir.resolve("not-a-folder");
    Files.writeString(blocker, "a file where the cache folder should be");
    Path file = blocker.resolve("cache.bin");
    List<String> warnings = new CopyOnWriteArrayList<>();
    BuildListener listener = new BuildListener() {
      @Override
      public void warn(String message) {
        warnings.add(message);
      }
    };
    BuildCache cache = CacheFileTest.sample(1, 3);
    try (CacheStore.Memory store = new CacheStore.Memory(false, 0, () -> {})) {
      store.load(file, listener);
      store.save(file, cache);
      store.awaitWrites();
      assertThat(warnings).isEmpty();
      // The next build is told, once, and still has the cache in memory.
      assertThat(store.load(file, listener)).isSameAs(cache);
      assertThat(warnings).singleElement().asString()
          .contains("Could not write the build cache " + file)
          .contains("Nothing is lost");
      store.load(file, listener);
      assertThat(warnings).hasSize(1);

      // Once it can be written, close() writes what is left.
      Files.delete(blocker);
    }
    CacheFileTest.assertSame(BuildCache.read(file), cache);
    assertThat(warnings).hasSize(1);
  }

  @Test
  void aWriteThatFailsAtCloseIsToldToTheLastBuild() throws Exception {
    Path blocker = dir.resolve("not-a-folder");
    Files.writeString(blocker, "x");
    Path file = blocker.resolve("cache.bin");
    List<String> warnings = new CopyOnWriteArrayList<>();
    CacheStore.Memory store = new CacheStore.Memory(false, 60_000, () -> {});
    store.load(file, new BuildListener() {
      @Override
      public void warn(String message) {
        warnings.add(message);
      }
    });
    store.save(file, CacheFileTest.sample(1, 3));
    store.close();
    assertThat(warnings).singleElement().asString()
        .contains("Could not write the build cache " + file)
        .contains("the next run renders everything");
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Path copySample() throws IOException {
    Path site = dir.resolve("site");
    for (String part : new String[] {"site.yaml", "content", "static", "data", "templates"}) {
      Path from = SAMPLE.resolve(part);
      if (!Files.exists(from)) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(from)) {
        for (Path p : (Iterable<Path>) walk::iterator) {
          Path target = site.resolve(part).resolve(from.relativize(p).toString());
          if (Files.isDirectory(p)) {
            Files.createDirectories(target);
          } else {
            Files.createDirectories(target.getParent());
            Files.copy(p, target);
          }
        }
      }
    }
    return site;
  }

  private static Map<String, String> files(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(Files::isRegularFile).forEach(p -> {
        try {
          files.put(root.relativize(p).toString(), new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
    return files;
  }
}
