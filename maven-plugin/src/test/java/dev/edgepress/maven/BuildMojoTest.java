package dev.edgepress.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The goal maps its parameters onto the generator and turns problems into a clear failure. */
class BuildMojoTest {

  @TempDir Path dir;

  /** A forked build JVM small enough for these tiny sites. */
  static final String SMALL_JVM = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m";

  /** How the problem planted in content/bad.md is reported, in process, forked or by the daemon. */
  static final String BAD_DATE = "content" + File.separator
      + "bad.md:3: 'date' must be a date such as 2024-05-31 or 2024-05-31T09:30:00Z, not 'someday'";

  /** Collects error lines as Maven would print them. */
  static final class RecordingLog extends SystemStreamLog {
    final List<String> errors = new ArrayList<>();
    final List<String> infos = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();

    @Override
    public void warn(CharSequence content) {
      warnings.add(content.toString());
    }

    @Override
    public void error(CharSequence content) {
      errors.add(content.toString());
    }

    @Override
    public void info(CharSequence content) {
      infos.add(content.toString());
    }
  }

  BuildMojo mojo(Path site) {
    BuildMojo mojo = new BuildMojo();
    mojo.siteDirectory = site.toFile();
    mojo.outputDirectory = site.resolve("target/site").toFile();
    mojo.links = "fail";
    mojo.fork = false;
    mojo.daemon = "false";
    mojo.daemonIdleMinutes = 1;
    mojo.daemonJvmArgs = "-XX:+UseSerialGC -Xmx256m";
    mojo.incremental = true;
    mojo.cacheDirectory = site.resolve("target/edgepress/cache").toFile();
    return mojo;
  }

  static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  /** A site of one post, site.yaml and content/posts/one.md. */
  private void tinySite() throws IOException {
    write(dir.resolve("site.yaml"), "title: Tiny\nbaseUrl: https://tiny.example/\n");
    write(dir.resolve("content/posts/one.md"), "---\ntitle: One\ndate: 2024-01-01\n---\n\nHello.\n");
  }

  @Test
  void buildsASiteAndReportsWhatItWrote() throws Exception {
    tinySite();
    BuildMojo mojo = mojo(dir);
    RecordingLog log = new RecordingLog();
    mojo.setLog(log);
    mojo.execute();
    assertThat(dir.resolve("target/site/posts/one/index.html")).isRegularFile();
    assertThat(log.infos).anyMatch(l -> l.startsWith("Built 1 pages"));
  }

  @Test
  void readsTheSiteWhereTheFolderParametersPutIt() throws Exception {
    write(dir.resolve("conf/blog.yaml"), "title: Moved\nbaseUrl: https://tiny.example/\n");
    write(dir.resolve("pages/posts/one.md"), "---\ntitle: One\ndate: 2024-01-01\n---\n\nHello.\n");
    write(dir.resolve("content/posts/other.md"), "---\ntitle: Other\ndate: 2024-01-01\n---\n\nNot this.\n");
    BuildMojo mojo = mojo(dir);
    mojo.configFile = dir.resolve("conf/blog.yaml").toFile();
    mojo.contentDirectory = dir.resolve("pages").toFile();
    mojo.setLog(new RecordingLog());
    mojo.execute();
    assertThat(dir.resolve("target/site/posts/one/index.html")).isRegularFile();
    assertThat(dir.resolve("target/site/posts/other")).doesNotExist();
    assertThat(Files.readString(dir.resolve("target/site/index.html"))).contains("Moved");
  }

  @Test
  void problemsAreLoggedOneALineAndFailTheBuild() throws Exception {
    write(dir.resolve("content/bad.md"), "---\ntitle: Bad\ndate: someday\n---\n");
    BuildMojo mojo = mojo(dir);
    RecordingLog log = new RecordingLog();
    mojo.setLog(log);
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("The site has 1 problem (listed above)");
    assertThat(log.errors).containsExactly(BAD_DATE);
  }

