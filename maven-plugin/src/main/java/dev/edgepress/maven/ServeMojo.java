package dev.edgepress.maven;

import dev.edgepress.generator.BuildListener;
import dev.edgepress.generator.Generator;
import dev.edgepress.generator.cache.CacheStore;
import dev.edgepress.generator.config.ContactSettings;
import dev.edgepress.generator.config.SiteConfig;
import dev.edgepress.generator.config.SiteLayout;
import dev.edgepress.generator.links.LinkCheck;
import dev.edgepress.generator.serve.DevServer;
import dev.edgepress.maven.fork.BuildRequest;
import java.io.File;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Builds the site, serves it on http://localhost:8080 as the CDN would, rebuilds on every change
 * to content/, static/, templates/, data/ or site.yaml (wherever the build's folder parameters put
 * them), and reloads open pages. A build error shows in the browser and the console; the server
 * keeps running. Stops with Ctrl-C.
 *
 * <p>A site.yaml with problems when serve starts fails the goal with its file:line problems, as
 * check does: the base path and the contact form are read from it once, at the start, and a
 * preview on the wrong base path would mislead. Once serving, a change that breaks site.yaml is a
 * build problem like any other: it shows in the browser until fixed.
 */
@Mojo(name = "serve", threadSafe = true)
public class ServeMojo extends AbstractBuildingMojo {

  /**
   * Where the preview is built: not target/site, so that drafts shown while serving can never be
   * published by mistake.
   */
  @Parameter(property = "edgepress.previewDirectory", defaultValue = "${project.build.directory}/edgepress/preview", required = true)
  File previewDirectory;

  /** Cache-Control overrides by glob, before site.yaml's cacheRules, as the publish goal uses them. */
  @Parameter
  List<CacheRule> cacheRules;

  /** The port. */
  @Parameter(property = "edgepress.port", defaultValue = "8080")
  int port;

  /** The address to listen on; loopback unless you ask (0.0.0.0 to preview from another device). */
  @Parameter(property = "edgepress.bind", defaultValue = "127.0.0.1")
  String bind;

  /** Show drafts while serving. */
  @Parameter(property = "edgepress.drafts", defaultValue = "true")
  boolean drafts;

  /** Show pages dated in the future while serving. */
  @Parameter(property = "edgepress.future", defaultValue = "true")
  boolean future;

  /** A theme folder to watch as well (theme: ./themes/x in site.yaml). */
  @Parameter(property = "edgepress.themeDirectory")
  File themeDirectory;

  /**
   * Where the contact form's messages go while serving (site.yaml {@code contact}): one .eml file
   * each, instead of mail.
   */
  @Parameter(property = "edgepress.outboxDirectory", defaultValue = "${project.build.directory}/edgepress/outbox",
      required = true)
  File outboxDirectory;

  /** What serve watches: the layout's folders and site.yaml, a theme folder named in it, and {@link #themeDirectory}. */
  List<Path> watched(SiteLayout layout, SiteConfig config) {
    List<Path> watched = new ArrayList<>(layout.sources());
    config.theme().filter(t -> t.contains("/") || t.startsWith("."))
        .ifPresent(t -> watched.add(layout.siteDirectory().resolve(t)));
    if (themeDirectory != null) {
      watched.add(themeDirectory.toPath());
    }
    return watched;
  }

