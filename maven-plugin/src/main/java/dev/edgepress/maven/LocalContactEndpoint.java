package dev.edgepress.maven;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.edgepress.contact.ContactConfig;
import dev.edgepress.contact.ContactHandler;
import dev.edgepress.contact.ContactRequest;
import dev.edgepress.contact.ContactResponse;
import dev.edgepress.contact.EmlOutbox;
import dev.edgepress.generator.config.ContactSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The contact form's endpoint in the preview ({@code edgepress:serve}, and the sample site's
 * browser tests): the JDK's HTTP server in front of the same {@link ContactHandler} the deployed
 * function runs, with an {@link EmlOutbox} instead of the mail service, so that an author can fill
 * in the form and read the mail it would send. Reads at most {@value #MAX_BODY} bytes and one more
 * of a request's body (the handler refuses a longer one).
 */
public final class LocalContactEndpoint implements HttpHandler {

  /** The largest body the handler takes; one byte more tells it the body was longer. */
  public static final int MAX_BODY = ContactHandler.MAX_BODY_BYTES;

  /** How the handler's log line for a message sent starts. */
  private static final String SENT_LINE = "Contact form: message sent";

  /** The sender while serving a site whose baseUrl has no mail domain (http://localhost/). */
  public static final String PREVIEW_SENDER = "contact@preview.invalid";

  private final ContactHandler handler;

  public LocalContactEndpoint(ContactHandler handler) {
    this.handler = handler;
  }

  /**
   * The endpoint for a site's {@code contact} settings, writing each message to {@code outbox}.
   * Origins are checked against the request's Host (no site origins are given), and no request is
   * throttled. The handler's paths (its own, the thanks page, the form) are under {@code basePath}.
   *
   * @param basePath the base URL's path, '/' or '/blog/'
   * @param domain the site's domain (its baseUrl's host), for the default sender; when that is no
   *     mail domain (localhost), the preview sends as {@value #PREVIEW_SENDER}
   * @param signingKey signs the form's tokens; a new random one for each run ({@link #newSigningKey()})
   * @param log receives one line for each message written and each request refused
   * @throws IllegalArgumentException when the contact-form module refuses a setting
   */
  public static LocalContactEndpoint create(ContactSettings settings, String basePath, String domain, Path outbox,
      byte[] signingKey, Clock clock, Consumer<String> log) {
    String from = settings.from(domain == null ? "" : domain);
    ContactConfig config = ContactConfig.builder(settings.to(),
            ContactSettings.isPlainAddress(from) ? from : PREVIEW_SENDER)
        .subjectPrefix(settings.subjectPrefix())
        .minFillTime(Duration.ofSeconds(settings.minFillSeconds()))
        .signingKey(signingKey)
        .siteOrigins(List.of())
        .endpointPath(basePath + ContactSettings.ENDPOINT_PATH.substring(1))
        .thanksPath(basePath + ContactSettings.THANKS_PATH.substring(1))
        .formPath(basePath + "contact/")
        .build();
    // One line per message, the outbox's (who wrote, which file); the handler's own lines tell why a
    // request was refused or dropped, and its line for a message sent would say it a second time.
    Consumer<String> handlerLog = line -> {
      if (!line.startsWith(SENT_LINE)) {
        log.accept(line);
      }
    };
    return new LocalContactEndpoint(new ContactHandler(config, new EmlOutbox(outbox, log), clock, handlerLog));
  }

  /** 32 random bytes. */
  public static byte[] newSigningKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = in.readNBytes(MAX_BODY + 1);
      }
      Map<String, String> headers = new LinkedHashMap<>();
      ex.getRequestHeaders().forEach((name, values) ->
          headers.put(name.toLowerCase(Locale.ROOT), String.join(", ", values)));
      InetSocketAddress remote = ex.getRemoteAddress();
      String ip = remote == null || remote.getAddress() == null ? "" : remote.getAddress().getHostAddress();
      ContactResponse r = handler.handle(new ContactRequest(ex.getRequestMethod(), headers, body, ip));
      if (r.headers() != null) {
        r.headers().forEach(ex.getResponseHeaders()::set);
      }
      byte[] out = r.body() == null ? new byte[0] : r.body().getBytes(StandardCharsets.UTF_8);
      boolean head = ex.getRequestMethod().equalsIgnoreCase("HEAD");
      ex.sendResponseHeaders(r.status(), head || out.length == 0 ? -1 : out.length);
      if (!head && out.length > 0) {
        try (OutputStream o = ex.getResponseBody()) {
          o.write(out);
        }
      }
    }
  }
}
