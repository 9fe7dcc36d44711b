package dev.edgepress.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.edgepress.generator.markdown.Highlighter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fenced code blocks are highlighted at build time (issue 14); site.yaml's {@code highlight},
 * {@code markdown.unsafeHtml} and {@code theme} (its line) as an author sees them (issue 12).
 */
class CodeHighlightTest {

  @TempDir Path dir;

  private static final String POST_HEAD = "---\ntitle: Code\ndate: 2025-02-01T00:00:00Z\n---\n\nIntro.\n\n";

  private Path siteWith(String body) {
    Path site = TestSites.copySample(dir);
    TestSites.write(site.resolve("content/posts/code.md"), POST_HEAD + body);
    return site;
  }

  private static String post(BuildResult r) {
    return TestSites.read(r.outputDirectory().resolve("posts/code/index.html"));
  }

  private static void setting(Path site, String yaml) {
    TestSites.write(site.resolve("site.yaml"), TestSites.read(site.resolve("site.yaml")) + "\n" + yaml + "\n");
  }

  @Test
  void theSampleSitesJavaAndShellBlocksAreHighlighted() {
    Path site = TestSites.copySample(dir);
    BuildResult r = TestSites.build(site);
    String hello = TestSites.read(r.outputDirectory().resolve("posts/hello-world/index.html"));
    assertThat(hello).contains("<pre><code class=\"language-java\">System.out.<span class=\"f\">println</span>(")
        .contains("<span class=\"s\">&quot;Hello, world&quot;</span>");
    String maven = TestSites.read(r.outputDirectory().resolve("posts/maven-for-writers/index.html"));
    assertThat(maven).contains("<code class=\"language-sh\"><span class=\"f\">mvn</span>");
  }

  @Test
  void htmlCharactersInCodeStayEscapedHighlightedOrNot() {
    String code = "if (a < b && s.equals(\"<b>\")) {}\n";
    BuildResult r = TestSites.build(siteWith("```java\n" + code + "```\n\n```cobol\n" + code + "```\n"));
    String html = post(r);
    assertThat(html).contains("<code class=\"language-java\"><span class=\"k\">if</span>")
        .contains("a &lt; b &amp;&amp; s.equals(")
        .contains("<span class=\"s\">&quot;&lt;b&gt;&quot;</span>")
        .contains("<code class=\"language-cobol\">if (a &lt; b &amp;&amp; s.equals(&quot;&lt;b&gt;&quot;)) {}\n</code>")
        .doesNotContain("<b>");
  }

  @Test
  void noLanguageOrAnUnknownOneStaysPlainAsBefore() {
    BuildResult r = TestSites.build(siteWith("```\nplain <x>\n```\n\n```nosuchlang extra words\nplain\n```\n"));
    assertThat(post(r)).contains("<pre><code>plain &lt;x&gt;\n</code></pre>")
        .contains("<pre><code class=\"language-nosuchlang\">plain\n</code></pre>");
  }

  @Test
  void highlightFalseGivesPlainCode() {
    Path site = siteWith("```java\npublic class A {}\n```\n");
    setting(site, "highlight: false");
    BuildResult r = TestSites.build(site);
    assertThat(post(r)).contains("<pre><code class=\"language-java\">public class A {}\n</code></pre>")
        .doesNotContain("token");
  }

  @Test
  void aHugeBlockIsShownPlainQuicklyWithAWarningNamingTheFile() {
    String big = "int x = \"a\";\n".repeat(1024 * 1024 / 13 + 1);
    Path site = siteWith("Text.\n\n```java\n" + big + "```\n");
    List<String> warnings = new ArrayList<>();
    long start = System.nanoTime();
    BuildResult r = TestSites.generator(site).listener(new BuildListener() {
      @Override
      public void warn(String message) {
        warnings.add(message);
      }
    }).build().build();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    assertThat(post(r)).contains("<code class=\"language-java\">int x = &quot;a&quot;;\nint x");
    assertThat(warnings).anySatisfy(w -> assertThat(w)
        .startsWith(Path.of("content/posts/code.md") + ":10: the java code block is " + big.length()
            + " characters long, more than the " + Highlighter.MAX_CHARS)
        .contains("shown without highlighting"));
  }

