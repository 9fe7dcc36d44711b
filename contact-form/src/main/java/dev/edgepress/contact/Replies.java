package dev.edgepress.contact;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The handler's answers, as HTML for a browser posting the form without JavaScript, or as JSON for the
 * theme's script. Every answer has {@code Cache-Control: no-store}, a Content-Type with its charset and
 * {@code X-Content-Type-Options: nosniff}, and never an {@code Access-Control-*} header. Pages have no
 * script and no style (the site's Content-Security-Policy forbids inline ones); they link to the
 * styled form instead.
 */
final class Replies {

  enum Format { HTML, JSON }

  /** What the visitor typed, shown again in the form. */
  record FormValues(String name, String email, String subject, String message) {
    static final FormValues EMPTY = new FormValues("", "", "", "");
  }

  static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none';"
      + " frame-ancestors 'none'";

  private final ContactConfig config;

  Replies(ContactConfig config) {
    this.config = config;
  }

  /** The message went (or a robot's was dropped: the answer is the same). */
  ContactResponse sent(Format format) {
    if (format == Format.JSON) {
      return json(200, Map.of(), "{\"ok\":true}");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Location", config.thanksPath());
    return html(303, headers, page("Message sent", "<h1>Thank you</h1>\n<p>Your message was sent. <a href=\""
        + Text.html(config.thanksPath()) + "\">Continue</a></p>\n"));
  }

  ContactResponse token(String token) {
    return json(200, Map.of(), Json.object(Map.of("token", token)));
  }

  /** Fields to correct: 400 with each field's problem, the form kept. */
  ContactResponse invalid(Format format, Map<String, String> problems, FormValues values) {
    if (format == Format.JSON) {
      StringBuilder errors = new StringBuilder("{\"ok\":false,\"errors\":").append(Json.object(problems)).append('}');
      return json(400, Map.of(), errors.toString());
    }
    return html(400, Map.of(), formPage("There is a problem", problems, Map.of(), values));
  }

  /** The message could not go now (too fast, throttled, failed): the form kept with one summary line. */
  ContactResponse notSent(Format format, int status, String message, FormValues values, Map<String, String> headers) {
    if (format == Format.JSON) {
      return json(status, headers, "{\"ok\":false,\"error\":" + Json.quote(message) + "}");
    }
    return html(status, headers, formPage("Your message was not sent", Map.of(), Map.of("contact-form", message),
        values));
  }

  /** A request refused before its fields were read: a short page linking to the form. */
  ContactResponse refused(Format format, int status, String title, String message, Map<String, String> headers) {
    if (format == Format.JSON) {
      return json(status, headers, "{\"ok\":false,\"error\":" + Json.quote(message) + "}");
    }
    return html(status, headers, page(title, "<h1>" + Text.html(title) + "</h1>\n<p>" + Text.html(message)
        + "</p>\n<p><a href=\"" + Text.html(config.formPath()) + "\">Go to the contact form</a></p>\n"));
  }

  private String formPage(String summaryTitle, Map<String, String> fieldProblems, Map<String, String> formProblems,
      FormValues v) {
    StringBuilder b = new StringBuilder();
    b.append("<h1>Contact</h1>\n");
    b.append("<div class=\"error-summary\" role=\"alert\" aria-labelledby=\"error-summary-title\" tabindex=\"-1\""
        + " autofocus>\n<h2 id=\"error-summary-title\">").append(Text.html(summaryTitle)).append("</h2>\n<ul>\n");
    Map<String, String> all = new LinkedHashMap<>(formProblems);
    all.putAll(fieldProblems);
    all.forEach((id, problem) -> b.append("<li><a href=\"#").append(Text.html(id)).append("\">")
        .append(Text.html(problem)).append("</a></li>\n"));
    b.append("</ul>\n</div>\n");
    b.append("<form id=\"contact-form\" method=\"post\" action=\"").append(Text.html(config.endpointPath()))
        .append("\" accept-charset=\"UTF-8\">\n");
    input(b, "name", "Name", "text", "name", true, v.name(), fieldProblems.get("name"));
    input(b, "email", "Email", "email", "email", true, v.email(), fieldProblems.get("email"));
    input(b, "subject", "Subject (optional)", "text", "off", false, v.subject(), fieldProblems.get("subject"));
    String messageProblem = fieldProblems.get("message");
    b.append("<div class=\"field\">\n<label for=\"message\">Message</label>\n");
    problem(b, "message", messageProblem);
    b.append("<textarea id=\"message\" name=\"message\" rows=\"10\" required");
    invalidAttributes(b, "message", messageProblem);
    // The line feed after the start tag is dropped by HTML parsers, so a message's own first line survives.
    b.append(">\n").append(Text.html(v.message())).append("</textarea>\n</div>\n");
    b.append("<div hidden>\n<label for=\"website\">Leave this field empty</label>\n"
        + "<input id=\"website\" name=\"website\" type=\"text\" tabindex=\"-1\" autocomplete=\"off\">\n</div>\n");
    b.append("<p><button type=\"submit\">Send</button></p>\n</form>\n");
    b.append("<p><a href=\"").append(Text.html(config.formPath())).append("\">Back to the contact page</a></p>\n");
    return page("Error: your message was not sent", b.toString());
  }

  private static void input(StringBuilder b, String id, String label, String type, String autocomplete,
      boolean required, String value, String problem) {
    b.append("<div class=\"field\">\n<label for=\"").append(id).append("\">").append(Text.html(label))
        .append("</label>\n");
    problem(b, id, problem);
    b.append("<input id=\"").append(id).append("\" name=\"").append(id).append("\" type=\"").append(type)
        .append("\" autocomplete=\"").append(autocomplete).append('"');
    if (type.equals("email")) {
      b.append(" spellcheck=\"false\"");
    }
    if (required) {
      b.append(" required");
    }
    b.append(" value=\"").append(Text.html(value)).append('"');
    invalidAttributes(b, id, problem);
    b.append(">\n</div>\n");
  }

  private static void problem(StringBuilder b, String id, String problem) {
    if (problem != null) {
      b.append("<p id=\"").append(id).append("-error\" class=\"field-error\">Error: ").append(Text.html(problem))
          .append("</p>\n");
    }
  }

  private static void invalidAttributes(StringBuilder b, String id, String problem) {
    if (problem != null) {
      b.append(" aria-invalid=\"true\" aria-describedby=\"").append(id).append("-error\"");
    }
  }

  private static String page(String title, String main) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<meta name=\"robots\" content=\"noindex\">\n<title>" + Text.html(title) + "</title>\n</head>\n<body>\n"
        + "<main>\n" + main + "</main>\n</body>\n</html>\n";
  }

  private static ContactResponse html(int status, Map<String, String> extra, String body) {
    Map<String, String> headers = base("text/html; charset=utf-8");
    headers.put("Content-Security-Policy", CSP);
    headers.putAll(extra);
    return new ContactResponse(status, headers, body);
  }

  private static ContactResponse json(int status, Map<String, String> extra, String body) {
    Map<String, String> headers = base("application/json; charset=utf-8");
    headers.putAll(extra);
    return new ContactResponse(status, headers, body);
  }

  private static Map<String, String> base(String contentType) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", contentType);
    headers.put("Cache-Control", "no-store");
    headers.put("X-Content-Type-Options", "nosniff");
    return headers;
  }

  /** The answer when something unexpected went wrong: no detail, no stack trace. */
  static ContactResponse bug(Format format) {
    return plain(format, 500, "Something went wrong", "Your message was not sent because of an error on our side."
        + " Please try again later.");
  }

  /** A short answer that needs no settings: a page with a title and one sentence, or a JSON error. */
  static ContactResponse plain(Format format, int status, String title, String message) {
    if (format == Format.JSON) {
      return json(status, Map.of(), "{\"ok\":false,\"error\":" + Json.quote(message) + "}");
    }
    return html(status, Map.of(), page(title, "<h1>" + Text.html(title) + "</h1>\n<p>" + Text.html(message)
        + "</p>\n"));
  }
}
