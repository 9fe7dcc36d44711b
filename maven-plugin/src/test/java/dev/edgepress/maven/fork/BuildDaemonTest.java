package dev.edgepress.maven.fork;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build daemon in this JVM, without Maven: it lets in its token only, builds, and returns when stopped. */
class BuildDaemonTest {

  @TempDir Path dir;

  static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  /** Sends {@code text} and reads every event of the answer. */
  static List<BuildEvent> exchange(DaemonState state, String text) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), state.port())) {
      Writer w = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8);
      w.write(text);
      w.flush();
      BuildProtocol.EventReader in = new BuildProtocol.EventReader(
          new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)));
      List<BuildEvent> events = new ArrayList<>();
      for (Optional<BuildEvent> e = in.next(); e.isPresent(); e = in.next()) {
        events.add(e.get());
        if (e.get() instanceof BuildEvent.Exit) {
          break;
        }
      }
      return events;
    }
  }

  @Test
  void servesBuildsToItsTokenAndReturnsWhenStopped() throws Exception {
    write(dir.resolve("site.yaml"), "title: Tiny\nbaseUrl: https://tiny.example/\n");
    write(dir.resolve("content/posts/one.md"), "---\ntitle: One\ndate: 2024-01-01\n---\n\nHello.\n");
    BuildRequest request = BuildRequest.builder(dir, dir.resolve("target/site"), dir.resolve("target/cache")).build();
    Path stateFile = dir.resolve("target/edgepress/daemon.properties");
    CompletableFuture<Void> daemon = CompletableFuture.runAsync(() -> {
      try {
        BuildDaemon.serve(stateFile, 1, "key", Optional.empty());
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (DaemonState.read(stateFile).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    DaemonState state = DaemonState.read(stateFile).orElseThrow();
    assertThat(state.key()).isEqualTo("key");
    assertThat(state.pid()).isEqualTo(ProcessHandle.current().pid());

    // A wrong token gets nothing, not even the protocol's version.
    StringBuilder wrong = new StringBuilder();
    BuildDaemon.writeBuild(new Writer() {
      @Override public void write(char[] c, int off, int len) { wrong.append(c, off, len); }
      @Override public void flush() {}
      @Override public void close() {}
    }, "not-the-token", request);
    assertThat(exchange(state, wrong.toString())).isEmpty();
    assertThat(dir.resolve("target/site")).doesNotExist();

    // A request it cannot read is answered with a failure that says why.
    List<BuildEvent> garbled = exchange(state, state.token() + "\nBUILD\nedgepress-build-protocol 1\nrequest\tnope=1\n");
    assertThat(garbled).singleElement().isInstanceOfSatisfying(BuildEvent.Exit.class, exit -> {
      assertThat(exit.code()).isEqualTo(BuildEvent.Exit.FAILED);
      assertThat(exit.error().orElseThrow()).contains("cannot read the request", "lacks its field 'siteDirectory'");
    });

    StringBuilder build = new StringBuilder();
    BuildDaemon.writeBuild(new Writer() {
      @Override public void write(char[] c, int off, int len) { build.append(c, off, len); }
      @Override public void flush() {}
      @Override public void close() {}
    }, state.token(), request);
    List<BuildEvent> events = exchange(state, build.toString());
    assertThat(events.get(events.size() - 1)).isEqualTo(BuildEvent.Exit.of(BuildEvent.Exit.BUILT));
    assertThat(events).anyMatch(e -> e instanceof BuildEvent.Result r && r.pages() == 1);
    assertThat(dir.resolve("target/site/posts/one/index.html")).isRegularFile();

    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), state.port())) {
      BuildDaemon.writeStop(new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8), state.token());
    }
    // serve returns (no System.exit) and removes its state file.
    daemon.get(10, TimeUnit.SECONDS);
    assertThat(stateFile).doesNotExist();
  }
}
