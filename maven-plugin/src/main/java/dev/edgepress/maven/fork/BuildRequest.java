package dev.edgepress.maven.fork;

import dev.edgepress.generator.BuildListener;
import dev.edgepress.generator.Generator;
import dev.edgepress.generator.links.LinkCheck;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One build, as the plugin asks for it: the generator's settings, the same whether the build runs
 * inside Maven, in a forked JVM ({@link ForkedBuild}) or in the build daemon ({@link BuildDaemon}).
 * Crosses the JVM boundary through {@link BuildProtocol}. Built with {@link #builder}.
 *
 * @param cacheFile the build cache's file (the daemon keeps it in memory instead)
 * @param baseUrl replaces baseUrl from site.yaml
 * @param threads rendering threads, 0 for one per core
 */
public record BuildRequest(
    Path siteDirectory,
    Path outputDirectory,
    Path cacheFile,
    Optional<Path> configFile,
    Optional<Path> contentDirectory,
    Optional<Path> staticDirectory,
    Optional<Path> templatesDirectory,
    Optional<Path> dataDirectory,
    boolean drafts,
    boolean future,
    boolean expired,
    boolean incremental,
    int threads,
    LinkCheck links,
    Optional<String> baseUrl) {

  public BuildRequest {
    Objects.requireNonNull(siteDirectory, "siteDirectory");
    Objects.requireNonNull(outputDirectory, "outputDirectory");
    Objects.requireNonNull(cacheFile, "cacheFile");
    Objects.requireNonNull(configFile, "configFile");
    Objects.requireNonNull(contentDirectory, "contentDirectory");
    Objects.requireNonNull(staticDirectory, "staticDirectory");
    Objects.requireNonNull(templatesDirectory, "templatesDirectory");
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    Objects.requireNonNull(links, "links");
    Objects.requireNonNull(baseUrl, "baseUrl");
  }

  public static Builder builder(Path siteDirectory, Path outputDirectory, Path cacheFile) {
    return new Builder(siteDirectory, outputDirectory, cacheFile);
  }

  /**
   * The generator configured for this request, its messages going to {@code listener}; themes are
   * looked up in the plugin's own class loader.
   */
  public Generator.Builder generator(BuildListener listener) {
    Generator.Builder b = Generator.builder(siteDirectory)
        .outputDirectory(outputDirectory)
        .includeDrafts(drafts)
        .includeFuture(future)
        .includeExpired(expired)
        .baseUrl(baseUrl.orElse(null))
        .threads(threads)
        .linkCheck(links)
        .themeClassLoader(BuildRequest.class.getClassLoader())
        .incremental(incremental)
        .listener(listener)
        .cacheFile(cacheFile);
    configFile.ifPresent(b::configFile);
    contentDirectory.ifPresent(b::contentDirectory);
    staticDirectory.ifPresent(b::staticDirectory);
    templatesDirectory.ifPresent(b::templatesDirectory);
    dataDirectory.ifPresent(b::dataDirectory);
    return b;
  }

  /** Builds a {@link BuildRequest}; what is not set keeps the generator's default. */
  public static final class Builder {
    private final Path siteDirectory;
    private final Path outputDirectory;
    private final Path cacheFile;
    private Optional<Path> configFile = Optional.empty();
    private Optional<Path> contentDirectory = Optional.empty();
    private Optional<Path> staticDirectory = Optional.empty();
    private Optional<Path> templatesDirectory = Optional.empty();
    private Optional<Path> dataDirectory = Optional.empty();
    private boolean drafts;
    private boolean future;
    private boolean expired;
    private boolean incremental = true;
    private int threads;
    private LinkCheck links = LinkCheck.FAIL;
    private Optional<String> baseUrl = Optional.empty();

    private Builder(Path siteDirectory, Path outputDirectory, Path cacheFile) {
      this.siteDirectory = siteDirectory;
      this.outputDirectory = outputDirectory;
      this.cacheFile = cacheFile;
    }

    public Builder configFile(Optional<Path> file) {
      this.configFile = file;
      return this;
    }

    public Builder contentDirectory(Optional<Path> dir) {
      this.contentDirectory = dir;
      return this;
    }

    public Builder staticDirectory(Optional<Path> dir) {
      this.staticDirectory = dir;
      return this;
    }

    public Builder templatesDirectory(Optional<Path> dir) {
      this.templatesDirectory = dir;
      return this;
    }

    public Builder dataDirectory(Optional<Path> dir) {
      this.dataDirectory = dir;
      return this;
    }

    public Builder drafts(boolean drafts) {
      this.drafts = drafts;
      return this;
    }

    public Builder future(boolean future) {
      this.future = future;
      return this;
    }

    public Builder expired(boolean expired) {
      this.expired = expired;
      return this;
    }

    public Builder incremental(boolean incremental) {
      this.incremental = incremental;
      return this;
    }

    public Builder threads(int threads) {
      this.threads = threads;
      return this;
    }

    public Builder links(LinkCheck links) {
      this.links = links;
      return this;
    }

    /** A blank URL counts as none. */
    public Builder baseUrl(Optional<String> url) {
      this.baseUrl = url.filter(u -> !u.isBlank());
      return this;
    }

    public BuildRequest build() {
      return new BuildRequest(siteDirectory, outputDirectory, cacheFile, configFile, contentDirectory,
          staticDirectory, templatesDirectory, dataDirectory, drafts, future, expired, incremental, threads, links,
          baseUrl);
    }
  }
}
