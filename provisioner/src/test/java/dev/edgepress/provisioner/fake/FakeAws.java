package dev.edgepress.provisioner.fake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.UnaryOperator;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpFullResponse;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.ApiGatewayV2Exception;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.InternalServerException;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.Aliases;
import software.amazon.awssdk.services.cloudfront.model.CloudFrontException;
import software.amazon.awssdk.services.cloudfront.model.CustomOriginConfig;
import software.amazon.awssdk.services.cloudfront.model.DefaultCacheBehavior;
import software.amazon.awssdk.services.cloudfront.model.Distribution;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.cloudfront.model.Invalidation;
import software.amazon.awssdk.services.cloudfront.model.Origin;
import software.amazon.awssdk.services.cloudfront.model.OriginAccessControl;
import software.amazon.awssdk.services.cloudfront.model.OriginProtocolPolicy;
import software.amazon.awssdk.services.cloudfront.model.Origins;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicy;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicyConfig;
import software.amazon.awssdk.services.cloudfront.model.ViewerCertificate;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.ServiceFailureException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.Route53Exception;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.InternalServiceErrorException;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * An in-memory AWS account for the provisioner's tests: Route 53, ACM, S3, CloudFront and STS, and for the contact
 * form's backend IAM, Lambda, API Gateway v2 (HTTP APIs) and SES v2, behind the real SDK v2 client interfaces, all
 * sharing this one world so that the services agree with each other (ACM validates against the Route 53 records,
 * CloudFront checks ACM certificates, functions, policies and origin access controls, Route 53 alias records check the
 * CloudFront distributions, Lambda checks its IAM role, API Gateway its Lambda function, SES its DKIM records in Route
 * 53).
 *
 * <h2>Why this fidelity is enough</h2>
 * The fakes replace the SDK client, not the HTTP endpoint. That is deliberate: the SDK's marshalling, signing, retries
 * and unmarshalling are generated from the service models and trusted; re-testing them would only test the SDK. What
 * provisioning code gets wrong is elsewhere, and that is what these fakes check:
 * <ul>
 * <li>the <em>content</em> of the requests: required fields (CloudFront answers {@code MalformedXML} "Value null at
 * ..."), a {@code Quantity} on every list wrapper that matches its items ({@code InconsistentQuantities}), IfMatch and
 * ETags, names and ids in the right form (bare Route 53 ids, trailing dots), and the rules that span services (an alias
 * needs an ISSUED us-east-1 certificate that covers it, a CNAME can be on one distribution only, a function must be
 * published before it is associated, an origin access control cannot be deleted while in use...);</li>
 * <li>the behaviour <em>over time</em>: ACM shows validation records only after a few DescribeCertificate calls and
 * issues the certificate only once the CNAMEs are in the zone, Route 53 changes are PENDING before INSYNC, CloudFront is
 * InProgress before Deployed, a new IAM role is refused by Lambda ("cannot be assumed") for a call or two, a Lambda
 * function is Pending before Active and InProgress after an update, an SES domain is verified only once its three DKIM
 * CNAMEs are in the zone and, in the sandbox, mail goes only to confirmed addresses. Time is counted in calls (see the
 * public knobs), so the tests stay fast and
 * deterministic while still proving that the code polls instead of assuming;</li>
 * <li>failures as the SDK surfaces them: the modelled exception subclass (or the service's base exception) with the
 * HTTP status, the wire error code in {@link AwsErrorDetails#errorCode()}, AWS's message text and service name, so
 * that code catching {@code CnameAlreadyExistsException} or checking {@code errorCode()} behaves as against AWS.
 * Client-side SDK checks that never reach AWS (a null path parameter, an invalid bucket name for CreateBucket) throw
 * what the SDK throws and are not recorded as calls.</li>
 * </ul>
 * The same provisioner code also runs against an independent AWS emulator; where the two disagree, the AWS API
 * reference decides.
 *
 * <h2>Ids</h2>
 * The SDK v2 Route 53 client strips the {@code /hostedzone/} and {@code /change/} prefixes from the ids it returns
 * (its {@code Route53IdInterceptor}), so by default the fake returns bare ids too. Set {@link #wireFormatRoute53Ids} to
 * get the prefixed wire form (what other SDKs and the CLI show) and prove that the code normalises. Ids are
 * deterministic for a given sequence of calls.
 *
 * <h2>Eventual consistency knobs</h2>
 * Each knob is the number of calls that still answer the "not yet" state; the next call answers the final state. With
 * {@code getsUntilDeployed = 2}, the first two GetDistribution calls after a change answer InProgress and the third
 * answers Deployed. Set a knob to 0 to make the change visible at once.
 *
 * <h2>Regions</h2>
 * IAM, CloudFront and Route 53 are global. Lambda, API Gateway and SES keep the region of each resource: a client made
 * with {@code lambda("us-east-1")} does not see the functions of {@code lambda("eu-west-1")}. The clients without a
 * region argument are in {@link #DEFAULT_REGION}.
 *
 * <h2>IAM action names</h2>
 * {@link #calls()} records the IAM action that authorises each call ("lambda:UpdateFunctionCode"). Two exceptions:
 * <ul>
 * <li>API Gateway's IAM actions are HTTP verbs on resource paths ({@code apigateway:POST} on
 * {@code arn:aws:apigateway:REGION::/apis}), which would make a list of calls unreadable. The fake records the SDK
 * operation instead ("apigateway:CreateApi", "apigateway:GetRoutes") and authorises the verb: {@code deny} accepts
 * either ("apigateway:POST" denies every create, "apigateway:CreateRoute" one operation), and the AccessDenied message
 * names the verb, as AWS does.</li>
 * <li>Lambda CreateFunction (and UpdateFunctionConfiguration with a Role) also needs {@code iam:PassRole} on the role:
 * it is recorded after the Lambda action, as a separate entry, and is not a mutating call.</li>
 * </ul>
 *
 * <h2>Thread safety</h2>
 * Every operation synchronises on this world.
 */
public final class FakeAws {

    public static final String ACCOUNT = "123456789012";
    public static final String PRINCIPAL_ARN = "arn:aws:iam::" + ACCOUNT + ":user/tester";
    public static final String USER_ID = "AIDAZFAKEUSERTESTER01";
    /** The hosted zone id of every CloudFront distribution, for Route 53 alias records. */
    public static final String CLOUDFRONT_HOSTED_ZONE_ID = "Z2FDTNDATAQYW2";
    /** CloudFront only accepts ACM certificates from this region. */
    public static final String CERTIFICATE_REGION = "us-east-1";
    /** The managed response headers policy "Managed-SecurityHeadersPolicy". */
    public static final String MANAGED_SECURITY_HEADERS_POLICY_ID = "67f7725c-6f97-4210-82d7-5512b31e9d03";
    /** The region of the Lambda, API Gateway and SES clients made without a region argument. */
    public static final String DEFAULT_REGION = "eu-west-1";

    // ------------------------------------------------------------------ knobs

    /** DescribeCertificate calls (per certificate) that still show no ResourceRecord in DomainValidationOptions. */
    public int describesUntilValidationRecords = 2;
    /** GetDistribution calls (per distribution, counted from its last change) that still answer InProgress. */
    public int getsUntilDeployed = 2;
    /** GetChange calls (per change) that still answer PENDING. */
    public int getChangesUntilInsync = 1;
    /** If true, Route 53 returns "/hostedzone/Z..." and "/change/C..." as on the wire, instead of the SDK's bare ids. */
    public boolean wireFormatRoute53Ids = false;
    /**
     * False: the registrar's name servers are not the zones' (wrong delegation, the usual cause of a
     * stuck validation), so ACM never sees the validation records and the certificate stays pending.
     */
    public boolean zonesDelegated = true;
    /**
     * Lambda calls naming a role (CreateFunction, UpdateFunctionConfiguration with a Role) that still answer
     * InvalidParameterValueException "The role defined for the function cannot be assumed by Lambda." after the role
     * was made or its trust policy changed: IAM is eventually consistent, and this is the known race of a new role. A
     * role that does not trust lambda.amazonaws.com is never assumable.
     */
    public int roleCallsUntilAssumable = 1;
    /** GetFunction or GetFunctionConfiguration calls (per function) that still answer State Pending after the creation. */
    public int getsUntilActive = 1;
    /**
     * GetFunction or GetFunctionConfiguration calls (per function) that still answer LastUpdateStatus InProgress after
     * UpdateFunctionCode or UpdateFunctionConfiguration; meanwhile a further update answers ResourceConflictException.
     */
    public int getsUntilUpdated = 1;
    /** False (the default, as for a new account): SES is in the sandbox and sends only to verified identities. */
    public boolean sesProductionAccess = false;
    /** The next this many SES SendEmail calls answer TooManyRequestsException (429) and send nothing. */
    public int sendEmailThrottles = 0;

    // ------------------------------------------------------------------ the IAM action table

    /**
     * SDK operation -> the names recorded in {@link #calls()} and the IAM actions that authorise it. One row per
     * operation the fakes implement: {operation, recorded names, IAM actions (if different from the recorded ones)}.
     */
    private static final String[][] ACTION_TABLE = {
        // STS
        {"sts:GetCallerIdentity", "sts:GetCallerIdentity"},
        // Route 53
        {"route53:ListHostedZones", "route53:ListHostedZones"},
        {"route53:GetHostedZone", "route53:GetHostedZone"},
        {"route53:ListResourceRecordSets", "route53:ListResourceRecordSets"},
        {"route53:ChangeResourceRecordSets", "route53:ChangeResourceRecordSets"},
        {"route53:GetChange", "route53:GetChange"},
        // ACM
        {"acm:RequestCertificate", "acm:RequestCertificate"},
        {"acm:DescribeCertificate", "acm:DescribeCertificate"},
        {"acm:ListCertificates", "acm:ListCertificates"},
        {"acm:ListTagsForCertificate", "acm:ListTagsForCertificate"},
        {"acm:AddTagsToCertificate", "acm:AddTagsToCertificate"},
        {"acm:RemoveTagsFromCertificate", "acm:RemoveTagsFromCertificate"},
        {"acm:DeleteCertificate", "acm:DeleteCertificate"},
        // S3
        {"s3:HeadBucket", "s3:HeadBucket", "s3:ListBucket"},
        {"s3:CreateBucket", "s3:CreateBucket"},
        {"s3:DeleteBucket", "s3:DeleteBucket"},
        {"s3:GetBucketLocation", "s3:GetBucketLocation"},
        {"s3:GetPublicAccessBlock", "s3:GetBucketPublicAccessBlock"},
        {"s3:PutPublicAccessBlock", "s3:PutBucketPublicAccessBlock"},
        {"s3:GetBucketOwnershipControls", "s3:GetBucketOwnershipControls"},
        {"s3:PutBucketOwnershipControls", "s3:PutBucketOwnershipControls"},
        {"s3:GetBucketEncryption", "s3:GetEncryptionConfiguration"},
        {"s3:PutBucketEncryption", "s3:PutEncryptionConfiguration"},
        {"s3:GetBucketPolicy", "s3:GetBucketPolicy"},
        {"s3:PutBucketPolicy", "s3:PutBucketPolicy"},
        {"s3:DeleteBucketPolicy", "s3:DeleteBucketPolicy"},
        {"s3:GetBucketTagging", "s3:GetBucketTagging"},
        {"s3:PutBucketTagging", "s3:PutBucketTagging"},
        {"s3:PutObject", "s3:PutObject"},
        {"s3:ListObjectsV2", "s3:ListBucket"},
        {"s3:DeleteObjects", "s3:DeleteObject"},
        // CloudFront: distributions
        {"cloudfront:CreateDistribution", "cloudfront:CreateDistribution"},
        {"cloudfront:CreateDistributionWithTags", "cloudfront:CreateDistribution cloudfront:TagResource"},
        {"cloudfront:GetDistribution", "cloudfront:GetDistribution"},
        {"cloudfront:GetDistributionConfig", "cloudfront:GetDistributionConfig"},
        {"cloudfront:UpdateDistribution", "cloudfront:UpdateDistribution"},
        {"cloudfront:DeleteDistribution", "cloudfront:DeleteDistribution"},
        {"cloudfront:ListDistributions", "cloudfront:ListDistributions"},
        {"cloudfront:ListTagsForResource", "cloudfront:ListTagsForResource"},
        {"cloudfront:TagResource", "cloudfront:TagResource"},
        {"cloudfront:UntagResource", "cloudfront:UntagResource"},
        {"cloudfront:CreateInvalidation", "cloudfront:CreateInvalidation"},
        {"cloudfront:GetInvalidation", "cloudfront:GetInvalidation"},
        // CloudFront: origin access controls
        {"cloudfront:ListOriginAccessControls", "cloudfront:ListOriginAccessControls"},
        {"cloudfront:CreateOriginAccessControl", "cloudfront:CreateOriginAccessControl"},
        {"cloudfront:GetOriginAccessControl", "cloudfront:GetOriginAccessControl"},
        {"cloudfront:GetOriginAccessControlConfig", "cloudfront:GetOriginAccessControlConfig"},
        {"cloudfront:UpdateOriginAccessControl", "cloudfront:UpdateOriginAccessControl"},
        {"cloudfront:DeleteOriginAccessControl", "cloudfront:DeleteOriginAccessControl"},
        // CloudFront: functions
        {"cloudfront:CreateFunction", "cloudfront:CreateFunction"},
        {"cloudfront:DescribeFunction", "cloudfront:DescribeFunction"},
        {"cloudfront:GetFunction", "cloudfront:GetFunction"},
        {"cloudfront:UpdateFunction", "cloudfront:UpdateFunction"},
        {"cloudfront:PublishFunction", "cloudfront:PublishFunction"},
        {"cloudfront:ListFunctions", "cloudfront:ListFunctions"},
        {"cloudfront:DeleteFunction", "cloudfront:DeleteFunction"},
        // CloudFront: response headers policies
        {"cloudfront:ListResponseHeadersPolicies", "cloudfront:ListResponseHeadersPolicies"},
        {"cloudfront:CreateResponseHeadersPolicy", "cloudfront:CreateResponseHeadersPolicy"},
        {"cloudfront:GetResponseHeadersPolicy", "cloudfront:GetResponseHeadersPolicy"},
        {"cloudfront:GetResponseHeadersPolicyConfig", "cloudfront:GetResponseHeadersPolicyConfig"},
        {"cloudfront:UpdateResponseHeadersPolicy", "cloudfront:UpdateResponseHeadersPolicy"},
        {"cloudfront:DeleteResponseHeadersPolicy", "cloudfront:DeleteResponseHeadersPolicy"},
        // IAM (global)
        {"iam:CreateRole", "iam:CreateRole"},
        {"iam:GetRole", "iam:GetRole"},
        {"iam:ListRoles", "iam:ListRoles"},
        {"iam:UpdateAssumeRolePolicy", "iam:UpdateAssumeRolePolicy"},
        {"iam:UpdateRole", "iam:UpdateRole"},
        {"iam:DeleteRole", "iam:DeleteRole"},
        {"iam:PutRolePolicy", "iam:PutRolePolicy"},
        {"iam:GetRolePolicy", "iam:GetRolePolicy"},
        {"iam:DeleteRolePolicy", "iam:DeleteRolePolicy"},
        {"iam:ListRolePolicies", "iam:ListRolePolicies"},
        {"iam:ListAttachedRolePolicies", "iam:ListAttachedRolePolicies"},
        {"iam:TagRole", "iam:TagRole"},
        {"iam:UntagRole", "iam:UntagRole"},
        {"iam:ListRoleTags", "iam:ListRoleTags"},
        // Lambda (iam:PassRole is recorded by passRole(), see the class comment)
        {"lambda:CreateFunction", "lambda:CreateFunction"},
        {"lambda:GetFunction", "lambda:GetFunction"},
        {"lambda:GetFunctionConfiguration", "lambda:GetFunctionConfiguration"},
        {"lambda:ListFunctions", "lambda:ListFunctions"},
        {"lambda:UpdateFunctionCode", "lambda:UpdateFunctionCode"},
        {"lambda:UpdateFunctionConfiguration", "lambda:UpdateFunctionConfiguration"},
        {"lambda:DeleteFunction", "lambda:DeleteFunction"},
        {"lambda:AddPermission", "lambda:AddPermission"},
        {"lambda:RemovePermission", "lambda:RemovePermission"},
        {"lambda:GetPolicy", "lambda:GetPolicy"},
        {"lambda:ListTags", "lambda:ListTags"},
        {"lambda:TagResource", "lambda:TagResource"},
        {"lambda:UntagResource", "lambda:UntagResource"},
        // API Gateway v2: recorded by SDK operation, authorised by HTTP verb (see the class comment)
        {"apigateway:CreateApi", "apigateway:CreateApi", "apigateway:POST"},
        {"apigateway:GetApis", "apigateway:GetApis", "apigateway:GET"},
        {"apigateway:GetApi", "apigateway:GetApi", "apigateway:GET"},
        {"apigateway:UpdateApi", "apigateway:UpdateApi", "apigateway:PATCH"},
        {"apigateway:DeleteApi", "apigateway:DeleteApi", "apigateway:DELETE"},
        {"apigateway:CreateIntegration", "apigateway:CreateIntegration", "apigateway:POST"},
        {"apigateway:GetIntegrations", "apigateway:GetIntegrations", "apigateway:GET"},
        {"apigateway:GetIntegration", "apigateway:GetIntegration", "apigateway:GET"},
        {"apigateway:UpdateIntegration", "apigateway:UpdateIntegration", "apigateway:PATCH"},
        {"apigateway:DeleteIntegration", "apigateway:DeleteIntegration", "apigateway:DELETE"},
        {"apigateway:CreateRoute", "apigateway:CreateRoute", "apigateway:POST"},
        {"apigateway:GetRoutes", "apigateway:GetRoutes", "apigateway:GET"},
        {"apigateway:GetRoute", "apigateway:GetRoute", "apigateway:GET"},
        {"apigateway:UpdateRoute", "apigateway:UpdateRoute", "apigateway:PATCH"},
        {"apigateway:DeleteRoute", "apigateway:DeleteRoute", "apigateway:DELETE"},
        {"apigateway:CreateStage", "apigateway:CreateStage", "apigateway:POST"},
        {"apigateway:GetStages", "apigateway:GetStages", "apigateway:GET"},
        {"apigateway:GetStage", "apigateway:GetStage", "apigateway:GET"},
        {"apigateway:UpdateStage", "apigateway:UpdateStage", "apigateway:PATCH"},
        {"apigateway:DeleteStage", "apigateway:DeleteStage", "apigateway:DELETE"},
        {"apigateway:GetTags", "apigateway:GetTags", "apigateway:GET"},
        {"apigateway:TagResource", "apigateway:TagResource", "apigateway:POST"},
        {"apigateway:UntagResource", "apigateway:UntagResource", "apigateway:DELETE"},
        // SES v2
        {"ses:CreateEmailIdentity", "ses:CreateEmailIdentity"},
        {"ses:GetEmailIdentity", "ses:GetEmailIdentity"},
        {"ses:ListEmailIdentities", "ses:ListEmailIdentities"},
        {"ses:DeleteEmailIdentity", "ses:DeleteEmailIdentity"},
        {"ses:GetAccount", "ses:GetAccount"},
        {"ses:SendEmail", "ses:SendEmail"},
        {"ses:TagResource", "ses:TagResource"},
        {"ses:UntagResource", "ses:UntagResource"},
        {"ses:ListTagsForResource", "ses:ListTagsForResource"},
    };

    /** Recorded names that authorise without changing anything, though their names do not say so. */
    private static final Set<String> NOT_MUTATING = Set.of("iam:PassRole");

    private record Action(List<String> recorded, List<String> authorised) {
    }

    private static final Map<String, Action> ACTIONS = new HashMap<>();

    static {
        for (String[] row : ACTION_TABLE) {
            List<String> recorded = List.of(row[1].split(" "));
            List<String> authorised = row.length > 2 ? List.of(row[2].split(" ")) : recorded;
            ACTIONS.put(row[0], new Action(recorded, authorised));
        }
    }

    // ------------------------------------------------------------------ state shared by the fakes

    final Random random = new Random(20240611L);
    private final List<String> calls = new ArrayList<>();
    private final Set<String> denied = new LinkedHashSet<>();
    private final Map<String, Integer> failures = new HashMap<>();
    private int zoneCounter;

    final Map<String, Zone> zones = new LinkedHashMap<>();
    final Map<String, ChangeState> changes = new HashMap<>();
    final Map<String, Cert> certs = new LinkedHashMap<>();
    final Map<String, String> certIdempotency = new HashMap<>();
    final Map<String, Bucket> buckets = new TreeMap<>();
    final Map<String, Dist> dists = new LinkedHashMap<>();
    final Map<String, Oac> oacs = new LinkedHashMap<>();
    final Map<String, Fn> functions = new TreeMap<>();
    final Map<String, Rhp> policies = new LinkedHashMap<>();
    /** CloudFront tags by resource ARN (distributions and functions). */
    final Map<String, LinkedHashMap<String, String>> cloudFrontTags = new HashMap<>();
    /** IAM roles by lower-case name: IAM names are unique without regard to case. */
    final Map<String, Role> roles = new TreeMap<>();
    /** Lambda functions by ARN (the ARN holds the region). */
    final Map<String, LambdaFn> lambdas = new LinkedHashMap<>();
    /** HTTP APIs by id, in creation order. */
    final Map<String, HttpApi> apis = new LinkedHashMap<>();
    /** SES identities by region + "|" + lower-case identity. */
    final Map<String, MailIdentity> mailIdentities = new LinkedHashMap<>();
    final List<SentEmail> sentEmails = new ArrayList<>();

    public FakeAws() {
        Rhp managed = new Rhp();
        managed.id = MANAGED_SECURITY_HEADERS_POLICY_ID;
        managed.managed = true;
        managed.etag = newEtag();
        managed.lastModified = Instant.parse("2021-11-02T00:00:00Z");
        managed.config = FakeCloudFront.managedSecurityHeadersPolicyConfig();
        policies.put(managed.id, managed);
    }

    // ------------------------------------------------------------------ clients

    public Route53Client route53() {
        return new FakeRoute53(this);
    }

    /** ACM in us-east-1, where CloudFront looks for certificates. */
    public AcmClient acm() {
        return acm(CERTIFICATE_REGION);
    }

    /** ACM in another region: its certificates are invisible to the us-east-1 client and unusable by CloudFront. */
    public AcmClient acm(String region) {
        return new FakeAcm(this, region);
    }

    /**
     * An S3 client that is not bound to a region: it reaches buckets in every region, and CreateBucket without a
     * LocationConstraint creates in us-east-1.
     */
    public S3Client s3() {
        return new FakeS3(this, null);
    }

    /**
     * An S3 client for one region, as the SDK builds it: CreateBucket without a configuration gets a LocationConstraint
     * of that region (the SDK's CreateBucketInterceptor) and must match the endpoint's region; requests for a bucket in
     * another region answer 301 PermanentRedirect (cross-region access is off by default in the SDK).
     */
    public S3Client s3(String region) {
        return new FakeS3(this, region);
    }

    public CloudFrontClient cloudFront() {
        return new FakeCloudFront(this);
    }

    public StsClient sts() {
        return new FakeSts(this);
    }

    /** IAM is global: one client sees every role. */
    public IamClient iam() {
        return new FakeIam(this);
    }

    /** Lambda in {@link #DEFAULT_REGION}. */
    public LambdaClient lambda() {
        return lambda(DEFAULT_REGION);
    }

    /** Lambda in one region; its waiter() is the SDK's LambdaWaiter over this client. */
    public LambdaClient lambda(String region) {
        return new FakeLambda(this, region);
    }

    /** API Gateway v2 in {@link #DEFAULT_REGION}. */
    public ApiGatewayV2Client apiGateway() {
        return apiGateway(DEFAULT_REGION);
    }

    public ApiGatewayV2Client apiGateway(String region) {
        return new FakeApiGatewayV2(this, region);
    }

    /** SES v2 in {@link #DEFAULT_REGION}. */
    public SesV2Client sesv2() {
        return sesv2(DEFAULT_REGION);
    }

    public SesV2Client sesv2(String region) {
        return new FakeSesV2(this, region);
    }

    // ------------------------------------------------------------------ setup

    /** A hosted zone made by someone else, with its SOA and NS records; returns the bare id "Z...". */
    public synchronized String addHostedZone(String name, boolean privateZone) {
        zoneCounter++;
        Zone z = new Zone();
        z.id = String.format(Locale.ROOT, "Z%07d%s", zoneCounter, randomUpper(12));
        z.name = FakeRoute53.fqdn(name);
        z.privateZone = privateZone;
        z.callerReference = "fake-" + zoneCounter;
        z.comment = "";
        for (int i = 0; i < 4; i++) {
            z.nameServers.add(String.format(Locale.ROOT, "ns-%d.awsdns-%02d.%s", 100 * zoneCounter + i, zoneCounter % 64,
                    new String[] {"com", "net", "org", "co.uk"}[i]));
        }
        z.put(ResourceRecordSet.builder().name(z.name).type("NS").ttl(172800L)
                .resourceRecords(z.nameServers.stream().map(ns -> ResourceRecord.builder().value(ns + ".").build()).toList())
                .build());
        z.put(ResourceRecordSet.builder().name(z.name).type("SOA").ttl(900L)
                .resourceRecords(ResourceRecord.builder()
                        .value(z.nameServers.get(0) + ". awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400").build())
                .build());
        zones.put(z.id, z);
        return z.id;
    }

    /** A record made by someone else (no validation, no call recorded). */
    public synchronized void addRecord(String zoneId, String name, String type, long ttl, String... values) {
        Zone z = requireZone(zoneId);
        z.put(ResourceRecordSet.builder().name(FakeRoute53.fqdn(name)).type(type.toUpperCase(Locale.ROOT)).ttl(ttl)
                .resourceRecords(java.util.Arrays.stream(values).map(v -> ResourceRecord.builder().value(v).build()).toList())
                .build());
    }

    /** A bucket owned by another account, in us-east-1. */
    public void addForeignBucket(String name) {
        addForeignBucket(name, "us-east-1");
    }

    public synchronized void addForeignBucket(String name, String region) {
        Bucket b = Bucket.withDefaults(name, region, Instant.now());
        b.foreign = true;
        buckets.put(name, b);
    }

    /** A bucket of this account that already exists, with the defaults of a new bucket. */
    public synchronized void addBucket(String name, String region) {
        buckets.put(name, Bucket.withDefaults(name, region, Instant.now()));
    }

    /** An existing ISSUED certificate in us-east-1, validated by DNS; returns its ARN. */
    public synchronized String addIssuedCertificate(String domain, String... sans) {
        Cert c = new Cert();
        c.region = CERTIFICATE_REGION;
        c.arn = "arn:aws:acm:" + c.region + ":" + ACCOUNT + ":certificate/" + uuid();
        c.names.add(domain);
        for (String s : sans) {
            if (c.names.stream().noneMatch(n -> n.equalsIgnoreCase(s))) {
                c.names.add(s);
            }
        }
        c.validationMethod = "DNS";
        c.keyAlgorithm = "RSA_2048";
        c.createdAt = Instant.now().minus(30, ChronoUnit.DAYS);
        c.status = "ISSUED";
        c.issuedAt = c.createdAt.plus(5, ChronoUnit.MINUTES);
        c.recordsVisible = true;
        certs.put(c.arn, c);
        return c.arn;
    }

    /**
     * A deployed distribution made by someone else (another stack or the console), with no tags, a custom origin and
     * these aliases; returns its id. Its aliases are taken: another distribution cannot use them.
     */
    public synchronized String addForeignDistribution(String... aliases) {
        DistributionConfig config = DistributionConfig.builder()
                .callerReference("foreign-" + uuid())
                .comment("made elsewhere")
                .enabled(true)
                .aliases(Aliases.builder().quantity(aliases.length).items(aliases).build())
                .origins(Origins.builder().quantity(1).items(Origin.builder().id("legacy").domainName("legacy.example.net")
                        .customOriginConfig(CustomOriginConfig.builder().httpPort(80).httpsPort(443)
                                .originProtocolPolicy(OriginProtocolPolicy.HTTPS_ONLY).build())
                        .build()).build())
                .defaultCacheBehavior(DefaultCacheBehavior.builder().targetOriginId("legacy")
                        .viewerProtocolPolicy("redirect-to-https")
                        .cachePolicyId("658327ea-f89d-4fab-a63d-7e88639e58f6").build())
                .viewerCertificate(aliases.length == 0 ? null : ViewerCertificate.builder()
                        .iamCertificateId("ASCAFOREIGNCERT00001").sslSupportMethod("sni-only")
                        .minimumProtocolVersion("TLSv1.2_2021").build())
                .build();
        Dist d = FakeCloudFront.newDistribution(this, config);
        d.status = "Deployed";
        return d.id;
    }

    /**
     * The person at this address clicks the link SES mailed when the address was made an identity: the identity
     * becomes verified, in every region where it is pending. Fails if no region has this address as an identity.
     */
    public synchronized void confirmEmail(String address) {
        boolean found = false;
        for (MailIdentity m : mailIdentities.values()) {
            if (m.type.equals("EMAIL_ADDRESS") && m.name.equalsIgnoreCase(address)) {
                m.verified = true;
                found = true;
            }
        }
        if (!found) {
            throw new IllegalArgumentException("no SES identity " + address + " in any region");
        }
    }

    // ------------------------------------------------------------------ faults

    /**
     * The next call of this action (an IAM name as in {@link #calls()}, or the SDK operation such as
     * "cloudfront:CreateDistributionWithTags") fails with a 5xx service error before it has any effect. Calling it
     * twice fails the next two calls. The real SDK retries 5xx errors on its own; this is the failure that remains
     * after its retries.
     */
    public synchronized void failNext(String action) {
        failures.merge(action, 1, Integer::sum);
    }

    /** Every call of this IAM action (or recorded name) is denied from now on, with AWS's AccessDenied wording. */
    public synchronized void deny(String action) {
        denied.add(action);
    }

    public synchronized void allow(String action) {
        denied.remove(action);
    }

    /** After the next GetDistributionConfig of this distribution, its ETag changes (someone edited it). */
    public synchronized void bumpEtagAfterNextGetConfig(String distributionId) {
        requireDist(distributionId).bumpAfterNextGetConfig = true;
    }

    /** Drift made "in the console": changes the stored config (without validation), the ETag, and redeploys. */
    public synchronized void editDistribution(String id, UnaryOperator<DistributionConfig> edit) {
        Dist d = requireDist(id);
        d.config = FakeCloudFront.withDefaults(edit.apply(d.config));
        FakeCloudFront.changed(this, d);
    }

    // ------------------------------------------------------------------ observation

    /** Every call, in order, by IAM action name ("cloudfront:UpdateDistribution"; HeadBucket as "s3:HeadBucket"). */
    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    /**
     * The calls that change state: every call whose action does not start with Get, List, Describe or Head (nor
     * iam:PassRole, which only authorises the Lambda call it follows).
     */
    public synchronized List<String> mutatingCalls() {
        return calls.stream().filter(FakeAws::isMutating).toList();
    }

    public synchronized void clearCalls() {
        calls.clear();
    }

    static boolean isMutating(String call) {
        if (NOT_MUTATING.contains(call)) {
            return false;
        }
        String op = call.substring(call.indexOf(':') + 1);
        return !(op.startsWith("Get") || op.startsWith("List") || op.startsWith("Describe") || op.startsWith("Head"));
    }

    // ------------------------------------------------------------------ inspection

    /** The records of a zone in Route 53's order, names in lower case with a trailing dot and without escapes. */
    public synchronized List<ResourceRecordSet> records(String zoneId) {
        return List.copyOf(requireZone(zoneId).records.values());
    }

    /** Every certificate in every region, as DescribeCertificate would show it (without counting as a call). */
    public synchronized List<CertificateDetail> certificates() {
        return certs.values().stream().map(c -> FakeAcm.detail(this, c)).toList();
    }

    /** Tags of an ACM certificate or of a CloudFront resource, by ARN (empty if none). */
    public synchronized Map<String, String> tags(String arn) {
        Cert c = certs.get(arn);
        if (c != null) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(c.tags));
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(cloudFrontTags.getOrDefault(arn, new LinkedHashMap<>())));
    }

    /** Names of the buckets this account owns. */
    public synchronized List<String> buckets() {
        return buckets.values().stream().filter(b -> !b.foreign).map(b -> b.name).toList();
    }

    /** A snapshot of one bucket (own or foreign), or null if there is none. */
    public synchronized BucketView bucket(String name) {
        Bucket b = buckets.get(name);
        if (b == null) {
            return null;
        }
        Map<String, String> objects = new TreeMap<>();
        b.objects.forEach((k, v) -> objects.put(k, new String(v.bytes, StandardCharsets.UTF_8)));
        return new BucketView(b.name, b.region, b.foreign, b.publicAccessBlock, b.ownership, b.sseAlgorithm, b.policy,
                b.tags == null ? null : Map.copyOf(b.tags), Collections.unmodifiableMap(objects));
    }

    /** The bucket policy JSON exactly as it was put, or null. */
    public synchronized String bucketPolicy(String name) {
        Bucket b = buckets.get(name);
        return b == null ? null : b.policy;
    }

    /** Every distribution (with its config as GetDistributionConfig returns it, defaults filled in). */
    public synchronized List<Distribution> distributions() {
        return dists.values().stream().map(FakeCloudFront::model).toList();
    }

    public synchronized String distributionEtag(String id) {
        return requireDist(id).etag;
    }

    public synchronized List<Invalidation> invalidations(String distributionId) {
        return List.copyOf(requireDist(distributionId).invalidations.values());
    }

    public synchronized List<OriginAccessControl> originAccessControls() {
        return oacs.values().stream().map(o -> OriginAccessControl.builder().id(o.id).originAccessControlConfig(o.config)
                .build()).toList();
    }

    /** The functions, with the code of each stage as text (liveCode is null until published). */
    public synchronized List<FunctionView> functions() {
        return functions.values().stream().map(f -> new FunctionView(f.name, FakeCloudFront.functionArn(f.name),
                f.runtime, f.comment, new String(f.devCode, StandardCharsets.UTF_8), f.devEtag,
                f.liveCode == null ? null : new String(f.liveCode, StandardCharsets.UTF_8), f.liveEtag)).toList();
    }

    /** The custom response headers policies (not the managed ones). */
    public synchronized List<ResponseHeadersPolicy> responseHeadersPolicies() {
        return policies.values().stream().filter(p -> !p.managed).map(FakeCloudFront::model).toList();
    }

    /** The IAM roles, by name, with their trust policy and inline policies as plain JSON (as they were put). */
    public synchronized List<RoleView> roles() {
        return roles.values().stream().map(r -> new RoleView(r.name, r.arn, r.trustPolicy, r.description,
                Collections.unmodifiableMap(new LinkedHashMap<>(r.tags)),
                Collections.unmodifiableMap(new TreeMap<>(r.inlinePolicies)))).toList();
    }

    /** An inline policy of a role as plain JSON (as it was put), or null. */
    public synchronized String rolePolicy(String role, String policyName) {
        Role r = roles.get(role.toLowerCase(Locale.ROOT));
        return r == null ? null : r.inlinePolicies.get(policyName);
    }

    /** Every Lambda function in every region, as it is now (without counting as a call). */
    public synchronized List<LambdaFunctionView> lambdaFunctions() {
        return lambdas.values().stream().map(FakeAws::view).toList();
    }

    /** One Lambda function by name (in any region) or ARN, or null. */
    public synchronized LambdaFunctionView lambdaFunction(String nameOrArn) {
        LambdaFn f = findLambda(nameOrArn);
        return f == null ? null : view(f);
    }

    /** The zip of a Lambda function as uploaded. */
    public synchronized byte[] lambdaCode(String nameOrArn) {
        LambdaFn f = findLambda(nameOrArn);
        if (f == null) {
            throw new IllegalArgumentException("no Lambda function " + nameOrArn);
        }
        return f.zip.clone();
    }

    /** The statements of a function's resource policy (AddPermission), in order; empty if none. */
    public synchronized List<LambdaPermissionView> lambdaPermissions(String function) {
        LambdaFn f = findLambda(function);
        if (f == null) {
            throw new IllegalArgumentException("no Lambda function " + function);
        }
        return f.permissions.values().stream().map(p -> new LambdaPermissionView(p.sid(), p.action(), p.principal(),
                p.sourceArn(), p.sourceAccount())).toList();
    }

    /** The function's resource policy JSON as GetPolicy returns it, or null when it has no statement. */
    public synchronized String lambdaPolicy(String function) {
        LambdaFn f = findLambda(function);
        return f == null || f.permissions.isEmpty() ? null : FakeLambda.policyJson(f);
    }

    /** Every HTTP API in every region, with its integrations, routes and stages as the Get calls return them. */
    public synchronized List<ApiView> apis() {
        return apis.values().stream().map(a -> new ApiView(a.id, a.region, a.name, a.protocolType,
                FakeApiGatewayV2.endpoint(a), Collections.unmodifiableMap(new LinkedHashMap<>(a.tags)),
                List.copyOf(a.integrations.values()), List.copyOf(a.routes.values()), List.copyOf(a.stages.values())))
                .toList();
    }

    /** Every SES identity in every region, as it is now (DKIM records are looked at only by SES calls). */
    public synchronized List<EmailIdentityView> emailIdentities() {
        return mailIdentities.values().stream().map(m -> new EmailIdentityView(m.region, m.name, m.type, m.verified,
                List.copyOf(m.tokens), Collections.unmodifiableMap(new LinkedHashMap<>(m.tags)))).toList();
    }

    /** The messages SES accepted, in order. */
    public synchronized List<SentEmail> sentEmails() {
        return List.copyOf(sentEmails);
    }

    private LambdaFn findLambda(String nameOrArn) {
        LambdaFn f = lambdas.get(nameOrArn);
        if (f != null) {
            return f;
        }
        return lambdas.values().stream().filter(l -> l.name.equals(nameOrArn)).findFirst().orElse(null);
    }

    private static LambdaFunctionView view(LambdaFn f) {
        return new LambdaFunctionView(f.name, f.arn, f.region, f.runtime, f.role, f.handler, List.copyOf(f.architectures),
                f.memorySize, f.timeout, f.description,
                f.environment == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(f.environment)),
                f.codeSha256, f.codeSize, f.state, f.lastUpdateStatus,
                Collections.unmodifiableMap(new LinkedHashMap<>(f.tags)));
    }

    public record RoleView(String name, String arn, String trustPolicy, String description, Map<String, String> tags,
            Map<String, String> inlinePolicies) {
    }

    /** A Lambda function; lastUpdateStatus is null until the function first became Active. */
    public record LambdaFunctionView(String name, String arn, String region, String runtime, String role,
            String handler, List<String> architectures, int memorySize, int timeout, String description,
            Map<String, String> environment, String codeSha256, long codeSize, String state, String lastUpdateStatus,
            Map<String, String> tags) {
    }

    /** One statement of a function's resource policy; sourceArn and sourceAccount may be null. */
    public record LambdaPermissionView(String sid, String action, String principal, String sourceArn,
            String sourceAccount) {
    }

    public record ApiView(String id, String region, String name, String protocolType, String endpoint,
            Map<String, String> tags, List<software.amazon.awssdk.services.apigatewayv2.model.Integration> integrations,
            List<software.amazon.awssdk.services.apigatewayv2.model.Route> routes,
            List<software.amazon.awssdk.services.apigatewayv2.model.Stage> stages) {
    }

    /** type is DOMAIN or EMAIL_ADDRESS; dkimTokens is empty for an address. */
    public record EmailIdentityView(String region, String identity, String type, boolean verifiedForSending,
            List<String> dkimTokens, Map<String, String> tags) {
    }

    /** A message SES accepted. Addresses as given (with display names); text and html may be null. */
    public record SentEmail(String region, String messageId, String from, List<String> to, List<String> cc,
            List<String> bcc, List<String> replyTo, String subject, String text, String html) {
    }

    /** A bucket as the tests see it; objects as UTF-8 text by key. */
    public record BucketView(String name, String region, boolean foreign, PublicAccessBlockConfiguration publicAccessBlock,
            String objectOwnership, String sseAlgorithm, String policy, Map<String, String> tags,
            Map<String, String> objects) {
    }

    public record FunctionView(String name, String arn, String runtime, String comment, String developmentCode,
            String developmentEtag, String liveCode, String liveEtag) {
    }

    // ------------------------------------------------------------------ the call gate used by every fake operation

    /**
     * Records the call, then applies deny() and failNext(), in that order, as AWS authorises before doing anything.
     *
     * @param operation "service:SdkOperation", a row of the action table
     * @param resource the resource named in an AccessDenied message
     */
    synchronized void enter(String operation, String resource) {
        Action action = ACTIONS.get(operation);
        if (action == null) {
            throw new IllegalStateException("not in the action table: " + operation);
        }
        calls.addAll(action.recorded());
        for (String iam : action.authorised()) {
            if (denied.contains(iam)) {
                throw accessDenied(operation, iam, resource);
            }
        }
        if (denied.contains(operation) || action.recorded().stream().anyMatch(denied::contains)) {
            // denied by its recorded name (e.g. "s3:HeadBucket"): AWS names the IAM action
            throw accessDenied(operation, action.authorised().get(0), resource);
        }
        List<String> names = new ArrayList<>();
        names.add(operation);
        names.addAll(action.recorded());
        names.addAll(action.authorised());
        for (String name : names) {
            Integer left = failures.get(name);
            if (left != null && left > 0) {
                if (left == 1) {
                    failures.remove(name);
                } else {
                    failures.put(name, left - 1);
                }
                throw internalError(operation);
            }
        }
    }

    /** A second IAM action the same request needs (tag-on-create and the like): checked, not recorded. */
    synchronized void authorize(String operation, String iamAction, String resource) {
        if (denied.contains(iamAction)) {
            throw accessDenied(operation, iamAction, resource);
        }
    }

    /**
     * iam:PassRole on a role, needed by the Lambda call being made (operation): recorded as a call of its own after the
     * Lambda action and checked against deny(); a refusal comes from Lambda, naming iam:PassRole and the role.
     */
    synchronized void passRole(String operation, String roleArn) {
        calls.add("iam:PassRole");
        if (denied.contains("iam:PassRole")) {
            throw accessDenied(operation, "iam:PassRole", roleArn);
        }
    }

    private AwsServiceException accessDenied(String operation, String iamAction, String resource) {
        String message = "User: " + PRINCIPAL_ARN + " is not authorized to perform: " + iamAction + " on resource: "
                + resource + " because no identity-based policy allows the " + iamAction + " action";
        String service = operation.substring(0, operation.indexOf(':'));
        return switch (service) {
            case "s3" -> operation.equals("s3:HeadBucket")
                    // HEAD responses have no body: the SDK sees a bare 403 with no error code
                    ? error(S3Exception.builder(), "S3", 403, null, null)
                    : error(software.amazon.awssdk.services.s3.model.AccessDeniedException.builder(), "S3", 403,
                            "AccessDenied", message);
            case "cloudfront" -> error(software.amazon.awssdk.services.cloudfront.model.AccessDeniedException.builder(),
                    "CloudFront", 403, "AccessDenied", message);
            case "route53" -> error(Route53Exception.builder(), "Route53", 403, "AccessDenied", message);
            case "acm" -> error(software.amazon.awssdk.services.acm.model.AccessDeniedException.builder(), "Acm", 400,
                    "AccessDeniedException", message);
            case "sts" -> error(StsException.builder(), "Sts", 403, "AccessDenied", message);
            // IAM (query protocol) answers AccessDenied 403; it has no modelled exception for it
            case "iam" -> error(IamException.builder(), "Iam", 403, "AccessDenied", message);
            case "lambda" -> error(LambdaException.builder(), "Lambda", 403, "AccessDeniedException", message);
            case "apigateway" -> error(software.amazon.awssdk.services.apigatewayv2.model.AccessDeniedException.builder(),
                    "ApiGatewayV2", 403, "AccessDeniedException", message);
            case "ses" -> error(SesV2Exception.builder(), "SesV2", 403, "AccessDeniedException", message);
            default -> throw new IllegalStateException(service);
        };
    }

    private AwsServiceException internalError(String operation) {
        String service = operation.substring(0, operation.indexOf(':'));
        return switch (service) {
            case "s3" -> operation.equals("s3:HeadBucket")
                    ? error(S3Exception.builder(), "S3", 500, null, null)
                    : error(S3Exception.builder(), "S3", 500, "InternalError",
                            "We encountered an internal error. Please try again.");
            case "cloudfront" -> error(CloudFrontException.builder(), "CloudFront", 503, "ServiceUnavailable",
                    "CloudFront encountered an internal error. Please try again.");
            case "route53" -> error(Route53Exception.builder(), "Route53", 500, "InternalFailure",
                    "The request processing has failed because of an unknown error, exception or failure.");
            case "acm" -> error(InternalServerException.builder(), "Acm", 500, "InternalServerException",
                    "An internal error has occurred. Please try again.");
            case "sts" -> error(StsException.builder(), "Sts", 500, "InternalFailure",
                    "The request processing has failed because of an unknown error, exception or failure.");
            case "iam" -> error(ServiceFailureException.builder(), "Iam", 500, "ServiceFailure",
                    "The request processing has failed because of an unknown error, exception or failure.");
            case "lambda" -> error(software.amazon.awssdk.services.lambda.model.ServiceException.builder(), "Lambda", 500,
                    "ServiceException", "An internal error occurred. Please try again.");
            case "apigateway" -> error(ApiGatewayV2Exception.builder(), "ApiGatewayV2", 500, "InternalFailure",
                    "Internal server error");
            case "ses" -> error(InternalServiceErrorException.builder(), "SesV2", 500, "InternalServiceErrorException",
                    "An internal error occurred. Please try again.");
            default -> throw new IllegalStateException(service);
        };
    }

    /** Builds the exception the SDK would build from AWS's error answer. */
    AwsServiceException error(AwsServiceException.Builder builder, String serviceName, int status, String code,
            String message) {
        String requestId = uuid();
        return builder.statusCode(status)
                .message(message)
                .requestId(requestId)
                .numAttempts(1)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(message)
                        .serviceName(serviceName)
                        .sdkHttpResponse(SdkHttpFullResponse.builder().statusCode(status).build())
                        .build())
                .build();
    }

    /** The SDK's own check of a URI parameter, before anything is sent. */
    static String requirePathParameter(String value, String member) {
        if (value == null) {
            throw SdkClientException.create("Unable to marshall request to JSON: Parameter '" + member
                    + "' must not be null");
        }
        if (value.isEmpty()) {
            throw SdkClientException.create("Unable to marshall request to JSON: " + member + " cannot be empty.");
        }
        return value;
    }

    // ------------------------------------------------------------------ helpers

    String randomUpper(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    String randomLower(int length) {
        return randomUpper(length).toLowerCase(Locale.ROOT);
    }

    String uuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    /** A CloudFront-style ETag ("E" and 12 to 13 characters). */
    String newEtag() {
        return "E" + randomUpper(13);
    }

    static String md5Hex(String s) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder();
            for (byte b : digest) {
                sb.append(String.format(Locale.ROOT, "%02x", b));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String md5Hex(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(bytes);
            StringBuilder sb = new StringBuilder();
            for (byte b : digest) {
                sb.append(String.format(Locale.ROOT, "%02x", b));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Builds a response from a model shape with the same members, by name, as the SDK's models repeat them
     * (CreateRouteResponse and GetRouteResponse from Route): builder is the response's builder.
     */
    @SuppressWarnings("unchecked")
    static <T> T copyInto(SdkPojo source, SdkPojo builder) {
        Map<String, SdkField<?>> from = new HashMap<>();
        source.sdkFields().forEach(f -> from.put(f.memberName(), f));
        for (SdkField<?> to : builder.sdkFields()) {
            SdkField<?> f = from.get(to.memberName());
            if (f != null) {
                ((SdkField<Object>) to).set(builder, f.getValueOrDefault(source));
            }
        }
        return (T) ((SdkBuilder<?, ?>) builder).build();
    }

    /** RFC 3986 percent-encoding of UTF-8, as IAM returns policy documents: only A-Z a-z 0-9 - . _ ~ stay. */
    static String rfc3986(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return sb.toString();
    }

    /** A JSON string literal. */
    static String json(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    Zone requireZone(String zoneId) {
        String id = zoneId.startsWith("/hostedzone/") ? zoneId.substring("/hostedzone/".length()) : zoneId;
        Zone z = zones.get(id);
        if (z == null) {
            throw new IllegalArgumentException("no hosted zone " + zoneId);
        }
        return z;
    }

    Dist requireDist(String id) {
        Dist d = dists.get(id);
        if (d == null) {
            throw new IllegalArgumentException("no distribution " + id);
        }
        return d;
    }

    // ------------------------------------------------------------------ state classes

    static final class Zone {
        String id;
        String name;
        boolean privateZone;
        String callerReference;
        String comment;
        final List<String> nameServers = new ArrayList<>();
        /** Canonical records (lower case, trailing dot, unescaped) in Route 53's order. */
        final TreeMap<RrKey, ResourceRecordSet> records = new TreeMap<>();

        void put(ResourceRecordSet r) {
            records.put(RrKey.of(r), r);
        }
    }

    /** Route 53's order: the name with its labels reversed, then the type, then the set identifier. */
    record RrKey(String sortName, String type, String setIdentifier) implements Comparable<RrKey> {
        static RrKey of(ResourceRecordSet r) {
            return of(r.name(), r.typeAsString(), r.setIdentifier());
        }

        static RrKey of(String name, String type, String setIdentifier) {
            List<String> labels = new ArrayList<>(List.of(name.toLowerCase(Locale.ROOT).split("\\.")));
            Collections.reverse(labels);
            return new RrKey(String.join(".", labels) + ".", type == null ? "" : type,
                    setIdentifier == null ? "" : setIdentifier);
        }

        @Override
        public int compareTo(RrKey o) {
            int c = sortName.compareTo(o.sortName);
            if (c == 0) {
                c = type.compareTo(o.type);
            }
            return c != 0 ? c : setIdentifier.compareTo(o.setIdentifier);
        }
    }

    static final class ChangeState {
        String id;
        Instant submittedAt;
        String comment;
        int gets;
    }

    static final class Cert {
        String arn;
        String region;
        final List<String> names = new ArrayList<>();
        String validationMethod;
        String keyAlgorithm;
        String status = "PENDING_VALIDATION";
        Instant createdAt;
        Instant issuedAt;
        int describes;
        boolean recordsVisible;
        final LinkedHashMap<String, String> tags = new LinkedHashMap<>();
    }

    static final class Bucket {
        String name;
        String region;
        boolean foreign;
        Instant created;
        PublicAccessBlockConfiguration publicAccessBlock;
        String ownership;
        String sseAlgorithm;
        String kmsKeyId;
        Boolean bucketKeyEnabled;
        String policy;
        Map<String, String> tags;
        final TreeMap<String, StoredObject> objects = new TreeMap<>();

        /** A new bucket as S3 makes it since April 2023: public access blocked, ACLs disabled, SSE-S3. */
        static Bucket withDefaults(String name, String region, Instant created) {
            Bucket b = new Bucket();
            b.name = name;
            b.region = region;
            b.created = created;
            b.publicAccessBlock = PublicAccessBlockConfiguration.builder().blockPublicAcls(true).ignorePublicAcls(true)
                    .blockPublicPolicy(true).restrictPublicBuckets(true).build();
            b.ownership = "BucketOwnerEnforced";
            b.sseAlgorithm = "AES256";
            b.bucketKeyEnabled = false;
            return b;
        }
    }

    record StoredObject(byte[] bytes, String etag, String contentType, String cacheControl, Instant lastModified) {
    }

    static final class Dist {
        String id;
        String arn;
        String domainName;
        String callerReference;
        DistributionConfig config;
        String etag;
        String status;
        int gets;
        Instant lastModified;
        boolean bumpAfterNextGetConfig;
        final LinkedHashMap<String, Invalidation> invalidations = new LinkedHashMap<>();
    }

    static final class Oac {
        String id;
        software.amazon.awssdk.services.cloudfront.model.OriginAccessControlConfig config;
        String etag;
    }

    static final class Fn {
        String name;
        String comment;
        String runtime;
        byte[] devCode;
        String devEtag;
        Instant created;
        Instant devModified;
        boolean devChangedSincePublish = true;
        String liveComment;
        String liveRuntime;
        byte[] liveCode;
        String liveEtag;
        Instant liveModified;
    }

    static final class Rhp {
        String id;
        boolean managed;
        ResponseHeadersPolicyConfig config;
        String etag;
        Instant lastModified;
    }

    static final class Role {
        String name;
        String id;
        String arn;
        String path;
        String trustPolicy;
        String description;
        int maxSessionDuration;
        Instant created;
        final LinkedHashMap<String, String> tags = new LinkedHashMap<>();
        /** Inline policies by name, as put (IAM sorts their names in ListRolePolicies). */
        final TreeMap<String, String> inlinePolicies = new TreeMap<>();
        /** Lambda calls that named this role since it was made or its trust policy changed. */
        int lambdaCalls;
        boolean assumableByLambda;
    }

    static final class LambdaFn {
        String name;
        String arn;
        String region;
        String runtime;
        String role;
        String handler;
        String description;
        List<String> architectures;
        int memorySize;
        int timeout;
        /** Null: no environment was ever given. */
        LinkedHashMap<String, String> environment;
        byte[] zip;
        String codeSha256;
        long codeSize;
        /** Pending, Active. */
        String state;
        /** Null while Pending after the creation, then Successful, or InProgress after an update. */
        String lastUpdateStatus;
        int gets;
        String lastModified;
        String revisionId;
        final LinkedHashMap<String, String> tags = new LinkedHashMap<>();
        final LinkedHashMap<String, LambdaPermission> permissions = new LinkedHashMap<>();
    }

    record LambdaPermission(String sid, String action, String principal, String sourceArn, String sourceAccount,
            String statement) {
    }

    static final class HttpApi {
        String id;
        String region;
        String name;
        String protocolType;
        String description;
        String routeSelectionExpression;
        String apiKeySelectionExpression;
        String version;
        boolean disableExecuteApiEndpoint;
        Instant created;
        final LinkedHashMap<String, String> tags = new LinkedHashMap<>();
        final LinkedHashMap<String, software.amazon.awssdk.services.apigatewayv2.model.Integration> integrations =
                new LinkedHashMap<>();
        final LinkedHashMap<String, software.amazon.awssdk.services.apigatewayv2.model.Route> routes =
                new LinkedHashMap<>();
        final LinkedHashMap<String, software.amazon.awssdk.services.apigatewayv2.model.Stage> stages =
                new LinkedHashMap<>();
    }

    static final class MailIdentity {
        String region;
        /** As given; domains in lower case. */
        String name;
        /** DOMAIN or EMAIL_ADDRESS. */
        String type;
        final List<String> tokens = new ArrayList<>();
        boolean verified;
        Instant created;
        final LinkedHashMap<String, String> tags = new LinkedHashMap<>();
    }
}
