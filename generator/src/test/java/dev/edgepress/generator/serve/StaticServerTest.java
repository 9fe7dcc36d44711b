package dev.edgepress.generator.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgepress.generator.headers.SecurityHeaders;
import dev.edgepress.headers.HeaderRules;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The security headers StaticServer sends: the site's own, on every kind of response. */
class StaticServerTest {

  @TempDir Path root;
  final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  HttpResponse<String> get(StaticServer server, String path, String method) throws Exception {
    return http.send(HttpRequest.newBuilder(server.uri().resolve(path)).method(method, HttpRequest.BodyPublishers.noBody())
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void sendsTheSitesHeadersOnPagesFilesRedirectsAndMisses() throws Exception {
    Files.createDirectories(root.resolve("docs"));
    Files.writeString(root.resolve("docs/index.html"), "<!DOCTYPE html><title>Docs</title>");
    Files.writeString(root.resolve("data.json"), "{}");
    SecurityHeaders headers = SecurityHeaders.builder().hstsMaxAgeSeconds(600).hstsIncludeSubDomains(false)
        .frameOptions("SAMEORIGIN").referrerPolicy("no-referrer").permissionsPolicy("camera=()")
        .contentSecurityPolicy("Upgrade-Insecure-Requests; default-src 'self' ;").build();
    try (StaticServer server = StaticServer.start(root, InetAddress.getLoopbackAddress(), 0, HeaderRules.defaults(),
        headers, "/blog/")) {
      for (String[] c : new String[][] {{"/blog/docs/", "GET"}, {"/blog/data.json", "HEAD"}, {"/blog/docs", "GET"},
          {"/blog/nothing", "GET"}, {"/elsewhere/", "GET"}, {"/blog/", "DELETE"}}) {
        HttpResponse<String> r = get(server, c[0], c[1]);
        assertThat(r.statusCode()).as(c[0]).isIn(200, 301, 404, 405);
        assertThat(r.headers().map()).as(c[1] + " " + c[0])
            .containsEntry("strict-transport-security", java.util.List.of("max-age=600"))
            .containsEntry("x-content-type-options", java.util.List.of("nosniff"))
            .containsEntry("x-frame-options", java.util.List.of("SAMEORIGIN"))
            .containsEntry("referrer-policy", java.util.List.of("no-referrer"))
            .containsEntry("permissions-policy", java.util.List.of("camera=()"))
            .as("upgrade-insecure-requests is left out: this server speaks plain http only")
            .containsEntry("content-security-policy", java.util.List.of("default-src 'self'"));
      }

      server.securityHeaders(SecurityHeaders.builder().contentSecurityPolicy("upgrade-insecure-requests").build());
      HttpResponse<String> r = get(server, "/blog/docs/", "GET");
      assertThat(r.headers().firstValue("Content-Security-Policy")).as("nothing left to send").isEmpty();
      assertThat(r.headers().firstValue("X-Frame-Options")).contains("DENY");
      assertThat(server.securityHeaders().contentSecurityPolicy()).isEqualTo("upgrade-insecure-requests");
    }
  }
}
