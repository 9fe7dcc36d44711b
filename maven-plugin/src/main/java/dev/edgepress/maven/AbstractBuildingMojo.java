package dev.edgepress.maven;

import dev.edgepress.generator.BuildListener;
import dev.edgepress.generator.UpToDate;
import dev.edgepress.maven.fork.BuildRequest;
import java.io.File;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The goals that build the site (build, and serve's first build): the build cache, the up-to-date
 * check in front of it, and the JVM a build is forked into.
 */
abstract class AbstractBuildingMojo extends AbstractSiteMojo {

  /** Where the build cache is kept; {@code mvn clean} deletes it with the rest of target/. */
  @Parameter(property = "edgepress.cacheDirectory", defaultValue = "${project.build.directory}/edgepress/cache",
      required = true)
  File cacheDirectory;

  /**
   * Run the build in its own JVM, started with {@link #jvmArgs}. A site build is a short burst of
   * work: a JVM with the quick compiler only and a small serial heap does it in less time and a
   * fraction of the memory of Maven's own JVM. That holds for incremental builds too (measured: a
   * one-post rebuild of 10,000 pages takes 2.6 s forked, 3.0 s inside Maven, with 200 MiB instead of
   * 360 MiB). serve forks its first build only; its rebuilds stay in Maven's JVM, where the cache
   * stays in memory. Set to false to build inside Maven's JVM.
   */
  @Parameter(property = "edgepress.fork", defaultValue = "true")
  boolean fork;

  /**
   * Start the forked JVM from a class-data-sharing archive of the build's classes, made by the
   * first forked build of this plugin version on this machine and kept in {@link #classArchiveDirectory}
   * (BENCHMARKS.md says what it saves). Set to false to load classes as usual.
   */
  @Parameter(property = "edgepress.classDataSharing", defaultValue = "true")
  boolean classDataSharing;

  /** Where the class-data-sharing archives are kept; a CI job can cache this folder between runs. */
  @Parameter(property = "edgepress.classArchiveDirectory", defaultValue = "${user.home}/.edgepress/cds")
  File classArchiveDirectory;

  /**
   * Options of the forked JVM; raise -Xmx for a very large site. The quick compiler only; the serial
   * collector, promoting what survives one young collection at once (a build's survivors are its
   * data, kept to the end: copying them between survivor spaces was half of the collector's pauses,
   * about 0.5 s of a 10,000-page build).
   */
  @Parameter(property = "edgepress.jvmArgs",
      defaultValue = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:MaxTenuringThreshold=0 -Xss2m -Xmx2g")
  String jvmArgs;

  /**
   * Like Gradle's up-to-date check: true, after saying so, when nothing the last build of this
   * request read or wrote has changed, so that a build (and the JVM it would start) would change
   * nothing. {@code what} names the output in the message.
   */
  boolean upToDate(BuildRequest request, String what) {
    long started = System.nanoTime();
    UpToDate.Result check = request.generator(BuildListener.SILENT).build().upToDate();
    if (check.current()) {
      getLog().info(String.format("Up to date: nothing changed since the last build of %s (%d files looked at"
          + " in %d ms); -Dedgepress.incremental=false renders everything again", what, check.files(),
          (System.nanoTime() - started) / 1_000_000));
      return true;
    }
    if (!check.why().isEmpty()) {
      getLog().info("Building again: " + check.why());
    }
    return false;
  }

  /** Forks for {@code request}, its messages and problems going to {@code log}; its files beside the output. */
  Fork fork(BuildRequest request, Log log) {
    return new Fork(log, request.outputDirectory().getParent().resolve("edgepress"));
  }

  /** Builds in a JVM of its own, started with {@link #jvmArgs}. */
  void buildForked(Fork fork, BuildRequest request) throws MojoExecutionException, MojoFailureException {
    fork.run(request, jvmArgs, getClass().getClassLoader(), classDataSharing ? classArchiveDirectory.toPath() : null);
  }

  /** The cache file of builds into {@code output}. */
  Path cacheFile(Path output) {
    return cacheDirectory.toPath().resolve(dev.edgepress.generator.Generator.cacheName(output.normalize()));
  }
}
