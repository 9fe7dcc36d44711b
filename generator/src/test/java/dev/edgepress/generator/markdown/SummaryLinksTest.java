package dev.edgepress.generator.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** A summary shown on a list page keeps its links leading where they lead on the post's own page. */
class SummaryLinksTest {

  private static String fromPost(String html) {
    return MarkdownRenderer.fromPage(html, "/blog/posts/a/", Set.of("gone.md"));
  }

  @Test
  void linksRelativeToThePostAreMadeRelativeToTheSiteRoot() {
    assertThat(fromPost("<p><a href=\"../b/\">b</a> <a href=\"#part\">part</a> <img src=\"chart.png\" alt=\"\"></p>"))
        .isEqualTo("<p><a href=\"/blog/posts/b/\">b</a> <a href=\"/blog/posts/a/#part\">part</a>"
            + " <img src=\"/blog/posts/a/chart.png\" alt=\"\"></p>");
    assertThat(fromPost("<a href=\"./notes/x.html?v=1#top\">")).isEqualTo("<a href=\"/blog/posts/a/notes/x.html?v=1#top\">");
    assertThat(fromPost("<a href=\"..\">")).isEqualTo("<a href=\"/blog/posts/\">");
    assertThat(fromPost("<a href=\"../../../../up/\">")).isEqualTo("<a href=\"/up/\">");
    assertThat(fromPost("<a href=\"?page=2\">")).isEqualTo("<a href=\"/blog/posts/a/?page=2\">");
    // A page whose url is a file (url: /legal.html): its links are relative to its folder.
    assertThat(MarkdownRenderer.fromPage("<a href=\"imprint/\">i</a><a href=\"#terms\">t</a>", "/blog/legal.html", Set.of()))
        .isEqualTo("<a href=\"/blog/imprint/\">i</a><a href=\"/blog/legal.html#terms\">t</a>");
  }

  @Test
  void eachRelativeUrlOfASrcsetIsMadeRelativeToTheSiteRoot() {
    assertThat(fromPost("<img src=\"a.png\" srcset=\"a.png 1x, ../b/a@2x.png 2x,/blog/c.png 3x\">"))
        .isEqualTo("<img src=\"/blog/posts/a/a.png\" srcset=\"/blog/posts/a/a.png 1x, /blog/posts/b/a@2x.png 2x,/blog/c.png 3x\">");
    assertThat(fromPost("<img srcset=\"s.png 480w,l.png 800w\" sizes=\"(max-width: 600px) 480px, 800px\">"))
        .isEqualTo("<img srcset=\"/blog/posts/a/s.png 480w,/blog/posts/a/l.png 800w\" sizes=\"(max-width: 600px) 480px, 800px\">");
    assertThat(fromPost("<img srcset=\"https://cdn.example/x.png 2x, gone.md 3x\">"))
        .isEqualTo("<img srcset=\"https://cdn.example/x.png 2x, gone.md 3x\">");
  }

  @Test
  void rootedAbsoluteAndReportedLinksStayAsTheyAre() {
    String html = "<a href=\"/blog/about/\">x</a><a href=\"https://example.com/a\">y</a><a href=\"//cdn.example/z\">z</a>"
        + "<a href=\"mailto:a@example.com\">m</a><a href=\"gone.md\">g</a><a href=\"\">e</a><p>href=\"x\" in text</p>";
    assertThat(fromPost(html)).isEqualTo(html);
  }
}
