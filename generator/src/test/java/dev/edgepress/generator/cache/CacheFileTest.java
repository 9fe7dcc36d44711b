package dev.edgepress.generator.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgepress.generator.cache.BuildCache.Markdown;
import dev.edgepress.generator.cache.BuildCache.Output;
import dev.edgepress.generator.cache.BuildCache.Source;
import dev.edgepress.generator.markdown.TocEntry;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache file and its codec: what is written is what is read, and a damaged file is no cache. */
class CacheFileTest {

  private static final long GLOBAL = 0x1234_5678_9abc_def0L;

  @TempDir
  Path dir;

  @Test
  void aWholeCacheReadsBackAsItWasWritten() throws IOException {
    BuildCache cache = sample(GLOBAL, 3);
    Path file = dir.resolve("sub/cache.bin");
    cache.write(file);
    assertThat(CacheFile.delta(file)).doesNotExist();
    BuildCache read = BuildCache.read(file);
    assertThat(read.fromFile()).isTrue();
    assertSame(read, cache);
  }

  @Test
  void aBigCacheIsWrittenInChunksAndReadsBackWhole() throws IOException {
    // 3,000 pages: 9,001 entries, more than one chunk of the file.
    BuildCache cache = sample(GLOBAL, 3000);
    Path file = dir.resolve("big.bin");
    cache.write(file);
    try (var in = new java.io.DataInputStream(Files.newInputStream(file))) {
      in.skipNBytes(36);
      assertThat(in.readInt()).as("chunks").isGreaterThan(1);
    }
    BuildCache read = BuildCache.read(file);
    assertThat(read.sources().keySet()).isEqualTo(cache.sources().keySet());
    assertThat(read.markdown().keySet()).isEqualTo(cache.markdown().keySet());
    assertThat(read.outputs().keySet()).isEqualTo(cache.outputs().keySet());
    // Entry by entry for a sample from every chunk (all of them is slow in AssertJ's comparison).
    for (int i = 0; i < 3000; i += 97) {
      assertThat(read.source("s" + i + ".md")).usingRecursiveComparison().ignoringFields("page")
          .isEqualTo(cache.source("s" + i + ".md"));
      assertThat(read.markdown("s" + i + ".md")).usingRecursiveComparison().isEqualTo(cache.markdown("s" + i + ".md"));
      assertThat(read.output("out" + i + "/index.html")).usingRecursiveComparison()
          .isEqualTo(cache.output("out" + i + "/index.html"));
    }
  }

  @Test
  void everyKindOfFrontMatterValueReadsBack() throws IOException {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("none", null);
    values.put("text", "héllo \u2603 \"quoted\"\n");
    values.put("empty", "");
    values.put("yes", true);
    values.put("int", Integer.MIN_VALUE);
    values.put("long", Long.MAX_VALUE);
    values.put("double", -0.5e300);
    values.put("big", new BigInteger("-123456789012345678901234567890"));
    values.put("list", Arrays.asList(1, "two", null, List.of(3L)));
    values.put("map", Map.of("inner", Map.of("deeper", List.of())));
    assertThat(BuildCache.storable(values)).isTrue();
    BuildCache.Writer w = new BuildCache.Writer(GLOBAL, BuildCache.EMPTY);
    w.source("a.md", new Source(1, 2, 3, 4, values, Map.of("title", 2), 10, 5, null));
    w.output("a/index.html", output(1, "a"));
    BuildCache cache = w.done();
    Path file = dir.resolve("cache.bin");
    cache.write(file);
    BuildCache read = BuildCache.read(file);
    assertThat(read.source("a.md").values()).isEqualTo(values);
    assertThat(new ArrayList<>(read.source("a.md").values().keySet())).isEqualTo(new ArrayList<>(values.keySet()));
    assertSame(read, cache);
  }

