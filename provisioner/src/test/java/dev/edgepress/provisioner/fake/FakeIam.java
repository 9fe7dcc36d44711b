package dev.edgepress.provisioner.fake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.IamServiceClientConfiguration;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;
import software.amazon.awssdk.services.iam.model.CreateRoleResponse;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.DeleteRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.DeleteRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.DeleteRoleRequest;
import software.amazon.awssdk.services.iam.model.DeleteRoleResponse;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.GetRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.GetRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.GetRoleRequest;
import software.amazon.awssdk.services.iam.model.GetRoleResponse;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.ListAttachedRolePoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListAttachedRolePoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListRolePoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListRolePoliciesResponse;
import software.amazon.awssdk.services.iam.model.ListRoleTagsRequest;
import software.amazon.awssdk.services.iam.model.ListRoleTagsResponse;
import software.amazon.awssdk.services.iam.model.ListRolesRequest;
import software.amazon.awssdk.services.iam.model.ListRolesResponse;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PutRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.PutRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.RoleLastUsed;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.TagRoleRequest;
import software.amazon.awssdk.services.iam.model.TagRoleResponse;
import software.amazon.awssdk.services.iam.model.UntagRoleRequest;
import software.amazon.awssdk.services.iam.model.UntagRoleResponse;
import software.amazon.awssdk.services.iam.model.UpdateAssumeRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.UpdateAssumeRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.UpdateRoleRequest;
import software.amazon.awssdk.services.iam.model.UpdateRoleResponse;
import software.amazon.awssdk.services.iam.waiters.IamWaiter;

/**
 * IAM roles and their inline policies (global). IAM is a query-protocol service: errors carry codes such as
 * {@code NoSuchEntity} and {@code EntityAlreadyExists}, and missing or malformed parameters answer 400
 * {@code ValidationError}. Policy documents are returned URL-encoded (RFC 3986), as IAM returns them: decode with
 * {@code URLDecoder}. Role names are unique without regard to case, as in IAM.
 *
 * <p>Lambda asks this world whether a role is assumable ({@link #assumableByLambda}): only if it exists, its trust
 * policy allows lambda.amazonaws.com to sts:AssumeRole, and {@link FakeAws#roleCallsUntilAssumable} Lambda calls have
 * named it since it was made or its trust policy last changed.
 */
final class FakeIam implements IamClient {

