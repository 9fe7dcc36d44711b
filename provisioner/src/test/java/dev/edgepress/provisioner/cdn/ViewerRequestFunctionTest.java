package dev.edgepress.provisioner.cdn;

import static java.nio.charset.StandardCharsets.UTF_8;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The viewer-request function as a visitor sees it: the generated code is run in node by
 * src/test/js/cloudfront-harness.js, which gives it CloudFront's event structure and restrictions.
 * Without node the behaviour tests are skipped, except on CI (CI=true) where they fail.
 */
class ViewerRequestFunctionTest {

  private static final String DOMAIN = "example.com";
  private static final String ALIAS = "www.example.com";
  private static final String CLOUDFRONT_NAME = "d111111abcdef8.cloudfront.net";

  @TempDir
  static Path tmp;

  private static Path function;

  @BeforeAll
  static void writeFunction() throws IOException {
    function = tmp.resolve("viewer-request.js");
    Files.writeString(function, ViewerRequestFunction.code(DOMAIN, List.of(ALIAS)), UTF_8);
  }

  // ---- Requests on the site's own domain ----

  @Test
  void theHomePageIsServedFromIndexHtml() {
    assertServedAs(request(DOMAIN, "/", ""), "/index.html");
  }

  @Test
  void aFolderWithItsSlashIsServedFromItsIndexHtml() {
    assertServedAs(request(DOMAIN, "/dir/", ""), "/dir/index.html");
  }

  @Test
  void aFolderWithoutItsSlashIsRedirectedToIt() {
    assertRedirectedTo(request(DOMAIN, "/dir", ""), "/dir/");
  }

  @Test
  void theSlashRedirectKeepsTheQueryString() {
    assertRedirectedTo(request(DOMAIN, "/dir", "x=1"), "/dir/?x=1");
  }

  @Test
  void aFileIsServedUnchanged() {
    assertServedAs(request(DOMAIN, "/file.css", ""), "/file.css");
  }

  @Test
  void onlyTheLastSegmentDecidesWhetherItIsAFile() {
    assertRedirectedTo(request(DOMAIN, "/a.b/c", ""), "/a.b/c/");
  }

  @Test
  void theSlashRedirectNeverLeavesTheSite() {
    // "//evil.example/x/" would be a protocol-relative URL to another site.
    assertRedirectedTo(request(DOMAIN, "//evil.example/x", ""), "/evil.example/x/");
  }

  // ---- Requests on an alias ----

  @Test
  void anAliasIsRedirectedToTheSamePageOnTheDomain() {
    assertRedirectedTo(request(ALIAS, "/posts/x/", "a=1&b=2&b=3"), "https://example.com/posts/x/?a=1&b=2&b=3");
  }

  @Test
  void anAliasIsRecognizedWhateverItsCaseAndPort() {
    assertRedirectedTo(request("WWW.Example.com:443", "/", ""), "https://example.com/");
  }

  // ---- Requests on any other host ----

  @Test
  void theCloudFrontNameServesTheSiteWithoutRedirecting() {
    assertServedAs(request(CLOUDFRONT_NAME, "/dir/", ""), "/dir/index.html");
  }

  // ---- The generated code ----

