package dev.edgepress.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.NodeList;

/** What a reader of the built sample site finds, page by page. */
class SiteOutputTest {

  @TempDir static Path dir;
  static Path site;
  static Path out;
  static BuildResult result;

  @BeforeAll
  static void build() {
    site = TestSites.copySample(dir);
    result = TestSites.build(site);
    out = result.outputDirectory();
  }

  static Document html(String path) {
    Path file = out.resolve(path);
    assertThat(file).as(path).isRegularFile();
    return Jsoup.parse(TestSites.read(file), "https://sample.edgepress.dev/" + path);
  }

  static List<String> titlesOnList(Document d) {
    return d.select("article.summary h2 a").eachText();
  }

  @Test
  void homeListsNewestPostsFirstWithPagination() {
    Document home = html("index.html");
    assertThat(home.title()).isEqualTo("Edgepress Sample");
    assertThat(home.select("html").attr("lang")).isEqualTo("en");
    assertThat(titlesOnList(home)).containsExactly(
        "Security headers for a static site", "Maven for writers", "Images that do not shift the page",
        "A contact form without a server", "What CloudFront invalidations cost");
    assertThat(home.select("a[rel=next]").attr("href")).isEqualTo("/page/2/");
    Document second = html("page/2/index.html");
    assertThat(titlesOnList(second)).containsExactly("Templates 101", "TLS certificates with ACM",
        "Custom domains with Route 53", "Markdown tips", "Caching with CloudFront");
    assertThat(second.select("a[rel=prev]").attr("href")).isEqualTo("/");
    assertThat(titlesOnList(html("page/3/index.html")))
        .containsExactly("S3 basics for websites", "Why a static site", "Hello, world");
    assertThat(second.select("link[rel=canonical]").attr("href")).isEqualTo("https://sample.edgepress.dev/page/2/");
  }

  @Test
  void homeTextComesFromIndexWithLinksRewritten() {
    Document home = html("index.html");
    assertThat(home.select("section.intro a").eachAttr("href")).containsExactly("/posts/", "/docs/");
  }

  @Test
  void postHasContentMetaTagsAndNeighbours() {
    Document post = html("posts/markdown-tips/index.html");
    assertThat(post.select("h1").text()).isEqualTo("Markdown tips");
    assertThat(post.select("time").attr("datetime")).isEqualTo("2025-02-11T09:00:00Z");
    assertThat(post.select("meta[name=description]").attr("content")).isEqualTo("Tables, footnotes and task lists.");
    assertThat(post.select("a[rel=tag]").eachAttr("href")).containsExactly("/tags/markdown/", "/tags/howto/");
    assertThat(post.select("h2#what-it-covers")).hasSize(1);
    assertThat(post.select("table th").eachText()).containsExactly("Feature", "Supported");
    assertThat(post.select("input[type=checkbox][checked]")).hasSize(1);
    assertThat(post.select("input[type=checkbox]").eachAttr("aria-label")).containsExactly("Done", "To do");
    assertThat(post.select("del").text()).isEqualTo("Strikethrough");
    assertThat(post.select("section.footnotes li#fn-1").text()).contains("Like this one.");
    assertThat(post.select("a:contains(link to the about page)").attr("href")).isEqualTo("/about/");
    assertThat(post.select("nav.prev-next a").eachAttr("href"))
        .containsExactly("/posts/custom-domains/", "/posts/cloudfront-caching/");
  }

  @Test
  void imagesHaveTheirSizeAndAllButTheFirstLoadLazily() {
    var imgs = html("posts/markdown-tips/index.html").select("article img");
    assertThat(imgs).hasSize(2);
    assertThat(imgs.eachAttr("width")).containsExactly("120", "120");
    assertThat(imgs.eachAttr("height")).containsExactly("60", "60");
    assertThat(imgs.get(0).hasAttr("loading")).isFalse();
    assertThat(imgs.get(1).attr("loading")).isEqualTo("lazy");
    assertThat(imgs.get(1).attr("decoding")).isEqualTo("async");
  }

  @Test
  void externalLinksGetNoopenerAndHeadingsAnAnchor() {
    Document post = html("posts/markdown-tips/index.html");
    assertThat(post.select("a[href=https://spec.commonmark.org/]").attr("rel")).isEqualTo("noopener");
    assertThat(post.select("a:contains(link to the about page)").hasAttr("rel")).isFalse();
    assertThat(post.select("h2#details a.anchor").attr("href")).isEqualTo("#details");
  }

