package dev.edgepress.contact;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.edgepress.contact.Replies.Format;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * The Lambda function's entry point ({@code dev.edgepress.contact.LambdaHandler::handleRequest}, java21 on
 * arm64), behind an API Gateway HTTP API with payload format 2.0. It maps the event to a {@link
 * ContactRequest} (headers lower-cased, the body base64-decoded when API Gateway encoded it), lets {@link
 * ContactHandler} answer, and maps the answer back. Settings come from the environment ({@link
 * ContactConfig#fromEnvironment}); a missing or invalid one fails the function's start with a message
 * naming it. Logs go to the invocation's logger, one line per notable event, never a message's text.
 */
public final class LambdaHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

  private final ContactHandler handler;
  private final RoutedLog log;

  /** Reads the settings from the environment and sends through SES in {@code AWS_REGION}. */
  public LambdaHandler() {
    this.log = new RoutedLog();
    ContactConfig config = ContactConfig.fromEnvironment(System.getenv());
    if (config.originSecret().isEmpty()) {
      log.accept("Contact form: " + ContactConfig.ENV_ORIGIN_SECRET + " is not set, so requests straight to the API"
          + " (not through CloudFront) are answered too");
    }
    if (config.siteOrigins().isEmpty()) {
      log.accept("Contact form: " + ContactConfig.ENV_SITE_ORIGINS + " is not set: behind CloudFront the Host is the"
          + " API's, so browsers' requests will be refused as cross-origin");
    }
    this.handler = new ContactHandler(config, new SesMailer(ses()), Clock.systemUTC(), log);
  }

  /** For tests: answers with {@code handler}, which logs where it was told to. */
  LambdaHandler(ContactHandler handler) {
    this.handler = Objects.requireNonNull(handler, "handler");
    this.log = new RoutedLog();
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    long start = System.nanoTime();
    LambdaLogger logger = context == null ? null : context.getLogger();
    log.route(logger);
    ContactResponse response;
    String method = "?";
    try {
      ContactRequest request = toRequest(event);
      method = request.method();
      response = request == UNREADABLE ? Replies.plain(Format.HTML, 400, "Bad request", "The request could not be"
          + " read.") : handler.handle(request);
    } catch (Throwable t) {
      log.accept("Contact form: unexpected " + t.getClass().getName() + " while mapping the event; answered 500");
      response = Replies.bug(Format.HTML);
    }
    log.accept(String.format(Locale.ROOT, "Contact form: %s answered %d in %d ms", Text.quote(method, 16),
        response.status(), (System.nanoTime() - start) / 1_000_000));
    log.route(null);
    return APIGatewayV2HTTPResponse.builder()
        .withStatusCode(response.status())
        .withHeaders(new LinkedHashMap<>(response.headers()))
        .withBody(response.body())
        .withIsBase64Encoded(false)
        .build();
  }

  private static final ContactRequest UNREADABLE = new ContactRequest("", Map.of(), new byte[0], "");

  /** The event as a request: method and source from the request context, the body decoded. */
  static ContactRequest toRequest(APIGatewayV2HTTPEvent event) {
    if (event == null) {
      return UNREADABLE;
    }
    String method = "";
    String sourceIp = "";
    APIGatewayV2HTTPEvent.RequestContext rc = event.getRequestContext();
    if (rc != null && rc.getHttp() != null) {
      method = rc.getHttp().getMethod();
      sourceIp = rc.getHttp().getSourceIp();
    }
    byte[] body;
    String text = event.getBody();
    if (text == null) {
      body = new byte[0];
    } else if (event.getIsBase64Encoded()) {
      try {
        body = Base64.getDecoder().decode(text);
      } catch (IllegalArgumentException e) {
        return UNREADABLE;
      }
    } else {
      body = text.getBytes(StandardCharsets.UTF_8);
    }
    return new ContactRequest(method, event.getHeaders(), body, sourceIp);
  }

  private static volatile SesV2Client ses;

  /** The SES client, built once per execution environment (during the function's start, when CPU is boosted). */
  private static SesV2Client ses() {
    SesV2Client client = ses;
    if (client == null) {
      synchronized (LambdaHandler.class) {
        client = ses;
        if (client == null) {
          client = sesClient(region(), configuredEndpoint(System.getenv()));
          ses = client;
        }
      }
    }
    return client;
  }

  private static String region() {
    String region = System.getenv("AWS_REGION");
    if (region == null || region.isBlank()) {
      throw new IllegalStateException("AWS_REGION is not set: the Lambda runtime sets it; elsewhere set it to the"
          + " region SES sends from, e.g. eu-west-1");
    }
    return region.strip();
  }

  /**
   * An SES client over the JDK's HttpURLConnection, credentials from the function's role, bounded times so
   * that an answer comes well within API Gateway's 30 seconds. The endpoint is given explicitly
   * ({@code https://email.REGION.amazonaws.com} unless {@code endpoint} says otherwise): the SDK then
   * never loads its table of every service's endpoints, which the function's package leaves out.
   */
  /**
   * The SDK's own endpoint settings, honoured by hand since the client is given an endpoint:
   * {@code AWS_ENDPOINT_URL_SESV2}, else {@code AWS_ENDPOINT_URL} (an emulator, a test).
   */
  static URI configuredEndpoint(Map<String, String> env) {
    for (String name : new String[] {"AWS_ENDPOINT_URL_SESV2", "AWS_ENDPOINT_URL"}) {
      String value = env.get(name);
      if (value != null && !value.isBlank()) {
        return URI.create(value.trim());
      }
    }
    return null;
  }

  static SesV2Client sesClient(String region, URI endpoint) {
    String suffix = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
    URI uri = endpoint != null ? endpoint : URI.create("https://email." + region + "." + suffix);
    return SesV2Client.builder()
        .region(Region.of(region))
        .endpointOverride(uri)
        .credentialsProvider(DefaultCredentialsProvider.builder().build())
        .httpClient(UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(3))
            .socketTimeout(Duration.ofSeconds(8))
            .build())
        .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD)
            .apiCallAttemptTimeout(Duration.ofSeconds(8))
            .apiCallTimeout(Duration.ofSeconds(20)))
        .build();
  }

  /** Log lines to the current invocation's logger, or to standard output (which Lambda also keeps). */
  private static final class RoutedLog implements Consumer<String> {

    private volatile LambdaLogger logger;

    void route(LambdaLogger logger) {
      this.logger = logger;
    }

    @Override
    public void accept(String line) {
      LambdaLogger l = logger;
      if (l != null) {
        l.log(line + "\n");
      } else {
        System.out.println(line);
      }
    }
  }
}