  @Test
  void codeBeforeTheMoreMarkerIsHighlightedInTheSummaryToo() {
    Path site = TestSites.copySample(dir);
    // The newest post, so that it is on the first page of the list.
    TestSites.write(site.resolve("content/posts/code.md"),
        "---\ntitle: Code\ndate: 2026-05-01T00:00:00Z\n---\n\n```java\nreturn 1;\n```\n\n<!--more-->\n\nRest.\n");
    BuildResult r = TestSites.build(site);
    String highlighted = "<code class=\"language-java\"><span class=\"k\">return</span>";
    assertThat(post(r)).contains(highlighted);
    assertThat(TestSites.read(r.outputDirectory().resolve("posts/index.html"))).contains(highlighted);
  }

  @Test
  void theSameSourcesGiveTheSameBytes() {
    Path site = siteWith("```html\n<style>p{color:red}</style><script>let a = 1;</script>\n```\n\n```css\np { color: red }\n```\n");
    String first = post(TestSites.build(site));
    String second = post(TestSites.generator(site).threads(1).build().build());
    assertThat(second).isEqualTo(first).contains("<span class=\"f\">color</span>");
  }

  private static final String RAW = "<p onclick=\"steal()\">Hi <b>there</b></p>\n\n<script>alert(1)</script>\n\n"
      + "<iframe src=\"https://evil.example/\"></iframe>\n\n<a href=\"javascript:alert(2)\">raw</a> and "
      + "[md](javascript:alert(3)) and <a href=\"https://example.org/\">ok</a> and [local](/about/)\n";

  @Test
  void rawHtmlPassesThroughByDefault() {
    String html = post(TestSites.build(siteWith(RAW)));
    assertThat(html).contains("<p onclick=\"steal()\">").contains("<script>alert(1)</script>")
        .contains("<iframe src=\"https://evil.example/\">").contains("href=\"javascript:alert(2)\"");
  }

  @Test
  void unsafeHtmlFalseKeepsOnlySafeTagsAndAttributes() {
    Path site = siteWith("## Part\n\n" + RAW + "\n```java\nint a = 1;\n```\n\n- [x] done\n");
    setting(site, "markdown:\n  unsafeHtml: false");
    String html = post(TestSites.build(site));
    assertThat(html).doesNotContain("onclick").doesNotContain("alert(1)").doesNotContain("<iframe")
        .doesNotContain("javascript:").doesNotContain("steal")
        .contains("<p>Hi <b>there</b></p>")
        .contains("<a href=\"https://example.org/\" rel=\"noopener\">ok</a>")
        .contains("<a href=\"/about/\">local</a>")
        // What Markdown itself makes survives: heading ids and anchors, highlighting, task lists.
        .contains("<h2 id=\"part\">Part <a class=\"anchor\" href=\"#part\" aria-hidden=\"true\" tabindex=\"-1\">#</a></h2>")
        .contains("<span class=\"k\">int</span>")
        .contains("type=\"checkbox\"");
  }

  @Test
  void aMissingThemeIsReportedAtTheLineOfItsKey() {
    Path site = TestSites.copySample(dir);
    TestSites.write(site.resolve("site.yaml"), "title: T\nbaseUrl: https://example.com/\ntheme: nonexistent\n");
    BuildException e = catchThrowableOfType(BuildException.class, () -> TestSites.build(site));
    assertThat(e.problems()).anySatisfy(p -> {
      assertThat(p.line()).isEqualTo(3);
      assertThat(p.message()).contains("theme 'nonexistent' not found");
    });
  }

  @Test
  void anUnknownMarkdownSettingIsReportedAndABadValueFailsAtItsLine() {
    Path site = TestSites.copySample(dir);
    setting(site, "markdown:\n  unsafeHTML: false\nhighlight: maybe");
    List<String> warnings = new ArrayList<>();
    BuildException e = catchThrowableOfType(BuildException.class, () -> TestSites.generator(site)
        .listener(new BuildListener() {
          @Override
          public void warn(String message) {
            warnings.add(message);
          }
        }).build().build());
    assertThat(warnings).anySatisfy(w -> assertThat(w).contains("unknown setting 'markdown.unsafeHTML'")
        .contains("known: unsafeHtml"));
    assertThat(e.problems()).anySatisfy(p -> assertThat(p.message()).contains("'highlight' must be true or false"));
  }
}