  @Test
  void postsHaveSocialTagsAndJsonLd() {
    Document post = html("posts/hello-world/index.html");
    assertThat(post.select("meta[property=og:title]").attr("content")).isEqualTo("Hello, world");
    assertThat(post.select("meta[property=og:type]").attr("content")).isEqualTo("article");
    assertThat(post.select("meta[name=twitter:card]").attr("content")).isEqualTo("summary");
    assertThat(post.select("link[rel=icon]").attr("href")).isEqualTo("/favicon.svg");
    assertThat(post.select("script[type=application/ld+json]").html()).contains(
        "\"@type\":\"BlogPosting\"", "\"headline\":\"Hello, world\"", "\"datePublished\":\"2025-01-06T09:00:00Z\"");
    assertThat(html("index.html").select("meta[property=og:type]").attr("content")).isEqualTo("website");
  }

  @Test
  void jsonLdSurvivesQuotesAndScriptTagsInTitles(@TempDir Path other) {
    Path copy = TestSites.copySample(other);
    TestSites.write(copy.resolve("content/posts/tricky.md"),
        "---\ntitle: 'Say \"hi\" </script><b>'\ndate: 2025-01-01\n---\n\nText.\n");
    BuildResult r = TestSites.build(copy);
    String page = TestSites.read(r.outputDirectory().resolve("posts/tricky/index.html"));
    String script = page.substring(page.indexOf("application/ld+json"), page.indexOf("</script>", page.indexOf("application/ld+json")));
    assertThat(script).contains("\"headline\":\"Say \\\"hi\\\" \\u003c/script\\u003e\\u003cb\\u003e\"");
  }

  @Test
  void rawHtmlInMarkdownGetsTheSamePolish(@TempDir Path other) {
    Path copy = TestSites.copySample(other);
    TestSites.write(copy.resolve("content/raw.md"), "---\ntitle: Raw\n---\n\n<figure>\n<img src=\"/images/diagram.svg\" alt=\"first\">\n"
        + "<img src=\"/images/diagram.svg\" alt=\"second\">\n</figure>\n\nSee <a href=\"https://example.org/\">example</a>.\n");
    BuildResult r = TestSites.build(copy);
    Document raw = Jsoup.parse(TestSites.read(r.outputDirectory().resolve("raw/index.html")));
    var imgs = raw.select("figure img");
    assertThat(imgs.eachAttr("width")).containsExactly("120", "120");
    assertThat(imgs.eachAttr("height")).containsExactly("60", "60");
    assertThat(imgs.get(0).hasAttr("loading")).isFalse();
    assertThat(imgs.get(1).attr("loading")).isEqualTo("lazy");
    assertThat(raw.select("a[href=https://example.org/]").attr("rel")).isEqualTo("noopener");
  }

  @Test
  void aPageBundleKeepsItsImagesBesideIt() {
    var imgs = html("posts/image-sizes/index.html").select("article img");
    assertThat(imgs.eachAttr("src")).containsExactly("/posts/image-sizes/banner.png", "/posts/image-sizes/square.png");
    assertThat(imgs.eachAttr("width")).containsExactly("800", "120");
    assertThat(out.resolve("posts/image-sizes/banner.png")).isRegularFile();
  }

  @Test
  void linksBetweenMarkdownFilesKeepTheirFragment() {
    Document writing = html("docs/guide/writing/index.html");
    assertThat(writing.select("a:contains(installing)").attr("href")).isEqualTo("/docs/guide/install/#links-are-checked");
  }

  @Test
  void sectionsAreListedAndPaginated() {
    Document posts = html("posts/index.html");
    assertThat(posts.select("h1").text()).isEqualTo("Blog");
    assertThat(titlesOnList(posts)).hasSize(5);
    assertThat(titlesOnList(html("posts/page/2/index.html"))).hasSize(5);
    assertThat(titlesOnList(html("posts/page/3/index.html"))).hasSize(3);
    assertThat(out.resolve("posts/page/4/index.html")).doesNotExist();
    Document docs = html("docs/index.html");
    // Weighted pages first, by weight.
    assertThat(titlesOnList(docs)).containsExactly("Configuration");
    assertThat(docs.select("ul.subsections a").eachAttr("href")).containsExactly("/docs/guide/");
    assertThat(titlesOnList(html("docs/guide/index.html"))).containsExactly("Installing", "Writing content");
  }

