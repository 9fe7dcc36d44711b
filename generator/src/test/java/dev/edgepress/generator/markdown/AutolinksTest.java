package dev.edgepress.generator.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.footnotes.FootnotesExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.junit.jupiter.api.Test;

/** The autolinks that skip text without a link in it make what commonmark's extension makes. */
class AutolinksTest {

  private static final List<String> TEXTS = List.of(
      "Plain prose with no link at all, and words with w in them: wow, www, swww.",
      "A URL https://example.com/path?q=1#top in a sentence, and another (http://x.org).",
      "Mail me at someone@example.com, or at first.last+tag@sub.example.org.",
      "Visit www.commonmark.org/help for more, or WWW.EXAMPLE.COM, or www.example.com.",
      "Note: a colon alone, a time 10:30, an @handle and user@ without a domain.",
      "[a link with https://inner.example.com in its text](https://outer.example.com) stays one link.",
      "<https://angle.example.com> and `code with https://code.example.com` and **bold www.bold.com**.",
      "*emph https://emph.example.com/x_y_* and ~~https://struck.example.com~~ and _www.a.b_",
      "| a | b |\n|---|---|\n| https://cell.example.com | mail@cell.example.com |",
      "Text[^1] with a footnote.\n\n[^1]: The note links https://note.example.com.",
      "Trailing punctuation: https://example.com/a.b., www.example.com/~x/y.pdf. (mailto:x@y.z)",
      "Unicode: https://例え.テスト/パス and ü@example.com and www.müller.de.",
      "A line\nbreak https://a.example.com\nand www.b.example.com  \nhard break x@y.example.com");

  @Test
  void everyTextRendersAsTheExtensionRendersIt() {
    for (String text : TEXTS) {
      for (IncludeSourceSpans spans : IncludeSourceSpans.values()) {
        assertThat(render(text, new Autolinks(), spans)).as(text + " / " + spans)
            .isEqualTo(render(text, AutolinkExtension.create(), spans));
      }
    }
  }

  @Test
  void onlyTextWithAColonAnAtOrWwwDotIsScanned() {
    assertThat(Autolinks.mayLink("plain words, even wow and www")).isFalse();
    assertThat(Autolinks.mayLink("see: this")).isTrue();
    assertThat(Autolinks.mayLink("a@b")).isTrue();
    assertThat(Autolinks.mayLink("go to www.x")).isTrue();
    assertThat(render("https://example.com", new Autolinks(), IncludeSourceSpans.NONE))
        .isEqualTo("<p><a href=\"https://example.com\">https://example.com</a></p>\n");
  }

  private static String render(String markdown, Extension autolinks, IncludeSourceSpans spans) {
    List<Extension> extensions = List.of(TablesExtension.create(), autolinks, FootnotesExtension.create());
    Parser parser = Parser.builder().extensions(extensions).includeSourceSpans(spans).build();
    return HtmlRenderer.builder().extensions(extensions).build().render(parser.parse(markdown));
  }
}
