package dev.edgepress.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckMojoTest {

  @TempDir Path dir;

  CheckMojo mojo() {
    CheckMojo mojo = new CheckMojo();
    mojo.outputDirectory = dir.resolve("target/site").toFile();
    mojo.siteDirectory = dir.toFile();
    mojo.timeout = 5;
    mojo.perHostDelay = 0;
    return mojo;
  }

  @Test
  void listsBrokenInternalLinksAndFails() throws Exception {
    Files.createDirectories(dir.resolve("target/site/a"));
    Files.writeString(dir.resolve("target/site/index.html"), "<a href=\"/a/\">a</a> <a href=\"/b/\">b</a>");
    Files.writeString(dir.resolve("target/site/a/index.html"), "<a href=\"/#top\">top</a>");
    BuildMojoTest.RecordingLog log = new BuildMojoTest.RecordingLog();
    CheckMojo mojo = mojo();
    mojo.setLog(log);
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class).hasMessageStartingWith("2 broken links");
    Path site = dir.resolve("target/site");
    assertThat(log.errors).containsExactly(
        site.resolve("a/index.html") + ": page /a/ links to /#top, but / has no element with id 'top'; fix the #anchor or the heading",
        site.resolve("index.html") + ": page / links to /b/, which is not in the site; fix the link or add the page or file");
  }

  @Test
  void aSiteThatWasNotBuiltSaysSo() {
    assertThatThrownBy(mojo()::execute).isInstanceOf(MojoFailureException.class).hasMessageContaining("Build the site first");
  }

  @Test
  void aBrokenSiteYamlIsReportedWithItsLineInsteadOfCheckingAgainstTheWrongBaseUrl() throws Exception {
    Files.createDirectories(dir.resolve("target/site"));
    Files.writeString(dir.resolve("target/site/index.html"), "home");
    Files.writeString(dir.resolve("site.yaml"), "title: x\nbaseUrl: [not, a, url]\n");
    BuildMojoTest.RecordingLog log = new BuildMojoTest.RecordingLog();
    CheckMojo mojo = mojo();
    mojo.setLog(log);
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class).hasMessageContaining("site.yaml has 1 problem");
    assertThat(log.errors).singleElement().asString().contains("site.yaml:2");
  }

  @Test
  void readsBaseUrlFromTheConfigFileTheBuildReads() throws Exception {
    Files.createDirectories(dir.resolve("target/site"));
    // An absolute link to the site's own baseUrl is checked like /gone/; another site's is not.
    Files.writeString(dir.resolve("target/site/index.html"), "<a href=\"https://blog.example/gone/\">x</a>");
    Files.writeString(dir.resolve("site.yaml"), "title: x\nbaseUrl: https://other.example/\n");
    BuildMojoTest.write(dir.resolve("conf/blog.yaml"), "title: x\nbaseUrl: https://blog.example/\n");
    BuildMojoTest.RecordingLog log = new BuildMojoTest.RecordingLog();
    CheckMojo mojo = mojo();
    mojo.configFile = dir.resolve("conf/blog.yaml").toFile();
    mojo.setLog(log);
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class).hasMessageStartingWith("1 broken link");
    assertThat(log.errors).singleElement().asString().contains("/gone/");
  }

  @Test
  void aBrokenConfigFileIsNamedWithItsLine() throws Exception {
    Files.createDirectories(dir.resolve("target/site"));
    Files.writeString(dir.resolve("target/site/index.html"), "home");
    BuildMojoTest.write(dir.resolve("conf/blog.yaml"), "title: x\nbaseUrl: [not, a, url]\n");
    BuildMojoTest.RecordingLog log = new BuildMojoTest.RecordingLog();
    CheckMojo mojo = mojo();
    mojo.configFile = dir.resolve("conf/blog.yaml").toFile();
    mojo.setLog(log);
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class).hasMessageContaining("blog.yaml has 1 problem");
    assertThat(log.errors).singleElement().asString().contains("blog.yaml:2");
  }
}
