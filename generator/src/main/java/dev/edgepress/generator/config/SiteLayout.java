package dev.edgepress.generator.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a site's files are: its folder, site.yaml, and the content, static, templates and data
 * folders. Each defaults to its usual place in the site folder ({@link #of}) and can be moved with a
 * {@code with...} method. The one value that build, serve and check read, so that the three goals
 * always agree on where the site is.
 *
 * @param siteDirectory the site folder, absolute
 * @param configFile the site settings (site.yaml)
 * @param contentDirectory Markdown pages and the files beside them
 * @param staticDirectory files copied as they are
 * @param templatesDirectory templates that override the theme's
 * @param dataDirectory YAML and JSON files shown to templates as data.NAME
 */
public record SiteLayout(
    Path siteDirectory,
    Path configFile,
    Path contentDirectory,
    Path staticDirectory,
    Path templatesDirectory,
    Path dataDirectory) {

  public SiteLayout {
    Objects.requireNonNull(siteDirectory, "siteDirectory");
    Objects.requireNonNull(configFile, "configFile");
    Objects.requireNonNull(contentDirectory, "contentDirectory");
    Objects.requireNonNull(staticDirectory, "staticDirectory");
    Objects.requireNonNull(templatesDirectory, "templatesDirectory");
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    siteDirectory = siteDirectory.toAbsolutePath().normalize();
  }

  /** The usual layout: site.yaml, content/, static/, templates/ and data/ in {@code siteDirectory}. */
  public static SiteLayout of(Path siteDirectory) {
    Path site = siteDirectory.toAbsolutePath().normalize();
    return new SiteLayout(site, site.resolve("site.yaml"), site.resolve("content"), site.resolve("static"),
        site.resolve("templates"), site.resolve("data"));
  }

  public SiteLayout withConfigFile(Path file) {
    return new SiteLayout(siteDirectory, file, contentDirectory, staticDirectory, templatesDirectory, dataDirectory);
  }

  public SiteLayout withContentDirectory(Path dir) {
    return new SiteLayout(siteDirectory, configFile, dir, staticDirectory, templatesDirectory, dataDirectory);
  }

  public SiteLayout withStaticDirectory(Path dir) {
    return new SiteLayout(siteDirectory, configFile, contentDirectory, dir, templatesDirectory, dataDirectory);
  }

  public SiteLayout withTemplatesDirectory(Path dir) {
    return new SiteLayout(siteDirectory, configFile, contentDirectory, staticDirectory, dir, dataDirectory);
  }

  public SiteLayout withDataDirectory(Path dir) {
    return new SiteLayout(siteDirectory, configFile, contentDirectory, staticDirectory, templatesDirectory, dir);
  }

  /** This layout with each override that is present; an empty one keeps the current place. */
  public SiteLayout with(Optional<Path> configFile, Optional<Path> contentDirectory, Optional<Path> staticDirectory,
      Optional<Path> templatesDirectory, Optional<Path> dataDirectory) {
    return new SiteLayout(siteDirectory, configFile.orElse(this.configFile),
        contentDirectory.orElse(this.contentDirectory), staticDirectory.orElse(this.staticDirectory),
        templatesDirectory.orElse(this.templatesDirectory), dataDirectory.orElse(this.dataDirectory));
  }

  /** The folders and the file whose changes call for a new build: content, static, templates, data and site.yaml. */
  public List<Path> sources() {
    return List.of(contentDirectory, staticDirectory, templatesDirectory, dataDirectory, configFile);
  }
}
