package dev.edgepress.generator;

import static dev.edgepress.generator.TestSites.read;
import static dev.edgepress.generator.TestSites.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build cache: an unchanged rebuild renders nothing, a change renders what shows it and nothing
 * else, and the output is always the one a clean build makes.
 */
class IncrementalBuildTest {

  @TempDir Path tmp;
  Path site;
  Path out;
  int totalFiles;

  @BeforeEach
  void firstBuild() {
    site = TestSites.copySample(tmp);
    out = site.resolve("target/site");
    BuildResult first = build();
    totalFiles = first.files();
    assertThat(first.rendered()).as("a first build renders everything but copies")
        .isGreaterThan(totalFiles / 2);
  }

  private BuildResult build() {
    return TestSites.generator(site).build().build();
  }

  /** Builds, and checks that the result equals a clean build's byte for byte. */
  private Set<String> rebuild() {
    BuildResult r = build();
    Path clean = tmp.resolve("clean-" + System.nanoTime());
    TestSites.generator(site).incremental(false).outputDirectory(clean).build().build();
    assertThat(TestSites.digest(out)).isEqualTo(TestSites.digest(clean));
    return rendered(r);
  }

  private static Set<String> rendered(BuildResult r) {
    return new TreeSet<>(r.renderedFiles());
  }

  private void edit(String content, String from, String to) {
    Path file = site.resolve("content").resolve(content);
    String text = read(file);
    assertThat(text).contains(from);
    write(file, text.replace(from, to));
  }

  @Test
  void anOutputsCacheKeepsTheFileNameEarlierVersionsGaveIt() {
    // As the 2026-12-02 (dcaaac9) build named them: a new name would leave the old file behind.
    assertThat(Generator.cacheName(Path.of("/work/site/target/site"))).isEqualTo("site-851d778d.cache");
    assertThat(Generator.cacheName(Path.of("/tmp/edgepress-bench/site-10000/target/edgepress/preview")))
        .isEqualTo("preview-cbbda88c.cache");
  }

  @Test
  void anUnchangedRebuildRendersNothingAndTouchesNothing() throws IOException {
    Map<String, FileTime> before = times();
    BuildResult r = build();
    assertThat(r.rendered()).isZero();
    assertThat(r.files()).isEqualTo(totalFiles);
    assertThat(times()).isEqualTo(before);
  }

  @Test
  void textBelowTheSummaryRendersOnlyThatPost() {
    edit("posts/hello-world.md", "- another point", "- another point\n- a third point");
    assertThat(rebuild()).containsExactly("posts/hello-world/index.html");
  }

  @Test
  void aNewSummaryRendersThePostAndTheListsAndFeedsThatShowIt() {
    edit("posts/hello-world.md", "The first post on the new site. This post", "The very first post. This post");
    Set<String> rendered = rebuild();
    assertThat(rendered).contains("posts/hello-world/index.html", "index.xml", "posts/index.xml",
        "tags/news/index.html");
    assertThat(rendered).noneMatch(f -> f.startsWith("posts/why-static/") || f.startsWith("about/")
        || f.startsWith("docs/") || f.equals("404.html") || f.equals("sitemap.xml"));
    assertThat(read(out.resolve("tags/news/index.html"))).contains("The very first post.");
  }

  @Test
  void aNewTitleRendersTheNeighboursThatNameIt() {
    edit("posts/hello-world.md", "title: \"Hello, world\"", "title: \"Hello, Edgepress\"");
    Set<String> rendered = rebuild();
    assertThat(rendered).contains("posts/hello-world/index.html", "tags/news/index.html", "index.xml");
    // Pages that do not show the post are left alone.
    assertThat(rendered).doesNotContain("about/index.html", "docs/index.html", "404.html");
    assertThat(rendered.size()).isLessThan(totalFiles / 2);
  }

  @Test
  void aTemplateRendersOnlyThePagesThatUseIt() {
    write(site.resolve("templates/term.html"), "{% extends \"base.html\" %}{% block main %}<h1>Tag: {{ page.title }}</h1>"
        + "{% for p in paginator.pages %}<a href=\"{{ p.url }}\">{{ p.title }}</a>{% endfor %}{% endblock %}");
    Set<String> rendered = rebuild();
    assertThat(rendered).isNotEmpty().allMatch(f -> f.startsWith("tags/") && !f.equals("tags/index.html"));
    assertThat(read(out.resolve("tags/news/index.html"))).contains("<h1>Tag: news</h1>");

    // A partial that every page includes: every HTML page, nothing else.
    write(site.resolve("templates/partials/footer.html"), "<footer>Changed footer</footer>");
    rendered = rebuild();
    assertThat(rendered).contains("index.html", "about/index.html", "posts/hello-world/index.html", "404.html")
        .noneMatch(f -> f.endsWith(".xml") || f.endsWith(".txt") || f.endsWith(".png"));
  }