  @Test
  void tagsHaveAnIndexAndTermPages() {
    Document tags = html("tags/index.html");
    assertThat(tags.select("ul.terms li").eachText()).contains("aws (7)", "howto (5)", "news (1)");
    Document aws = html("tags/aws/index.html");
    assertThat(titlesOnList(aws)).containsExactly(
        "A contact form without a server", "What CloudFront invalidations cost", "TLS certificates with ACM",
        "Custom domains with Route 53", "Caching with CloudFront");
    assertThat(titlesOnList(html("tags/aws/page/2/index.html")))
        .containsExactly("S3 basics for websites", "Why a static site");
  }

  @Test
  void summariesStopAtTheMoreMarker() {
    Element summary = html("posts/index.html").select("article.summary").first();
    assertThat(summary.text()).contains("A longer look follows.")
        .doesNotContain("Background").contains("Continue reading");
  }

  @Test
  void draftsAndFuturePostsAreLeftOut() {
    assertThat(out.resolve("posts/draft-ideas")).doesNotExist();
    assertThat(out.resolve("posts/upcoming")).doesNotExist();
    assertThat(TestSites.read(out.resolve("sitemap.xml"))).doesNotContain("draft-ideas", "upcoming");
  }

  @Test
  void draftsAndFuturePostsAreBuiltWhenAskedFor(@TempDir Path other) {
    BuildResult r = TestSites.generator(site).outputDirectory(other.resolve("site"))
        .includeDrafts(true).includeFuture(true).build().build();
    assertThat(r.outputDirectory().resolve("posts/draft-ideas/index.html")).isRegularFile();
    assertThat(r.outputDirectory().resolve("posts/upcoming/index.html")).isRegularFile();
    assertThat(r.pages()).isEqualTo(result.pages() + 2);
  }

  @Test
  void feedsAreRss2NewestFirst() throws Exception {
    org.w3c.dom.Document rss = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(out.resolve("index.xml").toFile());
    assertThat(rss.getDocumentElement().getAttribute("version")).isEqualTo("2.0");
    NodeList items = rss.getElementsByTagName("item");
    assertThat(items.getLength()).isEqualTo(13);
    assertThat(rss.getElementsByTagName("link").item(1).getTextContent())
        .isEqualTo("https://sample.edgepress.dev/posts/security-headers/");
    assertThat(rss.getElementsByTagName("pubDate").item(0).getTextContent()).isEqualTo("Thu, 24 Apr 2025 09:00:00 GMT");
    assertThat(out.resolve("posts/index.xml")).isRegularFile();
    assertThat(html("posts/index.html").select("link[type=application/rss+xml]").attr("href")).isEqualTo("/posts/index.xml");
  }

  @Test
  void sitemapListsEveryPageOnceWithLastmod() throws Exception {
    org.w3c.dom.Document map = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(out.resolve("sitemap.xml").toFile());
    NodeList locs = map.getElementsByTagName("loc");
    List<String> urls = new java.util.ArrayList<>();
    for (int i = 0; i < locs.getLength(); i++) {
      urls.add(locs.item(i).getTextContent());
    }
    assertThat(urls).doesNotHaveDuplicates().isSorted()
        .contains("https://sample.edgepress.dev/", "https://sample.edgepress.dev/posts/hello-world/",
            "https://sample.edgepress.dev/tags/aws/", "https://sample.edgepress.dev/docs/guide/install/")
        .noneMatch(u -> u.contains("404") || u.contains("about-us") || u.contains("/page/"));
    assertThat(TestSites.read(out.resolve("sitemap.xml")))
        .contains("<loc>https://sample.edgepress.dev/posts/hello-world/</loc>\n    <lastmod>2025-01-06T09:00:00Z</lastmod>");
  }

  @Test
  void robotsNotFoundAndAliases() {
    assertThat(TestSites.read(out.resolve("robots.txt"))).contains("Sitemap: https://sample.edgepress.dev/sitemap.xml");
    assertThat(html("404.html").select("h1").text()).isEqualTo("Page not found");
    Document alias = html("about-us/index.html");
    assertThat(alias.select("meta[http-equiv=refresh]").attr("content")).isEqualTo("0; url=https://sample.edgepress.dev/about/");
    assertThat(alias.select("link[rel=canonical]").attr("href")).isEqualTo("https://sample.edgepress.dev/about/");
    assertThat(html("2025/01/hello/index.html").select("a").attr("href")).isEqualTo("https://sample.edgepress.dev/posts/hello-world/");
  }

