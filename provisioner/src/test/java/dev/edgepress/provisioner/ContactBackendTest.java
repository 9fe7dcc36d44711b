package dev.edgepress.provisioner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgepress.contact.ContactConfig;
import dev.edgepress.provisioner.aws.AwsServices;
import dev.edgepress.provisioner.fake.FakeAws;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudfront.model.CacheBehavior;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.cloudfront.model.Origin;

/**
 * The contact form's backend, made by provision when the site has {@code contact}: SES identity
 * with DKIM in the zone, the role, the function, the HTTP API, and the distribution's {@code /api/*}
 * behaviour with the origin secret; against the same in-memory AWS as the rest of provisioning.
 */
class ContactBackendTest {

  @TempDir Path dir;
  FakeAws aws;
  String zone;
  Path zip;

  @BeforeEach
  void account() throws IOException {
    aws = new FakeAws();
    zone = aws.addHostedZone("example.com", false);
    zip = zip("dev/edgepress/contact/LambdaHandler.class", "v1");
  }

  Path zip(String entry, String content) throws IOException {
    Path file = dir.resolve("lambda-" + content + ".zip");
    try (OutputStream out = Files.newOutputStream(file); ZipOutputStream z = new ZipOutputStream(out)) {
      ZipEntry e = new ZipEntry(entry);
      e.setTime(0);
      z.putNextEntry(e);
      z.write(content.getBytes());
      z.closeEntry();
    }
    return file;
  }

  SiteSpec spec(Path functionPackage) {
    return SiteSpec.builder("example.com", "eu-west-1").aliases(List.of("www.example.com"))
        .contact(Optional.of(new ContactSpec("me@example.org", "contact@example.com", "[Contact]", 3, 1, 5, functionPackage)))
        .build();
  }

  ProvisionReport provision(Path functionPackage) {
    return Provisioner.builder(spec(functionPackage))
        .aws(new AwsServices(aws.sts(), aws.route53(), aws.acm(), aws.cloudFront(), aws.s3("eu-west-1"), aws.iam(),
            aws.lambda("eu-west-1"), aws.apiGateway("eu-west-1"), aws.sesv2("eu-west-1")))
        .pollInterval(Duration.ZERO).reportFile(dir.resolve("provision-report.json")).build().provision();
  }

  DistributionConfig config() {
    var d = aws.cloudFront().listDistributions(r -> r.maxItems("100")).distributionList().items().get(0);
    return aws.cloudFront().getDistributionConfig(r -> r.id(d.id())).distributionConfig();
  }

