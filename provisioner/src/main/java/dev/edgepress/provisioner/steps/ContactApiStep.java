package dev.edgepress.provisioner.steps;

import static dev.edgepress.provisioner.aws.Calls.call;

import dev.edgepress.provisioner.Change;
import dev.edgepress.provisioner.ContactSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.apigatewayv2.model.Api;
import software.amazon.awssdk.services.apigatewayv2.model.GetApisResponse;
import software.amazon.awssdk.services.apigatewayv2.model.Integration;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import software.amazon.awssdk.services.apigatewayv2.model.Route;
import software.amazon.awssdk.services.apigatewayv2.model.Stage;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * The contact form's HTTP API: one route, {@code POST /api/contact}, a Lambda proxy integration
 * (payload format 2.0), the {@code $default} stage deploying itself with throttling, and the
 * function's permission for this API alone ({@code SourceArn} of the API). CloudFront reaches it
 * through the distribution's {@code /api/*} behaviour, with the origin secret the handler checks.
 */
final class ContactApiStep implements Step {

  static final String ROUTE = "POST /api/contact";
  static final String STAGE = "$default";
  static final String PERMISSION_ID = "edgepress-api-gateway";

  private final Context ctx;
  private final ContactSpec contact;
  private final String name;
  private Optional<Api> api = Optional.empty();
  private Optional<Integration> integration = Optional.empty();
  private Optional<Route> route = Optional.empty();
  private Optional<Stage> stage = Optional.empty();
  private boolean permission;

  ContactApiStep(Context ctx, ContactSpec contact) {
    this.ctx = ctx;
    this.contact = contact;
    this.name = Names.contactName(ctx.spec.domain());
  }

  @Override
  public String resource() {
    return "contact-api";
  }

  static String endpointHost(String apiId, String region) {
    return apiId + ".execute-api." + region + ".amazonaws.com";
  }

  @Override
  public Change plan() {
    api = find(ctx, name);
    if (api.isEmpty()) {
      return new Change(resource(), name + " " + ROUTE, null, Change.Action.CREATE, List.of(), Change.Status.PLANNED);
    }
    String id = api.get().apiId();
    ctx.contactApiId = Optional.of(id);
    String functionArn = ctx.contactFunctionArn.orElse("(made by this run)");
    integration = call("apigateway:GET", () -> ctx.aws.apiGateway().getIntegrations(r -> r.apiId(id).maxResults("100")))
        .items().stream().filter(i -> i.integrationType() == IntegrationType.AWS_PROXY).findFirst();
    route = call("apigateway:GET", () -> ctx.aws.apiGateway().getRoutes(r -> r.apiId(id).maxResults("100")))
        .items().stream().filter(r -> ROUTE.equals(r.routeKey())).findFirst();
    stage = call("apigateway:GET", () -> ctx.aws.apiGateway().getStages(r -> r.apiId(id).maxResults("100")))
        .items().stream().filter(s -> STAGE.equals(s.stageName())).findFirst();
    permission = hasPermission(id);
    List<String> diffs = new ArrayList<>();
    if (integration.isEmpty() || !functionArn.equals(integration.get().integrationUri())
        || !"2.0".equals(integration.get().payloadFormatVersion())) {
      diffs.add("integration -> Lambda proxy to " + functionArn + ", payload 2.0");
    }
    if (route.isEmpty() || integration.isEmpty() || !("integrations/" + integration.get().integrationId()).equals(route.get().target())) {
      diffs.add("route " + ROUTE + " -> the integration");
    }
    if (stage.isEmpty() || !Boolean.TRUE.equals(stage.get().autoDeploy()) || stage.get().defaultRouteSettings() == null
        || !Integer.valueOf(contact.throttleBurst()).equals(stage.get().defaultRouteSettings().throttlingBurstLimit())
        || stage.get().defaultRouteSettings().throttlingRateLimit() == null
        || stage.get().defaultRouteSettings().throttlingRateLimit() != contact.throttleRate()) {
      diffs.add("stage $default -> auto-deploy, throttling rate " + contact.throttleRate() + "/s burst " + contact.throttleBurst());
    }
    if (!permission) {
      diffs.add("permission for this API to invoke the function");
    }
    return diffs.isEmpty() ? Change.unchanged(resource(), name + " " + ROUTE, id)
        : new Change(resource(), name + " " + ROUTE, id, Change.Action.UPDATE, diffs, Change.Status.PLANNED);
  }

