package dev.edgepress.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The publish goal with no bucket: the local folder store, as the quick start uses it. */
class PublishMojoTest {

  @TempDir Path dir;

  PublishMojo mojo() {
    PublishMojo mojo = new PublishMojo();
    mojo.outputDirectory = dir.resolve("target/site").toFile();
    mojo.localBucket = dir.resolve("target/edgepress/bucket").toFile();
    mojo.reportDirectory = dir.resolve("target/edgepress").toFile();
    mojo.maxDeletes = 256;
    mojo.concurrency = 4;
    mojo.siteDirectory = dir.toFile();
    return mojo;
  }

  @Test
  void publishesToTheLocalFolderThenHasNothingToDo() throws Exception {
    Files.createDirectories(dir.resolve("target/site/about"));
    Files.writeString(dir.resolve("target/site/index.html"), "home");
    Files.writeString(dir.resolve("target/site/about/index.html"), "about");
    BuildMojoTest.RecordingLog log = new BuildMojoTest.RecordingLog();
    PublishMojo mojo = mojo();
    mojo.setLog(log);
    mojo.execute();
    assertThat(dir.resolve("target/edgepress/bucket/about/index.html")).hasContent("about");
    assertThat(log.infos).anyMatch(l -> l.startsWith("Published: 2 uploaded"));
    log.infos.clear();
    mojo.execute();
    assertThat(log.infos).anyMatch(l -> l.startsWith("Nothing to publish"));
  }

  @Test
  void theCacheRulesOfSiteYamlAreUsedAndThePomsWin() throws Exception {
    Files.writeString(dir.resolve("site.yaml"), "title: T\ncacheRules:\n"
        + "  - { glob: \"images/**\", cacheControl: \"public, max-age=86400\" }\n"
        + "  - { glob: \"files/**\", cacheControl: \"public, max-age=60\" }\n");
    Files.createDirectories(dir.resolve("target/site/images"));
    Files.createDirectories(dir.resolve("target/site/files"));
    Files.writeString(dir.resolve("target/site/index.html"), "home");
    Files.writeString(dir.resolve("target/site/images/a.png"), "PNG");
    Files.writeString(dir.resolve("target/site/files/b.pdf"), "PDF");
    PublishMojo mojo = mojo();
    CacheRule rule = new CacheRule();
    rule.glob = "files/**";
    rule.value = "no-cache";
    mojo.cacheRules = List.of(rule);
    mojo.dryRun = true;
    mojo.setLog(new BuildMojoTest.RecordingLog());
    mojo.execute();
    String plan = Files.readString(dir.resolve("target/edgepress/plan.json"));
    assertThat(plan).containsPattern("\"path\": \"images/a.png\"[^}]*\"cacheControl\": \"public, max-age=86400\"")
        .containsPattern("\"path\": \"files/b.pdf\"[^}]*\"cacheControl\": \"no-cache\"");
  }

  @Test
  void aBadCacheRuleInSiteYamlNamesItsLine() throws Exception {
    Files.writeString(dir.resolve("site.yaml"), "title: T\ncacheRules:\n  - { glob: \"images/**\" }\n");
    Files.createDirectories(dir.resolve("target/site"));
    Files.writeString(dir.resolve("target/site/index.html"), "home");
    assertThatThrownBy(mojo()::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("site.yaml:3: rule 1 of 'cacheRules' needs cacheControl");
  }

  @Test
  void aSiteThatWasNotBuiltIsNotPublished() {
    PublishMojo mojo = mojo();
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("Nothing to publish").hasMessageContaining("Build the site first");
  }

  @Test
  void aCacheRuleWithoutAGlobNamesTheElement() throws Exception {
    Files.createDirectories(dir.resolve("target/site"));
    Files.writeString(dir.resolve("target/site/index.html"), "home");
    PublishMojo mojo = mojo();
    CacheRule rule = new CacheRule();
    rule.value = "no-cache";
    mojo.cacheRules = List.of(rule);
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("Each <cacheRule> needs a <glob> and a <value>");
  }
}
