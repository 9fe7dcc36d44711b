package dev.edgepress.maven;

import dev.edgepress.maven.fork.BuildDaemon;
import dev.edgepress.maven.fork.BuildEvent;
import dev.edgepress.maven.fork.BuildProtocol;
import dev.edgepress.maven.fork.BuildRequest;
import dev.edgepress.maven.fork.DaemonState;
import dev.edgepress.maven.fork.ForkedBuild;
import dev.edgepress.maven.fork.ProtocolException;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

/**
 * Runs a build in another JVM, a fresh one ({@link ForkedBuild}) or the project's build daemon
 * ({@link BuildDaemon}), and turns the {@link BuildEvent}s it sends back into Maven's log lines and
 * results, as a build inside Maven's JVM shows them.
 */
final class Fork {

  private final Log log;
  private final Path workDir;

  Fork(Log log, Path workDir) {
    this.log = log;
    this.workDir = workDir;
  }

  /** The project's build daemon's state file: there while a daemon runs (or one died without removing it). */
  private static Path daemonState(Path workDir) {
    return workDir.resolve("daemon.properties");
  }

  /** Whether a build daemon seems to run for this project (its state file is there). */
  boolean hasDaemon() {
    return Files.exists(daemonState(workDir));
  }

  void run(BuildRequest request, String jvmArgs, ClassLoader pluginLoader)
      throws MojoExecutionException, MojoFailureException {
    run(request, jvmArgs, pluginLoader, null);
  }