  @Test
  void aForkedBuildReportsProblemsTheSameWay() throws Exception {
    write(dir.resolve("content/bad.md"), "---\ntitle: Bad\ndate: someday\n---\n");
    write(dir.resolve("content/good.md"), "---\ntitle: Good\n---\n\nFine.\n");
    BuildMojo mojo = mojo(dir);
    mojo.fork = true;
    mojo.jvmArgs = SMALL_JVM;
    RecordingLog log = new RecordingLog();
    mojo.setLog(log);
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("The site has 1 problem (listed above)");
    assertThat(log.errors).containsExactly(BAD_DATE);
    assertThat(dir.resolve("target/site")).doesNotExist();

    Files.delete(dir.resolve("content/bad.md"));
    log.errors.clear();
    mojo.execute();
    assertThat(log.errors).isEmpty();
    assertThat(log.infos).anyMatch(l -> l.startsWith("Built 1 pages"));
    assertThat(dir.resolve("target/site/good/index.html")).isRegularFile();
  }

  @Test
  void aForkedJvmThatCannotStartSaysWhyAndWhatToFix() throws Exception {
    tinySite();
    BuildMojo mojo = mojo(dir);
    mojo.fork = true;
    mojo.setLog(new RecordingLog());
    // The JVM says why on stderr for one, on stdout for the other.
    mojo.jvmArgs = "-XX:+NoSuchOption";
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class)
        .hasMessageContaining("The build's JVM did not start (exit code 1): Unrecognized VM option 'NoSuchOption';"
            + " check <jvmArgs> (-Dedgepress.jvmArgs), or set -Dedgepress.fork=false");
    mojo.jvmArgs = "-Xmx1k";
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class)
        .hasMessageContaining("The build's JVM did not start").hasMessageContaining("Too small maximum heap");
    assertThat(dir.resolve("target/site")).doesNotExist();
  }

  @Test
  void jvmLoggingInJvmArgsDoesNotBreakTheForkedBuild() throws Exception {
    tinySite();
    BuildMojo mojo = mojo(dir);
    mojo.fork = true;
    // gc logging to stdout, where the build speaks its protocol (as JFR's start-up line does).
    mojo.jvmArgs = SMALL_JVM + " -Xlog:gc";
    RecordingLog log = new RecordingLog();
    mojo.setLog(log);
    mojo.execute();
    assertThat(dir.resolve("target/site/posts/one/index.html")).isRegularFile();
    assertThat(log.infos).anyMatch(l -> l.startsWith("Built 1 pages"));
  }

  @Test
  void aSecondBuildRendersOnlyWhatChanged() throws Exception {
    write(dir.resolve("site.yaml"), "title: Tiny\nbaseUrl: https://tiny.example/\n");
    write(dir.resolve("content/posts/one.md"), "---\ntitle: One\ndate: 2024-01-01\n---\n\nHello.\n\n<!--more-->\n\nMore.\n");
    write(dir.resolve("content/posts/two.md"), "---\ntitle: Two\ndate: 2024-01-02\n---\n\nHi.\n");
    BuildMojo mojo = mojo(dir);
    mojo.fork = true;
    mojo.jvmArgs = SMALL_JVM;
    RecordingLog log = new RecordingLog();
    mojo.setLog(log);
    mojo.execute();
    // No cache yet: the whole site is rendered (in a forked JVM, which reports through its own lines).
    assertThat(dir.resolve("target/edgepress/cache")).isNotEmptyDirectory();
    String first = log.infos.stream().filter(l -> l.startsWith("Built 2 pages")).findFirst().orElseThrow();
    assertThat(first).doesNotContain(" 0 rendered");

    write(dir.resolve("content/posts/one.md"), "---\ntitle: One\ndate: 2024-01-01\n---\n\nHello.\n\n<!--more-->\n\nChanged.\n");
    log.infos.clear();
    mojo.execute();
    assertThat(log.infos).anyMatch(l -> l.startsWith("Built 2 pages") && l.contains(", 1 rendered,"));
    assertThat(Files.readString(dir.resolve("target/site/posts/one/index.html"))).contains("Changed.");

    // Nothing changed: no build starts at all.
    log.infos.clear();
    mojo.execute();
    assertThat(log.infos).anyMatch(l -> l.startsWith("Up to date: nothing changed since the last build"));
    assertThat(log.infos).noneMatch(l -> l.startsWith("Built"));

    // A file touched but not changed: a build, inside Maven's JVM, where the same cache serves.
    Files.setLastModifiedTime(dir.resolve("content/posts/two.md"), FileTime.fromMillis(1_700_000_000_000L));
    mojo.fork = false;
    log.infos.clear();
    mojo.execute();
    assertThat(log.infos).anyMatch(l -> l.startsWith("Built 2 pages") && l.contains(", 0 rendered,"));

    // Without the cache, everything again.
    mojo.incremental = false;
    log.infos.clear();
    mojo.execute();
    assertThat(log.infos).anyMatch(l -> l.startsWith("Built 2 pages") && !l.contains(" 0 rendered"));
  }

  @Test
  void aBuildDaemonServesTheNextBuildsAndStops() throws Exception {
    tinySite();
    BuildMojo mojo = mojo(dir);
    mojo.fork = true;
    mojo.daemon = "true";
    mojo.jvmArgs = SMALL_JVM;
    RecordingLog log = new RecordingLog();
    mojo.setLog(log);
    Path state = dir.resolve("target/edgepress/daemon.properties");
    try {
      mojo.execute();
      // No daemon yet: this build forks as usual, then one is started for the next builds.
      assertThat(log.infos).anyMatch(l -> l.startsWith("Built 1 pages"));
      assertThat(log.infos).anyMatch(l -> l.startsWith("Started a build daemon"));
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (!Files.exists(state) && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(state).exists();
      String pid = Files.readAllLines(state).stream().filter(l -> l.startsWith("pid=")).findFirst().orElseThrow();

      // The next build goes to the same daemon, which has the cache in memory.
      write(dir.resolve("content/posts/one.md"), "---\ntitle: One\ndate: 2024-01-01\n---\n\nHello again.\n");
      log.infos.clear();
      mojo.execute();
      assertThat(log.infos).noneMatch(l -> l.startsWith("Started a build daemon"));
      // The post and the lists and feeds that show its summary (its only paragraph), not all 13 files.
      assertThat(log.infos).anyMatch(l -> l.startsWith("Built 1 pages") && l.contains("(13 files, 5 rendered,"));
      assertThat(Files.readString(dir.resolve("target/site/posts/one/index.html"))).contains("Hello again.");
      assertThat(Files.readAllLines(state)).contains(pid);

      // The daemon does not trust its memory with the output folder: a file deleted there comes back.
      Files.delete(dir.resolve("target/site/index.xml"));
      log.infos.clear();
      mojo.execute();
      assertThat(log.infos).anyMatch(l -> l.startsWith("Built 1 pages") && l.contains("(13 files, 1 rendered,"));
      assertThat(dir.resolve("target/site/index.xml")).isRegularFile();

      // Problems come back from the daemon as from a fork.
      write(dir.resolve("content/bad.md"), "---\ntitle: Bad\ndate: someday\n---\n");
      log.errors.clear();
      assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
          .hasMessageContaining("The site has 1 problem (listed above)");
      assertThat(log.errors).containsExactly(BAD_DATE);
    } finally {
      Fork.stopDaemon(dir.resolve("target/edgepress"));
    }
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (Files.exists(state) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(state).as("the daemon removes its state file when it stops").doesNotExist();
  }

  @Test
  void aMissingSiteFolderNamesTheParameter() {
    BuildMojo mojo = mojo(dir.resolve("nope"));
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("-Dedgepress.siteDirectory");
  }

  @Test
  void skipDoesNothing() throws Exception {
    BuildMojo mojo = mojo(dir.resolve("nope"));
    mojo.skip = true;
    mojo.execute();
    assertThat(dir.resolve("nope")).doesNotExist();
  }
}
