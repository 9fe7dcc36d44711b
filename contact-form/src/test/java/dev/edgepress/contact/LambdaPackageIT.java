package dev.edgepress.contact;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * The Lambda function's package, after {@code package}: run by failsafe with the shaded jar in place of
 * the module's classes and none of its dependencies, so every class the function loads comes from the
 * zip that is deployed. It proves that what the shade filters leave out is not needed to send: a form
 * goes through the SDK over HTTP to a stand-in for SES, and the function starts from its environment.
 */
class LambdaPackageIT {

  static final Path PACKAGE = Path.of(System.getProperty("lambda.package",
      "target/edgepress-contact-form-0.1.0-SNAPSHOT-lambda.jar"));

  HttpServer ses;
  final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  volatile int status = 200;
  volatile String errorType;
  volatile String answer = "{\"MessageId\":\"0100018e-it\"}";

  @BeforeEach
  void startSes() throws IOException {
    ses = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    ses.createContext("/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
          + exchange.getRequestHeaders().getFirst("Authorization") + "\n" + body);
      byte[] out = answer.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.getResponseHeaders().add("x-amzn-RequestId", "it-request");
      if (errorType != null) {
        exchange.getResponseHeaders().add("x-amzn-ErrorType", errorType);
      }
      exchange.sendResponseHeaders(status, out.length);
      exchange.getResponseBody().write(out);
      exchange.close();
    });
    ses.start();
  }

  @AfterEach
  void stopSes() {
    ses.stop(0);
  }

  LambdaHandler function() {
    URI endpoint = URI.create("http://127.0.0.1:" + ses.getAddress().getPort());
    Fixtures f = new Fixtures();
    return new LambdaHandler(new ContactHandler(f.config, new SesMailer(LambdaHandler.sesClient("eu-west-1", endpoint)),
        Clock.systemUTC(), line -> {}));
  }

  static APIGatewayV2HTTPEvent formEvent(String... fields) {
    return LambdaHandlerTest.event("POST", LambdaHandlerTest.browserHeaders(), Fixtures.urlEncode(fields), false);
  }

  @Test
  void theClassesComeFromTheFunctionPackage() throws Exception {
    assertThat(Files.isRegularFile(PACKAGE)).as(PACKAGE + " exists").isTrue();
    for (Class<?> c : List.of(SesV2Client.class, LambdaHandler.class, APIGatewayV2HTTPEvent.class)) {
      assertThat(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()))
          .as(c.getName()).isEqualTo(PACKAGE.toAbsolutePath());
    }
  }

  @Test
  void thePackageHoldsNoSignatureModuleInfoServiceModelOrOtherHttpClient() throws IOException {
    List<String> names;
    try (ZipFile zip = new ZipFile(PACKAGE.toFile())) {
      names = zip.stream().map(ZipEntry::getName).toList();
    }

    assertThat(names).contains("dev/edgepress/contact/LambdaHandler.class",
        "software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient.class");
    assertThat(names).noneMatch(n -> n.matches("META-INF/[^/]*\\.(SF|RSA|DSA|EC)") || n.endsWith("module-info.class")
        || n.startsWith("codegen-resources/") || n.endsWith("service-2.json") || n.startsWith("io/netty/")
        || n.startsWith("org/apache/http") || n.startsWith("software/amazon/awssdk/http/apache")
        || n.startsWith("software/amazon/awssdk/http/nio/") || n.startsWith("software/amazon/awssdk/crt/")
        || n.startsWith("org/joda/") || n.startsWith("software/amazon/awssdk/eventstream/")
        || n.startsWith("META-INF/maven/"));
  }

  @Test
  void aFormIsSignedAndSentToSesThroughTheShadedSdk() {
    APIGatewayV2HTTPResponse r = function().handleRequest(formEvent("name", "Zoë", "email", "zoe@example.org",
        "message", "Grüße"), null);

    assertThat(r.getStatusCode()).isEqualTo(303);
    assertThat(requests).hasSize(1);
    String request = requests.get(0);
    assertThat(request).startsWith("POST /v2/email/outbound-emails AWS4-HMAC-SHA256 Credential=")
        .contains("/eu-west-1/ses/aws4_request")
        .contains("\"FromEmailAddress\":\"" + Fixtures.FROM + "\"")
        .contains("\"ToAddresses\":[\"" + Fixtures.TO + "\"]")
        .contains("\"ReplyToAddresses\":[\"zoe@example.org\"]")
        .contains("\"Subject\":{\"Data\":\"[Contact] Zoë\",\"Charset\":\"UTF-8\"}")
        .contains("\"Charset\":\"UTF-8\"");
  }

  @Test
  void sesThrottlingIsAnswered429WithRetryAfter() {
    status = 429;
    errorType = "TooManyRequestsException";
    answer = "{\"message\":\"Maximum sending rate exceeded.\"}";

    APIGatewayV2HTTPResponse r = function().handleRequest(formEvent("name", "Ada", "email", "ada@example.org",
        "message", "Hi"), null);

    assertThat(r.getStatusCode()).isEqualTo(429);
    assertThat(r.getHeaders()).containsEntry("Retry-After", "60");
  }

  @Test
  void aRejectedMessageIsAnswered503() {
    status = 400;
    errorType = "MessageRejected";
    answer = "{\"message\":\"Email address is not verified.\"}";

    APIGatewayV2HTTPResponse r = function().handleRequest(formEvent("name", "Ada", "email", "ada@example.org",
        "message", "Hi"), null);

    assertThat(r.getStatusCode()).isEqualTo(503);
    assertThat(requests).hasSize(1);
  }

  @Test
  void theFunctionStartsFromItsEnvironmentAndAnswers() {
    assertThat(System.getenv(ContactConfig.ENV_TO)).as("failsafe sets the function's environment").isNotNull();

    LambdaHandler function = new LambdaHandler();
    Map<String, String> headers = LambdaHandlerTest.browserHeaders();
    APIGatewayV2HTTPResponse r = function.handleRequest(LambdaHandlerTest.event("POST", headers,
        Fixtures.urlEncode("name", "Ada", "email", "ada@example.org", "message", "Hi", "website", "x"), false), null);

    assertThat(r.getStatusCode()).isEqualTo(303);
  }
}
