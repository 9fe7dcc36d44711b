package dev.edgepress.contact;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A handler with known settings, a mailer that records, and requests as a browser on the site sends them. */
final class Fixtures {

  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  static final String TO = "author@example.com";
  static final String FROM = "contact@example.com";
  static final String SITE = "https://example.com";
  static final String SECRET = "origin-secret-0123456789abcdef";
  static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  final RecordingMailer mailer = new RecordingMailer();
  final List<String> log = new ArrayList<>();
  Instant now = NOW;
  ContactConfig config = ContactConfig.builder(TO, FROM).originSecret(SECRET).siteOrigins(List.of(SITE))
      .signingKey(KEY).build();

  ContactHandler handler() {
    Clock clock = new Clock() {
      @Override
      public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now;
      }
    };
    return new ContactHandler(config, mailer, clock, log::add);
  }

  ContactResponse handle(ContactRequest request) {
    return handler().handle(request);
  }

  /** A token as the page's script got it {@code age} ago. */
  String tokenIssuedAgo(Duration age) {
    return new FillTimeToken(KEY).issue(now.minus(age));
  }

  static final class RecordingMailer implements Mailer {
    final List<ContactMessage> sent = new ArrayList<>();
    MailException failure;
    RuntimeException bug;

    @Override
    public void send(ContactMessage message) throws MailException {
      if (failure != null) {
        throw failure;
      }
      if (bug != null) {
        throw bug;
      }
      sent.add(message);
    }
  }

  /** A POST from a page of the site, through CloudFront. */
  static Request post() {
    return new Request().header("origin", SITE).header("host", "abc123.execute-api.eu-west-1.amazonaws.com")
        .header(ContactConfig.ORIGIN_SECRET_HEADER, SECRET).header("accept", "text/html,*/*;q=0.8");
  }

  /** A form post of the given fields. */
  static Request form(String... namesAndValues) {
    return post().form(namesAndValues);
  }

  /** A JSON post of a raw body. */
  static Request json(String body) {
    return post().header("content-type", "application/json").header("accept", "application/json").body(body);
  }

  /** A form with valid values for every required field, followed by the given ones. */
  static Request validForm(String... more) {
    List<String> fields = new ArrayList<>(List.of("name", "Ada Lovelace", "email", "ada@example.org", "message",
        "Hello,\r\nI liked your post."));
    fields.addAll(List.of(more));
    return form(fields.toArray(String[]::new));
  }

  static String urlEncode(String... namesAndValues) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      b.append(b.length() == 0 ? "" : "&").append(URLEncoder.encode(namesAndValues[i], StandardCharsets.UTF_8))
          .append('=').append(URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
    }
    return b.toString();
  }

  static final class Request {
    String method = "POST";
    final Map<String, String> headers = new LinkedHashMap<>();
    byte[] body = new byte[0];
    String sourceIp = "203.0.113.7";

    Request header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    Request without(String name) {
      headers.remove(name);
      return this;
    }

    Request method(String method) {
      this.method = method;
      return this;
    }

    Request body(String text) {
      this.body = text.getBytes(StandardCharsets.UTF_8);
      return this;
    }

    Request body(byte[] bytes) {
      this.body = bytes;
      return this;
    }

    Request form(String... namesAndValues) {
      header("content-type", "application/x-www-form-urlencoded");
      return body(urlEncode(namesAndValues));
    }

    ContactRequest build() {
      return new ContactRequest(method, headers, body, sourceIp);
    }
  }
}
