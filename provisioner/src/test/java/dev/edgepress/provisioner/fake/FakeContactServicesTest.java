package dev.edgepress.provisioner.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.BadRequestException;
import software.amazon.awssdk.services.apigatewayv2.model.ConflictException;
import software.amazon.awssdk.services.apigatewayv2.model.CreateApiResponse;
import software.amazon.awssdk.services.apigatewayv2.model.GetApisResponse;
import software.amazon.awssdk.services.apigatewayv2.model.NotFoundException;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.CacheBehavior;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.cloudfront.model.InvalidArgumentException;
import software.amazon.awssdk.services.cloudfront.model.Method;
import software.amazon.awssdk.services.cloudfront.model.Origin;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Architecture;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.lambda.model.State;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.AlreadyExistsException;
import software.amazon.awssdk.services.sesv2.model.CreateEmailIdentityResponse;
import software.amazon.awssdk.services.sesv2.model.DkimStatus;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

/** The contact form's services in the fake, through the SDK interfaces: the behaviours provisioning relies on. */
class FakeContactServicesTest {

    private static final String TRUST = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
            + "\"Principal\": {\"Service\": \"lambda.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}]}";
    private static final String SEND = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
            + "\"Action\": \"ses:SendEmail\", \"Resource\": \"arn:aws:ses:eu-west-1:123456789012:identity/example.com\"}]}";

    private final FakeAws aws = new FakeAws();
    private final IamClient iam = aws.iam();
    private final LambdaClient lambda = aws.lambda("eu-west-1");
    private final ApiGatewayV2Client apis = aws.apiGateway("eu-west-1");
    private final SesV2Client ses = aws.sesv2("eu-west-1");

    @Test
    void aNewRoleIsRefusedByLambdaUntilItHasPropagatedAndIamAnswersPoliciesUrlEncoded() {
        String roleArn = role("contact");
        assertThat(roleArn).isEqualTo("arn:aws:iam::123456789012:role/contact");
        assertThatThrownBy(() -> role("CONTACT")).as("role names ignore case")
                .isInstanceOfSatisfying(EntityAlreadyExistsException.class, e -> assertThat(e.statusCode()).isEqualTo(409));

        String encoded = iam.getRole(r -> r.roleName("contact")).role().assumeRolePolicyDocument();
        assertThat(encoded).startsWith("%7B%22Version%22%3A%20%222012-10-17%22").doesNotContain("+");
        assertThat(URLDecoder.decode(encoded, StandardCharsets.UTF_8)).isEqualTo(TRUST);
        iam.putRolePolicy(r -> r.roleName("contact").policyName("send").policyDocument(SEND));
        assertThat(URLDecoder.decode(iam.getRolePolicy(r -> r.roleName("contact").policyName("send")).policyDocument(),
                StandardCharsets.UTF_8)).isEqualTo(SEND);
        assertThat(aws.rolePolicy("contact", "send")).isEqualTo(SEND);

        aws.clearCalls();
        assertThatThrownBy(() -> lambda.createFunction(function("contact", roleArn, zip("v1"))))
                .isInstanceOfSatisfying(InvalidParameterValueException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("The role defined for the function cannot be assumed by Lambda.");
                });
        lambda.createFunction(function("contact", roleArn, zip("v1")));
        assertThat(aws.calls()).containsExactly("lambda:CreateFunction", "iam:PassRole", "lambda:CreateFunction",
                "iam:PassRole");
        assertThat(aws.mutatingCalls()).containsExactly("lambda:CreateFunction", "lambda:CreateFunction");

