package dev.edgepress.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * Checks the site that the plugin from this reactor built at 'package' (edgepress:build bound in
 * this module's pom): what a visitor of the sample site would find.
 */
class SampleSiteIT {

  static final Path SITE = Path.of("target", "site");

  static Document page(String path) throws IOException {
    Path file = SITE.resolve(path);
    assertThat(file).as(path).isRegularFile();
    return Jsoup.parse(Files.readString(file, StandardCharsets.UTF_8), "https://sample.edgepress.dev/");
  }

  static Set<String> files() throws IOException {
    try (Stream<Path> walk = Files.walk(SITE)) {
      return walk.filter(Files::isRegularFile)
          .map(p -> SITE.relativize(p).toString().replace('\\', '/'))
          .collect(Collectors.toSet());
    }
  }

  @Test
  void theSiteHasEveryKindOfOutput() throws IOException {
    assertThat(files()).contains(
        "index.html", "page/2/index.html",
        "about/index.html", "posts/hello-world/index.html",
        "posts/index.html", "posts/page/2/index.html", "docs/index.html", "docs/guide/install/index.html",
        "tags/index.html", "tags/aws/index.html",
        "index.xml", "posts/index.xml", "sitemap.xml", "robots.txt", "404.html",
        "about-us/index.html", "2025/01/hello/index.html",
        "css/style.css", "images/diagram.svg");
    assertThat(files()).noneMatch(f -> f.contains("draft-ideas") || f.contains("upcoming"));
  }

  @Test
  void theSiteWasPublishedToTheLocalBucketWithAReport() throws IOException {
    Path bucket = Path.of("target", "edgepress", "bucket");
    for (String f : files()) {
      if (!f.startsWith(".edgepress/")) {
        assertThat(bucket.resolve(f)).as(f).hasSameBinaryContentAs(SITE.resolve(f));
      }
    }
    assertThat(bucket.resolve(".edgepress/manifest.tsv")).isRegularFile();
    // The build's record of the files it fingerprinted travels with the site but is never published.
    assertThat(SITE.resolve(".edgepress/fingerprinted.txt")).content().containsPattern("css/style\\.[0-9a-f]{10}\\.css");
    assertThat(bucket.resolve(".edgepress/fingerprinted.txt")).doesNotExist();
    String report = Files.readString(Path.of("target", "edgepress", "publish-report.json"));
    assertThat(report).contains("\"destination\"", "\"requests\"");
  }

  @Test
  void homeShowsRecentPostsAndTheMenu() throws IOException {
    Document home = page("index.html");
    assertThat(home.select("nav[aria-label=Main] a").eachText()).containsExactly("Blog", "Docs", "Tags", "About", "Contact");
    assertThat(home.select("article.summary")).hasSize(5);
    assertThat(home.select("a[rel=next]").attr("href")).isEqualTo("/page/2/");
  }

  @Test
  void aliasRedirectsToThePage() throws IOException {
    Document alias = page("about-us/index.html");
    assertThat(alias.select("meta[http-equiv=refresh]").attr("content"))
        .isEqualTo("0; url=https://sample.edgepress.dev/about/");
  }

  @Test
  void feedsAndSitemapUseAbsoluteUrls() throws IOException {
    String rss = Files.readString(SITE.resolve("index.xml"));
    assertThat(rss).startsWith("<?xml").contains("<rss version=\"2.0\"")
        .contains("<link>https://sample.edgepress.dev/posts/templates-101/</link>");
    String sitemap = Files.readString(SITE.resolve("sitemap.xml"));
    assertThat(sitemap).contains("<loc>https://sample.edgepress.dev/tags/aws/</loc>").doesNotContain("404.html");
    assertThat(Files.readString(SITE.resolve("robots.txt"))).contains("Sitemap: https://sample.edgepress.dev/sitemap.xml");
  }

  @Test
  void everyInternalLinkAndImageResolves() throws IOException {
    Set<String> files = files();
    List<String> htmlFiles = files.stream().filter(f -> f.endsWith(".html")).sorted().toList();
    for (String path : htmlFiles) {
      for (Element e : page(path).select("a[href], link[href], img[src]")) {
        String url = e.hasAttr("href") ? e.attr("href") : e.attr("src");
        if (!url.startsWith("/") || url.startsWith("//")) {
          continue;
        }
        String target = url.replaceAll("#.*", "").substring(1);
        assertThat(files).as("%s links to %s", path, url)
            .contains(target.isEmpty() || target.endsWith("/") ? target + "index.html" : target);
      }
    }
  }
}
