package dev.edgepress.maven;

import dev.edgepress.generator.BuildException;
import dev.edgepress.generator.BuildResult;
import dev.edgepress.generator.Problem;
import dev.edgepress.generator.config.SiteLayout;
import dev.edgepress.generator.links.LinkCheck;
import dev.edgepress.maven.fork.BuildRequest;
import java.io.File;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Builds the site: Markdown in content/ through the theme's templates into target/site. A failed
 * build lists every problem (file:line: what to do) and leaves the previous target/site as it was.
 */
@Mojo(name = "build", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class BuildMojo extends AbstractBuildingMojo {

  /** Where the site is written. */
  @Parameter(property = "edgepress.outputDirectory", defaultValue = "${project.build.directory}/site", required = true)
  File outputDirectory;

  /** Include pages with draft: true. */
  @Parameter(property = "edgepress.drafts", defaultValue = "false")
  boolean drafts;

  /** Include pages whose date (or publishDate) is in the future. */
  @Parameter(property = "edgepress.future", defaultValue = "false")
  boolean future;

  /** Include pages whose expiryDate has passed. */
  @Parameter(property = "edgepress.expired", defaultValue = "false")
  boolean expired;

  /** Replaces baseUrl from site.yaml, e.g. for a staging copy of the site. */
  @Parameter(property = "edgepress.baseUrl")
  String baseUrl;

  /** A link to a page, file or #anchor the site does not have: fail (the default), warn or off. */
  @Parameter(property = "edgepress.links", defaultValue = "fail")
  String links;

  /** Rendering threads; 0 means one per core. */
  @Parameter(property = "edgepress.threads", defaultValue = "0")
  int threads;

  /**
   * Render only what changed since the last build, using the build cache in {@link #cacheDirectory}
   * (the output is the same as a clean build's). Set to false to render everything.
   */
  @Parameter(property = "edgepress.incremental", defaultValue = "true")
  boolean incremental;

  /**
   * Keep the build JVM running between builds, as Gradle keeps its daemon: {@code auto} (the
   * default: yes, except when the environment variable CI is true), {@code true} or {@code false}.
   * A build that finds no daemon forks as usual, then starts one in the background; the next build
   * skips the JVM's start and finds its code compiled and the build cache in memory: a one-post
   * rebuild of a 10,000-page site takes about 0.3 s of build time instead of 1.2 s. The daemon
   * serves this project only (its port and a token are in target/edgepress/daemon.properties),
   * builds one site at a time, and exits after {@link #daemonIdleMinutes} without a build, or when
   * that file is deleted (mvn clean).
   */
  @Parameter(property = "edgepress.daemon", defaultValue = "auto")
  String daemon;

  /**
   * Options of the daemon's JVM: unlike a one-off build, it lives long enough for the optimising
   * compiler to pay off.
   */
  @Parameter(property = "edgepress.daemonJvmArgs", defaultValue = "-XX:+UseSerialGC -Xss2m -Xmx2g")
  String daemonJvmArgs;

  /** Minutes the build daemon waits for the next build before it exits. */
  @Parameter(property = "edgepress.daemonIdleMinutes", defaultValue = "30")
  int daemonIdleMinutes;

  @Override
  void run() throws MojoExecutionException, MojoFailureException {
    SiteLayout layout = layout();
    if (threads < 0) {
      throw new MojoFailureException("<threads> (-Dedgepress.threads) must be 0 (one per core) or more, not " + threads);
    }
    if (!links.matches("(?i)fail|warn|off")) {
      throw new MojoFailureException("<links> (-Dedgepress.links) must be fail, warn or off, not '" + links + "'");
    }
    if (!daemon.matches("(?i)auto|true|false")) {
      throw new MojoFailureException("<daemon> (-Dedgepress.daemon) must be auto, true or false, not '" + daemon + "'");
    }
    if (daemonIdleMinutes < 1) {
      throw new MojoFailureException("<daemonIdleMinutes> (-Dedgepress.daemonIdleMinutes) must be 1 or more, not "
          + daemonIdleMinutes);
    }
    Path output = outputDirectory.toPath().toAbsolutePath();
    BuildRequest request = request(layout, cacheFile(output));
    Fork forked = fork(request, getLog());
    boolean useDaemon = fork && (daemon.equalsIgnoreCase("true")
        || (daemon.equalsIgnoreCase("auto") && !"true".equalsIgnoreCase(System.getenv("CI"))));
    // A running daemon finds nothing to do as quickly as the check would, and a change sooner.
    if (incremental && !(useDaemon && forked.hasDaemon()) && upToDate(request, outputDirectory.toString())) {
      return;
    }
    if (fork) {
      if (useDaemon && forked.runInDaemon(request, daemonJvmArgs, getClass().getClassLoader(), daemonIdleMinutes)) {
        return;
      }
      buildForked(forked, request);
      if (useDaemon) {
        forked.startDaemon(request, daemonJvmArgs, getClass().getClassLoader(), daemonIdleMinutes);
      }
      return;
    }
    Log log = getLog();
    try {
      BuildResult result = request.generator(logListener()).build().build();
      log.info(Fork.summary(result.pages(), result.listPages(), result.files(), result.rendered(),
          result.elapsed().toMillis(), outputDirectory));
    } catch (BuildException e) {
      for (Problem p : e.problems()) {
        log.error(p.toString());
      }
      throw Fork.failure(e.problems().size(), outputDirectory);
    } catch (UncheckedIOException e) {
      throw new MojoExecutionException("Cannot read or write the site: " + e.getMessage(), e);
    }
  }

  /** The build these parameters ask for, the same in this JVM, a forked one or the daemon. */
  private BuildRequest request(SiteLayout layout, Path cacheFile) {
    return BuildRequest.builder(layout, outputDirectory.getAbsoluteFile().toPath(), cacheFile)
        .drafts(drafts)
        .future(future)
        .expired(expired)
        .threads(threads)
        .links(LinkCheck.valueOf(links.toUpperCase(Locale.ROOT)))
        .incremental(incremental)
        .baseUrl(Optional.ofNullable(baseUrl))
        .build();
  }
}
