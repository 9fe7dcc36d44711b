package dev.edgepress.provisioner.fake;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2ServiceClientConfiguration;
import software.amazon.awssdk.services.apigatewayv2.model.Api;
import software.amazon.awssdk.services.apigatewayv2.model.BadRequestException;
import software.amazon.awssdk.services.apigatewayv2.model.ConflictException;
import software.amazon.awssdk.services.apigatewayv2.model.CreateApiRequest;
import software.amazon.awssdk.services.apigatewayv2.model.CreateApiResponse;
import software.amazon.awssdk.services.apigatewayv2.model.CreateIntegrationRequest;
import software.amazon.awssdk.services.apigatewayv2.model.CreateIntegrationResponse;
import software.amazon.awssdk.services.apigatewayv2.model.CreateRouteRequest;
import software.amazon.awssdk.services.apigatewayv2.model.CreateRouteResponse;
import software.amazon.awssdk.services.apigatewayv2.model.CreateStageRequest;
import software.amazon.awssdk.services.apigatewayv2.model.CreateStageResponse;
import software.amazon.awssdk.services.apigatewayv2.model.DeleteApiRequest;
import software.amazon.awssdk.services.apigatewayv2.model.DeleteApiResponse;
import software.amazon.awssdk.services.apigatewayv2.model.DeleteIntegrationRequest;
import software.amazon.awssdk.services.apigatewayv2.model.DeleteIntegrationResponse;
import software.amazon.awssdk.services.apigatewayv2.model.DeleteRouteRequest;
import software.amazon.awssdk.services.apigatewayv2.model.DeleteRouteResponse;
import software.amazon.awssdk.services.apigatewayv2.model.DeleteStageRequest;
import software.amazon.awssdk.services.apigatewayv2.model.DeleteStageResponse;
import software.amazon.awssdk.services.apigatewayv2.model.GetApiRequest;
import software.amazon.awssdk.services.apigatewayv2.model.GetApiResponse;
import software.amazon.awssdk.services.apigatewayv2.model.GetApisRequest;
import software.amazon.awssdk.services.apigatewayv2.model.GetApisResponse;
import software.amazon.awssdk.services.apigatewayv2.model.GetIntegrationRequest;
import software.amazon.awssdk.services.apigatewayv2.model.GetIntegrationResponse;
import software.amazon.awssdk.services.apigatewayv2.model.GetIntegrationsRequest;
import software.amazon.awssdk.services.apigatewayv2.model.GetIntegrationsResponse;
import software.amazon.awssdk.services.apigatewayv2.model.GetRouteRequest;
import software.amazon.awssdk.services.apigatewayv2.model.GetRouteResponse;
import software.amazon.awssdk.services.apigatewayv2.model.GetRoutesRequest;
import software.amazon.awssdk.services.apigatewayv2.model.GetRoutesResponse;
import software.amazon.awssdk.services.apigatewayv2.model.GetStageRequest;
import software.amazon.awssdk.services.apigatewayv2.model.GetStageResponse;
import software.amazon.awssdk.services.apigatewayv2.model.GetStagesRequest;
import software.amazon.awssdk.services.apigatewayv2.model.GetStagesResponse;
import software.amazon.awssdk.services.apigatewayv2.model.GetTagsRequest;
import software.amazon.awssdk.services.apigatewayv2.model.GetTagsResponse;
import software.amazon.awssdk.services.apigatewayv2.model.Integration;
import software.amazon.awssdk.services.apigatewayv2.model.NotFoundException;
import software.amazon.awssdk.services.apigatewayv2.model.Route;
import software.amazon.awssdk.services.apigatewayv2.model.RouteSettings;
import software.amazon.awssdk.services.apigatewayv2.model.Stage;
import software.amazon.awssdk.services.apigatewayv2.model.TagResourceRequest;
import software.amazon.awssdk.services.apigatewayv2.model.TagResourceResponse;
import software.amazon.awssdk.services.apigatewayv2.model.UntagResourceRequest;
import software.amazon.awssdk.services.apigatewayv2.model.UntagResourceResponse;
import software.amazon.awssdk.services.apigatewayv2.model.UpdateApiRequest;
import software.amazon.awssdk.services.apigatewayv2.model.UpdateApiResponse;
import software.amazon.awssdk.services.apigatewayv2.model.UpdateIntegrationRequest;
import software.amazon.awssdk.services.apigatewayv2.model.UpdateIntegrationResponse;
import software.amazon.awssdk.services.apigatewayv2.model.UpdateRouteRequest;
import software.amazon.awssdk.services.apigatewayv2.model.UpdateRouteResponse;
import software.amazon.awssdk.services.apigatewayv2.model.UpdateStageRequest;
import software.amazon.awssdk.services.apigatewayv2.model.UpdateStageResponse;

