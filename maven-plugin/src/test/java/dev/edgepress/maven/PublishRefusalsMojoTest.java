package dev.edgepress.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edgepress.generator.Generator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The publish goal refuses what must not be published with a failing build and a message naming
 * the file or parameter to fix; -Dedgepress.force overrides only the deletion limits; a dry run
 * leaves the last publish report alone.
 */
class PublishRefusalsMojoTest {

  @TempDir Path dir;
  final List<String> infos = new ArrayList<>();
  final List<String> warnings = new ArrayList<>();

  PublishMojo mojo() {
    PublishMojo mojo = new PublishMojo();
    mojo.outputDirectory = dir.resolve("target/site").toFile();
    mojo.localBucket = dir.resolve("target/edgepress/bucket").toFile();
    mojo.reportDirectory = dir.resolve("target/edgepress").toFile();
    mojo.maxDeletes = 256;
    mojo.concurrency = 4;
    mojo.siteDirectory = dir.toFile();
    mojo.setLog(new SystemStreamLog() {
      @Override
      public void info(CharSequence content) {
        infos.add(content.toString());
      }

      @Override
      public void warn(CharSequence content) {
        warnings.add(content.toString());
      }
    });
    return mojo;
  }

  /**
   * A mojo bound for a bucket on an endpoint where nothing listens: a refusal must come before any
   * request, or the failure would be a connection error instead of the refusal.
   */
  PublishMojo toBucket() {
    PublishMojo mojo = mojo();
    mojo.bucket = "site-bucket";
    mojo.region = "us-east-1";
    mojo.endpoint = "http://127.0.0.1:9";
    return mojo;
  }

  void write(String path, String text) throws IOException {
    Path f = dir.resolve(path);
    Files.createDirectories(f.getParent());
    Files.writeString(f, text);
  }

  void build() {
    Generator.builder(dir).build().build();
  }

  @Test
  void anEmptyContentFolderFailsThePublish() throws Exception {
    write("site.yaml", "title: T\nbaseUrl: https://www.example.com/\n");
    Files.createDirectories(dir.resolve("content"));
    build();
    assertThatThrownBy(mojo()::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("has no content pages").hasMessageContaining("Add pages to content/");
    assertThat(dir.resolve("target/edgepress/bucket")).doesNotExist();
  }

  @Test
  void noSiteYamlFailsAPublishToABucketNamingTheFile() throws Exception {
    write("content/about.md", "---\ntitle: About\n---\nAbout.\n");
    build();
    assertThatThrownBy(toBucket()::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("Refusing to publish to s3://site-bucket/")
        .hasMessageContaining("there is no " + dir.resolve("site.yaml"))
        .hasMessageContaining("-Dedgepress.configFile");
    mojo().execute();
    assertThat(dir.resolve("target/edgepress/bucket/about/index.html")).as("the local folder takes it").exists();
  }

  @Test
  void aLocalhostBaseUrlFailsAPublishToABucket() throws Exception {
    write("site.yaml", "title: T\nbaseUrl: http://localhost:1313/\n");
    write("content/about.md", "---\ntitle: About\n---\nAbout.\n");
    build();
    PublishMojo mojo = toBucket();
    mojo.force = true;
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("was built for http://localhost:1313/")
        .hasMessageContaining("Set baseUrl in " + dir.resolve("site.yaml"));
  }

  @Test
  void deletingMostPagesFailsUnlessForced() throws Exception {
    write("site.yaml", "title: T\nbaseUrl: https://www.example.com/\n");
    write("target/site/index.html", "home");
    for (int i = 0; i < 12; i++) {
      write("target/site/p" + i + ".html", "page " + i);
    }
    mojo().execute();
    for (int i = 0; i < 10; i++) {
      Files.delete(dir.resolve("target/site/p" + i + ".html"));
    }
    assertThatThrownBy(mojo()::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("would delete 10 of the 13 HTML pages").hasMessageContaining("-Dedgepress.force");
    assertThat(dir.resolve("target/edgepress/bucket/p0.html")).exists();
    PublishMojo forced = mojo();
    forced.force = true;
    forced.execute();
    assertThat(dir.resolve("target/edgepress/bucket/p0.html")).doesNotExist();
    assertThat(infos).anyMatch(l -> l.startsWith("Published: 0 uploaded, 0 headers updated, 10 deleted"));
  }

  @Test
  void aDryRunLeavesPublishReportJsonByteIdentical() throws Exception {
    write("site.yaml", "title: T\nbaseUrl: https://www.example.com/\n");
    write("target/site/index.html", "home");
    write("target/site/about.html", "about");
    mojo().execute();
    Path report = dir.resolve("target/edgepress/publish-report.json");
    byte[] before = Files.readAllBytes(report);
    write("target/site/about.html", "about, edited");
    PublishMojo dry = mojo();
    dry.dryRun = true;
    infos.clear();
    dry.execute();
    assertThat(Files.readAllBytes(report)).isEqualTo(before);
    assertThat(dir.resolve("target/edgepress/plan.json")).content().contains("\"path\": \"about.html\"");
    assertThat(infos).contains("Plan: " + dir.resolve("target/edgepress/plan.json"))
        .noneMatch(l -> l.contains("publish-report.json"));
    assertThat(dir.resolve("target/edgepress/bucket/about.html")).hasContent("about");
  }
}
