package dev.edgepress.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.edgepress.generator.links.LinkCheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every internal link and #anchor of the built site must resolve; a broken one names page and source. */
class LinkCheckTest {

  @TempDir Path dir;
  Path site;
  Map<String, String> before;

  @BeforeEach
  void buildGoodSite() {
    site = TestSites.copySample(dir);
    TestSites.build(site);
    before = TestSites.digest(site.resolve("target/site"));
  }

  @Test
  void aBrokenLinkFailsTheBuildNamingPageTargetAndSource() {
    TestSites.write(site.resolve("content/posts/broken.md"),
        "---\ntitle: Broken\ndate: 2025-01-01\n---\n\nSee [the archive](/archive/) and [logo](/images/logo.png).\n");
    BuildException e = catchThrowableOfType(BuildException.class, () -> TestSites.build(site));
    assertThat(e.problems()).extracting(Problem::toString).containsExactly(
        "content/posts/broken.md:6: page /posts/broken/ links to /archive/, which is not in the site; fix the link or add the page or file",
        "content/posts/broken.md:6: page /posts/broken/ links to /images/logo.png, which is not in the site; fix the link or add the page or file");
    assertThat(TestSites.digest(site.resolve("target/site"))).isEqualTo(before);
  }

  @Test
  void aBrokenUrlLinkInMarkdownNamesTheMarkdownFileAndLine() {
    TestSites.write(site.resolve("content/posts/moved.md"),
        "---\ntitle: Moved\ndate: 2025-01-01\ntags: [aws]\n---\n\nIntro.\n\nThe old post [x](/posts/gone/) moved.\n");
    BuildException e = catchThrowableOfType(BuildException.class, () -> TestSites.build(site));
    assertThat(e.problems()).extracting(Problem::toString).containsExactly(
        "content/posts/moved.md:9: page /posts/moved/ links to /posts/gone/, which is not in the site;"
            + " fix the link or add the page or file");
  }

  @Test
  void theSameBrokenLinkInManyMarkdownFilesNamesEachFileAndLine() {
    for (int i = 1; i <= 4; i++) {
      TestSites.write(site.resolve("content/posts/moved-" + i + ".md"),
          "---\ntitle: Moved " + i + "\ndate: 2025-01-0" + i + "\n---\n\nSee [x](/posts/gone/).\n");
    }
    BuildException e = catchThrowableOfType(BuildException.class, () -> TestSites.build(site));
    assertThat(e.problems()).extracting(Problem::toString).containsExactly(
        "content/posts/moved-1.md:6: page /posts/moved-1/ links to /posts/gone/, which is not in the site;"
            + " fix the link or add the page or file",
        "content/posts/moved-2.md:6: page /posts/moved-2/ links to /posts/gone/, which is not in the site;"
            + " fix the link or add the page or file",
        "content/posts/moved-3.md:6: page /posts/moved-3/ links to /posts/gone/, which is not in the site;"
            + " fix the link or add the page or file",
        "content/posts/moved-4.md:6: page /posts/moved-4/ links to /posts/gone/, which is not in the site;"
            + " fix the link or add the page or file");
  }

  @Test
  void relativeLinksInASummaryStillLeadThereOnTheListsShowingIt() {
    // Good on the post's page; the home page, the section and the feeds show the first paragraph too.
    TestSites.write(site.resolve("content/posts/relative.md"),
        "---\ntitle: Relative\ndate: 2026-05-01\n---\n\nAfter [the first post](../hello-world/), see"
            + " [below](#more).\n\n## More\n\nText.\n");
    TestSites.build(site);
    String home = TestSites.read(site.resolve("target/site/index.html"));
    assertThat(home).contains("<a href=\"/posts/hello-world/\">the first post</a>")
        .contains("<a href=\"/posts/relative/#more\">below</a>");
    assertThat(TestSites.read(site.resolve("target/site/posts/relative/index.html")))
        .contains("<a href=\"../hello-world/\">the first post</a>");
  }

  @Test
  void dotSegmentsLeadWhereABrowserGoes() {
    // From /posts/dots/: ".." is /posts/ and "." the page itself (RFC 3986), and climbing above the
    // root stays at the root; all good, though none ends in a slash or names a file.
    TestSites.write(site.resolve("content/posts/dots.md"),
        "---\ntitle: Dots\ndate: 2025-01-01\n---\n\nUp to [the posts](..), [this page](.),"
            + " [home](../../../..) and [the first post](../../posts/./hello-world/).\n");
    TestSites.build(site);
    assertThat(TestSites.read(site.resolve("target/site/posts/dots/index.html"))).contains("href=\"..\"")
        .contains("href=\".\"").contains("href=\"../../../..\"");
  }

