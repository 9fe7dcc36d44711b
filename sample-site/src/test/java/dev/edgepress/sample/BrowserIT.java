package dev.edgepress.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgepress.generator.headers.SecurityHeaders;
import dev.edgepress.generator.headers.SecurityHeadersException;
import dev.edgepress.generator.serve.StaticServer;
import dev.edgepress.headers.HeaderRules;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The built sample site in a real browser (Debian's chromium, headless), served as the CDN serves
 * it, with the security headers of its site.yaml: each page loads with no console error (a
 * Content-Security-Policy violation is one), no Permissions-Policy warning and no failed request,
 * and a screenshot of each is saved under target/screenshots/.
 */
class BrowserIT {

  static StaticServer server;
  static ChromeDriver browser;
  static SecurityHeaders headers;

  @BeforeAll
  static void start() throws IOException, SecurityHeadersException {
    Chromium.assumeInstalled();
    headers = SecurityHeaders.load(Path.of("site.yaml"));
    server = StaticServer.start(Path.of("target", "site"), InetAddress.getLoopbackAddress(), 0,
        HeaderRules.defaults(), headers, "/");
    browser = Chromium.start(true);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"home, /, 200", "post, /posts/markdown-tips/, 200", "tag, /tags/aws/, 200", "not-found, /no-such-page/, 404",
      "contact-thanks, /contact/thanks/, 200"})
  void pageLoadsCleanly(String name, String path, int status) throws IOException {
    browser.manage().logs().get(LogType.BROWSER);
    browser.get(server.uri().resolve(path).toString());

    List<LogEntry> log = browser.manage().logs().get(LogType.BROWSER).getAll();
    List<String> errors = log.stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        // The 404 page is served with status 404 on purpose.
        .filter(m -> !(status == 404 && m.contains(path) && m.contains("404")))
        .toList();
    assertThat(errors).as("console errors on " + path + " (a Content-Security-Policy violation is one)").isEmpty();
    // Chromium reports a header it cannot use (an unknown Permissions-Policy feature) as a warning only.
    List<String> policyWarnings = log.stream().map(LogEntry::getMessage)
        .filter(m -> m.contains("Permissions-Policy") || m.contains("Content-Security-Policy")
            || m.contains("Content Security Policy"))
        .toList();
    assertThat(policyWarnings).as("security header messages on " + path).isEmpty();

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> resources = (List<Map<String, Object>>) ((JavascriptExecutor) browser).executeScript(
        "return performance.getEntriesByType('resource').map(e => ({name: e.name, status: e.responseStatus}));");
    assertThat(resources).as("requests of " + path).isNotEmpty()
        .allSatisfy(r -> assertThat(((Number) r.get("status")).intValue()).as(String.valueOf(r.get("name"))).isEqualTo(200));
    Long brokenImages = (Long) ((JavascriptExecutor) browser).executeScript(
        "return Array.from(document.images).filter(i => i.complete && i.naturalWidth === 0 && i.loading !== 'lazy').length;");
    assertThat(brokenImages).isZero();
    assertThat(browser.findElement(org.openqa.selenium.By.tagName("h1")).getText()).isNotBlank();
    // The policy was in force: the browser received the site's headers (no violation above means it passed).
    @SuppressWarnings("unchecked")
    List<Object> sent = (List<Object>) ((JavascriptExecutor) browser).executeAsyncScript("const done = arguments[arguments.length - 1];"
        + " fetch('/', {method: 'HEAD', cache: 'no-store'}).then(r => done([r.headers.get('content-security-policy'),"
        + " r.headers.get('x-frame-options'), r.headers.get('permissions-policy')]));");
    assertThat(sent).containsExactly(
        headers.contentSecurityPolicy().replace("; upgrade-insecure-requests", ""), headers.frameOptions(),
        headers.permissionsPolicy());

    File shot = browser.getScreenshotAs(OutputType.FILE);
    Path target = Path.of("target", "screenshots", name + ".png");
    Files.createDirectories(target.getParent());
    Files.copy(shot.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThat(Files.size(target)).isGreaterThan(1000);
  }
}