  /**
   * Builds in a fresh JVM.
   *
   * @param archives where class-data-sharing archives are kept ({@link ClassArchive}), or null for none
   */
  void run(BuildRequest request, String jvmArgs, ClassLoader pluginLoader, Path archives)
      throws MojoExecutionException, MojoFailureException {
    Path requestFile = workDir.resolve("build-request.txt");
    writeRequest(request, requestFile);
    String classpath = classpath(pluginLoader);
    ClassArchive archive = archives == null ? null : ClassArchive.of(archives, classpath, jvmArgs);
    List<String> command = javaCommand(jvmArgs, archive == null ? List.of() : archive.jvmOptions(), classpath,
        ForkedBuild.class, requestFile.toString());
    log.debug("Forking: " + String.join(" ", command));

    Process process;
    try {
      process = new ProcessBuilder(command).start();
    } catch (IOException e) {
      throw new MojoExecutionException("Cannot start " + command.get(0) + " for the build: " + e.getMessage()
          + "; set -Dedgepress.fork=false to build inside Maven's JVM", e);
    }
    List<String> stderr = new CopyOnWriteArrayList<>();
    Thread errors = new Thread(() -> forwardErrors(process, stderr), "edgepress-fork-stderr");
    errors.setDaemon(true);
    errors.start();
    Thread killer = new Thread(process::destroyForcibly, "edgepress-fork-killer");
    Runtime.getRuntime().addShutdownHook(killer);
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      BuildProtocol.EventReader events = new BuildProtocol.EventReader(in);
      Outcome outcome = consume(events);
      int code = process.waitFor();
      if (archive != null) {
        archive.forkExited(code == BuildEvent.Exit.BUILT);
      }
      if (!events.started()) {
        // The JVM never ran the build: its options, most likely. What it said is the reason.
        errors.join(2000);
        List<String> said = new ArrayList<>(outcome.before());
        said.addAll(stderr);
        said.removeIf(l -> l.startsWith("Error: Could not create the Java Virtual Machine")
            || l.startsWith("Error: A fatal exception has occurred") || l.isBlank());
        throw new MojoExecutionException("The build's JVM did not start (exit code " + code + ")"
            + (said.isEmpty() ? "" : ": " + String.join(" / ", said.subList(0, Math.min(3, said.size()))))
            + "; check <jvmArgs> (-Dedgepress.jvmArgs), or set -Dedgepress.fork=false to build inside Maven's JVM");
      }
      finish(outcome, code, request);
    } catch (ProtocolException e) {
      process.destroyForcibly();
      throw new MojoExecutionException("Cannot read what the forked build said: " + e.getMessage()
          + "; set -Dedgepress.fork=false to build inside Maven's JVM", e);
    } catch (IOException e) {
      throw new MojoExecutionException("Lost the forked build's output: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new MojoExecutionException("Interrupted", e);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(killer);
      } catch (IllegalStateException e) {
        // The JVM is already shutting down; the hook runs.
      }
    }
  }

  private void writeRequest(BuildRequest request, Path file) throws MojoExecutionException {
    try {
      Files.createDirectories(workDir);
      try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        BuildProtocol.writeRequest(request, w);
      }
    } catch (IOException e) {
      throw new MojoExecutionException("Cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * What the build said besides its log lines: how many problems, its result and its exit, if it
   * said; and the lines before its first (the JVM's own, as it started).
   */
  private record Outcome(int problems, Optional<BuildEvent.Result> result, Optional<BuildEvent.Exit> exit,
      List<String> before) {}

  /** Logs the build's messages and problems as they come, up to its exit. */
  private Outcome consume(BuildProtocol.EventReader in) throws IOException {
    int problems = 0;
    Optional<BuildEvent.Result> result = Optional.empty();
    List<String> before = new ArrayList<>();
    for (Optional<BuildEvent> next = in.next(); next.isPresent(); next = in.next()) {
      BuildEvent event = next.get();
      if (event instanceof BuildEvent.Log message) {
        if (!in.started()) {
          before.add(message.message());
        }
        switch (message.level()) {
          case INFO -> log.info(message.message());
          case WARN -> log.warn(message.message());
          case DEBUG -> log.debug(message.message());
        }
      } else if (event instanceof BuildEvent.SiteProblem problem) {
        problems++;
        log.error(problem.problem().toString());
      } else if (event instanceof BuildEvent.Result r) {
        result = Optional.of(r);
      } else if (event instanceof BuildEvent.Exit exit) {
        return new Outcome(problems, result, Optional.of(exit), before);
      }
    }
    return new Outcome(problems, result, Optional.empty(), before);
  }

  private void finish(Outcome outcome, int code, BuildRequest request)
      throws MojoExecutionException, MojoFailureException {
    File output = request.outputDirectory().toFile();
    if (code == BuildEvent.Exit.BUILT && outcome.result().isPresent()) {
      BuildEvent.Result r = outcome.result().get();
      log.info(summary(r.pages(), r.listPages(), r.files(), r.rendered(), r.millis(), output));
      return;
    }
    if (code == BuildEvent.Exit.PROBLEMS) {
      throw failure(outcome.problems(), output);
    }
    Optional<String> error = outcome.exit().flatMap(BuildEvent.Exit::error);
    throw new MojoExecutionException("The build failed" + error.map(e -> ": " + e).orElse(" (exit code " + code + ")")
        + "; the previous output was left as it was. If the JVM ran out of memory, raise"
        + " -Xmx in <jvmArgs> (-Dedgepress.jvmArgs)");
  }

  /** This JVM's java, with {@code jvmArgs}, running {@code main} with {@code args}. */
  private static List<String> javaCommand(String jvmArgs, String classpath, Class<?> main, String... args) {
    return javaCommand(jvmArgs, List.of(), classpath, main, args);
  }

  /** Like the above, with more JVM options, one an element (paths in them may have spaces). */
  private static List<String> javaCommand(String jvmArgs, List<String> options, String classpath, Class<?> main,
      String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // The JVM's own log goes to stdout by default, where the build speaks its protocol: send it to
    // stderr (forwarded to Maven's log), so that -Xlog or JFR in jvmArgs cannot break a build.
    command.add("-Xlog:disable");
    command.add("-Xlog:all=warning:stderr");
    for (String arg : jvmArgs.trim().split("\\s+")) {
      if (!arg.isEmpty()) {
        command.add(arg);
      }
    }
    command.addAll(options);
    command.add("-cp");
    command.add(classpath);
    command.add(main.getName());
    command.addAll(List.of(args));
    return command;
  }

  /** The key of a daemon for this classpath and these JVM options: another plugin version is another daemon. */
  private String daemonKey(String classpath, String jvmArgs, int idleMinutes) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return Long.toHexString(dev.edgepress.generator.cache.Hash64.of(java, classpath, jvmArgs.trim(),
        String.valueOf(idleMinutes)));
  }

  /**
   * Builds in the project's build daemon ({@link BuildDaemon}) when one runs for this classpath and
   * these JVM options. Returns false when there is none (one of another version is stopped): the
   * caller forks, then starts a daemon for the next build with {@link #startDaemon}.
   */
  boolean runInDaemon(BuildRequest request, String jvmArgs, ClassLoader pluginLoader, int idleMinutes)
      throws MojoExecutionException, MojoFailureException {
    Optional<DaemonState> state = DaemonState.read(daemonState(workDir));
    if (state.isEmpty()) {
      return false;
    }
    if (!daemonKey(classpath(pluginLoader), jvmArgs, idleMinutes).equals(state.get().key())) {
      stop(state.get());
      return false;
    }
    return build(state.get(), request);
  }

  /** Sends a build to the daemon; false when it could not be reached. */
  private boolean build(DaemonState state, BuildRequest request) throws MojoExecutionException, MojoFailureException {
    try (Socket socket = connect(state)) {
      if (socket == null) {
        return false;
      }
      BuildDaemon.writeBuild(new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8), state.token(),
          request);
      Outcome outcome = consume(new BuildProtocol.EventReader(
          new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))));
      if (outcome.exit().isEmpty()) {
        throw new MojoExecutionException("The build daemon stopped during the build (see "
            + workDir.resolve("daemon.log") + "); run the build again, or set -Dedgepress.daemon=false");
      }
      finish(outcome, outcome.exit().get().code(), request);
      return true;
    } catch (ProtocolException e) {
      throw new MojoExecutionException("Cannot read what the build daemon said: " + e.getMessage() + " (see "
          + workDir.resolve("daemon.log") + "); run the build again, or set -Dedgepress.daemon=false", e);
    } catch (IOException e) {
      return false;
    }
  }

  private static Socket connect(DaemonState state) {
    try {
      Socket socket = new Socket();
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), state.port()), 2000);
      return socket;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static void stop(DaemonState state) {
    try (Socket socket = connect(state)) {
      if (socket != null) {
        BuildDaemon.writeStop(new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8), state.token());
      }
    } catch (IOException e) {
      // gone already
    }
  }

  /** Stops the project's build daemon, if one runs. */
  static void stopDaemon(Path workDir) {
    DaemonState.read(daemonState(workDir)).ifPresent(Fork::stop);
  }

  /**
   * Starts a build daemon in the background for the next builds, and does not wait for it. It first
   * runs this build once without writing anything, to compile its code and load the cache; a build
   * that asks meanwhile waits for that.
   */
  void startDaemon(BuildRequest request, String jvmArgs, ClassLoader pluginLoader, int idleMinutes) {
    String classpath = classpath(pluginLoader);
    String key = daemonKey(classpath, jvmArgs, idleMinutes);
    Path stateFile = daemonState(workDir);
    Path warmUp = workDir.resolve("daemon-warm-up.txt");
    List<String> command = javaCommand(jvmArgs, classpath, BuildDaemon.class, stateFile.toString(),
        String.valueOf(idleMinutes), key, warmUp.toString());
    try {
      writeRequest(request, warmUp);
      new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(workDir.resolve("daemon.log").toFile())
          .start();
      log.info("Started a build daemon for the next builds (it stays " + idleMinutes + " minutes after the last"
          + " one; -Dedgepress.daemon=false builds without it)");
    } catch (IOException | MojoExecutionException e) {
      log.debug("Cannot start a build daemon: " + e);
    }
  }

  /**
   * Logs the forked JVM's stderr (a stack trace, an out-of-memory error, a wrong option), less SLF4J's
   * notice that it has no logger, as errors; its first lines are kept in {@code first}.
   */
  private void forwardErrors(Process process, List<String> first) {
    try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = err.readLine()) != null) {
        if (!line.startsWith("SLF4J:")) {
          log.error(line);
          if (first.size() < 10) {
            first.add(line);
          }
        }
      }
    } catch (IOException e) {
      // The process ended.
    }
  }

  static String summary(int pages, int listPages, int files, int rendered, long millis, File output) {
    return String.format("Built %d pages and %d list pages (%d files, %d rendered, %d unchanged) into %s in %d ms",
        pages, listPages, files, rendered, files - rendered, output, millis);
  }

  static MojoFailureException failure(int problems, File output) {
    return new MojoFailureException("The site has " + problems + (problems == 1 ? " problem" : " problems")
        + " (listed above); " + output + " was left as it was. Fix them and run the build again.");
  }

  /** The plugin's own classpath: its jar, the generator, the themes and their dependencies. */
  static String classpath(ClassLoader loader) {
    if (loader instanceof URLClassLoader urls) {
      List<String> entries = new ArrayList<>();
      for (URL url : urls.getURLs()) {
        try {
          entries.add(Path.of(url.toURI()).toString());
        } catch (URISyntaxException | IllegalArgumentException e) {
          entries.add(url.getPath());
        }
      }
      // Pebble logs through SLF4J, which Maven provides to plugins from its own lib/ folder.
      try {
        URL slf4j = loader.loadClass("org.slf4j.LoggerFactory").getProtectionDomain().getCodeSource().getLocation();
        String jar = Path.of(slf4j.toURI()).toString();
        if (!entries.contains(jar)) {
          entries.add(jar);
        }
      } catch (ClassNotFoundException | URISyntaxException | RuntimeException e) {
        // Pebble then fails in the fork and says so.
      }
      return String.join(File.pathSeparator, entries);
    }
    // Not in a Maven class realm (a unit test): this JVM's classpath has the same classes.
    return System.getProperty("java.class.path");
  }
}
