package dev.edgepress.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each bad input, planted in a copy of the sample site, fails the build with the file and line and
 * what to do, and leaves the previous output exactly as it was.
 */
class BadInputTest {

  @TempDir Path dir;
  Path site;
  Path output;
  Map<String, String> before;

  @BeforeEach
  void buildGoodSiteFirst() {
    site = TestSites.copySample(dir);
    output = site.resolve("target/site");
    TestSites.build(site);
    before = TestSites.digest(output);
    assertThat(before).containsKey("index.html");
  }

  private BuildException failure() {
    BuildException e = catchThrowableOfType(BuildException.class, () -> TestSites.build(site));
    assertThat(e).as("the build should fail").isNotNull();
    assertThat(TestSites.digest(output)).as("previous output untouched").isEqualTo(before);
    assertThat(Files.exists(site.resolve("target/.site.staging"))).as("no staging left behind").isFalse();
    return e;
  }

  private static String post(String frontMatter) {
    return "---\n" + frontMatter + "\n---\n\nSome text.\n";
  }

  @Test
  void malformedFrontMatterNamesFileLineAndColumn() {
    TestSites.write(site.resolve("content/posts/broken.md"),
        "---\ntitle: Broken\ntags: [a, b\ndate: 2025-01-01\n---\n\nText.\n");
    BuildException e = failure();
    assertThat(e.problems()).hasSize(1);
    Problem p = e.problems().get(0);
    assertThat(p.file()).isEqualTo(Path.of("content/posts/broken.md"));
    assertThat(p.line()).isBetween(3, 5);
    assertThat(p.message()).contains("malformed YAML");
  }

  @Test
  void oneBuildReportsEveryKindOfMistakeTogether() {
    // Front matter, a .md link, a template and a URL-style link: four kinds of check, one report.
    TestSites.write(site.resolve("content/posts/types.md"), post("title: Types\ndraft: maybe"));
    TestSites.write(site.resolve("content/posts/links.md"), post("title: Links")
        + "\nSee [a draft](nothing-here.md).\n\nAnd [gone](/posts/gone/), and [fancy](/posts/fancy/#top).\n");
    TestSites.write(site.resolve("content/posts/fancy.md"), post("title: Fancy\nlayout: fancy"));
    TestSites.write(site.resolve("templates/fancy.html"), "<h1>{{ page.title }}</h1>\n{{ noSuchFunction() }}\n");
    BuildException e = failure();
    assertThat(e.problems()).extracting(Problem::toString).anySatisfy(p ->
        assertThat(p).startsWith("content/posts/types.md:3: 'draft' must be true or false"));
    assertThat(e.problems()).extracting(Problem::toString).anySatisfy(p ->
        assertThat(p).startsWith("content/posts/links.md:").contains("nothing-here.md"));
    assertThat(e.problems()).extracting(Problem::toString).anySatisfy(p ->
        assertThat(p).startsWith("templates/fancy.html:2: template error").contains("noSuchFunction"));
    assertThat(e.problems()).extracting(Problem::toString).anySatisfy(p ->
        assertThat(p).startsWith("content/posts/links.md:").contains("/posts/gone/"));
    assertThat(e.problems()).as("each mistake once").hasSize(4);
    // The page whose template failed is reported once, not again by every link to it.
    assertThat(e.problems()).extracting(Problem::toString).noneMatch(p -> p.contains("/posts/fancy/#top"));
  }

  @Test
  void anUnclosedQuoteIsReportedWhereItOpens() {
    TestSites.write(site.resolve("content/posts/quote.md"),
        "---\ntitle: \"Unclosed\ndate: 2025-01-01\ntags: [a]\ndraft: false\n---\n\nText.\n");
    BuildException e = failure();
    assertThat(e.problems()).hasSize(1);
    Problem p = e.problems().get(0);
    assertThat(p.file()).isEqualTo(Path.of("content/posts/quote.md"));
    assertThat(p.line()).isEqualTo(2);
    assertThat(p.message()).contains("quoted scalar that opens here; the parser stopped at line");
  }