  @Test
  void aSmallChangeIsWrittenAsADeltaAndReadsBackMerged() throws IOException {
    Path file = dir.resolve("cache.bin");
    sample(GLOBAL, 20).write(file);
    byte[] base = Files.readAllBytes(file);
    BuildCache previous = BuildCache.read(file);

    // The next build: one source changed, one page's Markdown changed, one output gone, one new.
    BuildCache.Writer w = new BuildCache.Writer(GLOBAL, previous);
    previous.sources().forEach(w::source);
    previous.markdown().forEach(w::markdown);
    previous.outputs().forEach((k, v) -> {
      if (!k.equals("out5/index.html")) {
        w.output(k, v);
      }
    });
    w.output("new/index.html", output(77, "new"));
    Source s = previous.source("s3.md");
    w.source("s3.md", new Source(s.size() + 1, s.modified(), s.hash(), s.frontHash(), s.values(), s.lines(),
        s.bodyOffset(), s.bodyLine(), null));
    w.markdown("s4.md", markdown(99));
    BuildCache next = w.done();
    next.write(file);

    assertThat(Files.readAllBytes(file)).isEqualTo(base);
    assertThat(CacheFile.delta(file)).exists();
    assertThat(Files.size(CacheFile.delta(file))).isLessThan(base.length / 4);
    BuildCache read = BuildCache.read(file);
    assertSame(read, next);
    assertThat(read.output("out5/index.html")).isNull();
    assertThat(read.source("s3.md").size()).isEqualTo(s.size() + 1);
  }

  @Test
  void aTruncatedOrDamagedFileIsNoCache() throws IOException {
    Path file = dir.resolve("cache.bin");
    sample(GLOBAL, 5).write(file);
    byte[] bytes = Files.readAllBytes(file);
    for (int length : new int[] {0, 3, 8, 24, bytes.length / 2, bytes.length - 1}) {
      Files.write(file, Arrays.copyOf(bytes, length));
      assertThat(BuildCache.read(file)).as("cut to %d bytes", length).isSameAs(BuildCache.EMPTY);
    }
    byte[] foreign = bytes.clone();
    foreign[7]++; // another format
    Files.write(file, foreign);
    assertThat(BuildCache.read(file)).isSameAs(BuildCache.EMPTY);
    // Header (magic, format, base id, global: 24 bytes), the counts of sources, Markdown files and
    // outputs, the number of chunks, then each chunk's length and bytes, which start with its string
    // table's size.
    for (int at : new int[] {24, 28, 32, 36, 40, 44}) {
      byte[] huge = bytes.clone();
      Arrays.fill(huge, at, at + 4, (byte) 0x7f); // two billion chunks, bytes or strings
      Files.write(file, huge);
      assertThat(BuildCache.read(file)).as("a count of two billion at %d", at).isSameAs(BuildCache.EMPTY);
    }
    assertThat(BuildCache.read(dir.resolve("missing.bin"))).isSameAs(BuildCache.EMPTY);
  }

  @Test
  void aDamagedOrForeignDeltaIsIgnoredAndTheBaseIsRead() throws IOException {
    Path file = dir.resolve("cache.bin");
    BuildCache first = sample(GLOBAL, 20);
    first.write(file);
    BuildCache previous = BuildCache.read(file);
    BuildCache.Writer w = new BuildCache.Writer(GLOBAL, previous);
    copyAll(previous, w);
    w.markdown("s1.md", markdown(42));
    w.done().write(file);
    Path delta = CacheFile.delta(file);
    byte[] bytes = Files.readAllBytes(delta);
    Files.write(delta, Arrays.copyOf(bytes, bytes.length - 2));
    assertSame(BuildCache.read(file), first);

    // A delta left from another base (the base was written again since) is not applied.
    Files.write(delta, bytes);
    sample(GLOBAL, 20).write(dir.resolve("other.bin"));
    Files.copy(dir.resolve("other.bin"), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThat(BuildCache.read(file).markdown("s1.md").words()).isNotEqualTo(42);
  }

  @Test
  void aCacheThatChangedMuchIsWrittenWholeAndTheDeltaDropped() throws IOException {
    Path file = dir.resolve("cache.bin");
    sample(GLOBAL, 10).write(file);
    BuildCache previous = BuildCache.read(file);
    BuildCache.Writer w = new BuildCache.Writer(GLOBAL, previous);
    copyAll(previous, w);
    w.markdown("s1.md", markdown(7));
    w.done().write(file);
    assertThat(CacheFile.delta(file)).exists();
    BuildCache other = sample(GLOBAL, 2);
    BuildCache.Writer again = new BuildCache.Writer(GLOBAL, BuildCache.read(file));
    copyAll(other, again);
    BuildCache next = again.done();
    next.write(file);
    assertThat(CacheFile.delta(file)).doesNotExist();
    assertSame(BuildCache.read(file), next);
  }

  @Test
  void aCacheThatWasMadeNeverChanges() {
    BuildCache.Writer w = new BuildCache.Writer(GLOBAL, BuildCache.EMPTY);
    w.output("a.html", output(1, "a"));
    BuildCache cache = w.done();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> w.output("b.html", output(2, "b")))
        .isInstanceOf(IllegalStateException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> cache.outputs().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(cache.outputs()).containsOnlyKeys("a.html");
  }

  @Test
  void theComparisonOfCachesSeesOneLinkChanged() {
    BuildCache cache = sample(GLOBAL, 3);
    BuildCache.Writer w = new BuildCache.Writer(GLOBAL, BuildCache.EMPTY);
    copyAll(cache, w);
    Output o = cache.output("out1/index.html");
    w.output("out1/index.html", new Output(o.intrinsic(), o.keys(), o.fingerprints(), o.size(), o.modified(), o.ids(),
        new String[] {"/s1/", "https://x.org/other"}, o.brokenLinks()));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> assertSame(w.done(), cache))
        .isInstanceOf(AssertionError.class);
  }

