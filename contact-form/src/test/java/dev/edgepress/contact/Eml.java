package dev.edgepress.contact;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A strict reader of the .eml files EmlOutbox writes, for the tests: it fails on anything not RFC 5322. */
final class Eml {

  private static final Pattern HEADER = Pattern.compile("([A-Za-z][A-Za-z0-9-]*): (.*)");
  private static final Pattern ENCODED_WORD = Pattern.compile("=\\?UTF-8\\?B\\?([A-Za-z0-9+/=]*)\\?=");

  /** Header names in order, each with its unfolded value. */
  final List<Map.Entry<String, String>> headers = new ArrayList<>();
  final List<String> headerLines = new ArrayList<>();
  final String rawBody;

  Eml(byte[] file) {
    String text = new String(file, StandardCharsets.US_ASCII);
    for (int i = 0; i < file.length; i++) {
      int b = file[i] & 0xFF;
      if (b > 0x7E || (b < 0x20 && b != '\r' && b != '\n' && b != '\t')) {
        throw new AssertionError("byte " + b + " at " + i + " is not 7-bit text");
      }
      if (b == '\r' && (i + 1 >= file.length || file[i + 1] != '\n')) {
        throw new AssertionError("bare CR at " + i);
      }
      if (b == '\n' && (i == 0 || file[i - 1] != '\r')) {
        throw new AssertionError("bare LF at " + i);
      }
    }
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      throw new AssertionError("no blank line after the headers");
    }
    for (String line : text.substring(0, end).split("\r\n", -1)) {
      headerLines.add(line);
      if (line.length() > 998) {
        throw new AssertionError("header line over 998 characters");
      }
      if (line.startsWith(" ") || line.startsWith("\t")) {
        if (headers.isEmpty()) {
          throw new AssertionError("continuation line before any header");
        }
        Map.Entry<String, String> last = headers.remove(headers.size() - 1);
        headers.add(Map.entry(last.getKey(), last.getValue() + line));
        continue;
      }
      Matcher m = HEADER.matcher(line);
      if (!m.matches()) {
        throw new AssertionError("not a header line: " + line);
      }
      headers.add(Map.entry(m.group(1), m.group(2)));
    }
    rawBody = text.substring(end + 4);
  }

  /** The only value of a header; fails when it is missing or repeated. */
  String header(String name) {
    List<String> values = headers.stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
        .toList();
    if (values.size() != 1) {
      throw new AssertionError(name + " appears " + values.size() + " times");
    }
    return values.get(0);
  }

  Map<String, Integer> headerCounts() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    headers.forEach(e -> counts.merge(e.getKey(), 1, Integer::sum));
    return counts;
  }

  /** The subject decoded: encoded-words joined (the folding between them is not part of the text). */
  String subject() {
    String raw = header("Subject");
    if (!raw.contains("=?")) {
      return raw.replace("\r\n", "");
    }
    StringBuilder out = new StringBuilder();
    Matcher m = ENCODED_WORD.matcher(raw);
    int last = 0;
    while (m.find()) {
      if (!raw.substring(last, m.start()).isBlank()) {
        throw new AssertionError("text between encoded-words: " + raw);
      }
      out.append(new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8));
      last = m.end();
    }
    return out.toString();
  }

  /** The body, quoted-printable decoded, with {@code \n} line ends. */
  String body() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String[] lines = rawBody.split("\r\n", -1);
    for (int l = 0; l < lines.length; l++) {
      String line = lines[l];
      if (line.length() > 76) {
        throw new AssertionError("quoted-printable line over 76 characters: " + line);
      }
      boolean soft = line.endsWith("=");
      if (soft) {
        line = line.substring(0, line.length() - 1);
      } else if (line.endsWith(" ") || line.endsWith("\t")) {
        throw new AssertionError("trailing white space in quoted-printable: " + line);
      }
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (c == '=') {
          out.write(Integer.parseInt(line.substring(i + 1, i + 3), 16));
          i += 2;
        } else {
          out.write(c);
        }
      }
      if (!soft && l < lines.length - 1) {
        out.write('\n');
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