/**
 * API Gateway v2 in one region, for HTTP APIs (WebSocket APIs can be created and listed, nothing more). API ids are 10
 * lower-case alphanumerics and the endpoint is {@code https://ID.execute-api.REGION.amazonaws.com}; integrations and
 * routes have 7-character ids. An AWS_PROXY integration must name a Lambda function that exists in the fake Lambda, by
 * its ARN or its invocation URI, with PayloadFormatVersion 1.0 or 2.0 (required for HTTP APIs); a route's target must
 * be "integrations/ID" of this API. A stage with AutoDeploy gets a new deployment id whenever routes or integrations
 * change. Errors: BadRequestException 400 (missing or invalid input), NotFoundException 404 ("Invalid API identifier
 * specified ACCOUNT:ID"), ConflictException 409 (a route key or stage name taken).
 *
 * <p>Update operations are PATCH requests: a member left out keeps its value. Quick create (Target or RouteKey on
 * CreateApi) is not modelled and fails loudly.
 */
final class FakeApiGatewayV2 implements ApiGatewayV2Client {

    private static final Set<String> METHODS = Set.of("ANY", "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    private static final Pattern ROUTE_KEY = Pattern.compile("([A-Z]+) (/\\S*)");
    private static final Pattern STAGE_NAME = Pattern.compile("\\$default|[a-zA-Z0-9\\-._~]{1,128}");
    private static final Pattern LAMBDA_ARN = Pattern.compile(
            "arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):(\\d{12}):function:([a-zA-Z0-9-_]+)(:[a-zA-Z0-9-_$]+)?");
    private static final Pattern INVOCATION_URI = Pattern.compile(
            "arn:aws[a-zA-Z-]*:apigateway:[a-z0-9-]+:lambda:path/2015-03-31/functions/(.+)/invocations");

    private final FakeAws w;
    private final String region;
    private boolean closed;

    FakeApiGatewayV2(FakeAws w, String region) {
        this.w = w;
        this.region = region;
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public ApiGatewayV2ServiceClientConfiguration serviceClientConfiguration() {
        return ApiGatewayV2ServiceClientConfiguration.builder().region(Region.of(region)).build();
    }

    // ================================================================== APIs

    @Override
    public CreateApiResponse createApi(CreateApiRequest request) {
        synchronized (w) {
            open();
            w.enter("apigateway:CreateApi", resource("/apis"));
            require(request.name(), "name");
            require(request.protocolTypeAsString(), "protocolType");
            if (request.target() != null || request.routeKey() != null) {
                throw new UnsupportedOperationException("FakeApiGatewayV2 does not model quick create (Target, RouteKey)");
            }
            String protocol = request.protocolTypeAsString();
            if (!protocol.equals("HTTP") && !protocol.equals("WEBSOCKET")) {
                throw badRequest("Invalid protocol type specified: " + protocol);
            }
            if (request.name().isEmpty() || request.name().length() > 128) {
                throw badRequest("Invalid API name specified: the name must be between 1 and 128 characters long");
            }
            if (protocol.equals("WEBSOCKET") && request.routeSelectionExpression() == null) {
                throw badRequest("RouteSelectionExpression is required for WEBSOCKET APIs");
            }
            FakeAws.HttpApi a = new FakeAws.HttpApi();
            do {
                a.id = w.randomLower(10);
            } while (w.apis.containsKey(a.id));
            a.region = region;
            a.name = request.name();
            a.protocolType = protocol;
            a.description = request.description();
            a.version = request.version();
            a.routeSelectionExpression = request.routeSelectionExpression() != null ? request.routeSelectionExpression()
                    : "${request.method} ${request.path}";
            a.apiKeySelectionExpression = request.apiKeySelectionExpression() != null
                    ? request.apiKeySelectionExpression() : "$request.header.x-api-key";
            a.disableExecuteApiEndpoint = Boolean.TRUE.equals(request.disableExecuteApiEndpoint());
            a.created = Instant.now();
            if (request.hasTags()) {
                a.tags.putAll(request.tags());
            }
            w.apis.put(a.id, a);
            return FakeAws.copyInto(model(a), (SdkPojo) CreateApiResponse.builder());
        }
    }

    @Override
    public GetApisResponse getApis(GetApisRequest request) {
        synchronized (w) {
            open();
            w.enter("apigateway:GetApis", resource("/apis"));
            List<Api> all = w.apis.values().stream().filter(a -> a.region.equals(region)).map(FakeApiGatewayV2::model)
                    .toList();
            Page<Api> page = page(all, request.nextToken(), request.maxResults());
            return GetApisResponse.builder().items(page.items).nextToken(page.next).build();
        }
    }

    @Override
    public GetApisResponse getApis() {
        return getApis(GetApisRequest.builder().build());
    }

    @Override
    public GetApiResponse getApi(GetApiRequest request) {
        synchronized (w) {
            open();
            String id = FakeAws.requirePathParameter(request.apiId(), "ApiId");
            w.enter("apigateway:GetApi", resource("/apis/" + id));
            return FakeAws.copyInto(model(api(id)), (SdkPojo) GetApiResponse.builder());
        }
    }

    @Override
    public UpdateApiResponse updateApi(UpdateApiRequest request) {
        synchronized (w) {
            open();
            String id = FakeAws.requirePathParameter(request.apiId(), "ApiId");
            w.enter("apigateway:UpdateApi", resource("/apis/" + id));
            FakeAws.HttpApi a = api(id);
            if (request.target() != null || request.routeKey() != null) {
                throw new UnsupportedOperationException("FakeApiGatewayV2 does not model quick create (Target, RouteKey)");
            }
            if (request.name() != null) {
                if (request.name().isEmpty() || request.name().length() > 128) {
                    throw badRequest("Invalid API name specified: the name must be between 1 and 128 characters long");
                }
                a.name = request.name();
            }
            if (request.description() != null) {
                a.description = request.description();
            }
            if (request.version() != null) {
                a.version = request.version();
            }
            if (request.routeSelectionExpression() != null) {
                a.routeSelectionExpression = request.routeSelectionExpression();
            }
            if (request.disableExecuteApiEndpoint() != null) {
                a.disableExecuteApiEndpoint = request.disableExecuteApiEndpoint();
            }
            return FakeAws.copyInto(model(a), (SdkPojo) UpdateApiResponse.builder());
        }
    }

    @Override
    public DeleteApiResponse deleteApi(DeleteApiRequest request) {
        synchronized (w) {
            open();
            String id = FakeAws.requirePathParameter(request.apiId(), "ApiId");
            w.enter("apigateway:DeleteApi", resource("/apis/" + id));
            w.apis.remove(api(id).id);
            return DeleteApiResponse.builder().build();
        }
    }

    // ================================================================== integrations

    @Override
    public CreateIntegrationResponse createIntegration(CreateIntegrationRequest request) {
        synchronized (w) {
            open();
            String id = FakeAws.requirePathParameter(request.apiId(), "ApiId");
            w.enter("apigateway:CreateIntegration", resource("/apis/" + id + "/integrations"));
            FakeAws.HttpApi a = api(id);
            require(request.integrationTypeAsString(), "integrationType");
            String integrationId;
            do {
                integrationId = w.randomLower(7);
            } while (a.integrations.containsKey(integrationId));
            Integration i = Integration.builder()
                    .integrationId(integrationId)
                    .integrationType(request.integrationTypeAsString())
                    .integrationUri(request.integrationUri())
                    .integrationMethod(request.integrationMethod())
                    .integrationSubtype(request.integrationSubtype())
                    .payloadFormatVersion(request.payloadFormatVersion())
                    .connectionType(request.connectionTypeAsString() == null ? "INTERNET"
                            : request.connectionTypeAsString())
                    .connectionId(request.connectionId())
                    .credentialsArn(request.credentialsArn())
                    .description(request.description())
                    .timeoutInMillis(request.timeoutInMillis())
                    .requestParameters(request.hasRequestParameters() ? request.requestParameters() : null)
                    .responseParameters(request.hasResponseParameters() ? request.responseParameters() : null)
                    .requestTemplates(request.hasRequestTemplates() ? request.requestTemplates() : null)
                    .templateSelectionExpression(request.templateSelectionExpression())
                    .passthroughBehavior(request.passthroughBehaviorAsString())
                    .contentHandlingStrategy(request.contentHandlingStrategyAsString())
                    .apiGatewayManaged(false)
                    .build();
            i = checkIntegration(a, i);
            a.integrations.put(integrationId, i);
            redeploy(a);
            return FakeAws.copyInto(i, (SdkPojo) CreateIntegrationResponse.builder());
        }
    }

    @Override
    public GetIntegrationsResponse getIntegrations(GetIntegrationsRequest request) {
        synchronized (w) {
            open();
            String id = FakeAws.requirePathParameter(request.apiId(), "ApiId");
            w.enter("apigateway:GetIntegrations", resource("/apis/" + id + "/integrations"));
            Page<Integration> page = page(List.copyOf(api(id).integrations.values()), request.nextToken(),
                    request.maxResults());
            return GetIntegrationsResponse.builder().items(page.items).nextToken(page.next).build();
        }
    }

    @Override
    public GetIntegrationResponse getIntegration(GetIntegrationRequest request) {
        synchronized (w) {
            open();
            String id = FakeAws.requirePathParameter(request.apiId(), "ApiId");
            String integrationId = FakeAws.requirePathParameter(request.integrationId(), "IntegrationId");
            w.enter("apigateway:GetIntegration", resource("/apis/" + id + "/integrations/" + integrationId));
            return FakeAws.copyInto(integration(api(id), integrationId), (SdkPojo) GetIntegrationResponse.builder());
        }
    }

    @Override
    public UpdateIntegrationResponse updateIntegration(UpdateIntegrationRequest request) {
        synchronized (w) {
            open();
            String id = FakeAws.requirePathParameter(request.apiId(), "ApiId");
            String integrationId = FakeAws.requirePathParameter(request.integrationId(), "IntegrationId");
            w.enter("apigateway:UpdateIntegration", resource("/apis/" + id + "/integrations/" + integrationId));
            FakeAws.HttpApi a = api(id);
            Integration.Builder b = integration(a, integrationId).toBuilder();
            if (request.integrationTypeAsString() != null) {
                b.integrationType(request.integrationTypeAsString());
            }
            if (request.integrationUri() != null) {
                b.integrationUri(request.integrationUri());
            }
            if (request.integrationMethod() != null) {
                b.integrationMethod(request.integrationMethod());
            }
            if (request.integrationSubtype() != null) {
                b.integrationSubtype(request.integrationSubtype());
            }
            if (request.payloadFormatVersion() != null) {
                b.payloadFormatVersion(request.payloadFormatVersion());
            }
            if (request.connectionTypeAsString() != null) {
                b.connectionType(request.connectionTypeAsString());
            }
            if (request.connectionId() != null) {
                b.connectionId(request.connectionId());
            }
            if (request.credentialsArn() != null) {
                b.credentialsArn(request.credentialsArn());
            }
            if (request.description() != null) {
                b.description(request.description());
            }
            if (request.timeoutInMillis() != null) {
                b.timeoutInMillis(request.timeoutInMillis());
            }
            if (request.hasRequestParameters()) {
                b.requestParameters(request.requestParameters());
            }
            if (request.hasResponseParameters()) {
                b.responseParameters(request.responseParameters());
            }
            if (request.hasRequestTemplates()) {
                b.requestTemplates(request.requestTemplates());
            }
            Integration i = checkIntegration(a, b.build());
            a.integrations.put(integrationId, i);
            redeploy(a);
            return FakeAws.copyInto(i, (SdkPojo) UpdateIntegrationResponse.builder());
        }
    }

    @Override
    public DeleteIntegrationResponse deleteIntegration(DeleteIntegrationRequest request) {
        synchronized (w) {
            open();
            String id = FakeAws.requirePathParameter(request.apiId(), "ApiId");
            String integrationId = FakeAws.requirePathParameter(request.integrationId(), "IntegrationId");
            w.enter("apigateway:DeleteIntegration", resource("/apis/" + id + "/integrations/" + integrationId));
            FakeAws.HttpApi a = api(id);
            integration(a, integrationId);
            a.integrations.remove(integrationId);
            redeploy(a);
            return DeleteIntegrationResponse.builder().build();
        }
    }

    /** The checks of an integration of an HTTP API, and the defaults API Gateway fills in. */
    private Integration checkIntegration(FakeAws.HttpApi a, Integration i) {
        String type = i.integrationTypeAsString();
        if (!Set.of("AWS", "AWS_PROXY", "HTTP", "HTTP_PROXY", "MOCK").contains(type)) {
            throw badRequest("Invalid integration type specified: " + type);
        }
        if (!a.protocolType.equals("HTTP")) {
            return i;
        }
        if (!type.equals("AWS_PROXY") && !type.equals("HTTP_PROXY")) {
            throw badRequest("Currently, an API with a protocol type of HTTP may only be associated with proxy "
                    + "integrations (AWS_PROXY, HTTP_PROXY)");
        }
        Integration.Builder b = i.toBuilder();
        String version = i.payloadFormatVersion();
        if (version == null) {
            throw badRequest("PayloadFormatVersion is required for HTTP APIs. Supported values for Lambda proxy "
                    + "integrations are 1.0 and 2.0; for all other integrations, 1.0 is the only supported value.");
        }
        int timeout = i.timeoutInMillis() == null ? 30000 : i.timeoutInMillis();
        if (timeout < 50 || timeout > 30000) {
            throw badRequest("Invalid timeout value specified: it must be between 50 and 30000 milliseconds for HTTP "
                    + "APIs");
        }
        b.timeoutInMillis(timeout);
        if (type.equals("AWS_PROXY") && i.integrationSubtype() == null) {
            if (!version.equals("1.0") && !version.equals("2.0")) {
                throw badRequest("Invalid payload format version specified: " + version);
            }
            String uri = i.integrationUri();
            if (uri == null) {
                throw badRequest("IntegrationUri is required for AWS_PROXY integrations");
            }
            if (lambdaOf(uri) == null) {
                throw badRequest("Invalid integration URI specified: " + uri);
            }
            if (i.integrationMethod() == null) {
                b.integrationMethod("POST");
            }
        }
        if (type.equals("HTTP_PROXY")) {
            if (!version.equals("1.0")) {
                throw badRequest("Invalid payload format version specified: " + version);
            }
            if (i.integrationUri() == null || !i.integrationUri().matches("https?://.+")) {
                throw badRequest("Invalid integration URI specified: " + i.integrationUri());
            }
            if (i.integrationMethod() == null) {
                throw badRequest("IntegrationMethod is required for HTTP_PROXY integrations");
            }
        }
        return b.build();
    }

    /** The Lambda function an integration URI names (function ARN or invocation URI), or null if there is none. */
    private FakeAws.LambdaFn lambdaOf(String uri) {
        Matcher inv = INVOCATION_URI.matcher(uri);
        String arn = inv.matches() ? inv.group(1) : uri;
        Matcher m = LAMBDA_ARN.matcher(arn);
        if (!m.matches()) {
            return null;
        }
        return w.lambdas.get("arn:aws:lambda:" + m.group(1) + ":" + m.group(2) + ":function:" + m.group(3));
    }

    // ================================================================== routes

    @Override
    public CreateRouteResponse createRoute(CreateRouteRequest request) {
        synchronized (w) {
            open();
            String id = FakeAws.requirePathParameter(request.apiId(), "ApiId");
            w.enter("apigateway:CreateRoute", resource("/apis/" + id + "/routes"));
            FakeAws.HttpApi a = api(id);
            require(request.routeKey(), "routeKey");
            String routeId;
            do {
                routeId = w.randomLower(7);
            } while (a.routes.containsKey(routeId));
            Route r = Route.builder()
                    .routeId(routeId)
                    .routeKey(request.routeKey())
                    .target(request.target())
                    .authorizationType(request.authorizationTypeAsString() == null ? "NONE"
                            : request.authorizationTypeAsString())
                    .authorizerId(request.authorizerId())
                    .authorizationScopes(request.hasAuthorizationScopes() ? request.authorizationScopes() : null)
                    .apiKeyRequired(request.apiKeyRequired() == null ? Boolean.FALSE : request.apiKeyRequired())
                    .operationName(request.operationName())
                    .requestParameters(request.hasRequestParameters() ? request.requestParameters() : null)
                    .apiGatewayManaged(false)
                    .build();
            checkRoute(a, r);
            a.routes.put(routeId, r);
            redeploy(a);
            return FakeAws.copyInto(r, (SdkPojo) CreateRouteResponse.builder());
        }
    }

    @Override
    public GetRoutesResponse getRoutes(GetRoutesRequest request) {
        synchronized (w) {
            open();
            String id = FakeAws.requirePathParameter(request.apiId(), "ApiId");
            w.enter("apigateway:GetRoutes", resource("/apis/" + id + "/routes"));
            Page<Route> page = page(List.copyOf(api(id).routes.values()), request.nextToken(), request.maxResults());
            return GetRoutesResponse.builder().items(page.items).nextToken(page.next).build();
        }
    }

    @Override
    public GetRouteResponse getRoute(GetRouteRequest request) {
        synchronized (w) {
            open();
            String id = FakeAws.requirePathParameter(request.apiId(), "ApiId");
            String routeId = FakeAws.requirePathParameter(request.routeId(), "RouteId");
            w.enter("apigateway:GetRoute", resource("/apis/" + id + "/routes/" + routeId));
            return FakeAws.copyInto(route(api(id), routeId), (SdkPojo) GetRouteResponse.builder());
        }
    }

    @Override
    public UpdateRouteResponse updateRoute(UpdateRouteRequest request) {
        synchronized (w) {
            open();
            String id = FakeAws.requirePathParameter(request.apiId(), "ApiId");
            String routeId = FakeAws.requirePathParameter(request.routeId(), "RouteId");
            w.enter("apigateway:UpdateRoute", resource("/apis/" + id + "/routes/" + routeId));
            FakeAws.HttpApi a = api(id);
            Route.Builder b = route(a, routeId).toBuilder();
            if (request.routeKey() != null) {
                b.routeKey(request.routeKey());
            }
            if (request.target() != null) {
                b.target(request.target());
            }
            if (request.authorizationTypeAsString() != null) {
                b.authorizationType(request.authorizationTypeAsString());
            }
            if (request.authorizerId() != null) {
                b.authorizerId(request.authorizerId());
            }
            if (request.hasAuthorizationScopes()) {
                b.authorizationScopes(request.authorizationScopes());
            }
            if (request.apiKeyRequired() != null) {
                b.apiKeyRequired(request.apiKeyRequired());
            }
            if (request.operationName() != null) {
                b.operationName(request.operationName());
            }
            if (request.hasRequestParameters()) {
                b.requestParameters(request.requestParameters());
            }
            Route r = b.build();
            checkRoute(a, r);
            a.routes.put(routeId, r);
            redeploy(a);
            return FakeAws.copyInto(r, (SdkPojo) UpdateRouteResponse.builder());
        }
    }

    @Override
    public DeleteRouteResponse deleteRoute(DeleteRouteRequest request) {
        synchronized (w) {
            open();
            String id = FakeAws.requirePathParameter(request.apiId(), "ApiId");
            String routeId = FakeAws.requirePathParameter(request.routeId(), "RouteId");
            w.enter("apigateway:DeleteRoute", resource("/apis/" + id + "/routes/" + routeId));
            FakeAws.HttpApi a = api(id);
            route(a, routeId);
            a.routes.remove(routeId);
            redeploy(a);
            return DeleteRouteResponse.builder().build();
        }
    }

    private void checkRoute(FakeAws.HttpApi a, Route r) {
        String key = r.routeKey();
        if (a.protocolType.equals("HTTP") && !key.equals("$default")) {
            Matcher m = ROUTE_KEY.matcher(key);
            if (!m.matches() || !METHODS.contains(m.group(1))) {
                throw badRequest("Unable to create route " + key + ". The route key must be $default or an HTTP method "
                        + "(ANY, GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS) followed by a space and a path that "
                        + "begins with /");
            }
        }
        for (Route other : a.routes.values()) {
            if (!other.routeId().equals(r.routeId()) && other.routeKey().equals(key)) {
                throw error(ConflictException.builder(), 409, "ConflictException",
                        "Route with key " + key + " already exists for this API");
            }
        }
        String target = r.target();
        if (target != null) {
            if (!target.startsWith("integrations/") || !a.integrations.containsKey(target.substring(13))) {
                throw badRequest("Invalid target specified: " + target + ". The target must be integrations/ followed "
                        + "by the id of an integration of this API");
            }
        }
    }

    // ================================================================== stages

    @Override
    public CreateStageResponse createStage(CreateStageRequest request) {
        synchronized (w) {
            open();
            String id = FakeAws.requirePathParameter(request.apiId(), "ApiId");
            w.enter("apigateway:CreateStage", resource("/apis/" + id + "/stages"));
            FakeAws.HttpApi a = api(id);
            String name = require(request.stageName(), "stageName");
            if (!STAGE_NAME.matcher(name).matches()) {
                throw badRequest("Stage name only allows a-zA-Z0-9-._~ or the reserved name $default");
            }
            if (a.stages.containsKey(name)) {
                throw error(ConflictException.builder(), 409, "ConflictException", "Stage already exists");
            }
            boolean autoDeploy = Boolean.TRUE.equals(request.autoDeploy());
            if (autoDeploy && !a.protocolType.equals("HTTP")) {
                throw badRequest("AutoDeploy is supported only for HTTP APIs");
            }
            Instant now = Instant.now();
            Stage.Builder b = Stage.builder()
                    .stageName(name)
                    .autoDeploy(autoDeploy)
                    .description(request.description())
                    .defaultRouteSettings(routeSettings(null, request.defaultRouteSettings()))
                    .routeSettings(request.hasRouteSettings() ? request.routeSettings() : Map.of())
                    .stageVariables(request.hasStageVariables() ? request.stageVariables() : Map.of())
                    .tags(request.hasTags() ? request.tags() : Map.of())
                    .deploymentId(request.deploymentId())
                    .accessLogSettings(request.accessLogSettings())
                    .createdDate(now)
                    .lastUpdatedDate(now)
                    .apiGatewayManaged(false);
            Stage s = b.build();
            if (autoDeploy) {
                s = deployed(s);
            }
            a.stages.put(name, s);
            return FakeAws.copyInto(s, (SdkPojo) CreateStageResponse.builder());
        }
    }

    @Override
    public GetStagesResponse getStages(GetStagesRequest request) {
        synchronized (w) {
            open();
            String id = FakeAws.requirePathParameter(request.apiId(), "ApiId");
            w.enter("apigateway:GetStages", resource("/apis/" + id + "/stages"));
            Page<Stage> page = page(List.copyOf(api(id).stages.values()), request.nextToken(), request.maxResults());
            return GetStagesResponse.builder().items(page.items).nextToken(page.next).build();
        }
    }

    @Override
    public GetStageResponse getStage(GetStageRequest request) {
        synchronized (w) {
            open();
            String id = FakeAws.requirePathParameter(request.apiId(), "ApiId");
            String name = FakeAws.requirePathParameter(request.stageName(), "StageName");
            w.enter("apigateway:GetStage", resource("/apis/" + id + "/stages/" + name));
            return FakeAws.copyInto(stage(api(id), name), (SdkPojo) GetStageResponse.builder());
        }
    }

    @Override
    public UpdateStageResponse updateStage(UpdateStageRequest request) {
        synchronized (w) {
            open();
            String id = FakeAws.requirePathParameter(request.apiId(), "ApiId");
            String name = FakeAws.requirePathParameter(request.stageName(), "StageName");
            w.enter("apigateway:UpdateStage", resource("/apis/" + id + "/stages/" + name));
            FakeAws.HttpApi a = api(id);
            Stage current = stage(a, name);
            Stage.Builder b = current.toBuilder().lastUpdatedDate(Instant.now());
            if (request.autoDeploy() != null) {
                b.autoDeploy(request.autoDeploy());
            }
            if (request.description() != null) {
                b.description(request.description());
            }
            if (request.defaultRouteSettings() != null) {
                b.defaultRouteSettings(routeSettings(current.defaultRouteSettings(), request.defaultRouteSettings()));
            }
            if (request.hasRouteSettings()) {
                b.routeSettings(request.routeSettings());
            }
            if (request.hasStageVariables()) {
                b.stageVariables(request.stageVariables());
            }
            if (request.deploymentId() != null) {
                b.deploymentId(request.deploymentId());
            }
            if (request.accessLogSettings() != null) {
                b.accessLogSettings(request.accessLogSettings());
            }
            Stage s = b.build();
            if (Boolean.TRUE.equals(s.autoDeploy()) && !Boolean.TRUE.equals(current.autoDeploy())) {
                s = deployed(s);
            }
            a.stages.put(name, s);
            return FakeAws.copyInto(s, (SdkPojo) UpdateStageResponse.builder());
        }
    }

    @Override
    public DeleteStageResponse deleteStage(DeleteStageRequest request) {
        synchronized (w) {
            open();
            String id = FakeAws.requirePathParameter(request.apiId(), "ApiId");
            String name = FakeAws.requirePathParameter(request.stageName(), "StageName");
            w.enter("apigateway:DeleteStage", resource("/apis/" + id + "/stages/" + name));
            FakeAws.HttpApi a = api(id);
            stage(a, name);
            a.stages.remove(name);
            return DeleteStageResponse.builder().build();
        }
    }

    /** Default route settings: the given members over the current ones; DetailedMetricsEnabled false by default. */
    private RouteSettings routeSettings(RouteSettings current, RouteSettings given) {
        RouteSettings.Builder b = current == null ? RouteSettings.builder().detailedMetricsEnabled(false)
                : current.toBuilder();
        if (given != null) {
            if (given.throttlingBurstLimit() != null) {
                if (given.throttlingBurstLimit() < 0) {
                    throw badRequest("Invalid throttling burst limit: " + given.throttlingBurstLimit());
                }
                b.throttlingBurstLimit(given.throttlingBurstLimit());
            }
            if (given.throttlingRateLimit() != null) {
                if (given.throttlingRateLimit() < 0) {
                    throw badRequest("Invalid throttling rate limit: " + given.throttlingRateLimit());
                }
                b.throttlingRateLimit(given.throttlingRateLimit());
            }
            if (given.detailedMetricsEnabled() != null) {
                b.detailedMetricsEnabled(given.detailedMetricsEnabled());
            }
            if (given.dataTraceEnabled() != null || given.loggingLevelAsString() != null) {
                throw badRequest("DataTraceEnabled and LoggingLevel are supported only for WebSocket APIs");
            }
        }
        return b.build();
    }

    /** A stage with AutoDeploy gets a new deployment whenever the API's routes or integrations change. */
    private void redeploy(FakeAws.HttpApi a) {
        a.stages.replaceAll((name, s) -> Boolean.TRUE.equals(s.autoDeploy()) ? deployed(s) : s);
    }

    private Stage deployed(Stage s) {
        String deployment = w.randomLower(6);
        return s.toBuilder().deploymentId(deployment)
                .lastDeploymentStatusMessage("Successfully deployed stage with deployment ID '" + deployment + "'")
                .lastUpdatedDate(Instant.now()).build();
    }

    // ================================================================== tags

    @Override
    public GetTagsResponse getTags(GetTagsRequest request) {
        synchronized (w) {
            open();
            String arn = FakeAws.requirePathParameter(request.resourceArn(), "ResourceArn");
            w.enter("apigateway:GetTags", resource("/tags/" + arn));
            return GetTagsResponse.builder().tags(new LinkedHashMap<>(taggable(arn))).build();
        }
    }

    @Override
    public TagResourceResponse tagResource(TagResourceRequest request) {
        synchronized (w) {
            open();
            String arn = FakeAws.requirePathParameter(request.resourceArn(), "ResourceArn");
            w.enter("apigateway:TagResource", resource("/tags/" + arn));
            Map<String, String> tags = taggable(arn);
            if (request.hasTags()) {
                tags.putAll(request.tags());
            }
            return TagResourceResponse.builder().build();
        }
    }

    @Override
    public UntagResourceResponse untagResource(UntagResourceRequest request) {
        synchronized (w) {
            open();
            String arn = FakeAws.requirePathParameter(request.resourceArn(), "ResourceArn");
            w.enter("apigateway:UntagResource", resource("/tags/" + arn));
            Map<String, String> tags = taggable(arn);
            if (request.hasTagKeys()) {
                request.tagKeys().forEach(tags::remove);
            }
            return UntagResourceResponse.builder().build();
        }
    }

    /** The tags of an API ("arn:aws:apigateway:REGION::/apis/ID"); stages keep theirs in the Stage. */
    private Map<String, String> taggable(String arn) {
        String prefix = "arn:aws:apigateway:" + region + "::/apis/";
        if (!arn.startsWith(prefix) || arn.substring(prefix.length()).contains("/")) {
            throw error(NotFoundException.builder(), 404, "NotFoundException", "Invalid resource ARN specified " + arn);
        }
        return api(arn.substring(prefix.length())).tags;
    }

    // ================================================================== helpers

    static String endpoint(FakeAws.HttpApi a) {
        return (a.protocolType.equals("WEBSOCKET") ? "wss://" : "https://") + a.id + ".execute-api." + a.region
                + ".amazonaws.com";
    }

    private static Api model(FakeAws.HttpApi a) {
        return Api.builder()
                .apiId(a.id)
                .name(a.name)
                .protocolType(a.protocolType)
                .apiEndpoint(endpoint(a))
                .description(a.description)
                .version(a.version)
                .routeSelectionExpression(a.routeSelectionExpression)
                .apiKeySelectionExpression(a.apiKeySelectionExpression)
                .disableExecuteApiEndpoint(a.disableExecuteApiEndpoint)
                .ipAddressType("ipv4")
                .createdDate(a.created)
                .tags(new LinkedHashMap<>(a.tags))
                .build();
    }

    private FakeAws.HttpApi api(String id) {
        FakeAws.HttpApi a = w.apis.get(id);
        if (a == null || !a.region.equals(region)) {
            throw error(NotFoundException.builder(), 404, "NotFoundException",
                    "Invalid API identifier specified " + FakeAws.ACCOUNT + ":" + id);
        }
        return a;
    }

    private Integration integration(FakeAws.HttpApi a, String id) {
        Integration i = a.integrations.get(id);
        if (i == null) {
            throw error(NotFoundException.builder(), 404, "NotFoundException",
                    "Invalid Integration identifier specified");
        }
        return i;
    }

    private Route route(FakeAws.HttpApi a, String id) {
        Route r = a.routes.get(id);
        if (r == null) {
            throw error(NotFoundException.builder(), 404, "NotFoundException", "Invalid Route identifier specified");
        }
        return r;
    }

    private Stage stage(FakeAws.HttpApi a, String name) {
        Stage s = a.stages.get(name);
        if (s == null) {
            throw error(NotFoundException.builder(), 404, "NotFoundException",
                    "Invalid stage identifier specified");
        }
        return s;
    }

    private String resource(String path) {
        return "arn:aws:apigateway:" + region + "::" + path;
    }

    private record Page<T>(List<T> items, String next) {
    }

    /** Paging: MaxResults is a string in this API; NextToken opaque (here the index of the next item). */
    private <T> Page<T> page(List<T> all, String nextToken, String maxResults) {
        int max = 100;
        if (maxResults != null) {
            try {
                max = Integer.parseInt(maxResults);
            } catch (NumberFormatException e) {
                throw badRequest("Invalid MaxResults value specified: " + maxResults);
            }
            if (max < 1 || max > 500) {
                throw badRequest("Invalid MaxResults value specified: " + maxResults);
            }
        }
        int start = 0;
        if (nextToken != null) {
            try {
                start = Integer.parseInt(new String(Base64.getDecoder().decode(nextToken), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw badRequest("Invalid NextToken specified");
            }
        }
        int end = Math.min(all.size(), start + max);
        return new Page<>(new ArrayList<>(all.subList(Math.min(start, end), end)), end < all.size()
                ? Base64.getEncoder().encodeToString(String.valueOf(end).getBytes(StandardCharsets.UTF_8)) : null);
    }

    /** A member the API reference marks required, left out: 400 BadRequestException. */
    private String require(String value, String member) {
        if (value == null) {
            throw badRequest("1 validation error detected: Value null at '" + member + "' failed to satisfy constraint: "
                    + "Member must not be null");
        }
        return value;
    }

    private AwsServiceException badRequest(String message) {
        return error(BadRequestException.builder(), 400, "BadRequestException", message);
    }

    private AwsServiceException error(AwsServiceException.Builder b, int status, String code, String message) {
        return w.error(b, "ApiGatewayV2", status, code, message);
    }

    private void open() {
        if (closed) {
            throw new IllegalStateException("Connection pool shut down");
        }
    }
}
