package dev.edgepress.contact;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP request to the contact form's endpoint, as the Lambda function or the preview server received
 * it.
 *
 * @param method the HTTP method, e.g. {@code POST}
 * @param headers the request's headers; names are lower-cased here (two names differing only in case
 *     are joined as one, their values separated by a comma), null names and values are dropped
 * @param body the raw body, never null (empty when there is none)
 * @param sourceIp the client's address as the server saw it (may be empty)
 */
public record ContactRequest(String method, Map<String, String> headers, byte[] body, String sourceIp) {

  public ContactRequest {
    method = method == null ? "" : method;
    Map<String, String> lower = new LinkedHashMap<>();
    if (headers != null) {
      headers.forEach((name, value) -> {
        if (name != null && value != null) {
          lower.merge(name.toLowerCase(Locale.ROOT), value, (a, b) -> a + "," + b);
        }
      });
    }
    headers = Collections.unmodifiableMap(lower);
    body = body == null ? new byte[0] : body;
    sourceIp = sourceIp == null ? "" : sourceIp;
  }

  /** Without the body and the header values (one of them is a secret). */
  @Override
  public String toString() {
    return "ContactRequest[" + method + ", headers=" + headers.keySet() + ", body=" + body.length + " bytes, sourceIp="
        + sourceIp + "]";
  }
}