  // ---- helpers ----

  /** Whether two caches hold the same entries (a cache read from its file has no pages in memory). */
  static void assertSame(BuildCache actual, BuildCache expected) {
    assertThat(actual.global()).isEqualTo(expected.global());
    assertThat(actual.sources()).usingRecursiveComparison().ignoringFieldsMatchingRegexes(".*\\.page")
        .isEqualTo(expected.sources());
    assertThat(actual.markdown()).usingRecursiveComparison().isEqualTo(expected.markdown());
    assertThat(actual.outputs()).usingRecursiveComparison().isEqualTo(expected.outputs());
  }

  static BuildCache sample(long global, int n) {
    BuildCache.Writer w = new BuildCache.Writer(global, BuildCache.EMPTY);
    for (int i = 0; i < n; i++) {
      Map<String, Object> values = new LinkedHashMap<>();
      values.put("title", "Page " + i);
      values.put("tags", List.of("a", "t" + i));
      values.put("weight", i);
      Map<String, Integer> lines = new LinkedHashMap<>();
      lines.put("title", 2);
      lines.put("tags", 3);
      w.source("s" + i + ".md", new Source(100 + i, 1_700_000_000_000L + i, 31L * i, 17L * i, values, lines, 40, 6,
          null));
      w.markdown("s" + i + ".md", markdown(i));
      w.output("out" + i + "/index.html", output(i, "s" + i));
    }
    w.output("feed.xml", new Output(5, new DepKey[0], new long[0], -1, -1, new String[0], new String[0], false));
    return w.done();
  }

  static Markdown markdown(int i) {
    return new Markdown(7L * i,
        new DepKey[] {new DepKey.OwnPath(), new DepKey.LinkedPage("posts/a.md"), new DepKey.Image("x.png")},
        new long[] {i, -i, 2L * i}, "<p>summary " + i + "</p>",
        i % 2 == 0, List.of(new TocEntry(2, "Intro " + i, "intro"), new TocEntry(3, "Más", "mas")), 120 + i,
        11L * i, 13L * i);
  }

  static Output output(int i, String name) {
    return new Output(3L * i,
        new DepKey[] {new DepKey.Template("tags.html"), new DepKey.PageData(name + ".md", DepKey.Facet.SUMMARY),
            new DepKey.TermInfo("tags", "t" + i), DepKey.Site.PAGES},
        new long[] {i, i + 1, i + 2, i + 3}, 2048 + i,
        1_700_000_000_000L, new String[] {"top", "h-" + i}, new String[] {"/" + name + "/", "https://x.org/"},
        i % 3 == 0);
  }

  private static void copyAll(BuildCache from, BuildCache.Writer to) {
    from.sources().forEach(to::source);
    from.markdown().forEach(to::markdown);
    from.outputs().forEach(to::output);
  }
}