  @Test
  void whatAMacroReadsCountsAsRead() {
    // A macro sees only its arguments (Pebble hides the page's variables from it); what it reads of
    // them must still be recorded for the page that calls it.
    write(site.resolve("templates/macros/cards.html"),
        "{% macro card(p) %}<article><a href=\"{{ p.url }}\">{{ p.title }}</a></article>{% endmacro %}");
    write(site.resolve("templates/term.html"), "{% extends \"base.html\" %}{% import \"macros/cards.html\" %}"
        + "{% block main %}<h1>Tag: {{ page.title }}</h1>{% for p in paginator.pages %}{{ card(p) }}{% endfor %}"
        + "{% endblock %}");
    rebuild();
    assertThat(read(out.resolve("tags/news/index.html"))).contains("Hello, world</a></article>");

    edit("posts/hello-world.md", "title: \"Hello, world\"", "title: \"Hello, macros\"");
    Set<String> rendered = rebuild();
    assertThat(rendered).contains("tags/news/index.html");
    assertThat(read(out.resolve("tags/news/index.html"))).contains("Hello, macros</a></article>");

    // Text below the summary: not read by the macro, so the tag page is left alone.
    edit("posts/hello-world.md", "- another point", "- another point\n- a third point");
    assertThat(rebuild()).containsExactly("posts/hello-world/index.html");
  }

  @Test
  void deletingAPostRemovesItAndItsAliasAndUpdatesTheLists() throws IOException {
    // why-static is linked from nowhere else.
    Files.delete(site.resolve("content/posts/why-static.md"));
    Set<String> rendered = rebuild();
    assertThat(out.resolve("posts/why-static")).doesNotExist();
    assertThat(rendered).contains("posts/index.html", "sitemap.xml");
  }

  @Test
  void aFailedBuildKeepsTheCacheAndTheOutputConsistent() {
    Map<String, String> before = TestSites.digest(out);
    edit("posts/hello-world.md", "title: \"Hello, world\"", "title: [unclosed");
    org.assertj.core.api.Assertions.assertThatThrownBy(this::build).isInstanceOf(BuildException.class);
    assertThat(TestSites.digest(out)).isEqualTo(before);
    edit("posts/hello-world.md", "title: [unclosed", "title: \"Hello again\"");
    rebuild();
    assertThat(read(out.resolve("posts/hello-world/index.html"))).contains("Hello again");
  }

  @Test
  void aFileChangedInTheOutputFolderIsRenderedAgain() {
    write(out.resolve("about/index.html"), "tampered");
    Set<String> rendered = rebuild();
    assertThat(rendered).containsExactly("about/index.html");
  }

  @Test
  void aSmallChangeWritesOnlyADeltaOfTheCache() throws IOException {
    Path cache = TestSites.generator(site).build().cacheFile();
    byte[] base = Files.readAllBytes(cache);
    edit("posts/hello-world.md", "- another point", "- another point, again");
    rebuild();
    Path delta = cache.resolveSibling(cache.getFileName() + ".delta");
    assertThat(delta).exists();
    assertThat(Files.readAllBytes(cache)).isEqualTo(base);
    assertThat(Files.size(delta)).isLessThan(base.length / 4);
    // The next build reads both and renders nothing.
    assertThat(build().rendered()).isZero();
    // A change to everything (site.yaml) writes the whole cache again and drops the delta.
    Path config = site.resolve("site.yaml");
    write(config, read(config).replace("title: Edgepress Sample", "title: Renamed"));
    rebuild();
    assertThat(delta).doesNotExist();
    assertThat(build().rendered()).isZero();
  }

  @Test
  void aCorruptCacheMeansAFullBuild() throws IOException {
    Path cache = TestSites.generator(site).build().cacheFile();
    assertThat(cache).exists().startsWith(site.resolve("target"));
    Files.write(cache, new byte[] {1, 2, 3});
    BuildResult r = build();
    assertThat(r.rendered()).isGreaterThan(totalFiles / 2);
    assertThat(build().rendered()).isZero();
  }

  private Map<String, FileTime> times() throws IOException {
    Map<String, FileTime> times = new java.util.TreeMap<>();
    try (var walk = Files.walk(out)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (Files.isRegularFile(p)) {
          times.put(out.relativize(p).toString(), Files.getLastModifiedTime(p));
        }
      }
    }
    return times;
  }
}
