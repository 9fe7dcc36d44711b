package dev.edgepress.provisioner.fake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.LambdaServiceClientConfiguration;
import software.amazon.awssdk.services.lambda.model.AddPermissionRequest;
import software.amazon.awssdk.services.lambda.model.AddPermissionResponse;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.DeleteFunctionRequest;
import software.amazon.awssdk.services.lambda.model.DeleteFunctionResponse;
import software.amazon.awssdk.services.lambda.model.EnvironmentResponse;
import software.amazon.awssdk.services.lambda.model.EphemeralStorage;
import software.amazon.awssdk.services.lambda.model.FunctionCodeLocation;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationRequest;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionRequest;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.GetPolicyRequest;
import software.amazon.awssdk.services.lambda.model.GetPolicyResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ListFunctionsRequest;
import software.amazon.awssdk.services.lambda.model.ListFunctionsResponse;
import software.amazon.awssdk.services.lambda.model.ListTagsRequest;
import software.amazon.awssdk.services.lambda.model.ListTagsResponse;
import software.amazon.awssdk.services.lambda.model.LoggingConfig;
import software.amazon.awssdk.services.lambda.model.PolicyLengthExceededException;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.RemovePermissionRequest;
import software.amazon.awssdk.services.lambda.model.RemovePermissionResponse;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.lambda.model.SnapStartResponse;
import software.amazon.awssdk.services.lambda.model.TagResourceRequest;
import software.amazon.awssdk.services.lambda.model.TagResourceResponse;
import software.amazon.awssdk.services.lambda.model.TracingConfigResponse;
import software.amazon.awssdk.services.lambda.model.UntagResourceRequest;
import software.amazon.awssdk.services.lambda.model.UntagResourceResponse;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionCodeRequest;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionCodeResponse;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionConfigurationRequest;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.waiters.LambdaWaiter;

/**
 * Lambda in one region, for zip packages. A new function is Pending for {@link FakeAws#getsUntilActive} GetFunction or
 * GetFunctionConfiguration calls, then Active with LastUpdateStatus Successful; after an update, LastUpdateStatus is
 * InProgress for {@link FakeAws#getsUntilUpdated} such calls. While Pending or InProgress, a further update answers
 * ResourceConflictException (409), as Lambda does; the SDK's {@link LambdaWaiter} works over this client. The role
 * must exist in the fake IAM and be assumable (see {@link FakeAws#roleCallsUntilAssumable}). CodeSha256 is the base64
 * SHA-256 of the zip, as Lambda reports it. Lambda is a REST-JSON service: modelled errors carry their own status
 * (ResourceConflictException 409, ResourceNotFoundException 404, InvalidParameterValueException 400), parameters that
 * break the model answer 400 ValidationException.
 */
final class FakeLambda implements LambdaClient {

    private static final Pattern FUNCTION_NAME = Pattern.compile("[a-zA-Z0-9-_]+");
    private static final String FUNCTION_REF_PATTERN = "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?"
            + "(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?";
    private static final Pattern FUNCTION_REF = Pattern.compile(FUNCTION_REF_PATTERN);
    private static final String ROLE_PATTERN = "arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+";
    private static final Pattern ROLE_ARN = Pattern.compile(ROLE_PATTERN);
    private static final Pattern ENV_KEY = Pattern.compile("[a-zA-Z]([a-zA-Z0-9_])+");
    private static final Pattern STATEMENT_ID = Pattern.compile("([a-zA-Z0-9-_.]+)");
    private static final Pattern ACTION = Pattern.compile("(lambda:[*]|lambda:[a-zA-Z]+|[*])");
    /** Keys Lambda sets itself and refuses in a function's configuration. */
    private static final Set<String> RESERVED_KEYS = Set.of("_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION",
            "AWS_REGION", "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
            "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME",
            "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR");
    /** Runtimes past their deprecation, refused for new functions and updates. */
    private static final Set<String> DEPRECATED_RUNTIMES = Set.of("nodejs", "nodejs4.3", "nodejs4.3-edge", "nodejs6.10",
            "nodejs8.10", "nodejs10.x", "nodejs12.x", "nodejs14.x", "nodejs16.x", "java8", "python2.7", "python3.6",
            "python3.7", "python3.8", "dotnetcore1.0", "dotnetcore2.0", "dotnetcore2.1", "dotnetcore3.1", "dotnet6",
            "ruby2.5", "ruby2.7", "go1.x", "provided");
    /** The largest request body of a direct upload (the zip travels base64-encoded in JSON). */
    private static final long MAX_REQUEST = 69905067L;
    private static final int MAX_POLICY = 20480;
    private static final DateTimeFormatter LAST_MODIFIED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final FakeAws w;
    private final String region;
    private boolean closed;

