package dev.edgepress.generator.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgepress.generator.Generator;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SiteLayoutTest {

  static final Path SITE = Path.of("/sites/blog").toAbsolutePath();

  @Test
  void everyFolderHasItsUsualPlaceInTheSiteFolder() {
    SiteLayout layout = SiteLayout.of(SITE);
    assertThat(layout.configFile()).isEqualTo(SITE.resolve("site.yaml"));
    assertThat(layout.contentDirectory()).isEqualTo(SITE.resolve("content"));
    assertThat(layout.staticDirectory()).isEqualTo(SITE.resolve("static"));
    assertThat(layout.templatesDirectory()).isEqualTo(SITE.resolve("templates"));
    assertThat(layout.dataDirectory()).isEqualTo(SITE.resolve("data"));
  }

  @Test
  void theSiteFolderIsAbsoluteAndNormalised() {
    assertThat(SiteLayout.of(Path.of("a/../site")).siteDirectory()).isEqualTo(Path.of("site").toAbsolutePath());
  }

  @Test
  void anOverrideMovesOneFolderAndKeepsTheOthers() {
    Path pages = Path.of("/elsewhere/pages");
    SiteLayout layout = SiteLayout.of(SITE).with(Optional.of(SITE.resolve("conf/site.yaml")), Optional.of(pages),
        Optional.empty(), Optional.empty(), Optional.empty());
    assertThat(layout).isEqualTo(SiteLayout.of(SITE).withConfigFile(SITE.resolve("conf/site.yaml"))
        .withContentDirectory(pages));
    assertThat(layout.staticDirectory()).isEqualTo(SITE.resolve("static"));
  }

  @Test
  void theSourcesAreTheFourFoldersAndTheSettings() {
    SiteLayout layout = SiteLayout.of(SITE).withContentDirectory(Path.of("/pages")).withDataDirectory(Path.of("/d"));
    assertThat(layout.sources()).containsExactly(Path.of("/pages"), SITE.resolve("static"), SITE.resolve("templates"),
        Path.of("/d"), SITE.resolve("site.yaml"));
  }

  @Test
  void theGeneratorReadsTheLayoutItIsGiven() {
    SiteLayout layout = SiteLayout.of(SITE).withConfigFile(Path.of("/conf/blog.yaml"))
        .withStaticDirectory(Path.of("/assets"));
    Generator generator = Generator.builder(layout).build();
    assertThat(generator.layout()).isEqualTo(layout);
    assertThat(generator.configFile()).isEqualTo(Path.of("/conf/blog.yaml"));
  }

  @Test
  void theGeneratorsFolderSettersMoveOneFolderAndNullGoesBackToTheUsualPlace() {
    Generator generator = Generator.builder(SITE).contentDirectory(Path.of("/pages")).dataDirectory(Path.of("/d"))
        .dataDirectory(null).build();
    assertThat(generator.layout()).isEqualTo(SiteLayout.of(SITE).withContentDirectory(Path.of("/pages")));
  }
}
