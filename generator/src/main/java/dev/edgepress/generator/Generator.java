package dev.edgepress.generator;

import dev.edgepress.generator.cache.BuildCache;
import dev.edgepress.generator.cache.CacheStore;
import dev.edgepress.generator.cache.Hash64;
import dev.edgepress.generator.config.SiteConfig;
import dev.edgepress.generator.config.SiteConfigLoader;
import dev.edgepress.generator.config.SiteLayout;
import dev.edgepress.generator.content.ContentLoader;
import dev.edgepress.generator.content.SiteFiles;
import dev.edgepress.generator.content.DataLoader;
import dev.edgepress.generator.content.Resource;
import dev.edgepress.generator.links.LinkCheck;
import dev.edgepress.generator.links.LinkIndex;
import dev.edgepress.generator.output.StagedOutput;
import dev.edgepress.generator.render.RenderOutcome;
import dev.edgepress.generator.render.Selection;
import dev.edgepress.generator.render.ModelReads;
import dev.edgepress.generator.render.SiteRenderer;
import dev.edgepress.generator.template.Assets;
import dev.edgepress.generator.template.Templates;
import dev.edgepress.generator.template.Theme;
import dev.edgepress.headers.BuildRecord;
import dev.edgepress.headers.Fingerprinted;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;

/**
 * Builds a site. Configure with {@link #builder(Path)}, then {@link #build()}:
 *
 * <pre>{@code
 * BuildResult result = Generator.builder(Path.of("my-site"))
 *     .outputDirectory(Path.of("my-site/target/site"))
 *     .includeDrafts(true)
 *     .build()
 *     .build();
 * }</pre>
 *
 * <p>The site is written to a staging folder and swapped in only when every page rendered; a
 * failed build throws {@link BuildException} with every problem found and leaves the previous
 * output as it was. Immutable and safe to reuse.
 *
 * <p>Longer than 400 lines because its {@link Builder}, one setter per setting, is part of it: it is
 * the API the plugin and the tests call ({@code Generator.builder(...)}).
 */
public final class Generator {

  private final SiteLayout layout;
  private final Path siteDirectory;
  private final Path configFile;
  private final Path contentDirectory;
  private final Path staticDirectory;
  private final Path templatesDirectory;
  private final Path dataDirectory;
  private final Path outputDirectory;
  private final boolean drafts;
  private final boolean future;
  private final boolean expired;
  private final Optional<String> baseUrl;
  private final int threads;
  private final BuildListener listener;
  private final ClassLoader themeClassLoader;
  private final Clock clock;
  private final LinkCheck linkCheck;
  private final Path cacheFile;
  private final boolean warmUp;
  private final CacheStore cacheStore;

  /** Bumped whenever what the cache records changes meaning. */
  private static final String CACHE_VERSION = "1";

  private Generator(Builder b) {
    this.linkCheck = b.linkCheck;
    this.cacheStore = b.cacheStore;
    this.warmUp = b.warmUp;
    this.layout = b.layout;
    this.siteDirectory = layout.siteDirectory();
    this.configFile = layout.configFile();
    this.contentDirectory = layout.contentDirectory();
    this.staticDirectory = layout.staticDirectory();
    this.templatesDirectory = layout.templatesDirectory();
    this.dataDirectory = layout.dataDirectory();
    this.outputDirectory = b.outputDirectory != null ? b.outputDirectory : siteDirectory.resolve("target/site");
    this.drafts = b.drafts;
    this.future = b.future;
    this.expired = b.expired;
    this.baseUrl = b.baseUrl;
    this.threads = b.threads > 0 ? b.threads : Runtime.getRuntime().availableProcessors();
    this.listener = b.listener;
    this.themeClassLoader = b.themeClassLoader != null ? b.themeClassLoader : Generator.class.getClassLoader();
    this.clock = b.clock;
    this.cacheFile = !b.incremental ? null : b.cacheFile != null ? b.cacheFile.toAbsolutePath().normalize()
        : siteDirectory.resolve("target/edgepress/cache").resolve(cacheName(outputDirectory));
  }

