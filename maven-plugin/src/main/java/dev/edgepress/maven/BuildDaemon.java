package dev.edgepress.maven;

import dev.edgepress.generator.cache.CacheStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;

/**
 * The build JVM kept running between builds of one project, as Gradle keeps its daemon: the next
 * {@code mvn edgepress:build} hands it the settings over a loopback socket instead of starting a
 * JVM, and it builds with its code compiled and the build cache in memory. One build at a time.
 *
 * <p>It writes its port and a random token to a state file under the project's target/ (a client
 * must send the token first), and exits when no build came for the idle time, when its state file
 * is gone or names another daemon (mvn clean, a newer daemon), or when told to stop.
 *
 * <p>Protocol: the client sends its token line, then {@code BUILD}, the length in bytes of the
 * settings (a properties text) and the settings; the daemon answers with the forked build's lines
 * ({@link ForkedBuild}) and a last line {@code EXIT code}. {@code STOP} ends the daemon.
 */
final class BuildDaemon {

  /** How often the daemon wakes up to see whether it is still wanted. */
  private static final int CHECK_MS = 30_000;

  private BuildDaemon() {}

  /**
   * @param warmUp settings of the build that started the daemon: it runs that build once without
   *     writing anything (compiling its code, loading the cache into memory) before it takes any
   */
  static void serve(Path stateFile, int idleMinutes, String key, Path warmUp) throws IOException {
    byte[] random = new byte[16];
    new SecureRandom().nextBytes(random);
    String token = HexFormat.of().formatHex(random);
    CacheStore.Memory cache = CacheStore.memoryCheckingOutput();
    try (ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
      server.setSoTimeout(CHECK_MS);
      Properties state = new Properties();
      state.setProperty("port", String.valueOf(server.getLocalPort()));
      state.setProperty("token", token);
      state.setProperty("key", key);
      state.setProperty("pid", String.valueOf(ProcessHandle.current().pid()));
      writeState(stateFile, state);
      if (warmUp != null) {
        Properties settings = new Properties();
        try (var r = Files.newBufferedReader(warmUp, StandardCharsets.UTF_8)) {
          settings.load(r);
        }
        PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        ForkedBuild.build(settings, quiet, cache, true);
      }
      long idleMillis = idleMinutes * 60_000L;
      long lastBuild = System.currentTimeMillis();
      while (true) {
        Socket socket;
        try {
          socket = server.accept();
        } catch (SocketTimeoutException e) {
          if (System.currentTimeMillis() - lastBuild > idleMillis || !token.equals(read(stateFile).getProperty("token"))) {
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
          if ("STOP".equals(command)) {
            break;
          }
          if (!"BUILD".equals(command)) {
            continue;
          }
          int length = Integer.parseInt(in.readLine().trim());
          char[] text = new char[length];
          int read = 0;
          while (read < length) {
            int n = in.read(text, read, length - read);
            if (n < 0) {
              break;
            }
            read += n;
          }
          Properties settings = new Properties();
          settings.load(new StringReader(new String(text, 0, read)));
          PrintStream out = new PrintStream(socket.getOutputStream(), true, StandardCharsets.UTF_8);
          int code = ForkedBuild.build(settings, out, cache, false);
          out.println("EXIT " + code);
          out.flush();
          lastBuild = System.currentTimeMillis();
        } catch (IOException | RuntimeException e) {
          System.err.println("edgepress daemon: " + e);
        }
      }
    } finally {
      cache.close();
      Properties now = read(stateFile);
      if (token.equals(now.getProperty("token"))) {
        Files.deleteIfExists(stateFile);
      }
    }
    System.exit(0);
  }

  static Properties read(Path stateFile) {
    Properties p = new Properties();
    try (var r = Files.newBufferedReader(stateFile, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      // none
    }
    return p;
  }

  private static void writeState(Path stateFile, Properties state) throws IOException {
    Files.createDirectories(stateFile.getParent());
    Path tmp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
    try (var w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      state.store(w, "edgepress build daemon; deleting this file stops it");
    }
    try {
      // The token lets a client in: only the user may read it.
      Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the folder's own permissions apply.
    }
    try {
      Files.move(tmp, stateFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, stateFile, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
