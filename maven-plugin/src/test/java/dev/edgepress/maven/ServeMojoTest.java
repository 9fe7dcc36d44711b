package dev.edgepress.maven;

import static dev.edgepress.maven.BuildMojoTest.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edgepress.generator.Problems;
import dev.edgepress.generator.config.SiteConfig;
import dev.edgepress.generator.config.SiteConfigLoader;
import dev.edgepress.generator.config.SiteLayout;
import dev.edgepress.generator.links.LinkCheck;
import dev.edgepress.maven.fork.BuildRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Optional;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeMojoTest {

  @TempDir Path dir;

  ServeMojo mojo() {
    ServeMojo mojo = new ServeMojo();
    mojo.siteDirectory = dir.toFile();
    mojo.previewDirectory = dir.resolve("target/edgepress/preview").toFile();
    mojo.cacheDirectory = dir.resolve("target/edgepress/cache").toFile();
    mojo.outboxDirectory = dir.resolve("target/edgepress/outbox").toFile();
    mojo.bind = "127.0.0.1";
    mojo.port = 0;
    return mojo;
  }

  @Test
  void watchesTheFoldersTheBuildParametersName() throws Exception {
    write(dir.resolve("conf/blog.yaml"), "title: x\ntheme: ./themes/mine\n");
    ServeMojo mojo = mojo();
    mojo.configFile = dir.resolve("conf/blog.yaml").toFile();
    mojo.contentDirectory = dir.resolve("pages").toFile();
    mojo.staticDirectory = dir.resolve("assets").toFile();
    SiteLayout layout = mojo.layout();
    SiteConfig config = SiteConfigLoader.load(layout.configFile(), Optional.empty(), new Problems(), new ArrayList<>());
    Path site = dir.toAbsolutePath();
    assertThat(mojo.watched(layout, config)).containsExactly(site.resolve("pages"), site.resolve("assets"),
        site.resolve("templates"), site.resolve("data"), site.resolve("conf/blog.yaml"),
        site.resolve("./themes/mine"));
  }

  @Test
  void aBrokenSiteYamlAtStartIsReportedWithItsLineAndServeDoesNotStart() throws Exception {
    write(dir.resolve("site.yaml"), "title: fine\n");
    write(dir.resolve("conf/blog.yaml"), "title: x\nbaseUrl: [not, a, url]\n");
    BuildMojoTest.RecordingLog log = new BuildMojoTest.RecordingLog();
    ServeMojo mojo = mojo();
    mojo.configFile = dir.resolve("conf/blog.yaml").toFile();
    mojo.setLog(log);
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("blog.yaml has 1 problem").hasMessageContaining("run serve again");
    assertThat(log.errors).singleElement().asString().contains("blog.yaml:2");
  }

  @Test
  void theFirstBuildRunsInAJvmOfItsOwnAndNotAgainWhenNothingChanged() throws Exception {
    tinySite("draft: true\n");
    BuildMojoTest.RecordingLog log = new BuildMojoTest.RecordingLog();
    ServeMojo mojo = forking(log);
    assertThat(mojo.firstBuild(request(mojo))).isTrue();
    // Built by the forked JVM, drafts shown as serve shows them.
    assertThat(log.infos).anyMatch(l -> l.startsWith("Built 1 pages"));
    assertThat(dir.resolve("target/edgepress/preview/posts/one/index.html")).isRegularFile();

    log.infos.clear();
    assertThat(mojo.firstBuild(request(mojo))).isTrue();
    assertThat(log.infos).anyMatch(l -> l.startsWith("Up to date: nothing changed since the last build of the preview"));
    assertThat(log.infos).noneMatch(l -> l.startsWith("Built"));
  }

  @Test
  void aSiteWithProblemsIsLeftToTheBuildThatShowsThemInTheBrowserAndReportedOnce() throws Exception {
    write(dir.resolve("site.yaml"), "title: Tiny\nbaseUrl: https://tiny.example/\n");
    write(dir.resolve("content/bad.md"), "---\ntitle: Bad\ndate: someday\n---\n");
    BuildMojoTest.RecordingLog log = new BuildMojoTest.RecordingLog();
    ServeMojo mojo = forking(log);
    assertThat(mojo.firstBuild(request(mojo))).isFalse();
    assertThat(log.errors).isEmpty();
  }

  @Test
  void aForkThatCannotStartIsSaidAndLeftToTheBuildInMavensJvm() throws Exception {
    tinySite("");
    BuildMojoTest.RecordingLog log = new BuildMojoTest.RecordingLog();
    ServeMojo mojo = forking(log);
    mojo.jvmArgs = "-Xmx1k";
    assertThat(mojo.firstBuild(request(mojo))).isFalse();
    assertThat(log.warnings).singleElement().asString().contains("The first build, in a JVM of its own, failed")
        .contains("-Dedgepress.fork=false");
  }

  /** A site of one post, with {@code front} added to its front matter. */
  private void tinySite(String front) throws Exception {
    write(dir.resolve("site.yaml"), "title: Tiny\nbaseUrl: https://tiny.example/\n");
    write(dir.resolve("content/posts/one.md"), "---\ntitle: One\ndate: 2024-01-01\n" + front + "---\n\nHello.\n");
  }

  /** A serve whose first build forks, and logs into {@code log}. */
  private ServeMojo forking(BuildMojoTest.RecordingLog log) {
    ServeMojo mojo = mojo();
    mojo.setLog(log);
    mojo.fork = true;
    mojo.jvmArgs = BuildMojoTest.SMALL_JVM;
    mojo.drafts = true;
    mojo.future = true;
    return mojo;
  }

  private static BuildRequest request(ServeMojo mojo) throws Exception {
    Path preview = mojo.previewDirectory.toPath().toAbsolutePath().normalize();
    return BuildRequest.builder(mojo.layout(), preview, mojo.cacheFile(preview)).drafts(true).future(true)
        .links(LinkCheck.WARN).build();
  }

  @Test
  void aMissingSiteFolderNamesTheParameter() {
    ServeMojo mojo = mojo();
    mojo.siteDirectory = dir.resolve("nowhere").toFile();
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("-Dedgepress.siteDirectory");
  }
}
