package dev.edgepress.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgepress.generator.Problems;
import dev.edgepress.generator.config.ContactSettings;
import dev.edgepress.generator.config.SiteConfig;
import dev.edgepress.generator.config.SiteConfigLoader;
import dev.edgepress.generator.serve.StaticServer;
import dev.edgepress.headers.HeaderRules;
import dev.edgepress.maven.LocalContactEndpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The sample site's contact form in chromium, served as {@code edgepress:serve} serves it: the
 * built site with the security headers of its site.yaml, and {@code /api/contact} answered by the
 * contact form's handler ({@link LocalContactEndpoint}, the one the serve goal uses) writing .eml
 * files into a temporary outbox. With JavaScript the message is sent in place (and field problems
 * and a lost connection are shown in place); without, the form posts and the browser lands on the
 * thanks page. No page breaks the Content-Security-Policy.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContactFormIT {

  /** Long enough for a person; shorter than the sample's 3 s so the test need not wait long. */
  static final int MIN_FILL_SECONDS = 1;

  static StaticServer server;
  static ChromeDriver js;
  static ChromeDriver noJs;
  static Path outbox;
  static final List<String> serverLog = Collections.synchronizedList(new ArrayList<>());
  /** Every console message of every page, for the policy check at the end. */
  static final List<String> consoleLog = Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  static void start() throws IOException {
    Chromium.assumeInstalled();
    Problems problems = new Problems();
    SiteConfig config = SiteConfigLoader.load(Path.of("site.yaml"), Optional.empty(), problems, new ArrayList<>());
    assertThat(problems.list()).isEmpty();
    ContactSettings sample = config.contact().orElseThrow(() -> new AssertionError("site.yaml has no contact"));
    ContactSettings settings = new ContactSettings(sample.to(), sample.from(), sample.subjectPrefix(), MIN_FILL_SECONDS,
        sample.throttleRate(), sample.throttleBurst());
    outbox = Files.createTempDirectory("edgepress-outbox");
    server = StaticServer.start(Path.of("target", "site"), InetAddress.getLoopbackAddress(), 0, HeaderRules.defaults(),
        config.securityHeaders(), config.basePath());
    server.handle(config.basePath() + "api/contact", LocalContactEndpoint.create(settings, config.basePath(),
        config.baseUrl().getHost(), outbox, LocalContactEndpoint.newSigningKey(), Clock.systemUTC(), serverLog::add));
    js = Chromium.start(true);
    noJs = Chromium.start(false);
  }

  @AfterAll
  static void stop() throws IOException {
    for (ChromeDriver b : new ChromeDriver[] {js, noJs}) {
      if (b != null) {
        b.quit();
      }
    }
    if (server != null) {
      server.close();
    }
    if (outbox != null) {
      try (Stream<Path> files = Files.list(outbox)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          Files.delete(f);
        }
      }
      Files.delete(outbox);
    }
  }

  @Test
  @Order(1)
  void theContactPageLoadsWithNoConsoleErrorAndGetsItsToken() {
    open(js, "/contact/");
    WebElement token = js.findElement(By.name("_ts"));
    wait(js).until(d -> !token.getDomProperty("value").isEmpty());
    List<LogEntry> log = console(js);
    assertThat(log.stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage))
        .as("console errors on the contact page (a Content-Security-Policy violation is one)").isEmpty();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> requests = (List<Map<String, Object>>) js.executeScript(
        "return performance.getEntriesByType('resource').map(e => ({name: e.name, status: e.responseStatus}));");
    assertThat(requests).extracting(r -> String.valueOf(r.get("name")))
        .anyMatch(n -> n.matches(".*/js/contact\\.[0-9a-f]{10}\\.js")).anyMatch(n -> n.endsWith("/api/contact"));
    assertThat(requests).allSatisfy(r -> assertThat(((Number) r.get("status")).intValue()).as(String.valueOf(r.get("name")))
        .isEqualTo(200));
    // The honeypot is out of sight and out of reach.
    assertThat(js.findElement(By.name("website")).isDisplayed()).isFalse();
    screenshot(js, "contact");
  }

  @Test
  @Order(2)
  void withJavaScriptFieldProblemsAreShownInPlaceAndLinkedToTheFields() throws IOException {
    open(js, "/contact/");
    WebElement token = js.findElement(By.name("_ts"));
    wait(js).until(d -> !token.getDomProperty("value").isEmpty());
    // Both pass the browser's own checks (required, type=email), not the server's.
    js.findElement(By.id("contact-name")).sendKeys("   ");
    js.findElement(By.id("contact-email")).sendKeys("ada@localhost");
    js.findElement(By.id("contact-message")).sendKeys("Hello");
    js.findElement(By.cssSelector("#contact-form button[type=submit]")).click();

    WebElement summary = js.findElement(By.id("contact-summary"));
    wait(js).until(d -> summary.isDisplayed());
    assertThat(active(js)).isEqualTo("contact-summary");
    assertThat(summary.getAttribute("role")).isEqualTo("alert");
    List<WebElement> links = summary.findElements(By.cssSelector("li a"));
    assertThat(links).extracting(a -> a.getAttribute("href").replaceAll(".*#", "#"))
        .containsExactly("#contact-name", "#contact-email");
    assertThat(links.get(1).getText()).startsWith("Email: ").contains("valid email address");
    WebElement email = js.findElement(By.id("contact-email"));
    assertThat(email.getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(email.getAttribute("aria-describedby")).isEqualTo("contact-email-error");
    assertThat(js.findElement(By.id("contact-email-error")).getText()).contains("valid email address");
    assertThat(js.findElement(By.id("contact-message")).getAttribute("aria-invalid")).isNull();
    links.get(1).click();
    assertThat(active(js)).isEqualTo("contact-email");
    assertThat(emls()).as("nothing was sent").isEmpty();
    screenshot(js, "contact-errors");

    // Lost connection: said so, and the text stays to try again.
    js.setNetworkConditions(offline());
    try {
      js.findElement(By.cssSelector("#contact-form button[type=submit]")).click();
      wait(js).until(d -> summary.getText().contains("could not be sent"));
      assertThat(summary.getText()).contains("try again");
      assertThat(active(js)).isEqualTo("contact-summary");
      assertThat(js.findElement(By.id("contact-message")).getDomProperty("value")).isEqualTo("Hello");
      assertThat(js.findElement(By.id("contact-form")).isDisplayed()).isTrue();
    } finally {
      js.deleteNetworkConditions();
    }
    assertThat(emls()).as("nothing was sent").isEmpty();
  }

  @Test
  @Order(3)
  void withJavaScriptTheMessageIsSentAndConfirmedInPlace() throws Exception {
    open(js, "/contact/");
    WebElement token = js.findElement(By.name("_ts"));
    wait(js).until(d -> !token.getDomProperty("value").isEmpty());
    long shown = System.nanoTime();
    js.findElement(By.id("contact-name")).sendKeys("Ada Visitor");
    js.findElement(By.id("contact-email")).sendKeys("ada.visitor@example.org");
    js.findElement(By.id("contact-subject")).sendKeys("Hello from chromium");
    js.findElement(By.id("contact-message")).sendKeys("Sent with JavaScript on.\nA second line, with = in it.");
    // A form sent sooner than the minimum fill time after its token is refused once: wait past it.
    long left = Duration.ofSeconds(MIN_FILL_SECONDS).plusMillis(300).toNanos() - (System.nanoTime() - shown);
    if (left > 0) {
      Thread.sleep(left / 1_000_000 + 1);
    }
    js.findElement(By.cssSelector("#contact-form button[type=submit]")).click();

    WebElement sent = js.findElement(By.id("contact-sent"));
    wait(js).until(d -> sent.isDisplayed());
    assertThat(js.findElement(By.id("contact-form")).isDisplayed()).isFalse();
    assertThat(js.findElement(By.id("contact-summary")).isDisplayed()).isFalse();
    assertThat(sent.getText()).contains("Thank you");
    assertThat(active(js)).as("the confirmation takes the focus").isEqualTo("contact-sent");
    assertThat(js.getCurrentUrl()).endsWith("/contact/");
    screenshot(js, "contact-sent");

    List<Path> emls = emls();
    assertThat(emls).as("one message in " + outbox + "; the server said: " + serverLog).hasSize(1);
    Eml mail = Eml.read(emls.get(0));
    assertThat(mail.header("Reply-To")).isEqualTo("ada.visitor@example.org");
    assertThat(mail.header("To")).isEqualTo("author@example.com");
    assertThat(mail.header("From")).isEqualTo("contact@sample.edgepress.dev");
    assertThat(mail.header("Subject")).isEqualTo("[Contact] Ada Visitor: Hello from chromium");
    assertThat(mail.body()).contains("Sent with JavaScript on.\r\nA second line, with = in it.");
  }

  @Test
  @Order(4)
  void withoutJavaScriptTheFormPostsAndLandsOnTheThanksPage() throws Exception {
    open(noJs, "/contact/");
    assertThat(noJs.findElement(By.name("_ts")).getDomProperty("value")).as("no script ran").isEmpty();
    noJs.findElement(By.id("contact-name")).sendKeys("Bea Reader");
    noJs.findElement(By.id("contact-email")).sendKeys("bea@example.net");
    noJs.findElement(By.id("contact-message")).sendKeys("Sent with JavaScript off.");
    noJs.findElement(By.cssSelector("#contact-form button[type=submit]")).click();

    wait(noJs).until(d -> d.getCurrentUrl().endsWith("/contact/thanks/"));
    assertThat(noJs.findElement(By.tagName("h1")).getText()).isEqualTo("Thank you");
    assertThat(console(noJs).stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)).isEmpty();
    screenshot(noJs, "contact-thanks-no-js");

    List<Path> emls = emls();
    assertThat(emls).as("the second message; the server said: " + serverLog).hasSize(2);
    Eml mail = Eml.read(emls.get(1));
    assertThat(mail.header("Reply-To")).isEqualTo("bea@example.net");
    assertThat(mail.header("Subject")).isEqualTo("[Contact] Bea Reader");
    assertThat(mail.body()).contains("Sent with JavaScript off.");
  }

  @Test
  @Order(5)
  void noPageBrokeTheSecurityPolicies() {
    console(js);
    console(noJs);
    assertThat(consoleLog).filteredOn(m -> m.contains("Content-Security-Policy") || m.contains("Content Security Policy")
        || m.contains("Permissions-Policy") || m.contains("integrity")).isEmpty();
  }

  static void open(WebDriver browser, String path) {
    console(browser);
    browser.get(server.uri().resolve(path).toString());
  }

  /** The console's messages since the last call (and kept for the policy check). */
  static List<LogEntry> console(WebDriver browser) {
    List<LogEntry> entries = browser.manage().logs().get(LogType.BROWSER).getAll();
    entries.forEach(e -> consoleLog.add(e.getMessage()));
    return entries;
  }

  static String active(JavascriptExecutor browser) {
    return String.valueOf(browser.executeScript("return document.activeElement.id;"));
  }

  static WebDriverWait wait(WebDriver browser) {
    return new WebDriverWait(browser, Duration.ofSeconds(15));
  }

  static ChromiumNetworkConditions offline() {
    ChromiumNetworkConditions c = new ChromiumNetworkConditions();
    c.setOffline(true);
    return c;
  }

  static List<Path> emls() throws IOException {
    try (Stream<Path> files = Files.list(outbox)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".eml")).sorted().toList();
    }
  }

  static void screenshot(ChromeDriver browser, String name) {
    try {
      Path target = Path.of("target", "screenshots", name + ".png");
      Files.createDirectories(target.getParent());
      Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** An .eml file: its headers (unfolded) and its quoted-printable body, decoded. */
  record Eml(Map<String, String> headers, String body) {

    String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    static Eml read(Path file) throws IOException {
      String text = Files.readString(file, StandardCharsets.US_ASCII);
      int split = text.indexOf("\r\n\r\n");
      assertThat(split).as("headers, a blank line, the body").isPositive();
      Map<String, String> headers = new LinkedHashMap<>();
      for (String line : text.substring(0, split).replace("\r\n ", " ").replace("\r\n\t", " ").split("\r\n")) {
        int colon = line.indexOf(':');
        headers.put(line.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT), line.substring(colon + 1).strip());
      }
      assertThat(headers.get("content-transfer-encoding")).isEqualTo("quoted-printable");
      return new Eml(headers, quotedPrintable(text.substring(split + 4)));
    }

    static String quotedPrintable(String qp) {
      String joined = qp.replace("=\r\n", "");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (int i = 0; i < joined.length(); i++) {
        char c = joined.charAt(i);
        if (c == '=' && i + 2 < joined.length()) {
          out.write(Integer.parseInt(joined.substring(i + 1, i + 3), 16));
          i += 2;
        } else {
          out.write(c);
        }
      }
      return out.toString(StandardCharsets.UTF_8);
    }
  }
}