  @Test
  void unclosedFrontMatterIsReported() {
    TestSites.write(site.resolve("content/posts/open.md"), "---\ntitle: Open\n\nNo closing line.\n");
    BuildException e = failure();
    assertThat(e.getMessage()).contains("content/posts/open.md:1: front matter opened with '---'");
  }

  @Test
  void dateThatIsNotADateNamesItsLine() {
    TestSites.write(site.resolve("content/posts/when.md"), post("title: When\ndraft: false\ndate: next tuesday"));
    BuildException e = failure();
    assertThat(e.getMessage()).contains("content/posts/when.md:4: 'date' must be a date such as 2024-05-31");
  }

  @Test
  void wrongTypesAreAllListedInOneBuild() {
    TestSites.write(site.resolve("content/posts/types.md"), post("title: Types\ndraft: maybe\nweight: heavy"));
    TestSites.write(site.resolve("content/posts/types2.md"), post("title: [a, b]"));
    BuildException e = failure();
    assertThat(e.problems()).extracting(Problem::toString).containsExactly(
        "content/posts/types.md:3: 'draft' must be true or false, not 'maybe' (e.g. draft: true)",
        "content/posts/types.md:4: 'weight' must be a whole number, not 'heavy' (e.g. weight: 10)",
        "content/posts/types2.md:2: 'title' must be text, not a list (e.g. title: \"...\")");
  }

  @Test
  void missingTemplateNamesEveryPlaceSearched() {
    TestSites.write(site.resolve("content/posts/fancy.md"), post("title: Fancy\ndate: 2025-01-01\nlayout: fancy"));
    BuildException e = failure();
    assertThat(e.getMessage())
        .contains("content/posts/fancy.md: no template for page content/posts/fancy.md")
        .contains("templates/posts/fancy.html, theme default:posts/fancy.html, built-in:posts/fancy.html")
        .contains("templates/fancy.html, theme default:fancy.html, built-in:fancy.html");
  }

  @Test
  void templateThatThrowsNamesTemplateFileAndLine() {
    TestSites.write(site.resolve("templates/page.html"), "<h1>{{ page.title }}</h1>\n\n{{ nosuchFunction(page) }}\n");
    BuildException e = failure();
    Problem p = e.problems().get(0);
    assertThat(p.file()).isEqualTo(Path.of("templates/page.html"));
    assertThat(p.line()).isEqualTo(3);
    assertThat(p.message()).contains("nosuchFunction").containsPattern("(while rendering|pages, first) content/");
  }

  @Test
  void templateSyntaxErrorNamesTemplateFileAndLine() {
    TestSites.write(site.resolve("templates/partials/footer.html"), "<footer>\n{% if %}\n</footer>\n");
    BuildException e = failure();
    assertThat(e.problems().get(0).toString()).startsWith("templates/partials/footer.html:2: template error");
  }

  @Test
  void anAssetThatDoesNotExistNamesTheTemplateLine() {
    TestSites.write(site.resolve("templates/partials/footer.html"), "<footer>\n<script src=\"{{ asset('/js/nope.js') }}\"></script>\n</footer>\n");
    BuildException e = failure();
    assertThat(e.problems().get(0).toString()).startsWith("templates/partials/footer.html:2: template error")
        .contains("asset('/js/nope.js'): there is no such file in static/ or in the theme's static/ folder");
  }

  @Test
  void twoPagesWantingOneUrlNameBothFiles() {
    TestSites.write(site.resolve("content/posts/copy.md"), post("title: Copy\ndate: 2025-01-01\nslug: hello-world"));
    BuildException e = failure();
    assertThat(e.getMessage()).contains(
        "content/posts/hello-world.md:", "content/posts/copy.md", "both want the URL /posts/hello-world/");
  }

  @Test
  void slugUrlOrAliasEscapingTheOutputAreRefused() {
    TestSites.write(site.resolve("content/a.md"), post("title: A\nslug: ../../etc"));
    TestSites.write(site.resolve("content/b.md"), post("title: B\nurl: /../../outside/"));
    TestSites.write(site.resolve("content/c.md"), post("title: C\naliases: [/fine/, ../../evil/]"));
    BuildException e = failure();
    assertThat(e.problems()).extracting(Problem::toString).containsExactly(
        "content/a.md:3: slug '../../etc' must be one path segment without '/' or '..'; use 'url' for a full path",
        "content/b.md:3: url '/../../outside/' would write outside the output folder; use a path under the site root such as /about/",
        "content/c.md:3: alias '../../evil/' would write outside the output folder; remove the '..'");
    assertThat(Files.exists(dir.resolve("outside"))).isFalse();
  }