  @Test
  void theCodeFitsCloudFrontsSizeLimit() {
    assertThat(ViewerRequestFunction.code(DOMAIN, List.of(ALIAS)).getBytes(UTF_8))
        .hasSizeLessThan(ViewerRequestFunction.MAX_CODE_BYTES);
    List<String> tooMany = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      tooMany.add("alias-" + i + ".example.com");
    }
    assertThatThrownBy(() -> ViewerRequestFunction.code(DOMAIN, tooMany))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("over CloudFront's limit");
  }

  @Test
  void theSameHostsGiveTheSameCode() {
    String code = ViewerRequestFunction.code(DOMAIN, List.of("www.example.com", "blog.example.com"));
    assertThat(ViewerRequestFunction.code("EXAMPLE.com", List.of("blog.example.com", "WWW.example.com.")))
        .isEqualTo(code);
    assertThat(code)
        .contains("var CANONICAL_HOST = \"example.com\";")
        .contains("var REDIRECT_HOSTS = [\"blog.example.com\", \"www.example.com\"];")
        .doesNotContain("__");
  }

  @Test
  void badHostnamesAreRefused() {
    for (String bad : List.of("", "https://example.com", "example.com/x", "example.com:443", "exa mple.com",
        "exa_mple.com", "-example.com", "example..com", "ex\"ample.com", "exämple.com", "example.com\n")) {
      assertThatThrownBy(() -> ViewerRequestFunction.code(bad, List.of()))
          .as("canonical host %s", bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("is not a hostname");
      assertThatThrownBy(() -> ViewerRequestFunction.code(DOMAIN, List.of(ALIAS, bad)))
          .as("redirect host %s", bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("is not a hostname");
    }
    assertThatThrownBy(() -> ViewerRequestFunction.code(DOMAIN, List.of("Example.com")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("redirect to itself");
  }

  // ---- Helpers ----

  private static void assertServedAs(Map<String, Object> result, String uri) {
    assertThat(result).as("a request passed on to S3, not a response").doesNotContainKey("statusCode");
    assertThat(result.get("uri")).isEqualTo(uri);
  }

  @SuppressWarnings("unchecked")
  private static void assertRedirectedTo(Map<String, Object> result, String location) {
    assertThat(result.get("statusCode")).as("status of %s", result).isEqualTo(301L);
    assertThat(result.get("statusDescription")).isEqualTo("Moved Permanently");
    Map<String, Object> headers = (Map<String, Object>) result.get("headers");
    assertThat(headers.get("location")).isEqualTo(Map.of("value", location));
    assertThat(headers.get("cache-control")).isEqualTo(Map.of("value", "max-age=3600"));
  }

  /** What the function returns for a GET of uri on host; query is the raw query string, without "?". */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> request(String host, String uri, String query) {
    String event = "{\"request\": {\"method\": \"GET\", \"uri\": " + dev.edgepress.json.Json.string(uri)
        + ", \"querystring\": " + dev.edgepress.json.Json.string(query)
        + ", \"headers\": {\"host\": {\"value\": " + dev.edgepress.json.Json.string(host) + "}}}}";
    List<Object> results = (List<Object>) Json.parse(runHarness("[" + event + "]"));
    assertThat(results).hasSize(1);
    return (Map<String, Object>) results.get(0);
  }

  private static String runHarness(String events) {
    Path node = nodeOnPath();
    Path harness = Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("src/test/js/cloudfront-harness.js");
    assertThat(harness).as("the harness, found from the module directory").isRegularFile();
    try {
      Path stderr = Files.createTempFile(tmp, "harness", ".err");
      Process process = new ProcessBuilder(node.toString(), harness.toString(), function.toString())
          .redirectError(stderr.toFile())
          .start();
      try (OutputStream in = process.getOutputStream()) {
        in.write(events.getBytes(UTF_8));
      }
      String out = new String(process.getInputStream().readAllBytes(), UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail("the harness did not finish in 30 s");
      }
      assertThat(process.exitValue()).as("harness exit status; stderr:%n%s", Files.readString(stderr)).isZero();
      return out;
    } catch (IOException e) {
      throw new AssertionError("cannot run " + node, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static Path nodeOnPath() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      for (String name : List.of("node", "node.exe")) {
        Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    if ("true".equals(System.getenv("CI"))) {
      fail("node is not on the PATH: install nodejs (e.g. apt-get install nodejs) to test the CloudFront function");
    }
    Assumptions.abort("node is not on the PATH: the CloudFront function is not run (install nodejs to run it)");
    throw new AssertionError("unreachable");
  }

  /** Just enough JSON for the harness's output: objects, arrays, strings, integers, booleans, null. */
  static final class Json {
    private final String s;
    private int i;

    private Json(String s) {
      this.s = s;
    }

    static Object parse(String text) {
      Json json = new Json(text);
      Object value = json.value();
      json.space();
      if (json.i != text.length()) {
        throw new IllegalArgumentException("trailing characters at " + json.i + " in " + text);
      }
      return value;
    }

    private Object value() {
      space();
      char c = s.charAt(i);
      if (c == '{') {
        Map<String, Object> map = new LinkedHashMap<>();
        i++;
        if (!peek('}')) {
          do {
            space();
            String key = string();
            expect(':');
            map.put(key, value());
          } while (next(','));
        }
        expect('}');
        return map;
      }
      if (c == '[') {
        List<Object> list = new ArrayList<>();
        i++;
        if (!peek(']')) {
          do {
            list.add(value());
          } while (next(','));
        }
        expect(']');
        return list;
      }
      if (c == '"') {
        return string();
      }
      for (String word : List.of("true", "false", "null")) {
        if (s.startsWith(word, i)) {
          i += word.length();
          return word.equals("null") ? null : Boolean.valueOf(word);
        }
      }
      int start = i;
      while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
        i++;
      }
      String number = s.substring(start, i);
      if (number.isEmpty()) {
        throw new IllegalArgumentException("unexpected '" + c + "' at " + start + " in " + s);
      }
      return number.matches("-?\\d+") ? (Object) Long.valueOf(number) : (Object) Double.valueOf(number);
    }

    private String string() {
      expect('"');
      StringBuilder out = new StringBuilder();
      while (s.charAt(i) != '"') {
        char c = s.charAt(i++);
        if (c != '\\') {
          out.append(c);
          continue;
        }
        char e = s.charAt(i++);
        switch (e) {
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'u' -> {
            out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
            i += 4;
          }
          default -> out.append(e); // " \ /
        }
      }
      i++;
      return out.toString();
    }

    private void space() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
    }

    private boolean peek(char c) {
      space();
      return i < s.length() && s.charAt(i) == c;
    }

    private boolean next(char c) {
      if (peek(c)) {
        i++;
        return true;
      }
      return false;
    }

    private void expect(char c) {
      if (!next(c)) {
        throw new IllegalArgumentException("expected '" + c + "' at " + i + " in " + s);
      }
    }
  }
}
