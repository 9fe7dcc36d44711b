package dev.edgepress.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A symbolic link in content/, static/ or data/ is followed only when what it points to is inside
 * the site folder: a link elsewhere (static/passwd to /etc/passwd) fails the build, naming the link
 * and where it points, and publishes nothing; a link inside the site is built like any file.
 */
class SymlinkTest {

  @TempDir Path dir;
  Path site;
  Path output;
  Path outside;
  Map<String, String> before;

  @BeforeEach
  void buildGoodSiteFirst() throws IOException {
    site = TestSites.copySample(dir);
    output = site.resolve("target/site");
    outside = dir.resolve("outside");
    TestSites.write(outside.resolve("passwd"), "root:x:0:0:root:/root:/bin/bash\n");
    TestSites.write(outside.resolve("secret.md"), "---\ntitle: Secret\n---\n\nNot for the site.\n");
    TestSites.write(outside.resolve("keys/id.txt"), "private key\n");
    TestSites.build(site);
    before = TestSites.digest(output);
  }

  private static void link(Path link, Path target) throws IOException {
    Files.createDirectories(link.getParent());
    try {
      Files.createSymbolicLink(link, target);
    } catch (UnsupportedOperationException | IOException e) {
      Assumptions.abort("this file system cannot make symbolic links: " + e);
    }
  }

  private BuildException failure() {
    BuildException e = catchThrowableOfType(BuildException.class, () -> TestSites.build(site));
    assertThat(e).as("the build should fail").isNotNull();
    assertThat(TestSites.digest(output)).as("previous output untouched").isEqualTo(before);
    assertThat(Files.exists(site.resolve("target/.site.staging"))).as("no staging left behind").isFalse();
    return e;
  }

  private String outsideReal(String name) throws IOException {
    return outside.toRealPath().resolve(name).toString();
  }

  @Test
  void aStaticFileLinkedFromOutsideTheSiteFailsTheBuildAndIsNotPublished() throws IOException {
    link(site.resolve("static/passwd"), outside.resolve("passwd"));
    BuildException e = failure();
    assertThat(e.problems()).extracting(Problem::toString).containsExactly(
        "static/passwd: is a symbolic link to " + outsideReal("passwd") + ", which is outside the site folder "
            + site + "; a link may only point inside the site, so that no file from elsewhere is published:"
            + " copy what it points to into the site, or delete the link");
    assertThat(output.resolve("passwd")).doesNotExist();
  }

  @Test
  void aThemeFolderFollowsTheSameRule() throws IOException {
    TestSites.write(site.resolve("mytheme/theme.yaml"), "name: mytheme\n");
    TestSites.copyTree(TestSites.SAMPLE.resolve("../themes/default/src/main/resources/edgepress/themes/default/templates")
        .normalize(), site.resolve("mytheme/templates"));
    link(site.resolve("mytheme/static/passwd"), outside.resolve("passwd"));
    String yaml = TestSites.read(site.resolve("site.yaml"));
    TestSites.write(site.resolve("site.yaml"), yaml.replaceFirst("(?m)^theme:.*$", "") + "\ntheme: ./mytheme\n");
    BuildException e = failure();
    assertThat(e.getMessage()).contains("mytheme/static/passwd: is a symbolic link to " + outsideReal("passwd"));
    assertThat(output.resolve("passwd")).doesNotExist();
  }

  @Test
  void aRelativeLinkClimbingOutOfTheSiteIsNamedWithWhereItReallyPoints() throws IOException {
    link(site.resolve("static/docs/passwd"), Path.of("../../../outside/passwd"));
    BuildException e = failure();
    assertThat(e.getMessage()).contains("static/docs/passwd: is a symbolic link to " + outsideReal("passwd")
        + ", which is outside the site folder");
  }

  @Test
  void aStaticFolderLinkedFromOutsideFailsTheBuild() throws IOException {
    link(site.resolve("static/keys"), outside.resolve("keys"));
    assertThat(failure().getMessage()).contains(
        "static/keys: is a symbolic link to " + outsideReal("keys") + ", which is outside the site folder");
  }