  @Test
  void theWholeBackendIsMadeThenASecondRunChangesNothingAndDestroyRemovesIt() throws Exception {
    ProvisionReport report = provision(zip);
    assertThat(report.complete()).isTrue();

    // The function: java21 on arm64, settings from configuration only, a secret shared with CloudFront.
    var function = aws.lambda("eu-west-1").getFunctionConfiguration(r -> r.functionName("edgepress-contact-example-com"));
    assertThat(function.runtimeAsString()).isEqualTo("java21");
    assertThat(function.architecturesAsStrings()).containsExactly("arm64");
    Map<String, String> env = function.environment().variables();
    assertThat(env).containsEntry(ContactConfig.ENV_TO, "me@example.org").containsEntry(ContactConfig.ENV_FROM, "contact@example.com")
        .containsEntry(ContactConfig.ENV_SITE_ORIGINS, "https://example.com,https://www.example.com");
    String secret = env.get(ContactConfig.ENV_ORIGIN_SECRET);
    assertThat(secret).hasSizeGreaterThanOrEqualTo(32);

    // The role: trusted by Lambda, allowed to send as the sender only.
    var role = aws.iam().getRole(r -> r.roleName("edgepress-contact-example-com")).role();
    assertThat(java.net.URLDecoder.decode(role.assumeRolePolicyDocument(), "UTF-8")).contains("lambda.amazonaws.com");
    String policy = java.net.URLDecoder.decode(aws.iam().getRolePolicy(r -> r.roleName("edgepress-contact-example-com")
        .policyName("edgepress-contact")).policyDocument(), "UTF-8");
    assertThat(policy).contains("ses:SendEmail").contains("\"ses:FromAddress\": \"contact@example.com\"")
        .doesNotContain("\"Resource\": \"*\"");

    // The API: one route, throttled, and a permission scoped to it.
    var api = aws.apiGateway("eu-west-1").getApis(r -> r.maxResults("10")).items().get(0);
    assertThat(aws.apiGateway("eu-west-1").getRoutes(r -> r.apiId(api.apiId())).items())
        .extracting(rt -> rt.routeKey()).containsExactly("POST /api/contact");
    var stage = aws.apiGateway("eu-west-1").getStage(r -> r.apiId(api.apiId()).stageName("$default"));
    assertThat(stage.defaultRouteSettings().throttlingRateLimit()).isEqualTo(1.0);
    assertThat(stage.defaultRouteSettings().throttlingBurstLimit()).isEqualTo(5);
    assertThat(aws.lambda("eu-west-1").getPolicy(r -> r.functionName("edgepress-contact-example-com")).policy())
        .contains("apigateway.amazonaws.com").contains(":" + api.apiId() + "/*/*");

    // CloudFront: /api/* to the API, never cached, POST allowed, with the secret; no directory rewriting there.
    DistributionConfig config = config();
    Origin origin = config.origins().items().stream().filter(o -> o.domainName().contains("execute-api")).findFirst().orElseThrow();
    assertThat(origin.domainName()).isEqualTo(api.apiId() + ".execute-api.eu-west-1.amazonaws.com");
    assertThat(origin.customOriginConfig().originProtocolPolicyAsString()).isEqualTo("https-only");
    assertThat(origin.customHeaders().items()).singleElement().satisfies(h -> {
      assertThat(h.headerName()).isEqualTo(ContactConfig.ORIGIN_SECRET_HEADER);
      assertThat(h.headerValue()).isEqualTo(secret);
    });
    CacheBehavior api1 = config.cacheBehaviors().items().get(0);
    assertThat(api1.pathPattern()).isEqualTo("/api/*");
    assertThat(api1.cachePolicyId()).isEqualTo("4135ea2d-6df8-44a3-9df3-4b5a84be39ad");
    assertThat(api1.originRequestPolicyId()).isEqualTo("b689b0a8-53d0-40ab-baf2-68738e2966ac");
    assertThat(api1.allowedMethods().itemsAsStrings()).contains("POST");
    assertThat(api1.functionAssociations().items()).isEmpty();

    // SES: the domain with DKIM in the zone; in the sandbox the recipient must confirm.
    assertThat(aws.records(zone)).filteredOn(r -> r.name().contains("._domainkey.")).hasSize(3);
    assertThat(report.change("mail-identity").orElseThrow().differences())
        .anyMatch(d -> d.contains("me@example.org") && d.contains("must click the link"));
    String json = Files.readString(dir.resolve("provision-report.json"));
    assertThat(json).doesNotContain(secret).doesNotContain(env.get(ContactConfig.ENV_SIGNING_KEY));

    aws.clearCalls();
    ProvisionReport again = provision(zip);
    assertThat(aws.mutatingCalls()).isEmpty();
    assertThat(again.complete()).isTrue();

    ProvisionReport gone = Provisioner.builder(spec(zip))
        .aws(new AwsServices(aws.sts(), aws.route53(), aws.acm(), aws.cloudFront(), aws.s3("eu-west-1"), aws.iam(),
            aws.lambda("eu-west-1"), aws.apiGateway("eu-west-1"), aws.sesv2("eu-west-1")))
        .pollInterval(Duration.ZERO).build().destroy("example.com");
    assertThat(gone.complete()).isTrue();
    assertThat(aws.apiGateway("eu-west-1").getApis(r -> r.maxResults("10")).items()).isEmpty();
    assertThat(aws.iam().listRoles().roles()).isEmpty();
    assertThat(aws.records(zone)).noneMatch(r -> r.name().contains("._domainkey."));
  }

  /** A run that fails at any step of the backend is finished by the next, with nothing made twice. */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"ses:CreateEmailIdentity", "iam:CreateRole",
      "iam:PutRolePolicy", "lambda:CreateFunction", "apigateway:CreateApi", "apigateway:CreateIntegration",
      "apigateway:CreateRoute", "apigateway:CreateStage", "lambda:AddPermission", "cloudfront:CreateDistribution"})
  void aRunThatFailsAtAnyBackendStepIsFinishedByTheNext(String action) {
    aws.failNext(action);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> provision(zip)).isNotNull();
    assertThat(provision(zip).complete()).isTrue();
    assertThat(aws.apiGateway("eu-west-1").getApis(r -> r.maxResults("10")).items()).hasSize(1);
    assertThat(aws.lambdaFunctions()).hasSize(1);
    aws.clearCalls();
    provision(zip);
    assertThat(aws.mutatingCalls()).isEmpty();
  }

  @Test
  void newCodeIsUploadedOnlyWhenItsHashChangedAndTheSecretIsKept() throws Exception {
    provision(zip);
    String secret = aws.lambda("eu-west-1").getFunctionConfiguration(r -> r.functionName("edgepress-contact-example-com"))
        .environment().variables().get(ContactConfig.ENV_ORIGIN_SECRET);
    aws.clearCalls();
    provision(zip("dev/edgepress/contact/LambdaHandler.class", "v2"));
    assertThat(aws.mutatingCalls()).containsExactly("lambda:UpdateFunctionCode");
    assertThat(aws.lambda("eu-west-1").getFunctionConfiguration(r -> r.functionName("edgepress-contact-example-com"))
        .environment().variables().get(ContactConfig.ENV_ORIGIN_SECRET)).isEqualTo(secret);
  }
}
