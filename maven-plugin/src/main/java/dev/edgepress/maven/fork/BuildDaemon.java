package dev.edgepress.maven.fork;

import dev.edgepress.generator.cache.CacheStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The build JVM kept running between builds of one project, as Gradle keeps its daemon: the next
 * {@code mvn edgepress:build} hands it the build over a loopback socket instead of starting a JVM,
 * and it builds with its code compiled and the build cache in memory. One build at a time.
 *
 * <p>It writes its port and a random token to a state file under the project's target/ (a client
 * must send the token first), and stops when no build came for the idle time, when its state file
 * is gone or names another daemon (mvn clean, a newer daemon), or when told to.
 *
 * <p>A client sends its token line, then the line {@code BUILD} and a request stream of the
 * {@link BuildProtocol} ({@link #writeBuild}); the daemon answers with an event stream, the same
 * events a forked build prints, the last an {@link BuildEvent.Exit}. A client that sends the line
 * {@code STOP} after its token stops the daemon ({@link #writeStop}). Anything else, and a wrong
 * token, is answered by closing the connection.
 */
public final class BuildDaemon {

  /** How often the daemon wakes up to see whether it is still wanted. */
  private static final int CHECK_MS = 30_000;

  private static final String BUILD = "BUILD";
  private static final String STOP = "STOP";

  private BuildDaemon() {}

  /** Arguments: the state file, the idle minutes, the daemon's key, and optionally a warm-up request file. */
  public static void main(String[] args) throws IOException {
    serve(Path.of(args[0]), Integer.parseInt(args[1]), args[2], args.length > 3 ? Optional.of(Path.of(args[3]))
        : Optional.empty());
    // The generator's worker threads do not keep a daemon that was told to go.
    System.exit(0);
  }

  /**
   * Serves builds until the daemon is no longer wanted, then returns.
   *
   * @param warmUp a request file of the build that started the daemon: it runs that build once
   *     without writing anything (compiling its code, loading the cache into memory) before it takes any
   */
  public static void serve(Path stateFile, int idleMinutes, String key, Optional<Path> warmUp) throws IOException {
    byte[] random = new byte[16];
    new SecureRandom().nextBytes(random);
    String token = HexFormat.of().formatHex(random);
    CacheStore.Memory cache = CacheStore.memoryCheckingOutput();
    try (ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
      server.setSoTimeout(CHECK_MS);
      new DaemonState(server.getLocalPort(), token, key, ProcessHandle.current().pid()).write(stateFile);
      if (warmUp.isPresent()) {
        BuildRequest request;
        try (BufferedReader in = Files.newBufferedReader(warmUp.get(), StandardCharsets.UTF_8)) {
          request = BuildProtocol.readRequest(in);
        }
        ForkedBuild.run(request, event -> {}, Optional.of(cache), true);
      }
      long idleMillis = idleMinutes * 60_000L;
      long lastBuild = System.currentTimeMillis();
      while (true) {
        Socket socket;
        try {
          socket = server.accept();
        } catch (SocketTimeoutException e) {
          if (System.currentTimeMillis() - lastBuild > idleMillis
              || DaemonState.read(stateFile).filter(s -> s.token().equals(token)).isEmpty()) {
            break;
          }
          continue;
        }
        try (socket) {
          socket.setSoTimeout(60_000);
          BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
          if (!token.equals(in.readLine())) {
            continue;
          }
          String command = in.readLine();
          if (STOP.equals(command)) {
            break;
          }
          if (!BUILD.equals(command)) {
            continue;
          }
          BuildProtocol.EventWriter events = new BuildProtocol.EventWriter(
              new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8));
          BuildRequest request;
          try {
            request = BuildProtocol.readRequest(in);
          } catch (ProtocolException e) {
            events.accept(new BuildEvent.Exit(BuildEvent.Exit.FAILED,
                Optional.of("the build daemon cannot read the request: " + e.getMessage())));
            continue;
          }
          ForkedBuild.run(request, events, Optional.of(cache), false);
          lastBuild = System.currentTimeMillis();
        } catch (IOException | RuntimeException e) {
          System.err.println("edgepress daemon: " + e);
        }
      }
    } finally {
      cache.close();
      if (DaemonState.read(stateFile).filter(s -> s.token().equals(token)).isPresent()) {
        Files.deleteIfExists(stateFile);
      }
    }
  }

  /** What a client sends for a build: its token, {@code BUILD}, and the request. */
  public static void writeBuild(Writer out, String token, BuildRequest request) throws IOException {
    out.write(token + "\n" + BUILD + "\n");
    BuildProtocol.writeRequest(request, out);
  }

  /** What a client sends to stop the daemon. */
  public static void writeStop(Writer out, String token) throws IOException {
    out.write(token + "\n" + STOP + "\n");
    out.flush();
  }
}
