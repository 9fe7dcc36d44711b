package dev.edgepress.maven.fork;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;

/**
 * Where a running build daemon listens and the token a client must send first, kept in a file
 * under the project's target/ ({@code daemon.properties}) readable by the user only.
 *
 * @param key the daemon's classpath and JVM options: a build that wants another key stops it
 */
public record DaemonState(int port, String token, String key, long pid) {

  /** The state in {@code file}, or empty when there is none (or it cannot be read: no daemon then). */
  public static Optional<DaemonState> read(Path file) {
    Properties p = new Properties();
    try (var r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
      return Optional.of(new DaemonState(Integer.parseInt(p.getProperty("port")), p.getProperty("token", ""),
          p.getProperty("key", ""), Long.parseLong(p.getProperty("pid"))));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Replaces {@code file} with this state at once, readable by the user only. */
  public void write(Path file) throws IOException {
    Properties state = new Properties();
    state.setProperty("port", String.valueOf(port));
    state.setProperty("token", token);
    state.setProperty("key", key);
    state.setProperty("pid", String.valueOf(pid));
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (var w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      state.store(w, "edgepress build daemon; deleting this file stops it");
    }
    try {
      // The token lets a client in: only the user may read it.
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the folder's own permissions apply.
    }
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