    FakeLambda(FakeAws w, String region) {
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
    public LambdaServiceClientConfiguration serviceClientConfiguration() {
        return LambdaServiceClientConfiguration.builder().region(Region.of(region)).build();
    }

    @Override
    public LambdaWaiter waiter() {
        return LambdaWaiter.builder().client(this).build();
    }

    // ------------------------------------------------------------------ create

    @Override
    public CreateFunctionResponse createFunction(CreateFunctionRequest request) {
        synchronized (w) {
            open();
            String name = request.functionName();
            w.enter("lambda:CreateFunction", arn(name == null ? "*" : name));
            if (request.role() != null) {
                w.passRole("lambda:CreateFunction", request.role());
            }
            if (request.hasTags() && !request.tags().isEmpty()) {
                w.authorize("lambda:CreateFunction", "lambda:TagResource", arn(name == null ? "*" : name));
            }
            if (name == null) {
                throw validation("Value null at 'functionName' failed to satisfy constraint: Member must not be null");
            }
            Matcher m = FUNCTION_REF.matcher(name);
            if (!m.matches()) {
                throw validation("Value '" + name + "' at 'functionName' failed to satisfy constraint: Member must "
                        + "satisfy regular expression pattern: " + FUNCTION_REF_PATTERN);
            }
            name = m.group(7);
            if (name.length() > 64 || !FUNCTION_NAME.matcher(name).matches()) {
                throw validation("Value '" + name + "' at 'functionName' failed to satisfy constraint: Member must have "
                        + "length less than or equal to 64");
            }
            if (request.role() == null) {
                throw validation("Value null at 'role' failed to satisfy constraint: Member must not be null");
            }
            checkRolePattern(request.role());
            if (request.code() == null) {
                throw validation("Value null at 'code' failed to satisfy constraint: Member must not be null");
            }
            if (Boolean.TRUE.equals(request.publish())) {
                throw new UnsupportedOperationException("FakeLambda does not model published versions (Publish)");
            }
            String packageType = request.packageTypeAsString() == null ? "Zip" : request.packageTypeAsString();
            if (!packageType.equals("Zip")) {
                throw new UnsupportedOperationException("FakeLambda models zip packages only, not " + packageType);
            }
            String runtime = request.runtimeAsString();
            if (runtime == null || request.handler() == null) {
                throw invalid("Runtime and Handler are mandatory parameters for functions created with deployment "
                        + "packages.");
            }
            checkRuntime(runtime);
            checkHandler(request.handler());
            checkDescription(request.description());
            int memory = checkMemory(request.memorySize(), 128);
            int timeout = checkTimeout(request.timeout(), 3);
            List<String> architectures = checkArchitectures(request.hasArchitectures()
                    ? request.architecturesAsStrings() : null, List.of("x86_64"));
            LinkedHashMap<String, String> env = request.environment() == null ? null
                    : checkEnvironment(request.environment().variables());
            byte[] zip = code(request.code().zipFile(), request.code().s3Bucket(), request.code().s3Key(),
                    "CreateFunction");
            String arn = arn(name);
            if (w.lambdas.containsKey(arn)) {
                throw error(ResourceConflictException.builder(), 409, "ResourceConflictException",
                        "Function already exist: " + name);
            }
            if (!FakeIam.assumableByLambda(w, request.role())) {
                throw invalid("The role defined for the function cannot be assumed by Lambda.");
            }
            FakeAws.LambdaFn f = new FakeAws.LambdaFn();
            f.name = name;
            f.arn = arn;
            f.region = region;
            f.runtime = runtime;
            f.role = request.role();
            f.handler = request.handler();
            f.description = request.description() == null ? "" : request.description();
            f.memorySize = memory;
            f.timeout = timeout;
            f.architectures = architectures;
            f.environment = env;
            setCode(f, zip);
            f.state = "Pending";
            f.lastUpdateStatus = null;
            f.gets = 0;
            touch(f);
            if (request.hasTags()) {
                f.tags.putAll(request.tags());
            }
            w.lambdas.put(arn, f);
            return configuration(f, (SdkPojo) CreateFunctionResponse.builder());
        }
    }

    // ------------------------------------------------------------------ read

    @Override
    public GetFunctionResponse getFunction(GetFunctionRequest request) {
        synchronized (w) {
            open();
            String ref = FakeAws.requirePathParameter(request.functionName(), "FunctionName");
            w.enter("lambda:GetFunction", arnOf(ref));
            FakeAws.LambdaFn f = function(ref, request.qualifier());
            advance(f);
            GetFunctionResponse.Builder b = GetFunctionResponse.builder()
                    .configuration(config(f))
                    .code(FunctionCodeLocation.builder().repositoryType("S3")
                            .location("https://awslambda-" + region + "-tasks.s3." + region + ".amazonaws.com/snapshots/"
                                    + FakeAws.ACCOUNT + "/" + f.name + "-" + f.revisionId + "?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                                    + "&X-Amz-Expires=600")
                            .build());
            if (!f.tags.isEmpty()) {
                b.tags(new LinkedHashMap<>(f.tags));
            }
            return b.build();
        }
    }

    @Override
    public GetFunctionConfigurationResponse getFunctionConfiguration(GetFunctionConfigurationRequest request) {
        synchronized (w) {
            open();
            String ref = FakeAws.requirePathParameter(request.functionName(), "FunctionName");
            w.enter("lambda:GetFunctionConfiguration", arnOf(ref));
            FakeAws.LambdaFn f = function(ref, request.qualifier());
            advance(f);
            return configuration(f, (SdkPojo) GetFunctionConfigurationResponse.builder());
        }
    }

    @Override
    public ListFunctionsResponse listFunctions(ListFunctionsRequest request) {
        synchronized (w) {
            open();
            w.enter("lambda:ListFunctions", "*");
            List<FakeAws.LambdaFn> all = w.lambdas.values().stream().filter(f -> f.region.equals(region))
                    .sorted((a, b) -> a.name.compareTo(b.name)).toList();
            int max = request.maxItems() == null ? 50 : request.maxItems();
            if (max < 1 || max > 10000) {
                throw validation("Value '" + max + "' at 'maxItems' failed to satisfy constraint: Member must have value "
                        + (max < 1 ? "greater than or equal to 1" : "less than or equal to 10000"));
            }
            int start = 0;
            if (request.marker() != null) {
                start = all.size();
                for (int i = 0; i < all.size(); i++) {
                    if (marker(all.get(i)).equals(request.marker())) {
                        start = i;
                    }
                }
            }
            int end = Math.min(all.size(), start + Math.min(max, 50));
            List<FunctionConfiguration> page = all.subList(Math.min(start, end), end).stream()
                    .map(FakeLambda::config).toList();
            return ListFunctionsResponse.builder().functions(page)
                    .nextMarker(end < all.size() ? marker(all.get(end)) : null).build();
        }
    }

    @Override
    public ListFunctionsResponse listFunctions() {
        return listFunctions(ListFunctionsRequest.builder().build());
    }

    private static String marker(FakeAws.LambdaFn f) {
        return Base64.getEncoder().encodeToString(f.name.getBytes(StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------ update

    @Override
    public UpdateFunctionCodeResponse updateFunctionCode(UpdateFunctionCodeRequest request) {
        synchronized (w) {
            open();
            String ref = FakeAws.requirePathParameter(request.functionName(), "FunctionName");
            w.enter("lambda:UpdateFunctionCode", arnOf(ref));
            FakeAws.LambdaFn f = function(ref, null);
            List<String> architectures = request.hasArchitectures()
                    ? checkArchitectures(request.architecturesAsStrings(), f.architectures) : f.architectures;
            if (Boolean.TRUE.equals(request.publish())) {
                throw new UnsupportedOperationException("FakeLambda does not model published versions (Publish)");
            }
            if (request.imageUri() != null) {
                throw invalid("Please don't provide ImageUri when updating a function with packageType Zip.");
            }
            byte[] zip = code(request.zipFile(), request.s3Bucket(), request.s3Key(), "UpdateFunctionCode");
            checkUpdatable(f, request.revisionId());
            if (Boolean.TRUE.equals(request.dryRun())) {
                return configuration(f, (SdkPojo) UpdateFunctionCodeResponse.builder());
            }
            f.architectures = architectures;
            setCode(f, zip);
            updated(f);
            return configuration(f, (SdkPojo) UpdateFunctionCodeResponse.builder());
        }
    }

    @Override
    public UpdateFunctionConfigurationResponse updateFunctionConfiguration(UpdateFunctionConfigurationRequest request) {
        synchronized (w) {
            open();
            String ref = FakeAws.requirePathParameter(request.functionName(), "FunctionName");
            w.enter("lambda:UpdateFunctionConfiguration", arnOf(ref));
            if (request.role() != null) {
                w.passRole("lambda:UpdateFunctionConfiguration", request.role());
            }
            FakeAws.LambdaFn f = function(ref, null);
            if (request.role() != null) {
                checkRolePattern(request.role());
            }
            if (request.runtimeAsString() != null) {
                checkRuntime(request.runtimeAsString());
            }
            if (request.handler() != null) {
                checkHandler(request.handler());
            }
            checkDescription(request.description());
            int memory = checkMemory(request.memorySize(), f.memorySize);
            int timeout = checkTimeout(request.timeout(), f.timeout);
            LinkedHashMap<String, String> env = request.environment() == null ? f.environment
                    // Environment replaces the whole set: absent Variables clear them
                    : checkEnvironment(request.environment().variables());
            checkUpdatable(f, request.revisionId());
            if (request.role() != null && !FakeIam.assumableByLambda(w, request.role())) {
                throw invalid("The role defined for the function cannot be assumed by Lambda.");
            }
            if (request.role() != null) {
                f.role = request.role();
            }
            if (request.runtimeAsString() != null) {
                f.runtime = request.runtimeAsString();
            }
            if (request.handler() != null) {
                f.handler = request.handler();
            }
            if (request.description() != null) {
                f.description = request.description();
            }
            f.memorySize = memory;
            f.timeout = timeout;
            f.environment = env;
            updated(f);
            return configuration(f, (SdkPojo) UpdateFunctionConfigurationResponse.builder());
        }
    }

    /** Lambda refuses an update while the function is Pending or a previous update is InProgress. */
    private void checkUpdatable(FakeAws.LambdaFn f, String revisionId) {
        if (f.state.equals("Pending")) {
            throw error(ResourceConflictException.builder(), 409, "ResourceConflictException",
                    "The operation cannot be performed at this time. The resource " + f.arn + " is currently in the "
                            + "following state: 'Pending'. StateReasonCode: 'Creating'");
        }
        if ("InProgress".equals(f.lastUpdateStatus)) {
            throw error(ResourceConflictException.builder(), 409, "ResourceConflictException",
                    "The operation cannot be performed at this time. An update is in progress for resource: " + f.arn);
        }
        checkRevision(f, revisionId);
    }

    private void checkRevision(FakeAws.LambdaFn f, String revisionId) {
        if (revisionId != null && !revisionId.equals(f.revisionId)) {
            throw error(PreconditionFailedException.builder(), 412, "PreconditionFailedException",
                    "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API "
                            + "to retrieve the latest Revision Id");
        }
    }

    private void updated(FakeAws.LambdaFn f) {
        f.lastUpdateStatus = "InProgress";
        f.gets = 0;
        touch(f);
    }

    // ------------------------------------------------------------------ delete

    @Override
    public DeleteFunctionResponse deleteFunction(DeleteFunctionRequest request) {
        synchronized (w) {
            open();
            String ref = FakeAws.requirePathParameter(request.functionName(), "FunctionName");
            w.enter("lambda:DeleteFunction", arnOf(ref));
            FakeAws.LambdaFn f = function(ref, request.qualifier());
            w.lambdas.remove(f.arn);
            return DeleteFunctionResponse.builder().build();
        }
    }

    // ------------------------------------------------------------------ resource policy

    @Override
    public AddPermissionResponse addPermission(AddPermissionRequest request) {
        synchronized (w) {
            open();
            String ref = FakeAws.requirePathParameter(request.functionName(), "FunctionName");
            w.enter("lambda:AddPermission", arnOf(ref));
            FakeAws.LambdaFn f = function(ref, request.qualifier());
            String sid = request.statementId();
            if (sid == null) {
                throw validation("Value null at 'statementId' failed to satisfy constraint: Member must not be null");
            }
            if (sid.isEmpty() || sid.length() > 100 || !STATEMENT_ID.matcher(sid).matches()) {
                throw validation("Value '" + sid + "' at 'statementId' failed to satisfy constraint: Member must satisfy "
                        + "regular expression pattern: ([a-zA-Z0-9-_.]+)");
            }
            if (request.action() == null) {
                throw validation("Value null at 'action' failed to satisfy constraint: Member must not be null");
            }
            if (!ACTION.matcher(request.action()).matches()) {
                throw validation("Value '" + request.action() + "' at 'action' failed to satisfy constraint: Member "
                        + "must satisfy regular expression pattern: (lambda:[*]|lambda:[a-zA-Z]+|[*])");
            }
            if (request.principal() == null) {
                throw validation("Value null at 'principal' failed to satisfy constraint: Member must not be null");
            }
            if (request.principal().isEmpty() || request.principal().chars().anyMatch(Character::isWhitespace)) {
                throw validation("Value '" + request.principal() + "' at 'principal' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: [^\\s]+");
            }
            checkRevision(f, request.revisionId());
            if (f.permissions.containsKey(sid)) {
                throw error(ResourceConflictException.builder(), 409, "ResourceConflictException",
                        "The statement id (" + sid + ") provided already exists. Please provide a new statement id, or "
                                + "remove the existing statement.");
            }
            String statement = statement(f, sid, request.action(), request.principal(), request.sourceArn(),
                    request.sourceAccount());
            FakeAws.LambdaPermission p = new FakeAws.LambdaPermission(sid, request.action(), request.principal(),
                    request.sourceArn(), request.sourceAccount(), statement);
            f.permissions.put(sid, p);
            int size = policyJson(f).length();
            if (size > MAX_POLICY) {
                f.permissions.remove(sid);
                throw error(PolicyLengthExceededException.builder(), 400, "PolicyLengthExceededException",
                        "The final policy size (" + size + ") is bigger than the limit (" + MAX_POLICY + ").");
            }
            f.revisionId = w.uuid();
            return AddPermissionResponse.builder().statement(statement).build();
        }
    }

    @Override
    public RemovePermissionResponse removePermission(RemovePermissionRequest request) {
        synchronized (w) {
            open();
            String ref = FakeAws.requirePathParameter(request.functionName(), "FunctionName");
            String sid = FakeAws.requirePathParameter(request.statementId(), "StatementId");
            w.enter("lambda:RemovePermission", arnOf(ref));
            FakeAws.LambdaFn f = function(ref, request.qualifier());
            checkRevision(f, request.revisionId());
            if (f.permissions.remove(sid) == null) {
                throw error(ResourceNotFoundException.builder(), 404, "ResourceNotFoundException",
                        "Statement " + sid + " is not found in resource policy.");
            }
            f.revisionId = w.uuid();
            return RemovePermissionResponse.builder().build();
        }
    }

    @Override
    public GetPolicyResponse getPolicy(GetPolicyRequest request) {
        synchronized (w) {
            open();
            String ref = FakeAws.requirePathParameter(request.functionName(), "FunctionName");
            w.enter("lambda:GetPolicy", arnOf(ref));
            FakeAws.LambdaFn f = function(ref, request.qualifier());
            if (f.permissions.isEmpty()) {
                throw error(ResourceNotFoundException.builder(), 404, "ResourceNotFoundException",
                        "The resource you requested does not exist.");
            }
            return GetPolicyResponse.builder().policy(policyJson(f)).revisionId(f.revisionId).build();
        }
    }

    /** One statement as Lambda writes it: Sid, Effect, Principal, Action, Resource, Condition. */
    private static String statement(FakeAws.LambdaFn f, String sid, String action, String principal, String sourceArn,
            String sourceAccount) {
        String p;
        if (principal.equals("*")) {
            p = "\"*\"";
        } else if (principal.matches("\\d{12}")) {
            p = "{\"AWS\":" + FakeAws.json("arn:aws:iam::" + principal + ":root") + "}";
        } else if (principal.startsWith("arn:")) {
            p = "{\"AWS\":" + FakeAws.json(principal) + "}";
        } else {
            p = "{\"Service\":" + FakeAws.json(principal) + "}";
        }
        StringBuilder sb = new StringBuilder();
        sb.append("{\"Sid\":").append(FakeAws.json(sid))
                .append(",\"Effect\":\"Allow\",\"Principal\":").append(p)
                .append(",\"Action\":").append(FakeAws.json(action))
                .append(",\"Resource\":").append(FakeAws.json(f.arn));
        List<String> conditions = new ArrayList<>();
        if (sourceAccount != null) {
            conditions.add("\"StringEquals\":{\"AWS:SourceAccount\":" + FakeAws.json(sourceAccount) + "}");
        }
        if (sourceArn != null) {
            conditions.add("\"ArnLike\":{\"AWS:SourceArn\":" + FakeAws.json(sourceArn) + "}");
        }
        if (!conditions.isEmpty()) {
            sb.append(",\"Condition\":{").append(String.join(",", conditions)).append('}');
        }
        return sb.append('}').toString();
    }

    /** The resource policy as GetPolicy returns it. */
    static String policyJson(FakeAws.LambdaFn f) {
        return "{\"Version\":\"2012-10-17\",\"Id\":\"default\",\"Statement\":["
                + String.join(",", f.permissions.values().stream().map(FakeAws.LambdaPermission::statement).toList())
                + "]}";
    }

    // ------------------------------------------------------------------ tags

    @Override
    public ListTagsResponse listTags(ListTagsRequest request) {
        synchronized (w) {
            open();
            String resource = FakeAws.requirePathParameter(request.resource(), "Resource");
            w.enter("lambda:ListTags", resource);
            FakeAws.LambdaFn f = functionOfArn(resource);
            return ListTagsResponse.builder().tags(new LinkedHashMap<>(f.tags)).build();
        }
    }

    @Override
    public TagResourceResponse tagResource(TagResourceRequest request) {
        synchronized (w) {
            open();
            String resource = FakeAws.requirePathParameter(request.resource(), "Resource");
            w.enter("lambda:TagResource", resource);
            FakeAws.LambdaFn f = functionOfArn(resource);
            if (!request.hasTags()) {
                throw validation("Value null at 'tags' failed to satisfy constraint: Member must not be null");
            }
            f.tags.putAll(request.tags());
            return TagResourceResponse.builder().build();
        }
    }

    @Override
    public UntagResourceResponse untagResource(UntagResourceRequest request) {
        synchronized (w) {
            open();
            String resource = FakeAws.requirePathParameter(request.resource(), "Resource");
            w.enter("lambda:UntagResource", resource);
            FakeAws.LambdaFn f = functionOfArn(resource);
            if (request.hasTagKeys()) {
                request.tagKeys().forEach(f.tags::remove);
            }
            return UntagResourceResponse.builder().build();
        }
    }

    /** Tagging takes the full function ARN, not a name. */
    private FakeAws.LambdaFn functionOfArn(String resource) {
        if (!resource.startsWith("arn:")) {
            throw validation("Value '" + resource + "' at 'resource' failed to satisfy constraint: Member must satisfy "
                    + "regular expression pattern: arn:(aws[a-zA-Z-]*):lambda:[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-"
                    + "\\d{1}:\\d{12}:function:[a-zA-Z0-9-_]+(:(\\$LATEST|[a-zA-Z0-9-_]+))?");
        }
        return function(resource, null);
    }

    // ------------------------------------------------------------------ checks

    private void checkRolePattern(String role) {
        if (!ROLE_ARN.matcher(role).matches()) {
            throw validation("Value '" + role + "' at 'role' failed to satisfy constraint: Member must satisfy regular "
                    + "expression pattern: " + ROLE_PATTERN);
        }
    }

    private void checkRuntime(String runtime) {
        if (DEPRECATED_RUNTIMES.contains(runtime)) {
            throw invalid("The runtime parameter of " + runtime + " is no longer supported for creating or updating AWS "
                    + "Lambda functions. We recommend you use a supported runtime while creating or updating functions.");
        }
        if (Runtime.fromValue(runtime) == Runtime.UNKNOWN_TO_SDK_VERSION) {
            throw validation("Value '" + runtime + "' at 'runtime' failed to satisfy constraint: Member must satisfy "
                    + "enum value set: " + Runtime.knownValues());
        }
    }

    private void checkHandler(String handler) {
        if (handler.length() > 128 || handler.isEmpty() || handler.chars().anyMatch(Character::isWhitespace)) {
            throw validation("Value '" + handler + "' at 'handler' failed to satisfy constraint: Member must satisfy "
                    + "regular expression pattern: [^\\s]+");
        }
    }

    private void checkDescription(String description) {
        if (description != null && description.length() > 256) {
            throw validation("Value '" + description + "' at 'description' failed to satisfy constraint: Member must "
                    + "have length less than or equal to 256");
        }
    }

    private int checkMemory(Integer memory, int current) {
        if (memory == null) {
            return current;
        }
        if (memory < 128 || memory > 10240) {
            throw validation("Value '" + memory + "' at 'memorySize' failed to satisfy constraint: Member must have value "
                    + (memory < 128 ? "greater than or equal to 128" : "less than or equal to 10240"));
        }
        return memory;
    }

    private int checkTimeout(Integer timeout, int current) {
        if (timeout == null) {
            return current;
        }
        if (timeout < 1 || timeout > 900) {
            throw validation("Value '" + timeout + "' at 'timeout' failed to satisfy constraint: Member must have value "
                    + (timeout < 1 ? "greater than or equal to 1" : "less than or equal to 900"));
        }
        return timeout;
    }

    private List<String> checkArchitectures(List<String> given, List<String> current) {
        if (given == null) {
            return current;
        }
        if (given.size() != 1) {
            throw validation("Value '" + given + "' at 'architectures' failed to satisfy constraint: Member must have "
                    + "length " + (given.isEmpty() ? "greater than or equal to 1" : "less than or equal to 1"));
        }
        if (!given.get(0).equals("x86_64") && !given.get(0).equals("arm64")) {
            throw validation("Value '" + given + "' at 'architectures' failed to satisfy constraint: Member must satisfy "
                    + "constraint: [Member must satisfy enum value set: [x86_64, arm64]]");
        }
        return List.copyOf(given);
    }

    private LinkedHashMap<String, String> checkEnvironment(Map<String, String> variables) {
        LinkedHashMap<String, String> env = new LinkedHashMap<>(variables == null ? Map.of() : variables);
        for (String key : env.keySet()) {
            if (!ENV_KEY.matcher(key).matches()) {
                throw validation("Value at 'environment.variables' failed to satisfy constraint: Map keys must satisfy "
                        + "constraint: [Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+]");
            }
        }
        List<String> reserved = env.keySet().stream().filter(RESERVED_KEYS::contains).toList();
        if (!reserved.isEmpty()) {
            throw invalid("Lambda was unable to configure your environment variables because the environment variables "
                    + "you have provided contains reserved keys that are currently not supported for modification. "
                    + "Reserved keys used in this request: " + String.join(", ", reserved));
        }
        StringBuilder measured = new StringBuilder("{");
        env.forEach((k, v) -> measured.append(measured.length() > 1 ? "," : "").append(FakeAws.json(k)).append(':')
                .append(FakeAws.json(v == null ? "" : v)));
        measured.append('}');
        int size = env.entrySet().stream().mapToInt(e -> e.getKey().getBytes(StandardCharsets.UTF_8).length
                + (e.getValue() == null ? 0 : e.getValue().getBytes(StandardCharsets.UTF_8).length)).sum();
        if (size > 4096) {
            throw invalid("Lambda was unable to configure your environment variables because the environment variables "
                    + "you have provided exceeded the 4KB limit. String measured: " + measured);
        }
        return env;
    }

    /** The zip of a request: inline (ZipFile) or from a bucket of the fake S3 in this region. */
    private byte[] code(SdkBytes zipFile, String bucket, String key, String operation) {
        byte[] zip;
        if (zipFile != null) {
            zip = zipFile.asByteArray();
            if ((zip.length + 2L) / 3 * 4 > MAX_REQUEST) {
                // the front end answers this one: its code is not the SDK's modelled RequestTooLargeException
                throw error(LambdaException.builder(), 413, "RequestEntityTooLargeException",
                        "Request must be smaller than " + MAX_REQUEST + " bytes for the " + operation + " operation");
            }
        } else if (bucket != null && key != null) {
            FakeAws.Bucket b = w.buckets.get(bucket);
            if (b == null || b.foreign) {
                throw invalid("Error occurred while GetObject. S3 Error Code: " + (b == null ? "NoSuchBucket"
                        : "AccessDenied") + ". S3 Error Message: " + (b == null ? "The specified bucket does not exist"
                        : "Access Denied"));
            }
            if (!b.region.equals(region)) {
                throw invalid("Error occurred while GetObject. S3 Error Code: PermanentRedirect. S3 Error Message: "
                        + "The bucket is in this region: " + b.region + ". Please use this region to retry the request");
            }
            FakeAws.StoredObject o = b.objects.get(key);
            if (o == null) {
                throw invalid("Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The "
                        + "specified key does not exist.");
            }
            zip = o.bytes().clone();
        } else {
            throw invalid("Please provide a source for function code.");
        }
        boolean isZip = zip.length >= 4 && zip[0] == 'P' && zip[1] == 'K'
                && ((zip[2] == 3 && zip[3] == 4) || (zip[2] == 5 && zip[3] == 6));
        if (!isZip) {
            throw invalid("Could not unzip uploaded file. Please check your file, then try to upload again.");
        }
        return zip;
    }

    // ------------------------------------------------------------------ names and errors

    String arn(String name) {
        return "arn:aws:lambda:" + region + ":" + FakeAws.ACCOUNT + ":function:" + name;
    }

    /** The ARN named by a function reference, for AccessDenied messages (the reference itself if it is malformed). */
    private String arnOf(String ref) {
        Matcher m = FUNCTION_REF.matcher(ref);
        return m.matches() ? arn(m.group(7)) : ref;
    }

    /** A function by name, ARN or partial ARN ("123456789012:function:name"), in this client's region. */
    private FakeAws.LambdaFn function(String ref, String qualifier) {
        Matcher m = FUNCTION_REF.matcher(ref);
        if (ref.length() > 256 || !m.matches()) {
            throw validation("Value '" + ref + "' at 'functionName' failed to satisfy constraint: Member must satisfy "
                    + "regular expression pattern: " + FUNCTION_REF_PATTERN);
        }
        String name = m.group(7);
        String refRegion = m.group(3) == null ? region : m.group(3).substring(0, m.group(3).length() - 1);
        String account = m.group(5) == null ? FakeAws.ACCOUNT : m.group(5).substring(0, 12);
        String version = m.group(9) != null ? m.group(9) : qualifier;
        String arn = "arn:aws:lambda:" + refRegion + ":" + account + ":function:" + name;
        FakeAws.LambdaFn f = refRegion.equals(region) && account.equals(FakeAws.ACCOUNT) ? w.lambdas.get(arn) : null;
        if (f == null || (version != null && !version.equals("$LATEST"))) {
            throw error(ResourceNotFoundException.builder(), 404, "ResourceNotFoundException",
                    "Function not found: " + arn + (version == null ? "" : ":" + version));
        }
        return f;
    }

    private AwsServiceException invalid(String message) {
        return error(InvalidParameterValueException.builder(), 400, "InvalidParameterValueException", message);
    }

    /** Lambda's answer to a parameter that breaks its model: 400 ValidationException (no modelled exception). */
    private AwsServiceException validation(String what) {
        return error(LambdaException.builder(), 400, "ValidationException", "1 validation error detected: " + what);
    }

    private AwsServiceException error(AwsServiceException.Builder b, int status, String code, String message) {
        return w.error(b, "Lambda", status, code, message);
    }

    private void open() {
        if (closed) {
            throw new IllegalStateException("Connection pool shut down");
        }
    }

    // ------------------------------------------------------------------ the function's life

    /** One more Get: Pending becomes Active, InProgress becomes Successful, after the knobs' number of calls. */
    private void advance(FakeAws.LambdaFn f) {
        f.gets++;
        if (f.state.equals("Pending") && f.gets > w.getsUntilActive) {
            f.state = "Active";
            f.lastUpdateStatus = "Successful";
        } else if ("InProgress".equals(f.lastUpdateStatus) && f.gets > w.getsUntilUpdated) {
            f.lastUpdateStatus = "Successful";
        }
    }

    private void touch(FakeAws.LambdaFn f) {
        f.lastModified = LAST_MODIFIED.format(Instant.now());
        f.revisionId = w.uuid();
    }

    private static void setCode(FakeAws.LambdaFn f, byte[] zip) {
        f.zip = zip;
        f.codeSize = zip.length;
        try {
            f.codeSha256 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(zip));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The configuration as every read and write answers it. */
    private static FunctionConfiguration config(FakeAws.LambdaFn f) {
        return FunctionConfiguration.builder()
                .functionName(f.name)
                .functionArn(f.arn)
                .runtime(f.runtime)
                .role(f.role)
                .handler(f.handler)
                .codeSize(f.codeSize)
                .description(f.description)
                .timeout(f.timeout)
                .memorySize(f.memorySize)
                .lastModified(f.lastModified)
                .codeSha256(f.codeSha256)
                .version("$LATEST")
                .environment(f.environment == null ? null
                        : EnvironmentResponse.builder().variables(new LinkedHashMap<>(f.environment)).build())
                .tracingConfig(TracingConfigResponse.builder().mode("PassThrough").build())
                .revisionId(f.revisionId)
                .state(f.state)
                .stateReason(f.state.equals("Pending") ? "The function is being created." : null)
                .stateReasonCode(f.state.equals("Pending") ? "Creating" : null)
                .lastUpdateStatus(f.lastUpdateStatus)
                .packageType("Zip")
                .architecturesWithStrings(f.architectures)
                .ephemeralStorage(EphemeralStorage.builder().size(512).build())
                .snapStart(SnapStartResponse.builder().applyOn("None").optimizationStatus("Off").build())
                .loggingConfig(LoggingConfig.builder().logFormat("Text").logGroup("/aws/lambda/" + f.name).build())
                .build();
    }

    /**
     * CreateFunctionResponse, GetFunctionConfigurationResponse, UpdateFunctionCodeResponse and
     * UpdateFunctionConfigurationResponse have the members of FunctionConfiguration: fill one from it.
     */
    private static <T> T configuration(FakeAws.LambdaFn f, SdkPojo builder) {
        return FakeAws.copyInto(config(f), builder);
    }
}