  @Test
  void fileThatIsNotUtf8NamesLineAndColumn() throws IOException {
    byte[] latin1 = "---\ntitle: Caf\u00e9\n---\n\nCaf\u00e9 au lait.\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    Files.write(site.resolve("content/posts/latin1.md"), latin1);
    BuildException e = failure();
    assertThat(e.getMessage()).contains("content/posts/latin1.md:2:11: the file is not UTF-8 (byte 0xE9");
  }

  @Test
  void linkToAMissingPageNamesFileAndLine() {
    TestSites.write(site.resolve("content/posts/linker.md"),
        "---\ntitle: Linker\ndate: 2025-01-01\n---\n\nFirst.\n\nSee [nothing](no-such-post.md).\n");
    BuildException e = failure();
    assertThat(e.getMessage()).contains(
        "content/posts/linker.md:8: link to 'no-such-post.md' does not match a page: there is no built page content/posts/no-such-post.md");
  }

  @Test
  void aLinkToAMissingPageInASummaryIsReportedOnceNotAgainForEveryListShowingIt() {
    // It stays in the HTML as written, here and in the summary on the home and section pages: reported
    // where it is written, once, not again as a broken link on every list that shows the summary.
    TestSites.write(site.resolve("content/posts/linker.md"),
        "---\ntitle: Linker\ndate: 2025-01-01\n---\n\nSee [Köln](Grüße-aus-Köln.md), [all](<../Über alles.md>)"
            + " and [them](Tom&Jerry.md).\n");
    assertThat(failure().problems()).extracting(Problem::toString).containsExactly(
        "content/posts/linker.md:6: link to '../Über alles.md' does not match a page:"
            + " there is no built page content/Über alles.md; fix the path, relative to this file or to"
            + " content/ when it starts with '/'",
        "content/posts/linker.md:6: link to 'Grüße-aus-Köln.md' does not match a page:"
            + " there is no built page content/posts/Grüße-aus-Köln.md; fix the path, relative to this file or to"
            + " content/ when it starts with '/'",
        "content/posts/linker.md:6: link to 'Tom&Jerry.md' does not match a page:"
            + " there is no built page content/posts/Tom&Jerry.md; fix the path, relative to this file or to"
            + " content/ when it starts with '/'");
  }

  @Test
  void linkToADraftSaysItIsADraft() {
    TestSites.write(site.resolve("content/posts/linker.md"),
        "---\ntitle: Linker\ndate: 2025-01-01\n---\n\nSee [ideas](draft-ideas.md).\n");
    assertThat(failure().getMessage()).contains("it is a draft; build with -Dedgepress.drafts");
  }

  @Test
  void badSiteYamlNamesItsLine() {
    TestSites.write(site.resolve("site.yaml"), "title: Sample\nbaseUrl: not a url\npagination:\n  size: -3\n");
    BuildException e = failure();
    assertThat(e.problems()).extracting(Problem::toString).containsExactly(
        "site.yaml:2: 'baseUrl' must be an absolute URL such as https://example.com/, not 'not a url'",
        "site.yaml:4: 'pagination.size' must be a whole number above 0, not '-3'");
  }

  @Test
  void outputCollisionBetweenStaticFileAndPageNamesBoth() {
    TestSites.write(site.resolve("static/about/index.html"), "<p>static about</p>");
    assertThat(failure().getMessage()).contains("content/about.md and static/about/index.html both want to write about/index.html");
  }

  @Test
  void missingContentFolderSaysWhatToDo() throws IOException {
    TestSites.copyTree(site.resolve("content"), dir.resolve("moved"));
    try (var walk = Files.walk(site.resolve("content"))) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    assertThatThrownBy(() -> TestSites.build(site)).isInstanceOf(BuildException.class)
        .hasMessageContaining("content: the content directory does not exist");
  }
}
