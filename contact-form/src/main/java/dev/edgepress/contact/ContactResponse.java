package dev.edgepress.contact;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer to a {@link ContactRequest}.
 *
 * @param status the HTTP status
 * @param headers the response headers, in a fixed order; never null
 * @param body the response body (HTML, JSON or empty), never null
 */
public record ContactResponse(int status, Map<String, String> headers, String body) {

  public ContactResponse {
    headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    body = body == null ? "" : body;
  }
}
