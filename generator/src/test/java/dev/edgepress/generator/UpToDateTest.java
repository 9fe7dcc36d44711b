package dev.edgepress.generator;

import static dev.edgepress.generator.TestSites.read;
import static dev.edgepress.generator.TestSites.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edgepress.generator.links.LinkCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The up-to-date check that lets {@code mvn edgepress:build} skip a build: it says "current" only
 * when a build would change nothing, and anything a build reads or writes makes it build again.
 */
class UpToDateTest {

  @TempDir Path tmp;
  Path site;

  @BeforeEach
  void builtOnceAfterACheck() {
    site = TestSites.copySample(tmp);
    checkThenBuild(generator());
  }

  private Generator.Builder generator() {
    return TestSites.generator(site);
  }

  /** What the plugin does: check, and build only when the check says so. */
  private boolean checkThenBuild(Generator.Builder builder) {
    Generator g = builder.build();
    if (g.upToDate().current()) {
      return false;
    }
    g.build();
    return true;
  }

  private boolean current() {
    return generator().build().upToDate().current();
  }

  @Test
  void nothingChangedMeansNoBuild() {
    assertThat(current()).isTrue();
    assertThat(checkThenBuild(generator())).isFalse();
  }

  @Test
  void aChangedPostIsBuilt() {
    Path post = site.resolve("content/posts/hello-world.md");
    write(post, read(post) + "\nOne more line.\n");
    assertThat(current()).isFalse();
    assertThat(checkThenBuild(generator())).isTrue();
    assertThat(read(site.resolve("target/site/posts/hello-world/index.html"))).contains("One more line.");
    assertThat(current()).as("after that build").isTrue();
  }

  @Test
  void aChangeThatKeepsSizeAndTimeIsSeenByItsContent() throws IOException {
    // Written within the file system's clock tick of the last look at it: only the bytes differ.
    Path post = site.resolve("content/posts/hello-world.md");
    FileTime time = Files.getLastModifiedTime(post);
    String text = read(post);
    write(post, text.replace("The first post", "The frist post"));
    Files.setLastModifiedTime(post, time);
    assertThat(Files.size(post)).isEqualTo(text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    assertThat(current()).isFalse();
  }

  @Test
  void newAndDeletedFilesAreBuilt() throws IOException {
    write(site.resolve("static/extra.txt"), "extra");
    assertThat(current()).isFalse();
    checkThenBuild(generator());
    assertThat(site.resolve("target/site/extra.txt")).exists();
    Files.delete(site.resolve("static/extra.txt"));
    assertThat(current()).isFalse();
    checkThenBuild(generator());
    assertThat(site.resolve("target/site/extra.txt")).doesNotExist();
  }

  @Test
  void aTouchedOutputFileIsBuiltAgain() {
    Path index = site.resolve("target/site/index.html");
    String built = read(index);
    write(index, "changed by hand");
    UpToDate.Result check = generator().build().upToDate();
    assertThat(check.current()).isFalse();
    assertThat(check.why()).contains("output folder changed");
    checkThenBuild(generator());
    assertThat(read(index)).isEqualTo(built);
  }

  @Test
  void otherSettingsAreBuilt() {
    assertThat(generator().includeDrafts(true).build().upToDate().current()).isFalse();
    assertThat(generator().baseUrl("https://other.example.com/").build().upToDate().current()).isFalse();
    assertThat(generator().linkCheck(LinkCheck.WARN).build().upToDate().current()).isFalse();
    assertThat(generator().incremental(false).build().upToDate().current())
        .as("without a cache nothing is known").isFalse();
  }

  @Test
  void aFutureDatedPostIsBuiltWhenItsDayComes() {
    write(site.resolve("content/posts/later.md"),
        "---\ntitle: Later\ndate: 2026-07-01T09:00:00Z\n---\nComing soon.\n");
    checkThenBuild(generator());
    assertThat(site.resolve("target/site/posts/later/index.html")).doesNotExist();
    assertThat(current()).isTrue();
    Clock due = Clock.fixed(Instant.parse("2026-07-01T09:00:00Z"), ZoneOffset.UTC);
    UpToDate.Result check = generator().clock(due).build().upToDate();
    assertThat(check.current()).isFalse();
    assertThat(check.why()).contains("date");
    checkThenBuild(generator().clock(due));
    assertThat(site.resolve("target/site/posts/later/index.html")).exists();
  }

  @Test
  void aBuildWithWarningsIsAlwaysBuiltAgainSoItsWarningsAreTold() {
    Path post = site.resolve("content/posts/hello-world.md");
    write(post, read(post) + "\n[gone](/no-such-page/)\n");
    checkThenBuild(generator().linkCheck(LinkCheck.WARN));
    assertThat(generator().linkCheck(LinkCheck.WARN).build().upToDate().current()).isFalse();
  }

  @Test
  void aFailedBuildLeavesNothingCurrent() {
    Path post = site.resolve("content/posts/hello-world.md");
    String good = read(post);
    write(post, good + "\n[gone](/no-such-page/)\n");
    Generator g = generator().build();
    assertThat(g.upToDate().current()).isFalse();
    assertThatThrownBy(g::build).isInstanceOf(BuildException.class);
    // Put back as it was (size and content) with its old output in place: still not trusted, since
    // the build in between failed, and building again reports nothing new but is needed.
    write(post, good);
    assertThat(current()).isFalse();
  }

  @Test
  void aBuildNotPrecededByACheckLeavesNoStamp() {
    Path post = site.resolve("content/posts/hello-world.md");
    write(post, read(post) + "\nMore.\n");
    generator().build().build();
    assertThat(current()).isFalse();
    assertThat(checkThenBuild(generator())).isTrue();
    assertThat(current()).isTrue();
  }
}
