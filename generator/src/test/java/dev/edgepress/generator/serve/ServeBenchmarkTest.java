package dev.edgepress.generator.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgepress.generator.BuildListener;
import dev.edgepress.generator.Generator;
import dev.edgepress.generator.cache.CacheStore;
import dev.edgepress.generator.links.LinkCheck;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Save-to-reload latency of the preview on a large site. Skipped unless -Dedgepress.bench=DIR names
 * a site made by ../shared/bench/gen-corpus.py (with a site.yaml). Edits posts in place and puts
 * them back; prints the figures.
 */
class ServeBenchmarkTest {

  @Test
  void saveToReload() throws Exception {
    String bench = System.getProperty("edgepress.bench");
    Assumptions.assumeTrue(bench != null && !bench.isBlank(), "set -Dedgepress.bench=DIR to run");
    Path site = Path.of(bench).toAbsolutePath().normalize();
    Path preview = site.resolve("target/edgepress/preview");
    long t0 = System.nanoTime();
    try (CacheStore.Memory cache = CacheStore.memory()) {
      Generator generator = Generator.builder(site).outputDirectory(preview).includeDrafts(true).includeFuture(true)
          .linkCheck(LinkCheck.WARN).cacheStore(cache)
          .cacheFile(site.resolve("target/edgepress/cache").resolve(Generator.cacheName(preview))).build();
      List<Path> watched = List.of(site.resolve("content"), site.resolve("static"), site.resolve("templates"),
          site.resolve("data"), site.resolve("site.yaml"));
      BuildListener timings = new BuildListener() {
        @Override
        public void info(String message) {
          if (Boolean.getBoolean("edgepress.bench.verbose") && (message.startsWith("Timings") || message.startsWith("Rebuilt"))) {
            System.out.println("  " + message);
          }
        }
      };
      try (DevServer server = DevServer.start(generator, InetAddress.getLoopbackAddress(), 0, "/", watched,
          timings)) {
        System.out.printf("first build (server start): %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        BlockingQueue<Long> reloads = new LinkedBlockingQueue<>();
        listen(server, reloads);
        Thread.sleep(300);
        int runs = Integer.getInteger("edgepress.bench.runs", 12);
        // The first edits after a start run while the JIT compiler is still at work; they are
        // reported apart, as an author notices them once per session.
        measure("warm-up (first edits after the start)", site, Integer.getInteger("edgepress.bench.warmup", 10), reloads,
            t -> t + "\nWarm-up sentence " + System.nanoTime() + ".\n");
        measure("body edit below the summary", site, runs, reloads,
            t -> t + "\nOne more sentence, edit " + System.nanoTime() + ".\n");
        measure("summary edit (first paragraph)", site, runs, reloads, t -> {
          int body = t.indexOf("\n---\n", 4) + 5;
          return t.substring(0, body) + "\nNew intro " + System.nanoTime() + ".\n" + t.substring(body);
        });
        measure("title edit", site, runs, reloads,
            t -> t.replaceFirst("(?m)^title: .*$", "title: \"Retitled " + System.nanoTime() + "\""));
      }
    }
  }

  private static void measure(String what, Path site, int runs, BlockingQueue<Long> reloads,
      java.util.function.UnaryOperator<String> edit) throws Exception {
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      Path post = site.resolve(String.format("content/posts/post-%05d.md", 37 + i * 613));
      String before = Files.readString(post, StandardCharsets.UTF_8);
      reloads.clear();
      long saved = System.nanoTime();
      Files.writeString(post, edit.apply(before), StandardCharsets.UTF_8);
      Long reload = reloads.poll(30, TimeUnit.SECONDS);
      assertThat(reload).as("reload event after editing " + post).isNotNull();
      millis.add((reload - saved) / 1_000_000);
      Thread.sleep(150);
      // Put it back (and let that rebuild pass) so the corpus stays as generated.
      reloads.clear();
      Files.writeString(post, before, StandardCharsets.UTF_8);
      assertThat(reloads.poll(30, TimeUnit.SECONDS)).isNotNull();
      Thread.sleep(150);
    }
    List<Long> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    System.out.printf("%s: save -> reload event, %d runs: min %d ms, median %d ms, max %d ms %s%n", what, runs,
        sorted.get(0), sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), millis);
  }

  private static void listen(DevServer server, BlockingQueue<Long> reloads) throws IOException {
    HttpURLConnection sse = (HttpURLConnection) server.uri().resolve(DevServer.EVENTS).toURL().openConnection();
    sse.setReadTimeout(0);
    BufferedReader in = new BufferedReader(new InputStreamReader(sse.getInputStream(), StandardCharsets.UTF_8));
    Thread reader = new Thread(() -> {
      try {
        String line;
        while ((line = in.readLine()) != null) {
          if (line.equals("event: reload")) {
            reloads.add(System.nanoTime());
          }
        }
      } catch (IOException e) {
        // closed
      }
    });
    reader.setDaemon(true);
    reader.start();
  }
}