        assertThatThrownBy(() -> iam.deleteRole(r -> r.roleName("contact")))
                .isInstanceOf(DeleteConflictException.class);
        iam.deleteRolePolicy(r -> r.roleName("contact").policyName("send"));
        iam.deleteRole(r -> r.roleName("contact"));
        assertThatThrownBy(() -> iam.getRole(r -> r.roleName("contact")))
                .isInstanceOfSatisfying(NoSuchEntityException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchEntity");
                });
    }

    @Test
    void aFunctionIsPendingThenActiveAndRefusesAnUpdateWhileTheLastIsInProgress() throws Exception {
        aws.roleCallsUntilAssumable = 0;
        byte[] v1 = zip("v1");
        var created = lambda.createFunction(function("contact", role("contact"), v1));
        assertThat(created.functionArn()).isEqualTo("arn:aws:lambda:eu-west-1:123456789012:function:contact");
        assertThat(created.state()).isEqualTo(State.PENDING);
        assertThat(created.codeSha256()).isEqualTo(Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(v1)));
        assertThat(created.codeSize()).isEqualTo(v1.length);
        assertThat(created.architectures()).containsExactly(Architecture.ARM64);

        assertThatThrownBy(() -> lambda.updateFunctionCode(r -> r.functionName("contact")
                .zipFile(SdkBytes.fromByteArray(zip("v2")))))
                .isInstanceOfSatisfying(ResourceConflictException.class, e -> assertThat(e.statusCode()).isEqualTo(409));
        // the SDK's own waiter, polling GetFunction
        assertThat(lambda.waiter().waitUntilFunctionActiveV2(r -> r.functionName("contact"),
                o -> o.backoffStrategyV2(BackoffStrategy.retryImmediately())).matched().response().orElseThrow()
                .configuration().state()).isEqualTo(State.ACTIVE);

        lambda.updateFunctionConfiguration(r -> r.functionName("contact").environment(e -> e.variables(Map.of("BB", "2"))));
        assertThatThrownBy(() -> lambda.updateFunctionCode(r -> r.functionName("contact")
                .zipFile(SdkBytes.fromByteArray(zip("v2")))))
                .isInstanceOfSatisfying(ResourceConflictException.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).isEqualTo("The operation cannot be performed at this time. An update is in "
                        + "progress for resource: arn:aws:lambda:eu-west-1:123456789012:function:contact"));
        lambda.waiter().waitUntilFunctionUpdatedV2(r -> r.functionName("contact"),
                o -> o.backoffStrategyV2(BackoffStrategy.retryImmediately()));
        var updated = lambda.updateFunctionCode(r -> r.functionName("contact")
                .zipFile(SdkBytes.fromByteArray(zip("v2"))));
        assertThat(updated.lastUpdateStatus()).isEqualTo(LastUpdateStatus.IN_PROGRESS);
        assertThat(updated.codeSha256()).isNotEqualTo(created.codeSha256());
        assertThat(aws.lambdaFunction("contact").environment()).as("Environment replaces the variables")
                .containsExactly(Map.entry("BB", "2"));

        assertThatThrownBy(() -> lambda.createFunction(function("contact", role("other"), v1)))
                .isInstanceOf(ResourceConflictException.class);
        assertThatThrownBy(() -> lambda.createFunction(function("notzip", "arn:aws:iam::123456789012:role/contact",
                "not a zip".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOfSatisfying(InvalidParameterValueException.class, e -> assertThat(e.getMessage())
                        .contains("Could not unzip uploaded file"));
        assertThatThrownBy(() -> aws.lambda("us-east-1").getFunctionConfiguration(r -> r.functionName("contact")))
                .as("functions are regional").isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void permissionsMakeTheResourcePolicyAsLambdaWritesIt() {
        aws.roleCallsUntilAssumable = 0;
        lambda.createFunction(function("contact", role("contact"), zip("v1")));
        assertThatThrownBy(() -> lambda.getPolicy(r -> r.functionName("contact")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.statusCode()).isEqualTo(404));

        String source = "arn:aws:execute-api:eu-west-1:123456789012:abcdef1234/*/*";
        lambda.addPermission(r -> r.functionName("contact").statementId("apigateway").action("lambda:InvokeFunction")
                .principal("apigateway.amazonaws.com").sourceArn(source));
        assertThat(lambda.getPolicy(r -> r.functionName("contact")).policy()).isEqualTo("{\"Version\":\"2012-10-17\","
                + "\"Id\":\"default\",\"Statement\":[{\"Sid\":\"apigateway\",\"Effect\":\"Allow\",\"Principal\":"
                + "{\"Service\":\"apigateway.amazonaws.com\"},\"Action\":\"lambda:InvokeFunction\",\"Resource\":"
                + "\"arn:aws:lambda:eu-west-1:123456789012:function:contact\",\"Condition\":{\"ArnLike\":"
                + "{\"AWS:SourceArn\":\"" + source + "\"}}}]}");
        assertThatThrownBy(() -> lambda.addPermission(r -> r.functionName("contact").statementId("apigateway")
                .action("lambda:InvokeFunction").principal("apigateway.amazonaws.com").sourceArn(source)))
                .isInstanceOfSatisfying(ResourceConflictException.class, e -> assertThat(e.statusCode()).isEqualTo(409));
        lambda.removePermission(r -> r.functionName("contact").statementId("apigateway"));
        assertThat(aws.lambdaPermissions("contact")).isEmpty();
    }

    @Test
    void anHttpApiRoutesOnePathToAnExistingFunction() {
        aws.roleCallsUntilAssumable = 0;
        String fn = lambda.createFunction(function("contact", role("contact"), zip("v1"))).functionArn();
        CreateApiResponse api = apis.createApi(r -> r.name("contact").protocolType("HTTP").tags(Map.of("site", "x")));
        assertThat(api.apiId()).matches("[a-z0-9]{10}");
        assertThat(api.apiEndpoint()).isEqualTo("https://" + api.apiId() + ".execute-api.eu-west-1.amazonaws.com");

        assertThatThrownBy(() -> apis.createIntegration(r -> r.apiId(api.apiId()).integrationType("AWS_PROXY")
                .integrationUri(fn.replace("contact", "missing")).payloadFormatVersion("2.0")))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
        assertThatThrownBy(() -> apis.createIntegration(r -> r.apiId(api.apiId()).integrationType("AWS_PROXY")
                .integrationUri(fn))).as("PayloadFormatVersion is required for HTTP APIs")
                .isInstanceOf(BadRequestException.class);
        String integration = apis.createIntegration(r -> r.apiId(api.apiId()).integrationType("AWS_PROXY")
                .integrationUri(fn).payloadFormatVersion("2.0")).integrationId();
        assertThat(apis.getIntegrations(r -> r.apiId(api.apiId())).items().get(0).integrationMethod()).isEqualTo("POST");

        apis.createRoute(r -> r.apiId(api.apiId()).routeKey("POST /api/contact").target("integrations/" + integration));
        assertThatThrownBy(() -> apis.createRoute(r -> r.apiId(api.apiId()).routeKey("POST /api/contact")))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.statusCode()).isEqualTo(409));
        assertThatThrownBy(() -> apis.createRoute(r -> r.apiId(api.apiId()).routeKey("GET /x").target("integrations/nope")))
                .isInstanceOf(BadRequestException.class);

        apis.createStage(r -> r.apiId(api.apiId()).stageName("$default").autoDeploy(true)
                .defaultRouteSettings(s -> s.throttlingBurstLimit(5).throttlingRateLimit(1.0)));
        assertThatThrownBy(() -> apis.createStage(r -> r.apiId(api.apiId()).stageName("$default")))
                .isInstanceOf(ConflictException.class);
        var stage = apis.getStage(r -> r.apiId(api.apiId()).stageName("$default"));
        assertThat(stage.defaultRouteSettings().throttlingBurstLimit()).isEqualTo(5);
        assertThat(stage.deploymentId()).isNotNull();
        apis.updateStage(r -> r.apiId(api.apiId()).stageName("$default").defaultRouteSettings(s -> s.throttlingRateLimit(2.0)));
        assertThat(aws.apis().get(0).stages().get(0).defaultRouteSettings().throttlingBurstLimit())
                .as("an update keeps what it leaves out").isEqualTo(5);

        apis.createApi(r -> r.name("second").protocolType("HTTP"));
        GetApisResponse first = apis.getApis(r -> r.maxResults("1"));
        assertThat(first.items()).hasSize(1);
        assertThat(apis.getApis(r -> r.maxResults("1").nextToken(first.nextToken())).items()).extracting(a -> a.name())
                .containsExactly("second");
        apis.deleteApi(r -> r.apiId(api.apiId()));
        assertThatThrownBy(() -> apis.getApi(r -> r.apiId(api.apiId())))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("Invalid API identifier specified 123456789012:" + api.apiId()));
    }

    @Test
    void apiGatewayIsAuthorisedByHttpVerbButRecordedByOperation() {
        aws.deny("apigateway:POST");
        assertThatThrownBy(() -> apis.createApi(r -> r.name("contact").protocolType("HTTP")))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorMessage()).contains("is not authorized to perform: apigateway:POST "
                            + "on resource: arn:aws:apigateway:eu-west-1::/apis");
                });
        apis.getApis(r -> { });
        assertThat(aws.calls()).containsExactly("apigateway:CreateApi", "apigateway:GetApis");
        assertThat(aws.mutatingCalls()).containsExactly("apigateway:CreateApi");
    }

    @Test
    void aDomainIsVerifiedOnceItsThreeDkimRecordsAreInTheZone() {
        String zone = aws.addHostedZone("example.com", false);
        CreateEmailIdentityResponse created = ses.createEmailIdentity(r -> r.emailIdentity("example.com"));
        List<String> tokens = created.dkimAttributes().tokens();
        assertThat(tokens).hasSize(3);
        assertThat(created.verifiedForSendingStatus()).isFalse();
        assertThatThrownBy(() -> ses.createEmailIdentity(r -> r.emailIdentity("example.com")))
                .isInstanceOfSatisfying(AlreadyExistsException.class, e -> assertThat(e.statusCode()).isEqualTo(400));

        for (String token : tokens.subList(0, 2)) {
            dkim(zone, token);
        }
        assertThat(ses.getEmailIdentity(r -> r.emailIdentity("example.com")).verifiedForSendingStatus()).isFalse();
        dkim(zone, tokens.get(2));
        var identity = ses.getEmailIdentity(r -> r.emailIdentity("example.com"));
        assertThat(identity.verifiedForSendingStatus()).isTrue();
        assertThat(identity.dkimAttributes().status()).isEqualTo(DkimStatus.SUCCESS);
        assertThat(aws.sesv2("us-east-1").listEmailIdentities(r -> { }).emailIdentities()).as("identities are regional")
                .isEmpty();
    }

    @Test
    void theSandboxSendsOnlyToConfirmedRecipients() {
        String zone = aws.addHostedZone("example.com", false);
        ses.createEmailIdentity(r -> r.emailIdentity("example.com")).dkimAttributes().tokens()
                .forEach(t -> dkim(zone, t));
        ses.createEmailIdentity(r -> r.emailIdentity("me@example.org"));
        assertThat(ses.getAccount(r -> { }).productionAccessEnabled()).isFalse();

        SendEmailRequest mail = SendEmailRequest.builder().fromEmailAddress("Contact form <contact@example.com>")
                .destination(d -> d.toAddresses("me@example.org")).replyToAddresses("visitor@example.net")
                .content(c -> c.simple(m -> m.subject(s -> s.data("[Contact] hi").charset("UTF-8"))
                        .body(b -> b.text(t -> t.data("Hello").charset("UTF-8"))))).build();
        assertThatThrownBy(() -> ses.sendEmail(mail))
                .isInstanceOfSatisfying(MessageRejectedException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Email address is not verified. The "
                            + "following identities failed the check in region EU-WEST-1: me@example.org");
                });
        aws.confirmEmail("me@example.org");
        aws.sendEmailThrottles = 1;
        assertThatThrownBy(() -> ses.sendEmail(mail))
                .isInstanceOfSatisfying(TooManyRequestsException.class, e -> assertThat(e.statusCode()).isEqualTo(429));
        ses.sendEmail(mail);
        assertThat(aws.sentEmails()).singleElement().satisfies(m -> {
            assertThat(m.to()).containsExactly("me@example.org");
            assertThat(m.replyTo()).containsExactly("visitor@example.net");
            assertThat(m.subject()).isEqualTo("[Contact] hi");
            assertThat(m.text()).isEqualTo("Hello");
        });

        aws.sesProductionAccess = true;
        ses.sendEmail(mail.toBuilder().destination(d -> d.toAddresses("anyone@example.net")).build());
        assertThatThrownBy(() -> ses.sendEmail(mail.toBuilder().fromEmailAddress("x@elsewhere.example").build()))
                .as("the sender must be verified even in production").isInstanceOf(MessageRejectedException.class);
    }

    @Test
    void cloudFrontTakesAnApiOriginWithASecretHeaderAndAnUncachedApiBehaviour() {
        CloudFrontClient cloudFront = aws.cloudFront();
        DistributionConfig config = withApi(List.of(Method.GET, Method.HEAD, Method.OPTIONS, Method.PUT, Method.PATCH,
                Method.POST, Method.DELETE), "X-Origin-Secret");
        String id = cloudFront.createDistribution(r -> r.distributionConfig(config)).distribution().id();
        DistributionConfig stored = cloudFront.getDistributionConfig(r -> r.id(id)).distributionConfig();
        assertThat(stored.cacheBehaviors().items().get(0).pathPattern()).isEqualTo("/api/*");
        assertThat(stored.origins().items().get(1).customHeaders().items().get(0).headerName())
                .isEqualTo("X-Origin-Secret");

        assertThatThrownBy(() -> cloudFront.createDistribution(r -> r.distributionConfig(withApi(List.of(Method.GET,
                Method.HEAD, Method.POST), "X-Origin-Secret").toBuilder().callerReference("ref-2").build())))
                .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.getMessage())
                        .contains("AllowedMethods"));
        assertThatThrownBy(() -> cloudFront.createDistribution(r -> r.distributionConfig(withApi(List.of(Method.GET,
                Method.HEAD), "Host").toBuilder().callerReference("ref-3").build())))
                .as("CloudFront does not add a Host header").isInstanceOf(InvalidArgumentException.class);
    }

    // ------------------------------------------------------------------ helpers

    private String role(String name) {
        return iam.createRole(r -> r.roleName(name).assumeRolePolicyDocument(TRUST)).role().arn();
    }

    private static CreateFunctionRequest function(String name, String role, byte[] zip) {
        return CreateFunctionRequest.builder().functionName(name).role(role).runtime(Runtime.JAVA21)
                .handler("dev.edgepress.contact.LambdaHandler::handleRequest").architectures(Architecture.ARM64)
                .memorySize(512).timeout(15).code(c -> c.zipFile(SdkBytes.fromByteArray(zip)))
                .environment(e -> e.variables(Map.of("AA", "1"))).build();
    }

    private static byte[] zip(String content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            ZipEntry e = new ZipEntry("Handler.class");
            e.setTime(0);
            z.putNextEntry(e);
            z.write(content.getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private void dkim(String zone, String token) {
        aws.route53().changeResourceRecordSets(r -> r.hostedZoneId(zone).changeBatch(b -> b.changes(c -> c
                .action(ChangeAction.UPSERT).resourceRecordSet(s -> s.name(token + "._domainkey.example.com")
                        .type(RRType.CNAME).ttl(1800L).resourceRecords(v -> v.value(token + ".dkim.amazonses.com"))))));
    }

    /** A site origin and an API Gateway origin, /api/* never cached and sent to the API. */
    private static DistributionConfig withApi(List<Method> allowed, String header) {
        Origin site = Origin.builder().id("site").domainName("origin.example.net")
                .customOriginConfig(c -> c.httpPort(80).httpsPort(443).originProtocolPolicy("https-only")).build();
        Origin api = Origin.builder().id("api").domainName("abcdef1234.execute-api.eu-west-1.amazonaws.com")
                .customOriginConfig(c -> c.httpPort(80).httpsPort(443).originProtocolPolicy("https-only")
                        .originSslProtocols(p -> p.quantity(1).itemsWithStrings("TLSv1.2")))
                .customHeaders(h -> h.quantity(1).items(i -> i.headerName(header).headerValue("s3cr3t"))).build();
        CacheBehavior toApi = CacheBehavior.builder().pathPattern("/api/*").targetOriginId("api")
                .viewerProtocolPolicy("https-only").cachePolicyId("4135ea2d-6df8-44a3-9df3-4b5a84be39ad")
                .originRequestPolicyId("b689b0a8-53d0-40ab-baf2-68738e2966ac").compress(false)
                .allowedMethods(m -> m.quantity(allowed.size()).items(allowed)
                        .cachedMethods(c -> c.quantity(2).items(Method.GET, Method.HEAD)))
                .build();
        return DistributionConfig.builder().callerReference("ref-1").comment("example.com").enabled(true)
                .origins(o -> o.quantity(2).items(site, api))
                .defaultCacheBehavior(b -> b.targetOriginId("site").viewerProtocolPolicy("redirect-to-https")
                        .cachePolicyId("658327ea-f89d-4fab-a63d-7e88639e58f6"))
                .cacheBehaviors(c -> c.quantity(1).items(toApi))
                .build();
    }
}
