package dev.edgepress.maven;

import dev.edgepress.generator.Problem;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.Socket;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

/** Starts {@link ForkedBuild} in a new JVM and turns what it says back into log lines and results. */
final class Fork {

  private final Log log;
  private final Path workDir;

  Fork(Log log, Path workDir) {
    this.log = log;
    this.workDir = workDir;
  }

  void run(Properties settings, String jvmArgs, ClassLoader pluginLoader)
      throws MojoExecutionException, MojoFailureException {
    Path request;
    try {
      Files.createDirectories(workDir);
      request = workDir.resolve("build-request.properties");
      try (Writer w = Files.newBufferedWriter(request, StandardCharsets.UTF_8)) {
        settings.store(w, "Written by edgepress:build for the forked build");
      }
    } catch (IOException e) {
      throw new MojoExecutionException("Cannot write " + workDir + ": " + e.getMessage(), e);
    }
    List<String> command = javaCommand(jvmArgs, classpath(pluginLoader), request.toString());
    log.debug("Forking: " + String.join(" ", command));

    Process process;
    try {
      process = new ProcessBuilder(command).start();
    } catch (IOException e) {
      throw new MojoExecutionException("Cannot start " + command.get(0) + " for the build: " + e.getMessage()
          + "; set -Dedgepress.fork=false to build inside Maven's JVM", e);
    }
    Thread errors = new Thread(() -> forwardErrors(process), "edgepress-fork-stderr");
    errors.setDaemon(true);
    errors.start();
    Thread killer = new Thread(process::destroyForcibly, "edgepress-fork-killer");
    Runtime.getRuntime().addShutdownHook(killer);
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      Outcome outcome = consume(in);
      int code = process.waitFor();
      finish(outcome, code, settings);
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

  /** What the build said: its result line, its error line, how many problems, its exit code if it said. */
  private record Outcome(String result, String error, int problems, Integer exit) {}

  /** Logs the build's lines as they come. */
  private Outcome consume(BufferedReader in) throws IOException {
    int problems = 0;
    String result = null;
    String error = null;
    Integer exit = null;
    String line;
    while ((line = in.readLine()) != null) {
      int space = line.indexOf(' ');
      String kind = space < 0 ? line : line.substring(0, space);
      String text = space < 0 ? "" : ForkedBuild.fromOneLine(line.substring(space + 1));
      switch (kind) {
        case "INFO" -> log.info(text);
        case "WARN" -> log.warn(text);
        case "DEBUG" -> log.debug(text);
        case "PROBLEM" -> {
          problems++;
          log.error(problem(text));
        }
        case "RESULT" -> result = text;
        case "ERROR" -> error = text;
        case "EXIT" -> exit = Integer.parseInt(text.trim());
        default -> log.info(line);
      }
    }
    return new Outcome(result, error, problems, exit);
  }

  private void finish(Outcome outcome, int code, Properties settings) throws MojoExecutionException, MojoFailureException {
    if (code == 0 && outcome.result() != null) {
      String[] r = outcome.result().split(" ");
      log.info(summary(Integer.parseInt(r[0]), Integer.parseInt(r[1]), Integer.parseInt(r[2]),
          Integer.parseInt(r[4]), Long.parseLong(r[3]), new File(settings.getProperty("outputDirectory"))));
      return;
    }
    if (code == 2) {
      throw failure(outcome.problems(), new File(settings.getProperty("outputDirectory")));
    }
    throw new MojoExecutionException("The build failed" + (outcome.error() == null ? " (exit code " + code + ")"
        : ": " + outcome.error()) + "; the previous output was left as it was. If the JVM ran out of memory, raise"
        + " -Xmx in <jvmArgs> (-Dedgepress.jvmArgs)");
  }

  /** This JVM's java, with {@code jvmArgs}, running {@link ForkedBuild} with {@code args}. */
  private static List<String> javaCommand(String jvmArgs, String classpath, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String arg : jvmArgs.trim().split("\\s+")) {
      if (!arg.isEmpty()) {
        command.add(arg);
      }
    }
    command.add("-cp");
    command.add(classpath);
    command.add(ForkedBuild.class.getName());
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
  boolean runInDaemon(Properties settings, String jvmArgs, ClassLoader pluginLoader, int idleMinutes)
      throws MojoExecutionException, MojoFailureException {
    String key = daemonKey(classpath(pluginLoader), jvmArgs, idleMinutes);
    Path stateFile = workDir.resolve("daemon.properties");
    Properties state = BuildDaemon.read(stateFile);
    if (state.isEmpty()) {
      return false;
    }
    if (!key.equals(state.getProperty("key"))) {
      send(state, "STOP");
      return false;
    }
    StringWriter text = new StringWriter();
    try {
      settings.store(text, null);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    Boolean done = build(state, text.toString(), settings);
    return done != null && done;
  }

  /** Sends a build to the daemon; null when it could not be reached. */
  private Boolean build(Properties state, String settingsText, Properties settings)
      throws MojoExecutionException, MojoFailureException {
    try (Socket socket = connect(state)) {
      if (socket == null) {
        return null;
      }
      Writer w = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8);
      w.write(state.getProperty("token") + "\nBUILD\n" + settingsText.length() + "\n" + settingsText);
      w.flush();
      Outcome outcome = consume(new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)));
      if (outcome.exit() == null) {
        throw new MojoExecutionException("The build daemon stopped during the build (see "
            + workDir.resolve("daemon.log") + "); run the build again, or set -Dedgepress.daemon=false");
      }
      finish(outcome, outcome.exit(), settings);
      return true;
    } catch (IOException e) {
      return null;
    }
  }

  private static Socket connect(Properties state) {
    try {
      Socket socket = new Socket();
      socket.connect(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(),
          Integer.parseInt(state.getProperty("port", "0"))), 2000);
      return socket;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static void send(Properties state, String command) {
    try (Socket socket = connect(state)) {
      if (socket != null) {
        Writer w = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8);
        w.write(state.getProperty("token") + "\n" + command + "\n");
        w.flush();
      }
    } catch (IOException e) {
      // gone already
    }
  }

  /** Stops the project's build daemon, if one runs. */
  static void stopDaemon(Path workDir) {
    Properties state = BuildDaemon.read(workDir.resolve("daemon.properties"));
    if (!state.isEmpty()) {
      send(state, "STOP");
    }
  }

  /**
   * Starts a build daemon in the background for the next builds, and does not wait for it. It first
   * runs this build's settings once without writing anything, to compile its code and load the
   * cache; a build that asks meanwhile waits for that.
   */
  void startDaemon(Properties settings, String jvmArgs, ClassLoader pluginLoader, int idleMinutes) {
    String classpath = classpath(pluginLoader);
    String key = daemonKey(classpath, jvmArgs, idleMinutes);
    Path stateFile = workDir.resolve("daemon.properties");
    List<String> command = javaCommand(jvmArgs, classpath, "--daemon", stateFile.toString(),
        String.valueOf(idleMinutes), key);
    try {
      Files.createDirectories(workDir);
      Path warmUp = workDir.resolve("daemon-warm-up.properties");
      try (Writer w = Files.newBufferedWriter(warmUp, StandardCharsets.UTF_8)) {
        settings.store(w, "The build the daemon compiles itself with, writing nothing");
      }
      command.add(warmUp.toString());
      new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(workDir.resolve("daemon.log").toFile())
          .start();
      log.info("Started a build daemon for the next builds (it stays " + idleMinutes + " minutes after the last"
          + " one; -Dedgepress.daemon=false builds without it)");
    } catch (IOException e) {
      log.debug("Cannot start a build daemon: " + e);
    }
  }

  /** The forked JVM's stderr (a stack trace, an out-of-memory error), less SLF4J's notice that it has no logger. */
  private void forwardErrors(Process process) {
    try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = err.readLine()) != null) {
        if (!line.startsWith("SLF4J:")) {
          log.error(line);
        }
      }
    } catch (IOException e) {
      // The process ended.
    }
  }

  /** The forked build's problem line, printed as the generator's Problem prints itself. */
  private static String problem(String text) {
    String[] f = text.split("\t", 4);
    if (f.length < 4) {
      return text;
    }
    return new Problem(f[0].isEmpty() ? null : Path.of(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2]), f[3])
        .toString();
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
