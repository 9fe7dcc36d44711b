package dev.edgepress.provisioner.steps;

import static dev.edgepress.provisioner.aws.Calls.call;

import dev.edgepress.provisioner.Change;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.cloudfront.model.GetOriginAccessControlResponse;
import software.amazon.awssdk.services.cloudfront.model.OriginAccessControlConfig;
import software.amazon.awssdk.services.cloudfront.model.OriginAccessControlList;
import software.amazon.awssdk.services.cloudfront.model.OriginAccessControlOriginTypes;
import software.amazon.awssdk.services.cloudfront.model.OriginAccessControlSigningBehaviors;
import software.amazon.awssdk.services.cloudfront.model.OriginAccessControlSigningProtocols;
import software.amazon.awssdk.services.cloudfront.model.OriginAccessControlSummary;

/**
 * The Origin Access Control with which CloudFront signs its requests to the bucket (S3, SigV4,
 * always), found by its name {@link Names#resourceName}.
 */
final class OriginAccessStep implements Step {

  private final Context ctx;
  private final String name;
  private Optional<OriginAccessControlSummary> existing = Optional.empty();

  OriginAccessStep(Context ctx) {
    this.ctx = ctx;
    this.name = Names.resourceName(ctx.spec.domain());
  }

  @Override
  public String resource() {
    return "origin-access-control";
  }

  static OriginAccessControlConfig desired(String name, String domain) {
    return OriginAccessControlConfig.builder().name(name).description("Edgepress: CloudFront reads the bucket of " + domain)
        .originAccessControlOriginType(OriginAccessControlOriginTypes.S3)
        .signingBehavior(OriginAccessControlSigningBehaviors.ALWAYS)
        .signingProtocol(OriginAccessControlSigningProtocols.SIGV4).build();
  }

  @Override
  public Change plan() {
    existing = find(ctx, name);
    if (existing.isEmpty()) {
      return new Change(resource(), name, null, Change.Action.CREATE, List.of(), Change.Status.PLANNED);
    }
    OriginAccessControlSummary s = existing.get();
    ctx.originAccessControlId = Optional.of(s.id());
    List<String> diffs = new ArrayList<>();
    if (s.originAccessControlOriginType() != OriginAccessControlOriginTypes.S3) {
      diffs.add("origin type " + s.originAccessControlOriginTypeAsString() + " -> s3");
    }
    if (s.signingBehavior() != OriginAccessControlSigningBehaviors.ALWAYS) {
      diffs.add("signing behavior " + s.signingBehaviorAsString() + " -> always");
    }
    if (s.signingProtocol() != OriginAccessControlSigningProtocols.SIGV4) {
      diffs.add("signing protocol " + s.signingProtocolAsString() + " -> sigv4");
    }
    return diffs.isEmpty() ? Change.unchanged(resource(), name, s.id())
        : new Change(resource(), name, s.id(), Change.Action.UPDATE, diffs, Change.Status.PLANNED);
  }

  @Override
  public Change apply(Change planned) {
    OriginAccessControlConfig config = desired(name, ctx.spec.domain());
    String id;
    if (existing.isEmpty()) {
      id = call("cloudfront:CreateOriginAccessControl", () -> ctx.aws.cloudFront()
          .createOriginAccessControl(r -> r.originAccessControlConfig(config))).originAccessControl().id();
    } else {
      id = existing.get().id();
      GetOriginAccessControlResponse current = call("cloudfront:GetOriginAccessControl",
          () -> ctx.aws.cloudFront().getOriginAccessControl(r -> r.id(existing.get().id())));
      call("cloudfront:UpdateOriginAccessControl", () -> ctx.aws.cloudFront().updateOriginAccessControl(r -> r
          .id(existing.get().id()).ifMatch(current.eTag()).originAccessControlConfig(config)));
    }
    ctx.originAccessControlId = Optional.of(id);
    return planned.withId(id).withStatus(Change.Status.DONE);
  }

  static Optional<OriginAccessControlSummary> find(Context ctx, String name) {
    String marker = null;
    do {
      String m = marker;
      OriginAccessControlList list = call("cloudfront:ListOriginAccessControls",
          () -> ctx.aws.cloudFront().listOriginAccessControls(r -> r.marker(m).maxItems("100"))).originAccessControlList();
      if (list == null) {
        return Optional.empty();
      }
      for (OriginAccessControlSummary s : list.items()) {
        if (name.equals(s.name())) {
          return Optional.of(s);
        }
      }
      marker = Boolean.TRUE.equals(list.isTruncated()) ? list.nextMarker() : null;
    } while (marker != null && !marker.isEmpty());
    return Optional.empty();
  }
}
