package dev.edgepress.provisioner.steps;

import static dev.edgepress.provisioner.aws.Calls.call;

import dev.edgepress.json.Json;
import dev.edgepress.provisioner.Change;
import dev.edgepress.provisioner.ContactSpec;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;

/**
 * The contact form function's IAM role: trusted by lambda.amazonaws.com only, allowed only to send
 * mail as the configured sender ({@code ses:SendEmail} on the sender's identity, with an
 * {@code ses:FromAddress} condition) and to write to its own log group.
 */
final class ContactRoleStep implements Step {

  static final String POLICY_NAME = "edgepress-contact";

  private final Context ctx;
  private final ContactSpec contact;
  private final String name;
  private Optional<Role> role = Optional.empty();
  private boolean trustDiffers;
  private boolean policyDiffers;

  ContactRoleStep(Context ctx, ContactSpec contact) {
    this.ctx = ctx;
    this.contact = contact;
    this.name = Names.contactName(ctx.spec.domain());
  }

  @Override
  public String resource() {
    return "contact-role";
  }

  static String trustPolicy() {
    return Json.value(Map.of("Version", "2012-10-17", "Statement", List.of(ordered(
        "Effect", "Allow", "Principal", Map.of("Service", "lambda.amazonaws.com"), "Action", "sts:AssumeRole"))));
  }

  /** What the function may do: send as the sender, and log. */
  String permissions() {
    String region = ctx.spec.region();
    String account = ctx.accountId();
    String function = Names.contactName(ctx.spec.domain());
    List<String> identities = new ArrayList<>();
    identities.add("arn:aws:ses:" + region + ":" + account + ":identity/" + contact.senderDomain());
    // In the SES sandbox the recipient is an identity too, and SendEmail is authorised against it.
    identities.add("arn:aws:ses:" + region + ":" + account + ":identity/" + contact.to());
    String logGroup = "arn:aws:logs:" + region + ":" + account + ":log-group:/aws/lambda/" + function;
    return Json.value(Map.of("Version", "2012-10-17", "Statement", List.of(
        ordered("Sid", "SendAsTheSiteOnly", "Effect", "Allow", "Action", "ses:SendEmail", "Resource", identities,
            "Condition", Map.of("StringEquals", Map.of("ses:FromAddress", contact.from()))),
        ordered("Sid", "OwnLogGroup", "Effect", "Allow", "Action", List.of("logs:CreateLogGroup"), "Resource", logGroup + ":*"),
        ordered("Sid", "OwnLogStreams", "Effect", "Allow", "Action", List.of("logs:CreateLogStream", "logs:PutLogEvents"),
            "Resource", logGroup + ":log-stream:*"))));
  }

  private static Map<String, Object> ordered(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  @Override
  public Change plan() {
    try {
      role = Optional.of(call("iam:GetRole", () -> ctx.aws.iam().getRole(r -> r.roleName(name))).role());
    } catch (NoSuchEntityException e) {
      role = Optional.empty();
    }
    if (role.isEmpty()) {
      return new Change(resource(), name, null, Change.Action.CREATE, List.of(), Change.Status.PLANNED);
    }
    trustDiffers = !sameJson(decode(role.get().assumeRolePolicyDocument()), trustPolicy());
    Optional<String> policy;
    try {
      policy = Optional.of(decode(call("iam:GetRolePolicy", () -> ctx.aws.iam()
          .getRolePolicy(r -> r.roleName(name).policyName(POLICY_NAME))).policyDocument()));
    } catch (NoSuchEntityException e) {
      policy = Optional.empty();
    }
    policyDiffers = policy.map(p -> !sameJson(p, permissions())).orElse(true);
    List<String> diffs = new ArrayList<>();
    if (trustDiffers) {
      diffs.add("trust policy -> lambda.amazonaws.com only");
    }
    if (policyDiffers) {
      diffs.add("permissions -> ses:SendEmail as " + contact.from() + ", its own logs");
    }
    return diffs.isEmpty() ? Change.unchanged(resource(), name, role.get().arn())
        : new Change(resource(), name, role.get().arn(), Change.Action.UPDATE, diffs, Change.Status.PLANNED);
  }

  @Override
  public Change apply(Change planned) {
    String arn;
    if (role.isEmpty()) {
      arn = call("iam:CreateRole", () -> ctx.aws.iam().createRole(r -> r.roleName(name).assumeRolePolicyDocument(trustPolicy())
          .description("Edgepress contact form of " + ctx.spec.domain() + ": sends mail as " + contact.from())
          .tags(t -> t.key(Names.SITE_TAG).value(ctx.spec.domain())))).role().arn();
      policyDiffers = true;
    } else {
      arn = role.get().arn();
      if (trustDiffers) {
        call("iam:UpdateAssumeRolePolicy", () -> ctx.aws.iam().updateAssumeRolePolicy(r -> r.roleName(name)
            .policyDocument(trustPolicy())));
      }
    }
    if (policyDiffers) {
      String doc = permissions();
      call("iam:PutRolePolicy", () -> ctx.aws.iam().putRolePolicy(r -> r.roleName(name).policyName(POLICY_NAME)
          .policyDocument(doc)));
    }
    return planned.withId(arn).withStatus(Change.Status.DONE);
  }

  /** IAM returns policy documents URL-encoded (RFC 3986). */
  static String decode(String document) {
    String d = document == null ? "" : document.trim();
    return d.startsWith("{") ? d : URLDecoder.decode(d.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  static boolean sameJson(String a, String b) {
    try {
      return normalize(JsonNode.parser().parse(a)).equals(normalize(JsonNode.parser().parse(b)));
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Objects as sorted maps, one-element lists as their element: how IAM may give a document back. */
  private static Object normalize(JsonNode n) {
    if (n.isObject()) {
      Map<String, Object> m = new java.util.TreeMap<>();
      n.asObject().forEach((k, v) -> m.put(k, normalize(v)));
      return m;
    }
    if (n.isArray()) {
      List<Object> l = new ArrayList<>();
      n.asArray().forEach(v -> l.add(normalize(v)));
      return l.size() == 1 ? l.get(0) : l;
    }
    return n.isString() ? n.asString() : n.toString();
  }
}
