package dev.edgepress.provisioner.steps;

import static dev.edgepress.provisioner.aws.Calls.call;

import dev.edgepress.provisioner.Change;
import dev.edgepress.generator.headers.SecurityHeaders;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.cloudfront.model.FrameOptionsList;
import software.amazon.awssdk.services.cloudfront.model.ReferrerPolicyList;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicyConfig;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicyCustomHeader;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicyList;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicySecurityHeadersConfig;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicySummary;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicyType;

/**
 * The site's own response headers policy: HSTS, nosniff, frame options, referrer policy, CSP, and a
 * Permissions-Policy (a custom header: CloudFront has no field for it), from site.yaml's
 * {@code headers}, the same values {@code edgepress:serve} sends. Found by its name.
 */
final class HeadersPolicyStep implements Step {

  private final Context ctx;
  private final String name;
  private Optional<ResponseHeadersPolicySummary> existing = Optional.empty();

  HeadersPolicyStep(Context ctx) {
    this.ctx = ctx;
    this.name = Names.resourceName(ctx.spec.domain());
  }

  @Override
  public String resource() {
    return "response-headers-policy";
  }

  static ResponseHeadersPolicyConfig desired(String name, String domain, SecurityHeaders h) {
    return ResponseHeadersPolicyConfig.builder()
        .name(name)
        .comment("Edgepress: security headers of " + domain)
        .securityHeadersConfig(ResponseHeadersPolicySecurityHeadersConfig.builder()
            .strictTransportSecurity(s -> s.override(true).accessControlMaxAgeSec((int) h.hstsMaxAgeSeconds())
                .includeSubdomains(h.hstsIncludeSubDomains()).preload(h.hstsPreload()))
            .contentTypeOptions(c -> c.override(true))
            .frameOptions(f -> f.override(true).frameOption(FrameOptionsList.fromValue(h.frameOptions())))
            .referrerPolicy(r -> r.override(true).referrerPolicy(ReferrerPolicyList.fromValue(h.referrerPolicy())))
            .contentSecurityPolicy(c -> c.override(true).contentSecurityPolicy(h.contentSecurityPolicy()))
            .build())
        .customHeadersConfig(c -> c.quantity(1).items(ResponseHeadersPolicyCustomHeader.builder()
            .header("Permissions-Policy").value(h.permissionsPolicy()).override(true).build()))
        .build();
  }

  /** The fields this policy sets, by name, for a readable difference. */
  static Map<String, String> fields(ResponseHeadersPolicyConfig c) {
    Map<String, String> out = new LinkedHashMap<>();
    var s = c.securityHeadersConfig();
    out.put("Strict-Transport-Security", s == null || s.strictTransportSecurity() == null ? "none"
        : "max-age=" + s.strictTransportSecurity().accessControlMaxAgeSec()
            + (Boolean.TRUE.equals(s.strictTransportSecurity().includeSubdomains()) ? "; includeSubDomains" : "")
            + (Boolean.TRUE.equals(s.strictTransportSecurity().preload()) ? "; preload" : "")
            + (Boolean.TRUE.equals(s.strictTransportSecurity().override()) ? "" : " (not overriding)"));
    out.put("X-Content-Type-Options", s == null || s.contentTypeOptions() == null ? "none"
        : "nosniff" + (Boolean.TRUE.equals(s.contentTypeOptions().override()) ? "" : " (not overriding)"));
    out.put("X-Frame-Options", s == null || s.frameOptions() == null ? "none" : s.frameOptions().frameOptionAsString());
    out.put("Referrer-Policy", s == null || s.referrerPolicy() == null ? "none" : s.referrerPolicy().referrerPolicyAsString());
    out.put("Content-Security-Policy", s == null || s.contentSecurityPolicy() == null ? "none"
        : s.contentSecurityPolicy().contentSecurityPolicy());
    String custom = c.customHeadersConfig() == null ? "" : c.customHeadersConfig().items().stream()
        .map(i -> i.header() + ": " + i.value()).sorted().reduce((a, b) -> a + ", " + b).orElse("");
    out.put("custom headers", custom.isEmpty() ? "none" : custom);
    return out;
  }

  @Override
  public Change plan() {
    existing = find(ctx, name);
    if (existing.isEmpty()) {
      return new Change(resource(), name, null, Change.Action.CREATE, List.of(), Change.Status.PLANNED);
    }
    String id = existing.get().responseHeadersPolicy().id();
    Map<String, String> actual = fields(existing.get().responseHeadersPolicy().responseHeadersPolicyConfig());
    Map<String, String> wanted = fields(desired(name, ctx.spec.domain(), ctx.spec.headers()));
    List<String> diffs = Step.differences(actual, wanted);
    if (diffs.isEmpty()) {
      ctx.headersPolicyId = Optional.of(id);
      return Change.unchanged(resource(), name, id);
    }
    return new Change(resource(), name, id, Change.Action.UPDATE, diffs, Change.Status.PLANNED);
  }

  @Override
  public Change apply(Change planned) {
    ResponseHeadersPolicyConfig config = desired(name, ctx.spec.domain(), ctx.spec.headers());
    String id;
    if (existing.isEmpty()) {
      id = call("cloudfront:CreateResponseHeadersPolicy", () -> ctx.aws.cloudFront()
          .createResponseHeadersPolicy(r -> r.responseHeadersPolicyConfig(config))).responseHeadersPolicy().id();
    } else {
      id = existing.get().responseHeadersPolicy().id();
      String etag = call("cloudfront:GetResponseHeadersPolicy",
          () -> ctx.aws.cloudFront().getResponseHeadersPolicy(r -> r.id(id))).eTag();
      call("cloudfront:UpdateResponseHeadersPolicy", () -> ctx.aws.cloudFront().updateResponseHeadersPolicy(r -> r
          .id(id).ifMatch(etag).responseHeadersPolicyConfig(config)));
    }
    ctx.headersPolicyId = Optional.of(id);
    return planned.withId(id).withStatus(Change.Status.DONE);
  }

  static Optional<ResponseHeadersPolicySummary> find(Context ctx, String name) {
    String marker = null;
    do {
      String m = marker;
      ResponseHeadersPolicyList list = call("cloudfront:ListResponseHeadersPolicies", () -> ctx.aws.cloudFront()
          .listResponseHeadersPolicies(r -> r.type(ResponseHeadersPolicyType.CUSTOM).marker(m).maxItems("100")))
          .responseHeadersPolicyList();
      if (list == null) {
        return Optional.empty();
      }
      for (ResponseHeadersPolicySummary s : list.items()) {
        if (name.equals(s.responseHeadersPolicy().responseHeadersPolicyConfig().name())) {
          return Optional.of(s);
        }
      }
      marker = list.nextMarker();
    } while (marker != null && !marker.isEmpty());
    return Optional.empty();
  }
}
