package dev.edgepress.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broken link written in Markdown as a URL (not a .md path) is reported in the Markdown file, at
 * its line, wherever in the Markdown it is: a paragraph, a list item, a table cell.
 */
class MarkdownLinkLineTest {

  @TempDir Path dir;
  Path site;

  @BeforeEach
  void site() {
    site = TestSites.copySample(dir);
  }

  private BuildException failure(String body) {
    TestSites.write(site.resolve("content/posts/moved.md"),
        "---\ntitle: Moved\ndate: 2025-01-01\n---\n\nIntro.\n\n" + body + "\n");
    BuildException e = catchThrowableOfType(BuildException.class, () -> TestSites.build(site));
    assertThat(e).as("the build should fail").isNotNull();
    return e;
  }

  private static String broken(int line, String link) {
    return "content/posts/moved.md:" + line + ": page /posts/moved/ links to " + link
        + ", which is not in the site; fix the link or add the page or file";
  }

  @Test
  void aRootRelativeUrl() {
    assertThat(failure("Text.\n\nThe old post [x](/posts/gone/) moved.").problems())
        .extracting(Problem::toString).containsExactly(broken(10, "/posts/gone/"));
  }

  @Test
  void aRelativeUrl() {
    assertThat(failure("Text.\n\nThe old post [x](../gone/) moved.").problems())
        .extracting(Problem::toString).containsExactly(broken(10, "../gone/"));
  }

  @Test
  void inAListItem() {
    assertThat(failure("- first\n- the old post [x](/posts/gone/)\n  and [y](../away/)\n- last").problems())
        .extracting(Problem::toString).containsExactly(broken(9, "/posts/gone/"), broken(10, "../away/"));
  }

  @Test
  void inATable() {
    assertThat(failure("| post | where |\n|---|---|\n| old | [x](/posts/gone/) |\n| older | [y](../away/ \"Away\") |")
        .problems()).extracting(Problem::toString).containsExactly(broken(10, "/posts/gone/"), broken(11, "../away/"));
  }

  @Test
  void asAReferenceLink() {
    assertThat(failure("See [the old post][old].\n\n[old]: /posts/gone/").problems())
        .extracting(Problem::toString).containsExactly(broken(10, "/posts/gone/"));
  }

  @Test
  void aMissingAnchorOnALinkToAMarkdownFile() {
    assertThat(failure("Text.\n\nSee [the basics](s3-basics.md#no-such-heading).").problems())
        .extracting(Problem::toString).containsExactly(
            "content/posts/moved.md:10: page /posts/moved/ links to /posts/s3-basics/#no-such-heading, but"
                + " /posts/s3-basics/ has no element with id 'no-such-heading'; fix the #anchor or the heading");
  }
}
