package dev.edgepress.publisher;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local CloudFront speaking its REST-XML API for invalidations: CreateInvalidation (idempotent on
 * CallerReference, as CloudFront is), GetInvalidation, and TooManyInvalidationsInProgress on demand.
 */
final class FakeCloudFront implements AutoCloseable {

  private static final String NS = "http://cloudfront.amazonaws.com/doc/2020-05-31/";
  private static final Pattern CREATE = Pattern.compile("/2020-05-31/distribution/([^/]+)/invalidation");
  private static final Pattern GET = Pattern.compile("/2020-05-31/distribution/([^/]+)/invalidation/([^/]+)");

  record Invalidation(String id, String distributionId, String callerReference, List<String> paths) {}

  final List<Invalidation> created = Collections.synchronizedList(new ArrayList<>());
  final AtomicInteger busyAnswers = new AtomicInteger();
  final AtomicInteger requests = new AtomicInteger();
  private final Map<String, Invalidation> byReference = new ConcurrentHashMap<>();
  private final HttpServer server;

  FakeCloudFront() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      requests.incrementAndGet();
      String path = exchange.getRequestURI().getPath();
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Matcher create = CREATE.matcher(path);
      Matcher get = GET.matcher(path);
      int status;
      String xml;
      if (exchange.getRequestMethod().equals("POST") && create.matches()) {
        if (!create.group(1).equals("E2EXAMPLE")) {
          status = 404;
          xml = error("NoSuchDistribution", "The specified distribution does not exist.");
        } else if (busyAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
          status = 400;
          xml = error("TooManyInvalidationsInProgress", "Processing your request will cause you to exceed the maximum number of in-progress wildcard invalidations.");
        } else {
          String ref = tag(body, "CallerReference").get(0);
          Invalidation inv = byReference.computeIfAbsent(ref, r -> {
            Invalidation i = new Invalidation("I" + (created.size() + 1), create.group(1), r, tag(body, "Path"));
            created.add(i);
            return i;
          });
          status = 201;
          exchange.getResponseHeaders().add("Location",
              "https://cloudfront.amazonaws.com/2020-05-31/distribution/" + inv.distributionId() + "/invalidation/" + inv.id());
          xml = invalidation(inv, "InProgress");
        }
      } else if (exchange.getRequestMethod().equals("GET") && get.matches()) {
        Invalidation inv = created.stream().filter(i -> i.id().equals(get.group(2))).findFirst().orElse(null);
        status = inv == null ? 404 : 200;
        xml = inv == null ? error("NoSuchInvalidation", "no such invalidation") : invalidation(inv, "Completed");
      } else {
        status = 400;
        xml = error("InvalidArgument", "unexpected " + exchange.getRequestMethod() + " " + path);
      }
      byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/xml");
      exchange.getResponseHeaders().add("x-amz-request-id", "req-" + requests.get());
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private static List<String> tag(String xml, String name) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("<" + name + ">(.*?)</" + name + ">", Pattern.DOTALL).matcher(xml);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static String invalidation(Invalidation inv, String status) {
    StringBuilder paths = new StringBuilder();
    inv.paths().forEach(p -> paths.append("<Path>").append(p).append("</Path>"));
    return "<?xml version=\"1.0\"?><Invalidation xmlns=\"" + NS + "\"><Id>" + inv.id() + "</Id><Status>" + status
        + "</Status><CreateTime>2026-01-01T00:00:00Z</CreateTime><InvalidationBatch><Paths><Quantity>"
        + inv.paths().size() + "</Quantity><Items>" + paths + "</Items></Paths><CallerReference>"
        + inv.callerReference() + "</CallerReference></InvalidationBatch></Invalidation>";
  }

  private static String error(String code, String message) {
    return "<?xml version=\"1.0\"?><ErrorResponse xmlns=\"" + NS + "\"><Error><Type>Sender</Type><Code>" + code
        + "</Code><Message>" + message + "</Message></Error><RequestId>r</RequestId></ErrorResponse>";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