  @Override
  void run() throws MojoExecutionException, MojoFailureException {
    if (port < 0 || port > 65535) {
      throw new MojoFailureException("<port> (-Dedgepress.port) must be between 0 and 65535, not " + port);
    }
    Log log = getLog();
    SiteLayout layout = layout();
    Path site = layout.siteDirectory();
    SiteConfig config = loadConfig(layout, log, "serve");
    BuildListener listener = logListener();
    // Broken links are warnings while writing: the page being written may link to one not yet there.
    // The build cache stays in memory between rebuilds: a change renders only what shows it.
    CacheStore.Memory cache = CacheStore.memory();
    Path preview = previewDirectory.toPath().toAbsolutePath().normalize();
    Path cacheFile = cacheFile(preview);
    // One request for the first build (forked, or found up to date) and the rebuilds here: the same settings.
    BuildRequest request = BuildRequest.builder(layout, preview, cacheFile).drafts(drafts).future(future)
        .links(LinkCheck.WARN).build();
    Generator generator = request.generator(listener).cacheStore(cache).build();
    boolean built = firstBuild(request);
    // Stopped with Ctrl-C: the cache of the last rebuilds is written, so the next serve starts from it.
    Thread flush = new Thread(cache::close, "edgepress-cache-flush");
    Runtime.getRuntime().addShutdownHook(flush);
    List<Path> watched = watched(layout, config);
    InetAddress address;
    try {
      address = InetAddress.getByName(bind);
    } catch (IOException e) {
      throw new MojoFailureException("<bind> (-Dedgepress.bind) is not an address: " + bind);
    }
    try (cache; DevServer server = DevServer.start(generator, address, port, config.basePath(), watched, listener,
        built)) {
      if (built) {
        // Read the cache the first build left while the author looks at the pages, not at the first save.
        Thread preload = new Thread(() -> cache.load(cacheFile, BuildListener.SILENT), "edgepress-cache-preload");
        preload.setDaemon(true);
        preload.start();
      }
      try {
        server.cacheRulesBefore(CacheRule.byGlob(cacheRules)); // the pom's, as publish uses them
      } catch (IllegalArgumentException e) {
        throw new MojoFailureException("<cacheRules>: " + e.getMessage());
      }
      config.contact().ifPresent(contact -> {
        // The same handler as the deployed backend, answering on this server: a new signing key each run.
        String endpoint = config.basePath() + ContactSettings.ENDPOINT_PATH.substring(1);
        Path outbox = outboxDirectory.toPath().toAbsolutePath().normalize();
        try {
          server.handle(endpoint, LocalContactEndpoint.create(contact, config.basePath(), config.baseUrl().getHost(),
              outbox, LocalContactEndpoint.newSigningKey(), Clock.systemUTC(), log::info));
          String shown = outbox.startsWith(site) ? site.relativize(outbox).toString().replace('\\', '/') : outbox.toString();
          log.info("Contact form: POST " + endpoint + " writes to " + shown + "/");
        } catch (IllegalArgumentException e) {
          log.warn("Contact form: not answered while serving: " + e.getMessage() + " (fix 'contact' in site.yaml and restart)");
        }
      });
      log.info("Serving " + previewDirectory + " at " + server.uri() + " (drafts " + (drafts ? "shown" : "hidden")
          + "); press Ctrl-C to stop");
      Thread.currentThread().join();
    } catch (BindException e) {
      throw new MojoFailureException("Port " + port + " on " + bind + " is in use; choose another with -Dedgepress.port=8081");
    } catch (IOException e) {
      throw new MojoExecutionException("Cannot serve the site: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(flush);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running or has run.
      }
    }
  }

  /**
   * The first build, before serving: none when the preview is as the last build left it; else, with
   * {@link #fork}, a clean or incremental build in a JVM of its own (the quick compiler, a small heap:
   * it takes about two thirds of the time it would in Maven's JVM). False when serve must build in
   * its own JVM first: without a fork, or when the site has problems, which that build then shows in
   * the browser as well (the forked build's reports of them are dropped, not to repeat them).
   */
  boolean firstBuild(BuildRequest request) {
    if (upToDate(request, "the preview")) {
      return true;
    }
    if (!fork) {
      return false;
    }
    ProblemsAside log = new ProblemsAside(getLog());
    try {
      buildForked(fork(request, log), request);
      log.replay();
      return true;
    } catch (MojoFailureException e) {
      return false;
    } catch (MojoExecutionException e) {
      // The JVM itself failed (its options, say): the build in Maven's JVM still serves the author.
      getLog().warn("The first build, in a JVM of its own, failed: " + e.getMessage()
          + "; building in Maven's JVM instead (-Dedgepress.fork=false does so from the start)");
      return false;
    }
  }
}
