package dev.edgepress.contact;

import dev.edgepress.contact.Replies.FormValues;
import dev.edgepress.contact.Replies.Format;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers {@code POST /api/contact}: checks the request (origin secret, method, size, same origin,
 * Content-Type), reads the form (URL-encoded or JSON), drops robots' messages without telling them,
 * validates the fields, and hands one clean {@link ContactMessage} to the {@link Mailer}. A browser
 * without JavaScript gets a 303 to the thanks page, or the form again with its errors; the theme's
 * script gets JSON. The same code runs in the Lambda function and in the local preview.
 *
 * <p>The recipient and the sender come only from the configuration; the visitor's address only ever
 * becomes the Reply-To. {@link #handle} never throws and never shows a stack trace. Log lines never hold
 * a message's text or the visitor's address.
 */
public final class ContactHandler {

  /** The largest body read: anything bigger is refused (413) before it is parsed. */
  public static final int MAX_BODY_BYTES = 16_384;
  public static final int MAX_NAME = 100;
  public static final int MAX_EMAIL = EmailAddress.MAX_LENGTH;
  public static final int MAX_MESSAGE = 5_000;
  public static final int MAX_SUBJECT = 200;
  /** The whole Subject header (prefix, name, subject) is cut to this many characters. */
  public static final int MAX_SUBJECT_LINE = 200;
  /** A fill-time token older than this is refused as if sent too soon (the page asks for a new one). */
  public static final Duration MAX_TOKEN_AGE = Duration.ofHours(24);
  /** Seconds in {@code Retry-After} when the message could not go. */
  public static final int RETRY_AFTER_SECONDS = 60;

  static final String TOO_SOON = "Please take a moment to check your message, then send it again.";
  static final String NOT_SENT = "Your message was not sent. Please try again in a minute.";

  /** The form's own fields: each may appear once. */
  private static final Set<String> FORM_FIELDS = Set.of("name", "email", "subject", "message", "website", "_ts",
      "intent");
  /** Field names (lower case, letters and digits only) that try to choose a recipient or a sender. */
  private static final Set<String> ADDRESS_FIELDS = Set.of("to", "cc", "bcc", "from", "recipient", "recipients",
      "sender", "replyto", "returnpath", "mailto", "emailto", "toemail", "toaddress", "fromemail", "fromaddress",
      "destination", "envelopeto", "envelopefrom", "headers", "header");

  private final ContactConfig config;
  private final Mailer mailer;
  private final Clock clock;
  private final Consumer<String> log;
  private final FillTimeToken tokens;
  private final Replies replies;
  private final Optional<byte[]> secretDigest;

  /**
   * @param config the settings
   * @param mailer where valid messages go
   * @param clock the time for fill-time tokens
   * @param log takes one line per notable event (refusals, robots, failures), never a message's text
   */
  public ContactHandler(ContactConfig config, Mailer mailer, Clock clock, Consumer<String> log) {
    this.config = Objects.requireNonNull(config, "config");
    this.mailer = Objects.requireNonNull(mailer, "mailer");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.log = Objects.requireNonNull(log, "log");
    this.tokens = new FillTimeToken(config.signingKey());
    this.replies = new Replies(config);
    this.secretDigest = config.originSecret().map(ContactHandler::sha256);
  }

  /** The answer to one request. Never throws: a bug answers 500 with a generic page, and is logged. */
  public ContactResponse handle(ContactRequest request) {
    Format format = Format.HTML;
    try {
      format = formatOf(request);
      return answer(request, format);
    } catch (Throwable t) {
      log("Contact form: unexpected " + t.getClass().getName() + " while answering a request; answered 500");
      return Replies.bug(format);
    }
  }

  private ContactResponse answer(ContactRequest request, Format format) {
    if (request == null) {
      return replies.refused(format, 400, "Bad request", "The request could not be read.", Map.of());
    }
    Map<String, String> headers = request.headers();
    boolean viaCdn = false;
    if (secretDigest.isPresent()) {
      if (!secretMatches(headers.get(ContactConfig.ORIGIN_SECRET_HEADER))) {
        log("Contact form: refused a request without the right origin secret (from " + ip(request.sourceIp()) + ")");
        return replies.refused(format, 403, "Forbidden", "This request is not allowed.", Map.of());
      }
      viaCdn = true;
    }
    String ip = visitorIp(request, viaCdn);
    if (!"POST".equals(request.method())) {
      return replies.refused(format, 405, "Method not allowed", "The contact form takes only POST requests. Please"
          + " use the form on the contact page.", Map.of("Allow", "POST"));
    }
    if (request.body().length > MAX_BODY_BYTES) {
      log("Contact form: refused a body of " + request.body().length + " bytes (from " + ip + ")");
      return replies.refused(format, 413, "Message too long", "Your message is too long to send. Please go back,"
          + " shorten it and send it again.", Map.of());
    }
    Optional<String> foreign = foreignOrigin(headers);
    if (foreign.isPresent()) {
      log("Contact form: refused a request from the origin " + Text.quote(foreign.get(), 100) + " (from " + ip + ")");
      return replies.refused(format, 403, "Forbidden", "This request is not allowed.", Map.of());
    }
    BodyKind kind = bodyKind(headers.get("content-type"));
    if (kind == null) {
      return replies.refused(format, 415, "Unsupported request", "The contact form could not read this request."
          + " Please use the form on the contact page.", Map.of());
    }
    Map<String, String> fields;
    try {
      fields = kind == BodyKind.JSON ? Json.parseFlatObject(request.body())
          : UrlEncodedForm.parse(request.body(), FORM_FIELDS);
    } catch (UnreadableBodyException e) {
      log("Contact form: refused an unreadable " + kind.name().toLowerCase(Locale.ROOT) + " body: " + e.getMessage()
          + " (from " + ip + ")");
      return replies.refused(format, 400, "Form not readable", "We could not read the form your browser sent."
          + " Please go back and send it again.", Map.of());
    }
    if (kind == BodyKind.JSON && fields.containsKey("intent")) {
      if ("token".equals(fields.get("intent"))) {
        return replies.token(tokens.issue(clock.instant()));
      }
      return replies.refused(format, 400, "Bad request", "Unknown intent.", Map.of());
    }
    for (String name : fields.keySet()) {
      String key = addressFieldKey(name);
      if (key != null) {
        log("Contact form: ignored the field \"" + key + "\": recipient and sender come only from the configuration"
            + " (from " + ip + ")");
      }
    }
    if (!fields.getOrDefault("website", "").isBlank()) {
      log("Contact form: the honeypot field was filled; message dropped (from " + ip + ")");
      return replies.sent(format);
    }
    boolean tooSoon = false;
    String token = fields.getOrDefault("_ts", "").strip();
    if (!token.isEmpty()) {
      Optional<Instant> issued = tokens.verify(token);
      if (issued.isEmpty()) {
        log("Contact form: a forged or malformed fill-time token; message dropped (from " + ip + ")");
        return replies.sent(format);
      }
      Duration age = Duration.between(issued.get(), clock.instant());
      tooSoon = age.compareTo(config.minFillTime()) < 0 || age.compareTo(MAX_TOKEN_AGE) > 0;
    }
    FormValues typed = new FormValues(fields.getOrDefault("name", ""), fields.getOrDefault("email", ""),
        fields.getOrDefault("subject", ""), fields.getOrDefault("message", ""));
    Map<String, String> problems = new LinkedHashMap<>();
    String name = Text.oneLine(typed.name());
    if (name.isEmpty()) {
      problems.put("name", "Please enter your name.");
    } else if (Text.length(name) > MAX_NAME) {
      problems.put("name", "Please shorten your name to " + MAX_NAME + " characters or fewer.");
    }
    String email = typed.email().strip();
    if (email.isEmpty()) {
      problems.put("email", "Please enter your email address, so that your message can be answered.");
    } else if (Text.length(email) > MAX_EMAIL) {
      problems.put("email", "Please enter an email address of " + MAX_EMAIL + " characters or fewer.");
    } else if (Text.hasControl(typed.email()) || !EmailAddress.isValid(email)) {
      problems.put("email", "Please enter a valid email address, such as name@example.com.");
    }
    String subject = Text.oneLine(typed.subject());
    if (Text.length(subject) > MAX_SUBJECT) {
      problems.put("subject", "Please shorten the subject to " + MAX_SUBJECT + " characters or fewer.");
    }
    String message = Text.multiline(typed.message());
    if (message.isEmpty()) {
      problems.put("message", "Please enter your message.");
    } else if (Text.length(message) > MAX_MESSAGE) {
      problems.put("message", String.format(Locale.ROOT, "Please shorten your message to %,d characters or fewer"
          + " (it has %,d).", MAX_MESSAGE, Text.length(message)));
    }
    if (!problems.isEmpty()) {
      log("Contact form: asked the visitor to correct " + String.join(", ", problems.keySet()) + " (from " + ip + ")");
      return replies.invalid(format, problems, typed);
    }
    if (tooSoon) {
      log("Contact form: sent too soon after the form was shown, or with an expired token; asked to send again"
          + " (from " + ip + ")");
      return replies.notSent(format, 400, TOO_SOON, typed, Map.of());
    }
    ContactMessage mail = new ContactMessage(config.to(), config.from(), email, subjectLine(name, subject),
        body(name, email, ip, subject, message));
    try {
      mailer.send(mail);
    } catch (MailException e) {
      log("Contact form: message not sent" + (e.throttled() ? " (throttled)" : "") + ": "
          + redact(e.getMessage(), email) + (e.getCause() == null ? "" : " [" + e.getCause().getClass().getName()
          + "]"));
      return replies.notSent(format, e.throttled() ? 429 : 503, NOT_SENT, typed,
          Map.of("Retry-After", Integer.toString(RETRY_AFTER_SECONDS)));
    } catch (RuntimeException e) {
      log("Contact form: message not sent: the mailer failed with " + e.getClass().getName());
      return replies.notSent(format, 503, NOT_SENT, typed, Map.of("Retry-After", Integer.toString(RETRY_AFTER_SECONDS)));
    }
    log("Contact form: message sent (from " + ip + ")");
    return replies.sent(format);
  }

  private String subjectLine(String name, String subject) {
    String prefix = config.subjectPrefix();
    String line = (prefix.isEmpty() ? "" : prefix + " ") + name + (subject.isEmpty() ? "" : ": " + subject);
    return Text.cut(Text.oneLine(line), MAX_SUBJECT_LINE);
  }

  private static String body(String name, String email, String ip, String subject, String message) {
    StringBuilder b = new StringBuilder(message.length() + 200);
    b.append("Name: ").append(name).append('\n');
    b.append("Email: ").append(email).append('\n');
    b.append("IP: ").append(ip).append('\n');
    if (!subject.isEmpty()) {
      b.append("Subject: ").append(subject).append('\n');
    }
    return b.append('\n').append(message).append('\n').toString();
  }

  /** The mail error for the log, with the visitor's address taken out and control characters shown escaped. */
  private static String redact(String text, String email) {
    if (text == null || text.isBlank()) {
      return "(no detail)";
    }
    String redacted = Pattern.compile(Pattern.quote(email), Pattern.CASE_INSENSITIVE).matcher(text)
        .replaceAll(Matcher.quoteReplacement("<visitor>"));
    String quoted = Text.quote(redacted, 500);
    return quoted.substring(1, quoted.endsWith("\"") ? quoted.length() - 1 : quoted.length());
  }

  /** The canonical name of a field that tries to set a recipient or a sender, or null. */
  static String addressFieldKey(String fieldName) {
    String key = fieldName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    if (key.length() > 40) {
      key = key.substring(0, 40);
    }
    boolean address = ADDRESS_FIELDS.contains(key) || key.contains("recipient") || key.contains("bcc")
        || key.contains("sender") || key.endsWith("replyto") || key.startsWith("mailto");
    return address ? key : null;
  }

  private boolean secretMatches(String value) {
    return value != null && MessageDigest.isEqual(sha256(value), secretDigest.orElseThrow());
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /**
   * The origin of a cross-origin request, or empty when the request is same-origin: the {@code Origin}
   * header when there is one, else the origin of the {@code Referer}; neither (a privacy setting may strip
   * both) is allowed.
   */
  private Optional<String> foreignOrigin(Map<String, String> headers) {
    String origin = headers.get("origin");
    String source = origin != null && !origin.isBlank() ? origin : null;
    Optional<String> parsed;
    if (source != null) {
      parsed = Origins.parseOrigin(source.strip());
    } else {
      String referer = headers.get("referer");
      if (referer == null || referer.isBlank()) {
        return Optional.empty();
      }
      source = referer;
      parsed = Origins.originOfUrl(referer.strip());
    }
    if (parsed.isPresent() && allowed(parsed.get(), headers)) {
      return Optional.empty();
    }
    return Optional.of(source);
  }

  private boolean allowed(String origin, Map<String, String> headers) {
    if (!config.siteOrigins().isEmpty()) {
      return config.siteOrigins().contains(origin);
    }
    String host = headers.get("host");
    return Origins.originOfHost("https", host).filter(origin::equals).isPresent()
        || Origins.originOfHost("http", host).filter(origin::equals).isPresent();
  }

  /**
   * The visitor's address for the message: CloudFront's {@code CloudFront-Viewer-Address} when the request
   * proved it came through CloudFront (the API's own source is then an edge server), else the source.
   */
  private static String visitorIp(ContactRequest request, boolean viaCdn) {
    if (viaCdn) {
      String viewer = request.headers().get("cloudfront-viewer-address");
      int colon = viewer == null ? -1 : viewer.lastIndexOf(':');
      if (colon > 0) {
        String ip = cleanIp(viewer.substring(0, colon));
        if (ip != null) {
          return ip;
        }
      }
    }
    return ip(request.sourceIp());
  }

  private static String ip(String raw) {
    String ip = cleanIp(raw);
    return ip == null ? "unknown" : ip;
  }

  private static String cleanIp(String raw) {
    String s = raw == null ? "" : raw.strip();
    if (s.isEmpty() || s.length() > 45 || (s.indexOf('.') < 0 && s.indexOf(':') < 0)) {
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.')) {
        return null;
      }
    }
    return s;
  }

  private enum BodyKind { FORM, JSON }

  /** The body's kind from its Content-Type, or null when it is neither form nor JSON, or not UTF-8. */
  private static BodyKind bodyKind(String contentType) {
    if (contentType == null) {
      return null;
    }
    String[] parts = contentType.split(";", -1);
    String type = parts[0].strip().toLowerCase(Locale.ROOT);
    BodyKind kind = type.equals("application/x-www-form-urlencoded") ? BodyKind.FORM
        : type.equals("application/json") ? BodyKind.JSON : null;
    for (int i = 1; kind != null && i < parts.length; i++) {
      String p = parts[i].strip();
      int eq = p.indexOf('=');
      if (eq > 0 && p.substring(0, eq).strip().equalsIgnoreCase("charset")) {
        String charset = p.substring(eq + 1).strip().replace("\"", "").toLowerCase(Locale.ROOT);
        if (!charset.equals("utf-8") && !charset.equals("utf8")) {
          return null;
        }
      }
    }
    return kind;
  }

  private static Format formatOf(ContactRequest request) {
    if (request == null) {
      return Format.HTML;
    }
    String contentType = request.headers().getOrDefault("content-type", "");
    if (contentType.strip().toLowerCase(Locale.ROOT).startsWith("application/json")) {
      return Format.JSON;
    }
    return prefersJson(request.headers().get("accept")) ? Format.JSON : Format.HTML;
  }

  /** Whether an Accept header ranks application/json above text/html. */
  static boolean prefersJson(String accept) {
    if (accept == null || accept.isBlank()) {
      return false;
    }
    double[] json = quality(accept, "application", "json");
    double[] html = quality(accept, "text", "html");
    return json[0] > 0 && (json[0] > html[0] || (json[0] == html[0] && json[1] > html[1]));
  }

  /** {quality, specificity} of the most specific range of {@code accept} matching the type. */
  private static double[] quality(String accept, String type, String subtype) {
    double q = 0;
    int best = -1;
    for (String range : accept.split(",")) {
      String[] parts = range.split(";");
      String mediaType = parts[0].strip().toLowerCase(Locale.ROOT);
      int slash = mediaType.indexOf('/');
      if (slash < 0) {
        continue;
      }
      String t = mediaType.substring(0, slash);
      String s = mediaType.substring(slash + 1);
      int specificity = t.equals(type) && s.equals(subtype) ? 2 : t.equals(type) && s.equals("*") ? 1
          : t.equals("*") && s.equals("*") ? 0 : -1;
      if (specificity <= best) {
        continue;
      }
      double rq = 1;
      for (int i = 1; i < parts.length; i++) {
        String p = parts[i].strip();
        if (p.startsWith("q=") || p.startsWith("Q=")) {
          try {
            rq = Double.parseDouble(p.substring(2).strip());
          } catch (NumberFormatException e) {
            rq = 0;
          }
          if (!(rq >= 0 && rq <= 1)) {
            rq = 0;
          }
        }
      }
      best = specificity;
      q = rq;
    }
    return new double[] {q, best};
  }

  private void log(String line) {
    try {
      log.accept(line);
    } catch (RuntimeException e) {
      // A failing logger must not turn an answer into an error.
    }
  }
}
