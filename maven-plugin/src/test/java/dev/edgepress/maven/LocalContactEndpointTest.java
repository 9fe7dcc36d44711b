package dev.edgepress.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgepress.generator.config.ContactSettings;
import dev.edgepress.generator.headers.SecurityHeaders;
import dev.edgepress.generator.serve.StaticServer;
import dev.edgepress.headers.HeaderRules;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contact form's endpoint as {@code edgepress:serve} answers it: the JDK's exchange handed to
 * the contact form's handler, its answer sent back with the site's security headers, and each
 * message written to the outbox.
 */
class LocalContactEndpointTest {

  @TempDir Path dir;
  StaticServer server;
  final List<String> log = Collections.synchronizedList(new ArrayList<>());
  final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  URI start(ContactSettings settings, String basePath, String domain) throws Exception {
    Path site = Files.createDirectories(dir.resolve("site"));
    Files.writeString(site.resolve("index.html"), "<!DOCTYPE html><title>Home</title>");
    server = StaticServer.start(site, InetAddress.getLoopbackAddress(), 0, HeaderRules.defaults(),
        SecurityHeaders.defaults(), basePath);
    server.handle(basePath + "api/contact", LocalContactEndpoint.create(settings, basePath, domain, dir.resolve("outbox"),
        LocalContactEndpoint.newSigningKey(), Clock.systemUTC(), log::add));
    return server.uri();
  }

  HttpResponse<String> post(URI uri, String contentType, String body, String origin) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (origin != null) {
      b.header("Origin", origin);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  List<Path> emls() throws Exception {
    Path outbox = dir.resolve("outbox");
    if (!Files.isDirectory(outbox)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(outbox)) {
      return files.filter(f -> f.toString().endsWith(".eml")).sorted().toList();
    }
  }

  static String origin(URI uri) {
    return uri.getScheme() + "://" + uri.getRawAuthority();
  }

  @Test
  void aFormPostedWithoutJavaScriptIsWrittenToTheOutboxAndRedirectedToTheThanksPage() throws Exception {
    URI base = start(ContactSettings.to("author@example.com"), "/", "example.com");
    HttpResponse<String> r = post(base.resolve("/api/contact"), "application/x-www-form-urlencoded",
        "name=Ada&email=ada%40example.org&subject=Hi&message=Hello+there&website=&_ts=", origin(base));
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location")).contains("/contact/thanks/");
    assertThat(r.headers().firstValue("X-Frame-Options")).as("the site's headers too").contains("DENY");
    List<Path> emls = emls();
    assertThat(emls).hasSize(1);
    assertThat(Files.readString(emls.get(0))).contains("From: contact@example.com\r\n", "To: author@example.com\r\n",
        "Reply-To: ada@example.org\r\n", "Subject: [Contact] Ada: Hi\r\n", "Hello there");
    assertThat(log).as("one line for the message").singleElement().asString()
        .contains("message from ada@example.org written to").contains(emls.get(0).getFileName().toString());
  }

  @Test
  void theScriptGetsATokenAndJsonAnswers() throws Exception {
    URI base = start(new ContactSettings("author@example.com", Optional.empty(), "[Contact]", 0, 1, 5), "/",
        "example.com");
    HttpResponse<String> token = post(base.resolve("/api/contact"), "application/json", "{\"intent\":\"token\"}",
        origin(base));
    assertThat(token.statusCode()).isEqualTo(200);
    assertThat(token.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
    String ts = token.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
    assertThat(ts).isNotBlank().doesNotContain("{");

    HttpResponse<String> invalid = post(base.resolve("/api/contact"), "application/json",
        "{\"name\":\"Ada\",\"email\":\"ada@localhost\",\"message\":\"Hi\",\"_ts\":\"" + ts + "\"}", origin(base));
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(invalid.body()).contains("\"errors\"").contains("\"email\"");

    HttpResponse<String> sent = post(base.resolve("/api/contact"), "application/json",
        "{\"name\":\"Ada\",\"email\":\"ada@example.org\",\"message\":\"Hi\",\"website\":\"\",\"_ts\":\"" + ts + "\"}",
        origin(base));
    assertThat(sent.statusCode()).isEqualTo(200);
    assertThat(sent.body()).contains("\"ok\":true");
    assertThat(emls()).hasSize(1);
  }

  @Test
  void theOriginMustBeTheServersOwnAndTheBodySmall() throws Exception {
    URI base = start(ContactSettings.to("author@example.com"), "/", "example.com");
    assertThat(post(base.resolve("/api/contact"), "application/json", "{\"intent\":\"token\"}",
        "https://evil.example").statusCode()).isEqualTo(403);
    String big = "name=Ada&email=ada%40example.org&message=" + "x".repeat(LocalContactEndpoint.MAX_BODY);
    assertThat(post(base.resolve("/api/contact"), "application/x-www-form-urlencoded", big, origin(base)).statusCode())
        .isEqualTo(413);
    assertThat(http.send(HttpRequest.newBuilder(base.resolve("/api/contact")).GET().build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
    assertThat(emls()).isEmpty();
    assertThat(log).anyMatch(l -> l.contains("refused a request from the origin"));
  }

  @Test
  void underABasePathWithALocalhostBaseUrl() throws Exception {
    URI base = start(ContactSettings.to("author@example.com"), "/blog/", "localhost");
    HttpResponse<String> r = post(base.resolve("/blog/api/contact"), "application/x-www-form-urlencoded",
        "name=Ada&email=ada%40example.org&message=Hi", origin(base));
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location")).contains("/blog/contact/thanks/");
    assertThat(Files.readString(emls().get(0))).contains("From: " + LocalContactEndpoint.PREVIEW_SENDER + "\r\n");
  }
}
