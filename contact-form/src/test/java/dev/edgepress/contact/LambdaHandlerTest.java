package dev.edgepress.contact;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LambdaHandlerTest {

  final Fixtures f = new Fixtures();
  final FakeContext context = new FakeContext();

  LambdaHandler lambda() {
    return new LambdaHandler(f.handler());
  }

  static APIGatewayV2HTTPEvent event(String method, Map<String, String> headers, String body, boolean base64) {
    return APIGatewayV2HTTPEvent.builder()
        .withVersion("2.0")
        .withRouteKey("POST /api/contact")
        .withRawPath("/api/contact")
        .withHeaders(headers)
        .withBody(body)
        .withIsBase64Encoded(base64)
        .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath("/api/contact")
                .withProtocol("HTTP/1.1").withSourceIp("198.51.100.23").withUserAgent("test").build())
            .build())
        .build();
  }

  static Map<String, String> browserHeaders() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Content-Type", "application/x-www-form-urlencoded");
    h.put("Origin", Fixtures.SITE);
    h.put("X-Edgepress-Origin-Secret", Fixtures.SECRET);
    h.put("accept", "text/html");
    return h;
  }

  static final String FORM = Fixtures.urlEncode("name", "Zoë", "email", "zoe@example.org", "message", "Grüße\r\naus Köln");

  @Test
  void aBase64BodyWithMixedCaseHeadersBecomesTheMessage() {
    String body = Base64.getEncoder().encodeToString(FORM.getBytes(StandardCharsets.UTF_8));

    APIGatewayV2HTTPResponse r = lambda().handleRequest(event("POST", browserHeaders(), body, true), context);

    assertThat(r.getStatusCode()).isEqualTo(303);
    ContactMessage m = f.mailer.sent.get(0);
    assertThat(m.replyTo()).isEqualTo("zoe@example.org");
    assertThat(m.subject()).isEqualTo("[Contact] Zoë");
    assertThat(m.body()).isEqualTo("Name: Zoë\nEmail: zoe@example.org\nIP: 198.51.100.23\n\nGrüße\naus Köln\n");
  }

  @Test
  void aPlainTextBodyIsReadAsUtf8() {
    Map<String, String> headers = browserHeaders();
    headers.put("Content-Type", "application/json");
    String body = "{\"name\":\"Zoë\",\"email\":\"zoe@example.org\",\"message\":\"Grüße\"}";

    APIGatewayV2HTTPResponse r = lambda().handleRequest(event("POST", headers, body, false), context);

    assertThat(r.getStatusCode()).isEqualTo(200);
    assertThat(r.getBody()).isEqualTo("{\"ok\":true}");
    assertThat(f.mailer.sent.get(0).body()).endsWith("\n\nGrüße\n");
  }

  @Test
  void theResponseMapsBackWithStatusHeadersAndBody() {
    APIGatewayV2HTTPResponse r = lambda().handleRequest(event("POST", browserHeaders(), FORM, false), context);

    assertThat(r.getStatusCode()).isEqualTo(303);
    assertThat(r.getHeaders()).containsEntry("Location", "/contact/thanks/").containsEntry("Cache-Control", "no-store")
        .containsEntry("X-Content-Type-Options", "nosniff").containsEntry("Content-Type", "text/html; charset=utf-8");
    assertThat(r.getBody()).contains("/contact/thanks/");
    assertThat(r.getIsBase64Encoded()).isFalse();
    assertThat(r.getMultiValueHeaders()).isNull();
  }

  @Test
  void theMethodComesFromTheRequestContext() {
    APIGatewayV2HTTPResponse r = lambda().handleRequest(event("GET", browserHeaders(), null, false), context);

    assertThat(r.getStatusCode()).isEqualTo(405);
    assertThat(r.getHeaders()).containsEntry("Allow", "POST");
  }

  @Test
  void headersAreLowerCasedSoTheOriginSecretIsFound() {
    Map<String, String> headers = browserHeaders();
    headers.remove("X-Edgepress-Origin-Secret");

    APIGatewayV2HTTPResponse r = lambda().handleRequest(event("POST", headers, FORM, false), context);

    assertThat(r.getStatusCode()).isEqualTo(403);
  }

  @Test
  void anInvalidBase64BodyIsABadRequest() {
    APIGatewayV2HTTPResponse r = lambda().handleRequest(event("POST", browserHeaders(), "%%%not base64", true), context);

    assertThat(r.getStatusCode()).isEqualTo(400);
    assertThat(f.mailer.sent).isEmpty();
  }

  @Test
  void anEmptyEventIsAnsweredNotThrown() {
    assertThat(lambda().handleRequest(new APIGatewayV2HTTPEvent(), context).getStatusCode()).isEqualTo(403);
    assertThat(lambda().handleRequest(null, null).getStatusCode()).isEqualTo(400);
  }

  @Test
  void eachInvocationLogsItsStatusToTheContextLoggerWithoutTheMessage() {
    lambda().handleRequest(event("POST", browserHeaders(), FORM, false), context);

    assertThat(context.lines).hasSize(1);
    assertThat(context.lines.get(0)).matches("Contact form: \"POST\" answered 303 in [0-9]+ ms\n");
    assertThat(String.join("", context.lines)).doesNotContain("Grüße").doesNotContain("zoe@");
  }

  static final class FakeContext implements Context {
    final List<String> lines = new ArrayList<>();

    @Override
    public LambdaLogger getLogger() {
      return new LambdaLogger() {
        @Override
        public void log(String message) {
          lines.add(message);
        }

        @Override
        public void log(byte[] message) {
          lines.add(new String(message, StandardCharsets.UTF_8));
        }
      };
    }

    @Override
    public String getAwsRequestId() {
      return "req-1";
    }

    @Override
    public String getLogGroupName() {
      return "/aws/lambda/test";
    }

    @Override
    public String getLogStreamName() {
      return "stream";
    }

    @Override
    public String getFunctionName() {
      return "edgepress-contact";
    }

    @Override
    public String getFunctionVersion() {
      return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
      return "arn:aws:lambda:eu-west-1:123456789012:function:edgepress-contact";
    }

    @Override
    public CognitoIdentity getIdentity() {
      return null;
    }

    @Override
    public ClientContext getClientContext() {
      return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
      return 10_000;
    }

    @Override
    public int getMemoryLimitInMB() {
      return 512;
    }
  }
}