  /** One cache per output folder: target/site and the preview's folder are built differently. */
  public static String cacheName(Path output) {
    // FNV-1a of the path, as Hash64 was until it changed for speed: the name an output's cache had
    // stays its name (a new one would leave the old file behind in target/).
    String path = output.toString();
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < path.length(); i++) {
      h = (h ^ path.charAt(i)) * 0x100000001b3L;
    }
    h = (h ^ 0x1f) * 0x100000001b3L;
    h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
    h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
    String hex = Long.toHexString(h ^ (h >>> 31));
    String name = hex.length() >= 8 ? hex.substring(0, 8) : "0".repeat(8 - hex.length()) + hex;
    return output.getFileName() + "-" + name + ".cache";
  }

  /** Where this build keeps its cache, or null when it is not incremental. */
  public Path cacheFile() {
    return cacheFile;
  }

  public static Builder builder(Path siteDirectory) {
    return new Builder(SiteLayout.of(Objects.requireNonNull(siteDirectory, "siteDirectory")));
  }

  /** A builder for the site where {@code layout} says its files are. */
  public static Builder builder(SiteLayout layout) {
    return new Builder(Objects.requireNonNull(layout, "layout"));
  }

  /** Where this generator reads the site from. */
  public SiteLayout layout() {
    return layout;
  }

  public Path outputDirectory() {
    return outputDirectory;
  }

  /** The site.yaml this generator reads. */
  public Path configFile() {
    return configFile;
  }

  /**
   * Builds the site.
   *
   * @throws BuildException listing every problem with the input; the previous output is untouched
   */
  public BuildResult build() {
    long start = System.nanoTime();
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      BuildResult result = pool.submit(() -> run(start)).get();
      return result;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("build interrupted", e);
    } finally {
      pool.shutdown();
    }
  }

  /**
   * Whether the last build's output and cache still stand for these settings and the site's files
   * as they are now ({@link UpToDate}): then a build would change nothing, and need not start. Never
   * so without a cache ({@link Builder#incremental}). Reads the site's folders; writes nothing but a
   * note of the inputs for the build that follows.
   */
  public UpToDate.Result upToDate() {
    if (cacheFile == null || warmUp) {
      return new UpToDate.Result(false, 0, "");
    }
    return UpToDate.check(cacheFile, stampRoots(), stampSettings(fingerprint()), clock.millis());
  }

  private UpToDate.Roots stampRoots() {
    return UpToDate.roots(siteDirectory, layout.sources(), outputDirectory, cacheFile, themeClassLoader);
  }

  /** What a stamp is for: the cache's settings ({@code fingerprint}), the link check's mode and the cache itself. */
  private long stampSettings(long fingerprint) {
    return new Hash64().add(fingerprint).add(linkCheck.name()).add(cacheFile.toString()).get();
  }

  private BuildResult run(long start) {
    // The stamp of the last build is gone from here on: a build that fails leaves none.
    Optional<UpToDate.Inputs> inputs = cacheFile == null || warmUp ? Optional.empty() : UpToDate.takeInputs(cacheFile);
    java.util.concurrent.atomic.AtomicBoolean warned = new java.util.concurrent.atomic.AtomicBoolean();
    BuildListener listener = new BuildListener() {
      @Override
      public void info(String message) {
        Generator.this.listener.info(message);
      }

      @Override
      public void warn(String message) {
        warned.set(true);
        Generator.this.listener.warn(message);
      }

      @Override
      public void debug(String message) {
        Generator.this.listener.debug(message);
      }
    };
    Problems problems = new Problems();
    List<String> warnings = new ArrayList<>();
    SiteConfig config = SiteConfigLoader.load(configFile, baseUrl, problems, warnings);
    warnings.forEach(listener::warn);
    Optional<Theme> theme = Theme.load(config.theme(), siteDirectory, configFile,
        config.themeLine(), themeClassLoader, problems);
    // site.yaml and the theme are what everything else is read and rendered with: with a problem
    // there, the rest would only report its consequences. Any other problem lets every check run.
    boolean settingsBroken = !problems.isEmpty();
    Map<String, Object> data = DataLoader.load(dataDirectory, siteDirectory, problems);
    long fingerprint = fingerprint();
    BuildCache previous = cacheFile == null ? BuildCache.EMPTY
        : cacheStore.load(cacheFile, listener).ifFor(fingerprint);
    BuildCache.Writer next = new BuildCache.Writer(fingerprint, previous);
    ContentLoader.Content content = ContentLoader.load(contentDirectory, siteDirectory, config, problems, previous, next);
    List<Resource> staticFiles = SiteFiles.staticFiles(staticDirectory, siteDirectory, problems);
    if (settingsBroken) {
      fail(problems);
    }
    listener.info("Building " + content.pages().size() + " Markdown files from " + display(contentDirectory)
        + " with theme '" + theme.map(Theme::name).orElse("?") + "'");

    long loaded = System.nanoTime();
    Map<String, Resource> assetFiles = new java.util.HashMap<>();
    theme.map(Theme::staticFiles).orElse(List.of()).forEach(r -> assetFiles.put(r.outputPath(), r));
    staticFiles.forEach(r -> assetFiles.put(r.outputPath(), r));
    Assets assets = new Assets(assetFiles, config);
    Templates templates = new Templates(templatesDirectory, siteDirectory, theme.orElse(null), config, assets,
        Generator.class.getClassLoader(), new ModelReads());
    LinkIndex links = linkCheck == LinkCheck.OFF ? null
        : new LinkIndex(config.baseUrl().getScheme() + "://" + config.baseUrl().getRawAuthority(), config.basePath());
    SiteRenderer renderer = new SiteRenderer(config, templates, problems, links, assets, previous, next);
    StagedOutput out = StagedOutput.open(outputDirectory);
    RenderOutcome outcome;
    long linksStart = 0;
    Selection.Options options = new Selection.Options(drafts, future, expired, clock.instant());
    try {
      outcome = renderer.render(content.pages(), content.resources(), staticFiles,
          theme.map(Theme::staticFiles).orElse(List.of()), data, options, out);
      problems.warnings().stream().sorted(Problem.ORDER).forEach(w -> listener.warn(shown(w).toString()));
      // Which files may be served immutable: the copies asset() fingerprinted, and no other.
      out.write(Fingerprinted.PATH, Fingerprinted.bytes(assets.outputs().keySet()));
      // What the publisher's guards check: how many pages came from Markdown, and for which address.
      out.write(BuildRecord.PATH, new BuildRecord(outcome.contentPages(), config.baseUrl()).bytes());
      linksStart = System.nanoTime();
      if (links != null) {
        // With a cache, only links that can have broken since the last build are followed: those
        // of pages rendered now, and those to files that are gone or lost ids.
        Set<String> changed = null;
        if (!previous.isEmpty()) {
          changed = new java.util.HashSet<>(outcome.changedIds());
          for (String file : previous.outputs().keySet()) {
            if (!out.files().contains(file)) {
              changed.add(file);
            }
          }
        }
        // A page whose template failed is reported once, for itself, and so is a link to a Markdown
        // file that is no page: neither again as a broken link.
        List<Problem> broken = links.check(out.files(), changed, outcome.failedFiles(), outcome.unresolvedLinks());
        for (String file : links.filesWithProblems()) {
          BuildCache.Output o = next.output(file);
          if (o != null) {
            next.output(file, o.withBrokenLinks(true));
          }
        }
        if (linkCheck == LinkCheck.FAIL) {
          broken.forEach(problems::add);
        } else {
          broken.forEach(p -> listener.warn(shown(p).toString()));
        }
      }
      fail(problems);
    } catch (RuntimeException e) {
      out.abort();
      throw e;
    }
    long rendered = System.nanoTime();
    if (warmUp) {
      // Everything was read, planned and rendered as a build would; nothing is kept.
      out.abort();
    } else {
      out.commit();
    }
    long committed = System.nanoTime();
    boolean cacheSaved = false;
    if (cacheFile != null && !warmUp) {
      // The cache describes the output now in place; a build that failed left both as they were.
      for (String file : outcome.renderedFiles()) {
        BuildCache.Output o = next.output(file);
        StagedOutput.FileState state = out.state(file);
        if (o != null && state != null) {
          next.output(file, o.withFile(state.size(), state.modified()));
        }
      }
      try {
        cacheStore.save(cacheFile, next.done());
        cacheSaved = true;
      } catch (IOException e) {
        listener.warn("Could not write the build cache " + cacheFile + " (" + e.getMessage()
            + "); the next build renders everything");
      }
    }
    long cached = System.nanoTime();
    // Warnings are told again by each build, so a build that had some leaves no stamp; nor does one
    // whose theme folder is outside the site's (a check does not look there).
    if (cacheSaved && inputs.isPresent() && !warned.get() && inputs.get().settings() == stampSettings(fingerprint)
        && config.theme().map(n -> siteDirectory.resolve(n).normalize()).filter(Files::isDirectory)
            .map(folder -> folder.startsWith(siteDirectory)).orElse(true)) {
      List<UpToDate.OutputFile> files = new ArrayList<>(out.files().size());
      for (String file : out.files()) {
        BuildCache.Output o = next.output(file);
        if (o != null && o.size() >= 0) {
          files.add(new UpToDate.OutputFile(file, o.size(), o.modified()));
        } else {
          // Not in the cache (the build's own record files): as it is on disk.
          StagedOutput.FileState state = out.state(file);
          if (state != null) {
            files.add(new UpToDate.OutputFile(file, state.size(), state.modified()));
          }
        }
      }
      UpToDate.stamp(cacheFile, inputs.get(), files,
          Selection.nextChange(content.pages(), options).map(java.time.Instant::toEpochMilli).orElse(Long.MAX_VALUE));
    }
    long saved = System.nanoTime();
    listener.info(String.format("Timings: read %d ms, plan %d ms, pages %d ms, lists and files %d ms, links %d ms,"
        + " commit %d ms, cache %d ms, stamp %d ms",
        (loaded - start) / 1_000_000, outcome.planNanos() / 1_000_000, outcome.markdownNanos() / 1_000_000,
        outcome.outputNanos() / 1_000_000, (rendered - linksStart) / 1_000_000, (committed - rendered) / 1_000_000,
        (cached - committed) / 1_000_000, (saved - cached) / 1_000_000));
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    return new BuildResult(outputDirectory, outcome.pages(), outcome.listPages(), outcome.files(),
        outcome.renderedFiles().stream().sorted().toList(), elapsed);
  }

  /**
   * What every output depends on: the generator's version and build, site.yaml (and so the theme's
   * name) and the settings of this build. When it changes, the cache is dropped and everything is
   * rendered. Templates (the site's, the theme's) and static files are fingerprinted one by one.
   */
  private long fingerprint() {
    Hash64 h = new Hash64().add(CACHE_VERSION).add(codeVersion(Generator.class))
        .add(siteDirectory.toString()).add(contentDirectory.toAbsolutePath().toString())
        .add(staticDirectory.toAbsolutePath().toString()).add(templatesDirectory.toAbsolutePath().toString())
        .add(outputDirectory.toString()).add(drafts).add(future).add(expired).add(baseUrl.orElse(""))
        .add(linkCheck == LinkCheck.OFF);
    try {
      h.add(Files.readAllBytes(configFile));
    } catch (IOException e) {
      h.add("no config");
    }
    return h.get();
  }

  private static final Map<Class<?>, String> CODE_VERSIONS = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Where a class was loaded from, with the size and time of that jar: changes whenever the code
   * does. Once per process: code does not change under a running JVM.
   */
  static String codeVersion(Class<?> type) {
    return CODE_VERSIONS.computeIfAbsent(type, Generator::findCodeVersion);
  }

  private static String findCodeVersion(Class<?> type) {
    try {
      java.security.CodeSource source = type.getProtectionDomain().getCodeSource();
      if (source == null || source.getLocation() == null) {
        return "unknown";
      }
      Path path = Path.of(source.getLocation().toURI());
      String version = type.getPackage() == null ? null : type.getPackage().getImplementationVersion();
      if (Files.isRegularFile(path)) {
        return path + "|" + version + "|" + Files.size(path) + "|" + Files.getLastModifiedTime(path).toMillis();
      }
      // Classes in a folder (a build of the generator itself): the newest class file decides.
      try (Stream<Path> walk = Files.walk(path)) {
        return path + "|" + walk.mapToLong(p -> p.toFile().lastModified()).max().orElse(0);
      }
    } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
      return "unknown";
    }
  }

  /** Throws when there are problems, with file paths shown relative to the site folder. */
  private void fail(Problems problems) {
    if (problems.isEmpty()) {
      return;
    }
    throw new BuildException(problems.list().stream().map(this::shown).toList());
  }

  /** The problem with its file shown relative to the site folder. */
  private Problem shown(Problem p) {
    return p.file() != null && p.file().isAbsolute() && p.file().startsWith(siteDirectory.toAbsolutePath())
        ? new Problem(siteDirectory.toAbsolutePath().relativize(p.file()), p.line(), p.column(), p.message())
        : p;
  }

  private String display(Path p) {
    Path abs = p.toAbsolutePath();
    Path site = siteDirectory.toAbsolutePath();
    return abs.startsWith(site) ? site.relativize(abs).toString() : abs.toString();
  }

  /**
   * Settings for a {@link Generator}; every folder defaults to its usual place in the site folder
   * ({@link SiteLayout#of}). A folder set to null goes back to its usual place.
   */
  public static final class Builder {
    private final SiteLayout defaults;
    private SiteLayout layout;
    private Path outputDirectory;
    private boolean drafts;
    private boolean future;
    private boolean expired;
    private Optional<String> baseUrl = Optional.empty();
    private int threads;
    private BuildListener listener = BuildListener.SILENT;
    private ClassLoader themeClassLoader;
    private Clock clock = Clock.systemUTC();
    private LinkCheck linkCheck = LinkCheck.FAIL;
    private boolean incremental = true;
    private Path cacheFile;
    private CacheStore cacheStore = CacheStore.FILES;
    private boolean warmUp;

    private Builder(SiteLayout layout) {
      this.defaults = SiteLayout.of(layout.siteDirectory());
      this.layout = layout;
    }

    /** site.yaml; default: site.yaml in the site folder. */
    public Builder configFile(Path file) {
      this.layout = layout.withConfigFile(file != null ? file : defaults.configFile());
      return this;
    }

    public Builder contentDirectory(Path dir) {
      this.layout = layout.withContentDirectory(dir != null ? dir : defaults.contentDirectory());
      return this;
    }

    public Builder staticDirectory(Path dir) {
      this.layout = layout.withStaticDirectory(dir != null ? dir : defaults.staticDirectory());
      return this;
    }

    public Builder templatesDirectory(Path dir) {
      this.layout = layout.withTemplatesDirectory(dir != null ? dir : defaults.templatesDirectory());
      return this;
    }

    public Builder dataDirectory(Path dir) {
      this.layout = layout.withDataDirectory(dir != null ? dir : defaults.dataDirectory());
      return this;
    }

    /** Where the site is written; default: target/site in the site folder. */
    public Builder outputDirectory(Path dir) {
      this.outputDirectory = dir == null ? null : dir.toAbsolutePath().normalize();
      return this;
    }

    public Builder includeDrafts(boolean include) {
      this.drafts = include;
      return this;
    }

    public Builder includeFuture(boolean include) {
      this.future = include;
      return this;
    }

    public Builder includeExpired(boolean include) {
      this.expired = include;
      return this;
    }

    /** Replaces baseUrl from site.yaml. */
    public Builder baseUrl(String url) {
      this.baseUrl = Optional.ofNullable(url).filter(s -> !s.isBlank());
      return this;
    }

    /** Rendering threads; 0 (the default) means one per core. */
    public Builder threads(int threads) {
      this.threads = threads;
      return this;
    }

    public Builder listener(BuildListener listener) {
      this.listener = Objects.requireNonNull(listener);
      return this;
    }

    /** Where themes named in site.yaml are looked up (theme jars); default: the generator's own. */
    public Builder themeClassLoader(ClassLoader loader) {
      this.themeClassLoader = loader;
      return this;
    }

    /** The time that decides which pages are in the future or expired; for tests. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /** What a link to a missing page, file or #anchor does: fail the build (default), warn, or nothing. */
    public Builder linkCheck(LinkCheck check) {
      this.linkCheck = Objects.requireNonNull(check);
      return this;
    }

    /**
     * Whether to use the build cache (default): render only what changed since the last build.
     * With false, everything is rendered and no cache is read or written.
     */
    public Builder incremental(boolean incremental) {
      this.incremental = incremental;
      return this;
    }

    /** The build cache file; default: target/edgepress/cache/ in the site folder, named for the output folder. */
    public Builder cacheFile(Path file) {
      this.cacheFile = file;
      return this;
    }

    /** How the cache is loaded and saved; {@link CacheStore#memory()} keeps it between builds of a server. */
    public Builder cacheStore(CacheStore store) {
      this.cacheStore = Objects.requireNonNull(store);
      return this;
    }

    /**
     * A build that writes nothing: neither the output nor the cache (the output is staged, then
     * dropped). A long-lived JVM runs one to compile its code and load the cache into memory before
     * the first real build asks.
     */
    public Builder warmUp(boolean warmUp) {
      this.warmUp = warmUp;
      return this;
    }

    public Generator build() {
      return new Generator(this);
    }
  }
}
