package dev.edgepress.provisioner.steps;

import static dev.edgepress.provisioner.aws.Calls.call;
import static dev.edgepress.provisioner.aws.Calls.run;

import dev.edgepress.json.Json;
import dev.edgepress.provisioner.Change;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The bucket policy: only this distribution may read the bucket (s3:GetObject, and s3:ListBucket so
 * that a missing key is a 404 rather than a 403), through its Origin Access Control
 * ({@code AWS:SourceArn}), and every request without TLS is denied. Edgepress owns the statements
 * whose Sid starts with {@code Edgepress}; any other statement of the policy is kept as it is.
 */
final class BucketPolicyStep implements Step {

  static final String SID_PREFIX = "Edgepress";

  private final Context ctx;
  private List<Map<String, Object>> others = List.of();
  private Optional<String> current = Optional.empty();

  BucketPolicyStep(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public String resource() {
    return "bucket-policy";
  }

  /** The statements Edgepress puts in the policy of {@code bucket} for the distribution {@code distributionArn}. */
  static List<Map<String, Object>> statements(String bucket, String distributionArn) {
    String arn = "arn:aws:s3:::" + bucket;
    Map<String, Object> cloudFront = Map.of("Service", "cloudfront.amazonaws.com");
    Map<String, Object> onlyThisDistribution = Map.of("StringEquals", Map.of("AWS:SourceArn", distributionArn));
    return List.of(
        statement(SID_PREFIX + "DenyInsecureTransport", "Deny", "*", List.of("s3:*"), List.of(arn, arn + "/*"),
            Map.of("Bool", Map.of("aws:SecureTransport", "false"))),
        statement(SID_PREFIX + "CloudFrontRead", "Allow", cloudFront, List.of("s3:GetObject"), List.of(arn + "/*"),
            onlyThisDistribution),
        statement(SID_PREFIX + "CloudFrontList", "Allow", cloudFront, List.of("s3:ListBucket"), List.of(arn),
            onlyThisDistribution));
  }

  private static Map<String, Object> statement(String sid, String effect, Object principal, List<String> actions,
      List<String> resources, Map<String, Object> condition) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("Sid", sid);
    s.put("Effect", effect);
    s.put("Principal", principal);
    s.put("Action", actions);
    s.put("Resource", resources);
    s.put("Condition", condition);
    return s;
  }

  @Override
  public Change plan() {
    String bucket = ctx.bucketName;
    current = read(bucket);
    List<Map<String, Object>> ours = new ArrayList<>();
    List<Map<String, Object>> rest = new ArrayList<>();
    current.ifPresent(text -> {
      JsonNode doc = JsonNode.parser().parse(text);
      JsonNode st = doc.asObject().get("Statement");
      List<JsonNode> list = st == null ? List.of() : st.isArray() ? st.asArray() : List.of(st);
      for (JsonNode s : list) {
        Map<String, Object> m = toJava(s);
        if (String.valueOf(m.get("Sid")).startsWith(SID_PREFIX)) {
          ours.add(m);
        } else {
          rest.add(m);
        }
      }
    });
    others = rest;
    if (ctx.distributionArn.isEmpty()) {
      return new Change(resource(), bucket, null, current.isEmpty() ? Change.Action.CREATE : Change.Action.UPDATE,
          List.of("statements for the distribution made by this run"), Change.Status.PLANNED);
    }
    List<Map<String, Object>> wanted = statements(bucket, ctx.distributionArn.get());
    if (normalize(ours).equals(normalize(wanted))) {
      return Change.unchanged(resource(), bucket, bucket);
    }
    List<String> diffs = new ArrayList<>();
    for (Map<String, Object> w : wanted) {
      Optional<Map<String, Object>> have = ours.stream().filter(o -> Objects.equals(o.get("Sid"), w.get("Sid"))).findFirst();
      if (have.isEmpty()) {
        diffs.add("add statement " + w.get("Sid"));
      } else if (!normalize(List.of(have.get())).equals(normalize(List.of(w)))) {
        diffs.add("statement " + w.get("Sid") + " differs");
      }
    }
    ours.stream().filter(o -> wanted.stream().noneMatch(w -> Objects.equals(o.get("Sid"), w.get("Sid"))))
        .forEach(o -> diffs.add("remove statement " + o.get("Sid")));
    return new Change(resource(), bucket, bucket, current.isEmpty() ? Change.Action.CREATE : Change.Action.UPDATE,
        diffs, Change.Status.PLANNED);
  }

  @Override
  public Change apply(Change planned) {
    String bucket = ctx.bucketName;
    List<Object> all = new ArrayList<>(others);
    all.addAll(statements(bucket, ctx.distributionArn.orElseThrow()));
    Map<String, Object> policy = new LinkedHashMap<>();
    policy.put("Version", "2012-10-17");
    policy.put("Statement", all);
    String text = Json.value(policy);
    run("s3:PutBucketPolicy", () -> ctx.aws.s3().putBucketPolicy(r -> r.bucket(bucket).policy(text)));
    return planned.withId(bucket).withStatus(Change.Status.DONE);
  }

  /** The policy of a bucket with Edgepress's statements taken out; empty when nothing else is left. */
  static Optional<String> withoutOurs(String policyText) {
    JsonNode doc = JsonNode.parser().parse(policyText);
    JsonNode st = doc.asObject().get("Statement");
    List<JsonNode> list = st == null ? List.of() : st.isArray() ? st.asArray() : List.of(st);
    List<Object> rest = new ArrayList<>();
    for (JsonNode s : list) {
      Map<String, Object> m = toJava(s);
      if (!String.valueOf(m.get("Sid")).startsWith(SID_PREFIX)) {
        rest.add(m);
      }
    }
    if (rest.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Object> policy = new LinkedHashMap<>();
    policy.put("Version", "2012-10-17");
    policy.put("Statement", rest);
    return Optional.of(Json.value(policy));
  }

  Optional<String> read(String bucket) {
    try {
      return Optional.of(call("s3:GetBucketPolicy", () -> ctx.aws.s3().getBucketPolicy(r -> r.bucket(bucket))).policy());
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** AWS may give a policy back with one-element lists as plain values: compare with lists everywhere. */
  private static Object normalize(Object o) {
    if (o instanceof Map<?, ?> m) {
      Map<String, Object> out = new java.util.TreeMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), normalize(v)));
      return out;
    }
    if (o instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(v -> out.add(normalize(v)));
      if (out.stream().allMatch(v -> v instanceof String)) {
        out.sort((a, b) -> ((String) a).compareTo((String) b));
      }
      return out.size() == 1 && !(out.get(0) instanceof Map) ? List.of(out.get(0)) : out;
    }
    return o instanceof String s ? List.of(s) : o;
  }

  private static Map<String, Object> toJava(JsonNode node) {
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) java(node);
    return m;
  }

  private static Object java(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> out = new LinkedHashMap<>();
      node.asObject().forEach((k, v) -> out.put(k, java(v)));
      return out;
    }
    if (node.isArray()) {
      List<Object> out = new ArrayList<>();
      node.asArray().forEach(v -> out.add(java(v)));
      return out;
    }
    if (node.isString()) {
      return node.asString();
    }
    if (node.isNumber()) {
      return node.asNumber();
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    return null;
  }
}
