package dev.edgepress.maven.fork;

import dev.edgepress.generator.BuildListener;
import dev.edgepress.generator.Generator;
import dev.edgepress.generator.config.SiteLayout;
import dev.edgepress.generator.links.LinkCheck;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One build, as the plugin asks for it: the generator's settings, the same whether the build runs
 * inside Maven, in a forked JVM ({@link ForkedBuild}) or in the build daemon ({@link BuildDaemon}).
 * Crosses the JVM boundary through {@link BuildProtocol}. Built with {@link #builder}.
 *
 * @param layout where the site's files are, as build, serve and check all read it
 * @param cacheFile the build cache's file (the daemon keeps it in memory instead)
 * @param baseUrl replaces baseUrl from site.yaml
 * @param threads rendering threads, 0 for one per core
 */
public record BuildRequest(
    SiteLayout layout,
    Path outputDirectory,
    Path cacheFile,
    boolean drafts,
    boolean future,
    boolean expired,
    boolean incremental,
    int threads,
    LinkCheck links,
    Optional<String> baseUrl) {

  public BuildRequest {
    Objects.requireNonNull(layout, "layout");
    Objects.requireNonNull(outputDirectory, "outputDirectory");
    Objects.requireNonNull(cacheFile, "cacheFile");
    Objects.requireNonNull(links, "links");
    Objects.requireNonNull(baseUrl, "baseUrl");
  }

  public static Builder builder(SiteLayout layout, Path outputDirectory, Path cacheFile) {
    return new Builder(layout, outputDirectory, cacheFile);
  }

  /** A request for the site in {@code siteDirectory}, laid out as usual ({@link SiteLayout#of}). */
  public static Builder builder(Path siteDirectory, Path outputDirectory, Path cacheFile) {
    return builder(SiteLayout.of(siteDirectory), outputDirectory, cacheFile);
  }

  /**
   * The generator configured for this request, its messages going to {@code listener}; themes are
   * looked up in the plugin's own class loader.
   */
  public Generator.Builder generator(BuildListener listener) {
    return Generator.builder(layout)
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
  }

  /** Builds a {@link BuildRequest}; what is not set keeps the generator's default. */
  public static final class Builder {
    private final SiteLayout layout;
    private final Path outputDirectory;
    private final Path cacheFile;
    private boolean drafts;
    private boolean future;
    private boolean expired;
    private boolean incremental = true;
    private int threads;
    private LinkCheck links = LinkCheck.FAIL;
    private Optional<String> baseUrl = Optional.empty();

    private Builder(SiteLayout layout, Path outputDirectory, Path cacheFile) {
      this.layout = layout;
      this.outputDirectory = outputDirectory;
      this.cacheFile = cacheFile;
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
      return new BuildRequest(layout, outputDirectory, cacheFile, drafts, future, expired, incremental, threads,
          links, baseUrl);
    }
  }
}
