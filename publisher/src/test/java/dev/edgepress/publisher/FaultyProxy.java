package dev.edgepress.publisher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback in front of S3 that misbehaves for a share of connections: it resets
 * some at once, answers 500 or 503 on others, and cuts the rest after a short random time, in the
 * middle of whatever request is under way.
 */
final class FaultyProxy implements AutoCloseable {

  private final ServerSocket server;
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "faulty-proxy");
    t.setDaemon(true);
    return t;
  });
  private final Random random;
  private final double faultShare;
  final AtomicInteger faults = new AtomicInteger();
  private volatile boolean enabled = true;

  FaultyProxy(URI target, double faultShare, long seed) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.random = new Random(seed);
    this.faultShare = faultShare;
    pool.submit(() -> {
      while (!server.isClosed()) {
        try {
          Socket client = server.accept();
          pool.submit(() -> handle(client, target));
        } catch (IOException e) {
          return;
        }
      }
    });
  }

  void enabled(boolean on) {
    this.enabled = on;
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  private void handle(Socket client, URI target) {
    double roll;
    long lifetime;
    synchronized (random) {
      roll = random.nextDouble();
      lifetime = 30 + random.nextInt(400);
    }
    try (client) {
      if (enabled && roll < faultShare / 3) {
        faults.incrementAndGet();
        client.setSoLinger(true, 0);
        return;
      }
      if (enabled && roll < faultShare * 2 / 3) {
        faults.incrementAndGet();
        client.getInputStream().read(new byte[8192]);
        String status = roll < faultShare / 2 ? "500 Internal Server Error" : "503 Slow Down";
        String body = "<Error><Code>" + (status.startsWith("500") ? "InternalError" : "SlowDown") + "</Code></Error>";
        client.getOutputStream().write(("HTTP/1.1 " + status + "\r\nContent-Type: application/xml\r\nContent-Length: "
            + body.length() + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
        return;
      }
      try (Socket upstream = new Socket(target.getHost(), target.getPort())) {
        var a = pool.submit(() -> pipe(client.getInputStream(), upstream.getOutputStream()));
        var b = pool.submit(() -> pipe(upstream.getInputStream(), client.getOutputStream()));
        if (enabled && roll < faultShare) {
          Thread.sleep(lifetime);
          faults.incrementAndGet();
          client.setSoLinger(true, 0);
          client.close();
        }
        a.get();
        b.get();
      }
    } catch (Exception e) {
      // a cut connection is the point
    }
  }

  private static Void pipe(InputStream in, OutputStream out) {
    byte[] buf = new byte[16384];
    try {
      int n;
      while ((n = in.read(buf)) >= 0) {
        out.write(buf, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // closed
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    server.close();
    pool.shutdownNow();
  }
}