  @Test
  void aContentPageLinkedFromOutsideFailsTheBuild() throws IOException {
    link(site.resolve("content/posts/secret.md"), outside.resolve("secret.md"));
    assertThat(failure().problems()).extracting(Problem::toString).singleElement().asString()
        .startsWith("content/posts/secret.md: is a symbolic link to " + outsideReal("secret.md")
            + ", which is outside the site folder");
  }

  @Test
  void aDataFileLinkedFromOutsideFailsTheBuild() throws IOException {
    TestSites.write(outside.resolve("people.yaml"), "- Ada\n");
    link(site.resolve("data/people.yaml"), outside.resolve("people.yaml"));
    assertThat(failure().getMessage()).contains("data/people.yaml: is a symbolic link to "
        + outsideReal("people.yaml") + ", which is outside the site folder");
  }

  @Test
  void aLinkToNothingFailsTheBuildInsteadOfDroppingTheFile() throws IOException {
    link(site.resolve("content/posts/moved.md"), Path.of("../../drafts/moved.md"));
    assertThat(failure().getMessage()).contains(
        "content/posts/moved.md: is a symbolic link to ../../drafts/moved.md, which does not exist;"
            + " fix the link or delete it");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aFolderLinkToItsParentFailsTheBuildWithoutHanging() throws IOException {
    link(site.resolve("static/images/again"), Path.of(".."));
    link(site.resolve("content/posts/loop"), site.resolve("content"));
    BuildException e = failure();
    assertThat(e.problems()).extracting(Problem::toString).containsExactly(
        "content/posts/loop: is a symbolic link to " + site.resolve("content").toRealPath()
            + ", a folder that holds the link (or a link that led here), so following it would never end; delete the link",
        "static/images/again: is a symbolic link to " + site.resolve("static").toRealPath()
            + ", a folder that holds the link (or a link that led here), so following it would never end; delete the link");
  }

  @Test
  void linksInsideTheSiteAreFollowedAndBuilt() throws IOException {
    TestSites.write(site.resolve("shared/logo.txt"), "the logo\n");
    TestSites.write(site.resolve("shared/fonts/a.woff2"), "font\n");
    link(site.resolve("static/logo.txt"), Path.of("../shared/logo.txt"));
    link(site.resolve("static/fonts"), site.resolve("shared/fonts"));
    TestSites.build(site);
    assertThat(TestSites.read(output.resolve("logo.txt"))).isEqualTo("the logo\n");
    assertThat(TestSites.read(output.resolve("fonts/a.woff2"))).isEqualTo("font\n");
  }

  @Test
  void aContentPageAndFolderLinkedFromInsideTheSiteAreBuilt() throws IOException {
    TestSites.write(site.resolve("manuscripts/linked.md"),
        "---\ntitle: Linked post\ndate: 2025-02-01\n---\n\nWritten elsewhere in the site.\n");
    TestSites.write(site.resolve("manuscripts/guide/part-one.md"),
        "---\ntitle: Part one\n---\n\nThe first part.\n");
    link(site.resolve("content/posts/linked.md"), Path.of("../../manuscripts/linked.md"));
    link(site.resolve("content/guide"), site.resolve("manuscripts/guide"));
    TestSites.write(site.resolve("content/posts/pointer.md"),
        "---\ntitle: Pointer\ndate: 2025-02-02\n---\n\nSee [the linked post](linked.md).\n");
    TestSites.build(site);
    assertThat(TestSites.read(output.resolve("posts/linked/index.html"))).contains("Written elsewhere in the site.");
    assertThat(TestSites.read(output.resolve("guide/part-one/index.html"))).contains("The first part.");
    assertThat(TestSites.read(output.resolve("posts/pointer/index.html"))).contains("href=\"/posts/linked/\"");
  }
}