  @Test
  void staticAndThemeFilesAreCopied() {
    assertThat(out.resolve("images/diagram.svg")).isRegularFile();
    assertThat(out.resolve("css/style.css")).isRegularFile();
    Element css = html("index.html").select("link[rel=stylesheet]").first();
    assertThat(css.attr("href")).matches("/css/style\\.[0-9a-f]{10}\\.css");
    assertThat(out.resolve(css.attr("href").substring(1))).hasSameBinaryContentAs(out.resolve("css/style.css"));
    assertThat(css.attr("integrity")).matches("sha384-[A-Za-z0-9+/]{64}");
    assertThat(TestSites.read(out.resolve(dev.edgepress.headers.Fingerprinted.PATH)))
        .contains(css.attr("href").substring(1));
  }

  @Test
  void everyInternalLinkResolvesToAFile() {
    Map<String, String> files = TestSites.digest(out);
    for (String path : files.keySet()) {
      if (!path.endsWith(".html")) {
        continue;
      }
      for (Element a : html(path).select("a[href], link[href], img[src], script[src]")) {
        String url = a.hasAttr("href") ? a.attr("href") : a.attr("src");
        if (!url.startsWith("/") || url.startsWith("//")) {
          continue;
        }
        String target = url.replaceAll("#.*", "").substring(1);
        String file = target.isEmpty() || target.endsWith("/") ? target + "index.html" : target;
        assertThat(files).as("link %s on %s", url, path).containsKey(file);
      }
    }
  }

  /**
   * The default theme passes the default Content-Security-Policy (script-src, style-src, img-src
   * 'self', nothing inline), checked on every page without a browser; BrowserIT checks it in one.
   */
  @Test
  void everyPageOfTheDefaultThemePassesTheDefaultContentSecurityPolicy() throws Exception {
    List<Path> pages;
    try (var walk = Files.walk(out)) {
      pages = walk.filter(p -> p.toString().endsWith(".html")).toList();
    }
    assertThat(pages).hasSizeGreaterThan(20);
    for (Path file : pages) {
      String path = out.relativize(file).toString();
      Document d = Jsoup.parse(TestSites.read(file), "https://sample.edgepress.dev/" + path);
      // A JSON-LD block is data, not run: script-src does not apply to it.
      assertThat(d.select("script:not([type=application/ld+json])")).as("scripts in " + path)
          .allSatisfy(e -> assertThat(e.attr("src")).as("an inline script in " + path).isNotEmpty());
      assertThat(d.select("style")).as("<style> in " + path).isEmpty();
      assertThat(d.select("[style]")).as("style attributes in " + path).isEmpty();
      assertThat(d.getAllElements().stream().flatMap(e -> e.attributes().asList().stream())
          .filter(a -> a.getKey().startsWith("on") || a.getValue().trim().toLowerCase().startsWith("javascript:")))
          .as("event handlers and javascript: URLs in " + path).isEmpty();
      for (Element e : d.select("script[src], link[rel=stylesheet], link[rel=icon], img[src], source[src], iframe, object, embed")) {
        String url = e.hasAttr("src") ? e.absUrl("src") : e.absUrl("href");
        assertThat(url).as(e.tagName() + " in " + path + " comes from the site ('self')")
            .startsWith("https://sample.edgepress.dev/");
      }
    }
  }

  @Test
  void twoBuildsGiveTheSameBytes(@TempDir Path other) {
    BuildResult again = TestSites.generator(site).outputDirectory(other.resolve("site")).build().build();
    assertThat(TestSites.digest(again.outputDirectory())).isEqualTo(TestSites.digest(out));
  }

  @Test
  void aBaseUrlWithAPathPrefixesEveryLink(@TempDir Path other) {
    BuildResult r = TestSites.generator(site).outputDirectory(other.resolve("site"))
        .baseUrl("https://example.org/blog/").build().build();
    Document home = Jsoup.parse(TestSites.read(r.outputDirectory().resolve("index.html")));
    assertThat(home.select("link[rel=stylesheet]").attr("href")).matches("/blog/css/style\\.[0-9a-f]{10}\\.css");
    assertThat(home.select("nav a").eachAttr("href")).contains("/blog/posts/", "/blog/about/");
    assertThat(home.select("article.summary h2 a").first().attr("href")).isEqualTo("/blog/posts/security-headers/");
    assertThat(Jsoup.parse(TestSites.read(r.outputDirectory().resolve("posts/hello-world/index.html")))
        .select("img").attr("src")).isEqualTo("/blog/images/diagram.svg");
  }

  @Test
  void anUnchangedRebuildRewritesNothing() throws Exception {
    Path page = out.resolve("posts/hello-world/index.html");
    var before = Files.getLastModifiedTime(page);
    Thread.sleep(20);
    TestSites.build(site);
    assertThat(Files.getLastModifiedTime(page)).isEqualTo(before);
  }
}