  @Override
  public Change apply(Change planned) {
    String functionArn = ctx.contactFunctionArn.orElseThrow();
    String id;
    if (api.isEmpty()) {
      id = call("apigateway:POST", () -> ctx.aws.apiGateway().createApi(r -> r.name(name).protocolType(ProtocolType.HTTP)
          .description("Edgepress contact form of " + ctx.spec.domain()).tags(Map.of(Names.SITE_TAG, ctx.spec.domain()))))
          .apiId();
      ctx.contactApiId = Optional.of(id);
    } else {
      id = api.get().apiId();
    }
    String integrationId;
    if (integration.isEmpty()) {
      integrationId = call("apigateway:POST", () -> ctx.aws.apiGateway().createIntegration(r -> r.apiId(id)
          .integrationType(IntegrationType.AWS_PROXY).integrationUri(functionArn).payloadFormatVersion("2.0")
          .timeoutInMillis(15_000))).integrationId();
    } else {
      integrationId = integration.get().integrationId();
      if (!functionArn.equals(integration.get().integrationUri()) || !"2.0".equals(integration.get().payloadFormatVersion())) {
        call("apigateway:PATCH", () -> ctx.aws.apiGateway().updateIntegration(r -> r.apiId(id).integrationId(integrationId)
            .integrationType(IntegrationType.AWS_PROXY).integrationUri(functionArn).payloadFormatVersion("2.0")));
      }
    }
    String target = "integrations/" + integrationId;
    if (route.isEmpty()) {
      call("apigateway:POST", () -> ctx.aws.apiGateway().createRoute(r -> r.apiId(id).routeKey(ROUTE).target(target)));
    } else if (!target.equals(route.get().target())) {
      call("apigateway:PATCH", () -> ctx.aws.apiGateway().updateRoute(r -> r.apiId(id).routeId(route.get().routeId())
          .target(target)));
    }
    if (stage.isEmpty()) {
      call("apigateway:POST", () -> ctx.aws.apiGateway().createStage(r -> r.apiId(id).stageName(STAGE).autoDeploy(true)
          .defaultRouteSettings(s -> s.throttlingBurstLimit(contact.throttleBurst()).throttlingRateLimit(contact.throttleRate()))));
    } else {
      call("apigateway:PATCH", () -> ctx.aws.apiGateway().updateStage(r -> r.apiId(id).stageName(STAGE).autoDeploy(true)
          .defaultRouteSettings(s -> s.throttlingBurstLimit(contact.throttleBurst()).throttlingRateLimit(contact.throttleRate()))));
    }
    if (api.isEmpty() || !permission) {
      if (!hasPermission(id)) {
        removeStalePermission();
        call("lambda:AddPermission", () -> ctx.aws.lambda().addPermission(r -> r.functionName(functionArn)
            .statementId(PERMISSION_ID).action("lambda:InvokeFunction").principal("apigateway.amazonaws.com")
            .sourceArn(sourceArn(id))));
      }
    }
    return planned.withId(id).withStatus(Change.Status.DONE);
  }

  private String sourceArn(String apiId) {
    return "arn:aws:execute-api:" + ctx.spec.region() + ":" + ctx.accountId() + ":" + apiId + "/*/*";
  }

  /** Whether the function's resource policy lets exactly this API invoke it. */
  private boolean hasPermission(String apiId) {
    Optional<String> policy = policy();
    if (policy.isEmpty()) {
      return false;
    }
    String wanted = sourceArn(apiId);
    for (JsonNode s : statements(policy.get())) {
      var o = s.asObject();
      if (o.get("Sid") != null && PERMISSION_ID.equals(o.get("Sid").asString())) {
        return s.toString().contains(wanted);
      }
    }
    return false;
  }

  private void removeStalePermission() {
    Optional<String> policy = policy();
    if (policy.isPresent() && statements(policy.get()).stream()
        .anyMatch(s -> s.asObject().get("Sid") != null && PERMISSION_ID.equals(s.asObject().get("Sid").asString()))) {
      call("lambda:RemovePermission", () -> ctx.aws.lambda().removePermission(r -> r
          .functionName(Names.contactName(ctx.spec.domain())).statementId(PERMISSION_ID)));
    }
  }

  private Optional<String> policy() {
    if (ctx.contactFunctionArn.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(call("lambda:GetPolicy", () -> ctx.aws.lambda().getPolicy(r -> r
          .functionName(Names.contactName(ctx.spec.domain())))).policy());
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    }
  }

  private static List<JsonNode> statements(String policy) {
    JsonNode st = JsonNode.parser().parse(policy).asObject().get("Statement");
    return st == null ? List.of() : st.isArray() ? st.asArray() : List.of(st);
  }

  static Optional<Api> find(Context ctx, String name) {
    String token = null;
    do {
      String t = token;
      GetApisResponse page = call("apigateway:GET", () -> ctx.aws.apiGateway().getApis(r -> r.nextToken(t).maxResults("100")));
      for (Api a : page.items()) {
        if (name.equals(a.name())) {
          return Optional.of(a);
        }
      }
      token = page.nextToken();
    } while (token != null && !token.isEmpty());
    return Optional.empty();
  }
}