    private static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]+");
    private static final Pattern POLICY_NAME = Pattern.compile("[\\w+=,.@-]+");
    private static final Pattern PATH = Pattern.compile("(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)");
    /** The default quota "Role trust policy length" (characters, whitespace not counted). */
    private static final int TRUST_POLICY_QUOTA = 2048;
    /** Inline policies of a role together (characters, whitespace not counted). */
    private static final int INLINE_POLICIES_QUOTA = 10240;

    private final FakeAws w;
    private boolean closed;

    FakeIam(FakeAws w) {
        this.w = w;
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
    public IamServiceClientConfiguration serviceClientConfiguration() {
        return IamServiceClientConfiguration.builder().region(Region.AWS_GLOBAL).build();
    }

    @Override
    public IamWaiter waiter() {
        return IamWaiter.builder().client(this).build();
    }

    // ------------------------------------------------------------------ roles

    @Override
    public CreateRoleResponse createRole(CreateRoleRequest request) {
        synchronized (w) {
            open();
            String name = request.roleName();
            w.enter("iam:CreateRole", roleArn("/", name == null ? "*" : name));
            if (request.hasTags() && !request.tags().isEmpty()) {
                w.authorize("iam:CreateRole", "iam:TagRole", roleArn("/", name == null ? "*" : name));
            }
            checkRoleName(name);
            if (request.assumeRolePolicyDocument() == null) {
                throw validation("Value null at 'assumeRolePolicyDocument' failed to satisfy constraint: Member must not "
                        + "be null");
            }
            String path = request.path() == null ? "/" : request.path();
            if (path.length() > 512 || !PATH.matcher(path).matches()) {
                throw validation("Value '" + path + "' at 'path' failed to satisfy constraint: Member must satisfy "
                        + "regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)");
            }
            if (request.description() != null && request.description().length() > 1000) {
                throw validation("Value '" + request.description() + "' at 'description' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 1000");
            }
            int maxSession = request.maxSessionDuration() == null ? 3600 : request.maxSessionDuration();
            if (maxSession < 3600 || maxSession > 43200) {
                throw validation("Value '" + maxSession + "' at 'maxSessionDuration' failed to satisfy constraint: "
                        + "Member must have value " + (maxSession < 3600 ? "greater than or equal to 3600"
                        : "less than or equal to 43200"));
            }
            checkTrustPolicy(request.assumeRolePolicyDocument());
            List<Tag> tags = request.hasTags() ? request.tags() : List.of();
            checkTags(tags, 0);
            if (w.roles.containsKey(name.toLowerCase(Locale.ROOT))) {
                throw error(EntityAlreadyExistsException.builder(), 409, "EntityAlreadyExists",
                        "Role with name " + name + " already exists.");
            }
            FakeAws.Role r = new FakeAws.Role();
            r.name = name;
            r.path = path;
            r.id = "AROA" + w.randomUpper(17);
            r.arn = roleArn(path, name);
            r.trustPolicy = request.assumeRolePolicyDocument();
            r.description = request.description();
            r.maxSessionDuration = maxSession;
            r.created = Instant.now();
            tags.forEach(t -> r.tags.put(t.key(), t.value()));
            w.roles.put(name.toLowerCase(Locale.ROOT), r);
            Role.Builder model = model(r).toBuilder().maxSessionDuration(null).roleLastUsed((RoleLastUsed) null);
            if (r.tags.isEmpty()) {
                model.tags((List<Tag>) null);
            }
            return CreateRoleResponse.builder().role(model.build()).build();
        }
    }

    @Override
    public GetRoleResponse getRole(GetRoleRequest request) {
        synchronized (w) {
            open();
            w.enter("iam:GetRole", roleArn("/", request.roleName() == null ? "*" : request.roleName()));
            FakeAws.Role r = role(request.roleName());
            return GetRoleResponse.builder().role(model(r)).build();
        }
    }

    @Override
    public ListRolesResponse listRoles(ListRolesRequest request) {
        synchronized (w) {
            open();
            w.enter("iam:ListRoles", roleArn("/", "*"));
            String prefix = request.pathPrefix() == null ? "/" : request.pathPrefix();
            List<Role> all = w.roles.values().stream().filter(r -> r.path.startsWith(prefix))
                    // ListRoles leaves out tags, the permissions boundary and RoleLastUsed
                    .map(r -> model(r).toBuilder().tags((List<Tag>) null).roleLastUsed((RoleLastUsed) null).build())
                    .toList();
            Page<Role> page = page(all, request.marker(), request.maxItems());
            return ListRolesResponse.builder().roles(page.items).isTruncated(page.truncated).marker(page.marker).build();
        }
    }

    @Override
    public UpdateAssumeRolePolicyResponse updateAssumeRolePolicy(UpdateAssumeRolePolicyRequest request) {
        synchronized (w) {
            open();
            w.enter("iam:UpdateAssumeRolePolicy", roleArn("/", request.roleName() == null ? "*" : request.roleName()));
            FakeAws.Role r = role(request.roleName());
            if (request.policyDocument() == null) {
                throw validation("Value null at 'policyDocument' failed to satisfy constraint: Member must not be null");
            }
            checkTrustPolicy(request.policyDocument());
            if (!request.policyDocument().equals(r.trustPolicy)) {
                // a changed trust policy propagates again: Lambda may refuse the role for a while
                r.trustPolicy = request.policyDocument();
                r.lambdaCalls = 0;
                r.assumableByLambda = false;
            }
            return UpdateAssumeRolePolicyResponse.builder().build();
        }
    }

    @Override
    public UpdateRoleResponse updateRole(UpdateRoleRequest request) {
        synchronized (w) {
            open();
            w.enter("iam:UpdateRole", roleArn("/", request.roleName() == null ? "*" : request.roleName()));
            FakeAws.Role r = role(request.roleName());
            if (request.description() != null) {
                r.description = request.description();
            }
            if (request.maxSessionDuration() != null) {
                r.maxSessionDuration = request.maxSessionDuration();
            }
            return UpdateRoleResponse.builder().build();
        }
    }

    @Override
    public DeleteRoleResponse deleteRole(DeleteRoleRequest request) {
        synchronized (w) {
            open();
            w.enter("iam:DeleteRole", roleArn("/", request.roleName() == null ? "*" : request.roleName()));
            FakeAws.Role r = role(request.roleName());
            if (!r.inlinePolicies.isEmpty()) {
                throw error(DeleteConflictException.builder(), 409, "DeleteConflict",
                        "Cannot delete entity, must delete policies first.");
            }
            w.roles.remove(r.name.toLowerCase(Locale.ROOT));
            return DeleteRoleResponse.builder().build();
        }
    }

    // ------------------------------------------------------------------ inline policies

    @Override
    public PutRolePolicyResponse putRolePolicy(PutRolePolicyRequest request) {
        synchronized (w) {
            open();
            w.enter("iam:PutRolePolicy", roleArn("/", request.roleName() == null ? "*" : request.roleName()));
            checkPolicyName(request.policyName());
            if (request.policyDocument() == null) {
                throw validation("Value null at 'policyDocument' failed to satisfy constraint: Member must not be null");
            }
            FakeAws.Role r = role(request.roleName());
            checkPermissionsPolicy(request.policyDocument());
            int size = 0;
            for (Map.Entry<String, String> e : r.inlinePolicies.entrySet()) {
                if (!e.getKey().equals(request.policyName())) {
                    size += sizeWithoutWhitespace(e.getValue());
                }
            }
            size += sizeWithoutWhitespace(request.policyDocument());
            if (size > INLINE_POLICIES_QUOTA) {
                throw error(LimitExceededException.builder(), 409, "LimitExceeded",
                        "Maximum policy size of " + INLINE_POLICIES_QUOTA + " bytes exceeded for role " + r.name);
            }
            r.inlinePolicies.put(request.policyName(), request.policyDocument());
            return PutRolePolicyResponse.builder().build();
        }
    }

    @Override
    public GetRolePolicyResponse getRolePolicy(GetRolePolicyRequest request) {
        synchronized (w) {
            open();
            w.enter("iam:GetRolePolicy", roleArn("/", request.roleName() == null ? "*" : request.roleName()));
            checkPolicyName(request.policyName());
            FakeAws.Role r = role(request.roleName());
            String doc = r.inlinePolicies.get(request.policyName());
            if (doc == null) {
                throw noSuchPolicy(request.policyName());
            }
            return GetRolePolicyResponse.builder().roleName(r.name).policyName(request.policyName())
                    .policyDocument(FakeAws.rfc3986(doc)).build();
        }
    }

    @Override
    public DeleteRolePolicyResponse deleteRolePolicy(DeleteRolePolicyRequest request) {
        synchronized (w) {
            open();
            w.enter("iam:DeleteRolePolicy", roleArn("/", request.roleName() == null ? "*" : request.roleName()));
            checkPolicyName(request.policyName());
            FakeAws.Role r = role(request.roleName());
            if (r.inlinePolicies.remove(request.policyName()) == null) {
                throw noSuchPolicy(request.policyName());
            }
            return DeleteRolePolicyResponse.builder().build();
        }
    }

    @Override
    public ListRolePoliciesResponse listRolePolicies(ListRolePoliciesRequest request) {
        synchronized (w) {
            open();
            w.enter("iam:ListRolePolicies", roleArn("/", request.roleName() == null ? "*" : request.roleName()));
            FakeAws.Role r = role(request.roleName());
            Page<String> page = page(List.copyOf(r.inlinePolicies.keySet()), request.marker(), request.maxItems());
            return ListRolePoliciesResponse.builder().policyNames(page.items).isTruncated(page.truncated)
                    .marker(page.marker).build();
        }
    }

    /** Managed policies are not modelled: every role has none attached. */
    @Override
    public ListAttachedRolePoliciesResponse listAttachedRolePolicies(ListAttachedRolePoliciesRequest request) {
        synchronized (w) {
            open();
            w.enter("iam:ListAttachedRolePolicies", roleArn("/", request.roleName() == null ? "*" : request.roleName()));
            role(request.roleName());
            return ListAttachedRolePoliciesResponse.builder().attachedPolicies(List.of()).isTruncated(false).build();
        }
    }

    // ------------------------------------------------------------------ tags

    @Override
    public TagRoleResponse tagRole(TagRoleRequest request) {
        synchronized (w) {
            open();
            w.enter("iam:TagRole", roleArn("/", request.roleName() == null ? "*" : request.roleName()));
            FakeAws.Role r = role(request.roleName());
            List<Tag> tags = request.hasTags() ? request.tags() : List.of();
            if (tags.isEmpty()) {
                throw validation("Value null at 'tags' failed to satisfy constraint: Member must not be null");
            }
            checkTags(tags, (int) r.tags.keySet().stream()
                    .filter(k -> tags.stream().noneMatch(t -> t.key().equals(k))).count());
            tags.forEach(t -> r.tags.put(t.key(), t.value()));
            return TagRoleResponse.builder().build();
        }
    }

    @Override
    public UntagRoleResponse untagRole(UntagRoleRequest request) {
        synchronized (w) {
            open();
            w.enter("iam:UntagRole", roleArn("/", request.roleName() == null ? "*" : request.roleName()));
            FakeAws.Role r = role(request.roleName());
            if (request.hasTagKeys()) {
                request.tagKeys().forEach(r.tags::remove);
            }
            return UntagRoleResponse.builder().build();
        }
    }

    @Override
    public ListRoleTagsResponse listRoleTags(ListRoleTagsRequest request) {
        synchronized (w) {
            open();
            w.enter("iam:ListRoleTags", roleArn("/", request.roleName() == null ? "*" : request.roleName()));
            FakeAws.Role r = role(request.roleName());
            List<Tag> all = r.tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                    .toList();
            Page<Tag> page = page(all, request.marker(), request.maxItems());
            return ListRoleTagsResponse.builder().tags(page.items).isTruncated(page.truncated).marker(page.marker).build();
        }
    }

    // ------------------------------------------------------------------ the role as Lambda sees it

    /**
     * Whether Lambda may assume the role of this ARN now. Every call counts as one Lambda call naming the role (see
     * {@link FakeAws#roleCallsUntilAssumable}); once assumable, a role stays so until its trust policy changes.
     */
    static boolean assumableByLambda(FakeAws w, String roleArn) {
        FakeAws.Role r = w.roles.values().stream().filter(x -> x.arn.equals(roleArn)).findFirst().orElse(null);
        if (r == null || !trustsLambda(r.trustPolicy)) {
            return false;
        }
        if (!r.assumableByLambda) {
            r.lambdaCalls++;
            r.assumableByLambda = r.lambdaCalls > w.roleCallsUntilAssumable;
        }
        return r.assumableByLambda;
    }

    /** True if some Allow statement lets lambda.amazonaws.com (or anyone) sts:AssumeRole. */
    static boolean trustsLambda(String trustPolicy) {
        JsonNode doc;
        try {
            doc = JsonNode.parser().parse(trustPolicy);
        } catch (RuntimeException e) {
            return false;
        }
        for (JsonNode st : statements(doc)) {
            if (!st.isObject() || !"Allow".equals(text(st.field("Effect").orElse(null)))) {
                continue;
            }
            boolean action = strings(st.field("Action").orElse(null)).stream()
                    .anyMatch(a -> a.equals("sts:AssumeRole") || a.equals("sts:*") || a.equals("*"));
            JsonNode principal = st.field("Principal").orElse(null);
            boolean lambda = principal != null && (principal.isString() && principal.asString().equals("*")
                    || principal.isObject() && (strings(principal.field("Service").orElse(null))
                    .contains("lambda.amazonaws.com") || strings(principal.field("AWS").orElse(null)).contains("*")));
            if (action && lambda) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ checks

    private void checkRoleName(String name) {
        if (name == null) {
            throw validation("Value null at 'roleName' failed to satisfy constraint: Member must not be null");
        }
        if (name.isEmpty() || name.length() > 64) {
            throw validation("Value '" + name + "' at 'roleName' failed to satisfy constraint: Member must have length "
                    + (name.isEmpty() ? "greater than or equal to 1" : "less than or equal to 64"));
        }
        if (!ROLE_NAME.matcher(name).matches()) {
            throw validation("Value '" + name + "' at 'roleName' failed to satisfy constraint: Member must satisfy "
                    + "regular expression pattern: [\\w+=,.@-]+");
        }
    }

    private void checkPolicyName(String name) {
        if (name == null) {
            throw validation("Value null at 'policyName' failed to satisfy constraint: Member must not be null");
        }
        if (name.isEmpty() || name.length() > 128 || !POLICY_NAME.matcher(name).matches()) {
            throw validation("Value '" + name + "' at 'policyName' failed to satisfy constraint: Member must satisfy "
                    + "regular expression pattern: [\\w+=,.@-]+");
        }
    }

    private JsonNode parsePolicy(String doc) {
        JsonNode node;
        try {
            node = JsonNode.parser().parse(doc);
        } catch (RuntimeException e) {
            throw malformed("This policy contains invalid Json");
        }
        if (!node.isObject()) {
            throw malformed("This policy contains invalid Json");
        }
        if (node.field("Statement").isEmpty()) {
            throw malformed("Syntax errors in policy.");
        }
        return node;
    }

    private void checkTrustPolicy(String doc) {
        JsonNode node = parsePolicy(doc);
        for (JsonNode st : statements(node)) {
            if (st.field("Resource").isPresent() || st.field("NotResource").isPresent()) {
                throw malformed("Has prohibited field Resource");
            }
            if (st.field("Principal").isEmpty() && st.field("NotPrincipal").isEmpty()) {
                throw malformed("AssumeRolepolicy contained an invalid principal");
            }
        }
        if (sizeWithoutWhitespace(doc) > TRUST_POLICY_QUOTA) {
            throw error(LimitExceededException.builder(), 409, "LimitExceeded",
                    "Cannot exceed quota for ACLSizePerRole: " + TRUST_POLICY_QUOTA);
        }
    }

    private void checkPermissionsPolicy(String doc) {
        JsonNode node = parsePolicy(doc);
        for (JsonNode st : statements(node)) {
            if (st.field("Principal").isPresent() || st.field("NotPrincipal").isPresent()) {
                throw malformed("Policy document should not specify a principal.");
            }
            if (st.field("Action").isEmpty() && st.field("NotAction").isEmpty()) {
                throw malformed("Policy statement must contain actions.");
            }
            if (st.field("Resource").isEmpty() && st.field("NotResource").isEmpty()) {
                throw malformed("Policy statement must contain resources.");
            }
        }
    }

    private void checkTags(List<Tag> tags, int kept) {
        for (Tag t : tags) {
            if (t.key() == null || t.key().isEmpty() || t.key().length() > 128) {
                throw validation("Value '" + t.key() + "' at 'tags.member.key' failed to satisfy constraint: Member "
                        + "must have length between 1 and 128");
            }
            if (t.value() == null || t.value().length() > 256) {
                throw validation("Value '" + t.value() + "' at 'tags.member.value' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 256");
            }
            if (t.key().toLowerCase(Locale.ROOT).startsWith("aws:")) {
                throw error(software.amazon.awssdk.services.iam.model.InvalidInputException.builder(), 400,
                        "InvalidInput", "User-defined tag keys can't start with 'aws:'.");
            }
        }
        if (kept + tags.size() > 50) {
            throw error(LimitExceededException.builder(), 409, "LimitExceeded",
                    "The number of tags has reached the maximum limit.");
        }
    }

    private static List<JsonNode> statements(JsonNode doc) {
        JsonNode st = doc.field("Statement").orElse(null);
        if (st == null) {
            return List.of();
        }
        return st.isArray() ? st.asArray() : List.of(st);
    }

    private static List<String> strings(JsonNode n) {
        if (n == null) {
            return List.of();
        }
        if (n.isString()) {
            return List.of(n.asString());
        }
        if (n.isArray()) {
            return n.asArray().stream().filter(JsonNode::isString).map(JsonNode::asString).toList();
        }
        return List.of();
    }

    private static String text(JsonNode n) {
        return n != null && n.isString() ? n.asString() : null;
    }

    private static int sizeWithoutWhitespace(String doc) {
        return doc.replaceAll("\\s", "").length();
    }

    // ------------------------------------------------------------------ helpers

    private FakeAws.Role role(String name) {
        checkRoleName(name);
        FakeAws.Role r = w.roles.get(name.toLowerCase(Locale.ROOT));
        if (r == null) {
            throw error(NoSuchEntityException.builder(), 404, "NoSuchEntity",
                    "The role with name " + name + " cannot be found.");
        }
        return r;
    }

    private static Role model(FakeAws.Role r) {
        Role.Builder b = Role.builder()
                .path(r.path)
                .roleName(r.name)
                .roleId(r.id)
                .arn(r.arn)
                .createDate(r.created)
                .assumeRolePolicyDocument(FakeAws.rfc3986(r.trustPolicy))
                .description(r.description)
                .maxSessionDuration(r.maxSessionDuration)
                .roleLastUsed(RoleLastUsed.builder().build());
        if (!r.tags.isEmpty()) {
            b.tags(r.tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                    .toList());
        }
        return b.build();
    }

    static String roleArn(String path, String name) {
        return "arn:aws:iam::" + FakeAws.ACCOUNT + ":role" + path + name;
    }

    private record Page<T>(List<T> items, boolean truncated, String marker) {
    }

    /** IAM's paging: Marker is opaque (here the index of the next item), MaxItems 1..1000, default 100. */
    private <T> Page<T> page(List<T> all, String marker, Integer maxItems) {
        int max = maxItems == null ? 100 : maxItems;
        if (max < 1 || max > 1000) {
            throw validation("Value '" + max + "' at 'maxItems' failed to satisfy constraint: Member must have value "
                    + (max < 1 ? "greater than or equal to 1" : "less than or equal to 1000"));
        }
        int start = 0;
        if (marker != null) {
            try {
                start = Integer.parseInt(new String(java.util.Base64.getDecoder().decode(marker),
                        java.nio.charset.StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw validation("Value '" + marker + "' at 'marker' failed to satisfy constraint: invalid marker");
            }
        }
        int end = Math.min(all.size(), start + max);
        List<T> items = new ArrayList<>(all.subList(Math.min(start, end), end));
        boolean truncated = end < all.size();
        return new Page<>(items, truncated, truncated ? java.util.Base64.getEncoder()
                .encodeToString(String.valueOf(end).getBytes(java.nio.charset.StandardCharsets.UTF_8)) : null);
    }

    private AwsServiceException noSuchPolicy(String policyName) {
        return error(NoSuchEntityException.builder(), 404, "NoSuchEntity",
                "The role policy with name " + policyName + " cannot be found.");
    }

    private AwsServiceException malformed(String message) {
        return error(MalformedPolicyDocumentException.builder(), 400, "MalformedPolicyDocument", message);
    }

    /** IAM's answer to a parameter that breaks its model: 400 ValidationError (no modelled exception). */
    private AwsServiceException validation(String what) {
        return error(IamException.builder(), 400, "ValidationError", "1 validation error detected: " + what);
    }

    private AwsServiceException error(AwsServiceException.Builder b, int status, String code, String message) {
        return w.error(b, "Iam", status, code, message);
    }

    private void open() {
        if (closed) {
            throw new IllegalStateException("Connection pool shut down");
        }
    }
}
