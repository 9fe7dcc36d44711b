package dev.edgepress.maven.fork;

import dev.edgepress.generator.BuildException;
import dev.edgepress.generator.BuildListener;
import dev.edgepress.generator.Generator;
import dev.edgepress.generator.Problem;
import dev.edgepress.generator.cache.CacheStore;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A build in its own JVM (see the build goal's {@code fork}): reads a {@link BuildRequest} from the
 * file named by its argument, runs it, and answers on stdout with {@link BuildEvent}s in the
 * {@link BuildProtocol}, which the plugin reads back. Its exit code is that of the last event,
 * {@link BuildEvent.Exit}. Uses no Maven types: Maven's classes are not on this JVM's classpath.
 */
public final class ForkedBuild {

  private ForkedBuild() {}

  public static void main(String[] args) throws IOException {
    // stdout carries the protocol alone: anything else printed goes to stderr, which the plugin shows.
    OutputStreamWriter protocol = new OutputStreamWriter(
        new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)), StandardCharsets.UTF_8);
    System.setOut(System.err);
    BuildRequest request;
    try (BufferedReader in = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
      request = BuildProtocol.readRequest(in);
    }
    int code = run(request, new BuildProtocol.EventWriter(protocol), Optional.empty(), false);
    System.exit(code);
  }

  /**
   * Runs one build, passing what it says to {@code events}, and an {@link BuildEvent.Exit} last;
   * returns that exit's code.
   *
   * @param store the build cache kept in memory (by the daemon), or empty for the request's cache file
   * @param warmUp build without writing anything (see {@link Generator.Builder#warmUp})
   */
  public static int run(BuildRequest request, Consumer<BuildEvent> events, Optional<CacheStore> store,
      boolean warmUp) {
    BuildEvent.Exit exit;
    try {
      Generator.Builder builder = request.generator(listener(events));
      store.ifPresent(builder::cacheStore);
      builder.warmUp(warmUp);
      events.accept(BuildEvent.Result.of(builder.build().build()));
      exit = BuildEvent.Exit.of(BuildEvent.Exit.BUILT);
    } catch (BuildException e) {
      for (Problem problem : e.problems()) {
        events.accept(new BuildEvent.SiteProblem(problem));
      }
      exit = BuildEvent.Exit.of(BuildEvent.Exit.PROBLEMS);
    } catch (RuntimeException e) {
      e.printStackTrace(System.err);
      exit = new BuildEvent.Exit(BuildEvent.Exit.FAILED, Optional.of(String.valueOf(e)));
    }
    events.accept(exit);
    return exit.code();
  }

  /** The generator's messages as {@link BuildEvent.Log} events. */
  static BuildListener listener(Consumer<BuildEvent> events) {
    return new BuildListener() {
      @Override
      public void info(String message) {
        events.accept(new BuildEvent.Log(BuildEvent.Level.INFO, message));
      }

      @Override
      public void warn(String message) {
        events.accept(new BuildEvent.Log(BuildEvent.Level.WARN, message));
      }

      @Override
      public void debug(String message) {
        events.accept(new BuildEvent.Log(BuildEvent.Level.DEBUG, message));
      }
    };
  }
}
