package dev.edgepress.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An empty Markdown file (or front matter alone, without a title) is a warning with its path, and is
 * not published: no page titled "Empty" on the home page, in the feeds or in the sitemap.
 */
class EmptyPageTest {

  @TempDir Path dir;
  Path site;
  Path output;
  List<String> warnings = new ArrayList<>();

  @BeforeEach
  void site() {
    site = TestSites.copySample(dir);
    output = site.resolve("target/site");
  }

  private void build() {
    TestSites.generator(site).listener(new BuildListener() {
      @Override
      public void warn(String message) {
        warnings.add(message);
      }
    }).build().build();
  }

  private static String warning(String file) {
    return file + ":1: is empty, so it is not built; write something or delete it";
  }

  @Test
  void anEmptyFileIsAWarningWithItsPathAndIsNotPublished() {
    TestSites.write(site.resolve("content/posts/empty.md"), "");
    build();
    assertThat(warnings).containsExactly(warning("content/posts/empty.md"));
    assertThat(output.resolve("posts/empty")).doesNotExist();
    assertThat(TestSites.read(output.resolve("index.html"))).doesNotContain(">Empty<").doesNotContain("/posts/empty/");
    assertThat(TestSites.read(output.resolve("sitemap.xml"))).doesNotContain("/posts/empty/");
    assertThat(TestSites.read(output.resolve("index.xml"))).doesNotContain("/posts/empty/");
  }

  @Test
  void frontMatterWithoutTitleOrTextIsEmptyToo() {
    TestSites.write(site.resolve("content/posts/placeholder.md"), "---\ndate: 2026-05-30\ntags: [aws]\n---\n\n  \n");
    TestSites.write(site.resolve("content/blank.md"), "\n\n");
    build();
    assertThat(warnings).containsExactly(warning("content/blank.md"), warning("content/posts/placeholder.md"));
    assertThat(output.resolve("posts/placeholder")).doesNotExist();
    assertThat(output.resolve("blank")).doesNotExist();
  }

  @Test
  void theWarningComesBackOnEveryBuildUntilTheFileHasText() {
    TestSites.write(site.resolve("content/posts/empty.md"), "");
    build();
    build();
    assertThat(warnings).containsExactly(warning("content/posts/empty.md"), warning("content/posts/empty.md"));
    TestSites.write(site.resolve("content/posts/empty.md"), "---\ndate: 2026-05-30\n---\n\nNow it has text.\n");
    warnings.clear();
    build();
    assertThat(warnings).isEmpty();
    assertThat(TestSites.read(output.resolve("posts/empty/index.html"))).contains("Now it has text.");
  }

  @Test
  void aTitleAloneOrAnEmptySectionIndexIsNotEmpty() {
    TestSites.write(site.resolve("content/posts/title-only.md"), "---\ntitle: Coming soon\ndate: 2026-05-30\n---\n");
    TestSites.write(site.resolve("content/notes/_index.md"), "");
    TestSites.write(site.resolve("content/notes/first.md"), "---\ntitle: First\n---\n\nA note.\n");
    build();
    assertThat(warnings).isEmpty();
    assertThat(output.resolve("posts/title-only/index.html")).isRegularFile();
    assertThat(output.resolve("notes/index.html")).isRegularFile();
  }
}
