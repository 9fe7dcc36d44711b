package dev.edgepress.generator.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DepKeyTest {

  /** One of every kind, with the characters the text form uses as separators inside their values. */
  static final List<DepKey> EVERY_KIND = List.of(
      new DepKey.Template("posts/page.html"),
      new DepKey.Template("a:b.html"),
      new DepKey.Asset("css/site.css"),
      new DepKey.PageData("posts/a:b.md", DepKey.Facet.META),
      new DepKey.PageData("x.md", DepKey.Facet.SUMMARY),
      new DepKey.PageData("x.md", DepKey.Facet.CONTENT),
      new DepKey.PageData("x.md", DepKey.Facet.TIME),
      new DepKey.PageData("x.md", DepKey.Facet.WORDS),
      new DepKey.SectionInfo("docs/guide"),
      new DepKey.SectionInfo("docs:pages"),
      new DepKey.SectionPages("docs"),
      new DepKey.SectionPages(""),
      new DepKey.TermInfo("tags", "c++/x"),
      DepKey.Site.PAGES, DepKey.Site.SECTIONS, DepKey.Site.TAXONOMIES, DepKey.Site.LASTMOD, DepKey.Site.DATA,
      new DepKey.OwnPath(),
      new DepKey.LinkedPage("posts/über uns.md"),
      new DepKey.NotBuilt("drafts/x.md"),
      new DepKey.ContentFile("posts/a/report.pdf"),
      new DepKey.Image("images/a b.png"));

  @Test
  void everyKindComesBackAsItWas() throws IOException {
    for (DepKey key : EVERY_KIND) {
      assertThat(DepKey.decode(DepKey.encode(key))).as(DepKey.encode(key)).isEqualTo(key);
    }
  }

  @Test
  void noTwoKeysShareATextForm() {
    Set<String> seen = new HashSet<>();
    for (DepKey key : EVERY_KIND) {
      assertThat(seen.add(DepKey.encode(key))).as(DepKey.encode(key)).isTrue();
    }
  }

  @Test
  void keysOfDifferentKindsOrValuesDiffer() {
    assertThat(new DepKey.Asset("x")).isNotEqualTo(new DepKey.Image("x")).isEqualTo(new DepKey.Asset("x"))
        .hasSameHashCodeAs(new DepKey.Asset("x"));
    assertThat(new DepKey.PageData("a.md", DepKey.Facet.META)).isNotEqualTo(new DepKey.PageData("a.md", DepKey.Facet.TIME))
        .isEqualTo(new DepKey.PageData(new String("a.md"), DepKey.Facet.META));
    assertThat(new DepKey.TermInfo("tags", "a")).isNotEqualTo(new DepKey.TermInfo("tag", "sa"));
    assertThat(new java.util.HashSet<>(EVERY_KIND)).hasSameSizeAs(EVERY_KIND);
  }

  @Test
  void textThatIsNoKeyIsRefused() {
    for (String text : List.of("", "self:x", "q:x", "p:x", "p:z:a.md", "k:tags", "s:nothing", "tags")) {
      assertThatThrownBy(() -> DepKey.decode(text)).as(text).isInstanceOf(IOException.class);
    }
  }
}