  @Test
  void underABasePathAFullUrlToTheRestOfTheHostIsLeftAloneAndAPathClimbingOutIsReported() {
    // From /blog/posts/dots/: ../../../blog/ is the site's root; https://example.com/shop/ is another
    // site on the host (the external check asks for it); ../../../ climbs out, which is rarely meant.
    TestSites.write(site.resolve("content/posts/dots.md"),
        "---\ntitle: Dots\ndate: 2025-01-01\n---\n\nThe [blog](../../../blog/), its [shop](https://example.com/shop/),"
            + "\nthe [company](../../../) and [a typo](../../../blog/nope/).\n\n<a href=\"/blog\">Home</a>\n");
    BuildException e = catchThrowableOfType(BuildException.class,
        () -> TestSites.generator(site).baseUrl("https://example.com/blog/").build().build());
    assertThat(e.problems()).extracting(Problem::toString).containsExactly(
        "content/posts/dots.md:7: page /posts/dots/ links to ../../../, which climbs out of the site (under /blog/);"
            + " fix the link (in a template, url('...') puts the base path first), or write the full URL"
            + " https://example.com/ for another site on this host",
        "content/posts/dots.md:7: page /posts/dots/ links to ../../../blog/nope/, which is not in the site;"
            + " fix the link or add the page or file",
        "content/posts/dots.md:9: page /posts/dots/ links to /blog, which is not in the site (did you mean /blog/ ?);"
            + " fix the link or add the page or file");
  }

  @Test
  void everyImageOfASrcsetIsCheckedAndLeadsToTheSameFileOnTheLists() throws Exception {
    Path bundle = site.resolve("content/posts/pics");
    java.nio.file.Files.createDirectories(bundle);
    java.nio.file.Files.copy(site.resolve("content/posts/image-sizes/banner.png"), bundle.resolve("banner.png"));
    TestSites.write(bundle.resolve("index.md"), "---\ntitle: Pics\ndate: 2026-05-02\n---\n\n<img src=\"banner.png\""
        + " srcset=\"banner.png 1x, banner.png 2x\" alt=\"A banner\"> and a [photo](../../images/diagram.svg).\n\nMore.\n");
    TestSites.build(site);
    assertThat(TestSites.read(site.resolve("target/site/index.html")))
        .contains("srcset=\"/posts/pics/banner.png 1x, /posts/pics/banner.png 2x\"");

    TestSites.write(bundle.resolve("index.md"), "---\ntitle: Pics\ndate: 2026-05-02\n---\n\n<img src=\"banner.png\""
        + " srcset=\"banner.png 1x, banner@2x.png 2x\" alt=\"A banner\">\n\nMore.\n");
    BuildException e = catchThrowableOfType(BuildException.class, () -> TestSites.build(site));
    assertThat(e.problems()).extracting(Problem::toString).containsExactly(
        "content/posts/pics/index.md:6: page /posts/pics/ links to banner@2x.png, which is not in the site;"
            + " fix the link or add the page or file");
  }

  @Test
  void aMissingAnchorFailsTheBuild() {
    TestSites.write(site.resolve("content/posts/anchor.md"),
        "---\ntitle: Anchor\ndate: 2025-01-01\n---\n\nRead [the details](/posts/s3-basics/#no-such-heading)"
            + " and [this part](#here).\n\n## Here\n");
    BuildException e = catchThrowableOfType(BuildException.class, () -> TestSites.build(site));
    assertThat(e.problems()).extracting(Problem::toString).containsExactly(
        "content/posts/anchor.md:6: page /posts/anchor/ links to /posts/s3-basics/#no-such-heading, but /posts/s3-basics/"
            + " has no element with id 'no-such-heading'; fix the #anchor or the heading");
  }

  @Test
  void aBrokenLinkInATemplateNamesTheListPage() {
    TestSites.write(site.resolve("templates/partials/footer.html"), "<footer><a href=\"{{ url('/imprint/') }}\">Imprint</a></footer>");
    BuildException e = catchThrowableOfType(BuildException.class, () -> TestSites.build(site));
    assertThat(e.problems()).hasSize(1);
    assertThat(e.problems().get(0).toString()).matches(
        "\\d+ pages link to /imprint/, which is not in the site \\(e\\.g\\. /[^,]+, /[^,]+, /[^)]+\\);"
            + " it is probably in a template or partial; fix the link or add the page or file");
  }

  @Test
  void warnModeBuildsAndListsThem() {
    TestSites.write(site.resolve("content/posts/broken.md"),
        "---\ntitle: Broken\ndate: 2025-01-01\n---\n\nSee [the archive](/archive/).\n");
    List<String> warnings = new ArrayList<>();
    TestSites.generator(site).linkCheck(LinkCheck.WARN).listener(new BuildListener() {
      @Override
      public void warn(String message) {
        warnings.add(message);
      }
    }).build().build();
    assertThat(site.resolve("target/site/posts/broken/index.html")).isRegularFile();
    assertThat(warnings).containsExactly(
        "content/posts/broken.md:6: page /posts/broken/ links to /archive/, which is not in the site; fix the link or add the page or file");
  }
}
