package dev.edgepress.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.edgepress.generator.content.Urls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A page named in any language (content/Über uns.md is /Über-uns/) can be linked to however the
 * link is written, Unicode or percent-encoded, and the sitemap and feeds, which must be ASCII, have
 * its URL percent-encoded.
 */
class UnicodeUrlTest {

  @TempDir Path dir;
  Path site;
  Path output;

  @BeforeEach
  void site() {
    site = TestSites.copySample(dir);
    output = site.resolve("target/site");
    TestSites.write(site.resolve("content/Über uns.md"), "---\ntitle: Über uns\n---\n\nWir sind zwei.\n");
    TestSites.write(site.resolve("content/posts/Grüße aus Köln.md"),
        "---\ntitle: Grüße aus Köln\ndate: 2026-05-01\n---\n\nEin Gruß.\n\n## Straße\n\nDom.\n");
  }

  private void post(String markdown) {
    TestSites.write(site.resolve("content/posts/linker.md"),
        "---\ntitle: Linker\ndate: 2025-01-01\n---\n\n" + markdown + "\n");
  }

  @Test
  void aPercentEncodedSitePathLinksToTheUnicodePage() {
    post("See [us](/%C3%9Cber-uns/) and [us again](/Über-uns/).");
    TestSites.build(site);
    assertThat(output.resolve("Über-uns/index.html")).isRegularFile();
    assertThat(TestSites.read(output.resolve("posts/linker/index.html"))).contains("href=\"/%C3%9Cber-uns/\"");
  }

  @Test
  void aPercentEncodedMarkdownLinkFindsTheFile() {
    post("See [us](../Über%20uns.md) and [Cologne](Gr%C3%BC%C3%9Fe%20aus%20K%C3%B6ln.md#stra%C3%9Fe).");
    TestSites.build(site);
    String html = TestSites.read(output.resolve("posts/linker/index.html"));
    assertThat(html).contains("href=\"/Über-uns/\"").contains("href=\"/posts/Grüße-aus-Köln/#stra%C3%9Fe\"");
  }

  @Test
  void aPercentEncodedLinkToAMissingPageIsStillReportedWithItsLine() {
    post("Intro.\n\nSee [nobody](/%C3%9Cber-niemand/).");
    BuildException e = catchThrowableOfType(BuildException.class, () -> TestSites.build(site));
    assertThat(e.problems()).extracting(Problem::toString).containsExactly(
        "content/posts/linker.md:8: page /posts/linker/ links to /%C3%9Cber-niemand/, which is not in the site;"
            + " fix the link or add the page or file");
  }

  @Test
  void theSitemapAndFeedsHaveOnlyAsciiUrls() {
    TestSites.build(site);
    String sitemap = TestSites.read(output.resolve("sitemap.xml"));
    assertThat(sitemap).contains("<loc>https://sample.edgepress.dev/%C3%9Cber-uns/</loc>")
        .contains("<loc>https://sample.edgepress.dev/posts/Gr%C3%BC%C3%9Fe-aus-K%C3%B6ln/</loc>");
    assertThat(sitemap.chars().allMatch(c -> c < 128)).as("sitemap.xml is ASCII").isTrue();
    for (String feed : new String[] {"index.xml", "posts/index.xml"}) {
      String xml = TestSites.read(output.resolve(feed));
      assertThat(xml).as(feed)
          .contains("<link>https://sample.edgepress.dev/posts/Gr%C3%BC%C3%9Fe-aus-K%C3%B6ln/</link>")
          .contains("<guid isPermaLink=\"true\">https://sample.edgepress.dev/posts/Gr%C3%BC%C3%9Fe-aus-K%C3%B6ln/</guid>")
          .doesNotContain("https://sample.edgepress.dev/posts/Grüße");
    }
    // Pages keep the readable form in their links; their canonical URL is the encoded one.
    String page = TestSites.read(output.resolve("Über-uns/index.html"));
    assertThat(page).contains("href=\"https://sample.edgepress.dev/%C3%9Cber-uns/\"");
  }

  @Test
  void absUrlGivesAnAsciiUrlAsPermalinksAre() {
    // A template that makes its own canonical link or share URL from a page's path.
    TestSites.write(site.resolve("templates/partials/footer.html"),
        "<footer data-share=\"{{ absUrl(page.url) }}\" data-permalink=\"{{ page.permalink }}\""
            + " data-again=\"{{ absUrl('/%C3%9Cber-uns/') }}\"></footer>");
    TestSites.build(site);
    String html = TestSites.read(output.resolve("Über-uns/index.html"));
    assertThat(html).contains("data-share=\"https://sample.edgepress.dev/%C3%9Cber-uns/\"")
        .contains("data-permalink=\"https://sample.edgepress.dev/%C3%9Cber-uns/\"")
        .contains("data-again=\"https://sample.edgepress.dev/%C3%9Cber-uns/\"");
  }

  @Test
  void theOutputIsTheSameByteForByteOnEveryBuild() throws IOException {
    TestSites.generator(site).incremental(false).build().build();
    Map<String, String> first = TestSites.digest(output);
    try (var walk = Files.walk(output)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    TestSites.generator(site).incremental(false).build().build();
    assertThat(TestSites.digest(output)).isEqualTo(first).containsKey("Über-uns/index.html");
  }

  @Test
  void encodingIsIdempotentAndDecodingUndoesIt() {
    assertThat(Urls.encode("https://example.com/Über uns/?q=ä#x")).isEqualTo("https://example.com/%C3%9Cber%20uns/?q=%C3%A4#x");
    assertThat(Urls.encode("/%C3%9Cber-uns/")).isEqualTo("/%C3%9Cber-uns/");
    assertThat(Urls.encode("/emoji/\uD83D\uDE00/")).isEqualTo("/emoji/%F0%9F%98%80/");
    assertThat(Urls.decodePath("/%C3%9Cber-uns/")).isEqualTo("/Über-uns/");
    assertThat(Urls.decodePath("a+b%20c%zz%C3")).isEqualTo("a+b c%zz%C3");
  }
}
