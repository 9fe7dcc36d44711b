package dev.edgepress.provisioner.steps;

import static dev.edgepress.provisioner.aws.Calls.call;

import dev.edgepress.provisioner.Change;
import dev.edgepress.provisioner.cdn.ViewerRequestFunction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudfront.model.DescribeFunctionResponse;
import software.amazon.awssdk.services.cloudfront.model.FunctionRuntime;
import software.amazon.awssdk.services.cloudfront.model.FunctionStage;
import software.amazon.awssdk.services.cloudfront.model.NoSuchFunctionExistsException;

/**
 * The CloudFront Function that runs on every viewer request: {@code /dir/} to {@code
 * /dir/index.html}, a 301 from {@code /dir} to {@code /dir/}, and from an alias to the domain. Its
 * code is {@link ViewerRequestFunction}'s; it is published LIVE, and updated in place (update, then
 * publish) when the code differs from the LIVE one.
 */
final class FunctionStep implements Step {

  private final Context ctx;
  private final String name;
  private final byte[] code;
  private final String comment;
  private Optional<DescribeFunctionResponse> development = Optional.empty();
  private boolean developmentCurrent;

  FunctionStep(Context ctx) {
    this.ctx = ctx;
    this.name = Names.resourceName(ctx.spec.domain());
    this.code = ViewerRequestFunction.code(ctx.spec.domain(), ctx.spec.redirectAliases() ? ctx.spec.aliases() : List.of())
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    this.comment = "Edgepress: directory indexes and redirects for " + ctx.spec.domain();
  }

  @Override
  public String resource() {
    return "function";
  }

  @Override
  public Change plan() {
    Optional<DescribeFunctionResponse> live = describe(FunctionStage.LIVE);
    development = describe(FunctionStage.DEVELOPMENT);
    if (development.isEmpty()) {
      return new Change(resource(), name, null, Change.Action.CREATE, List.of(), Change.Status.PLANNED);
    }
    developmentCurrent = matches(FunctionStage.DEVELOPMENT, development.get());
    String arn = development.get().functionSummary().functionMetadata().functionARN();
    List<String> diffs = new ArrayList<>();
    if (live.isEmpty()) {
      diffs.add("stage DEVELOPMENT -> LIVE (publish)");
    } else if (!matches(FunctionStage.LIVE, live.get())) {
      diffs.add("code or runtime differs from " + ViewerRequestFunction.RUNTIME + " code for " + ctx.spec.domain());
    }
    if (diffs.isEmpty()) {
      ctx.functionArn = Optional.of(arn);
      return Change.unchanged(resource(), name, arn);
    }
    return new Change(resource(), name, arn, Change.Action.UPDATE, diffs, Change.Status.PLANNED);
  }

  @Override
  public Change apply(Change planned) {
    String etag;
    String arn;
    if (development.isEmpty()) {
      var created = call("cloudfront:CreateFunction", () -> ctx.aws.cloudFront().createFunction(r -> r.name(name)
          .functionConfig(c -> c.comment(comment).runtime(FunctionRuntime.CLOUDFRONT_JS_2_0))
          .functionCode(SdkBytes.fromByteArray(code))));
      etag = created.eTag();
      arn = created.functionSummary().functionMetadata().functionARN();
    } else if (!developmentCurrent) {
      var updated = call("cloudfront:UpdateFunction", () -> ctx.aws.cloudFront().updateFunction(r -> r.name(name)
          .ifMatch(development.get().eTag())
          .functionConfig(c -> c.comment(comment).runtime(FunctionRuntime.CLOUDFRONT_JS_2_0))
          .functionCode(SdkBytes.fromByteArray(code))));
      etag = updated.eTag();
      arn = updated.functionSummary().functionMetadata().functionARN();
    } else {
      etag = development.get().eTag();
      arn = development.get().functionSummary().functionMetadata().functionARN();
    }
    call("cloudfront:PublishFunction", () -> ctx.aws.cloudFront().publishFunction(r -> r.name(name).ifMatch(etag)));
    ctx.functionArn = Optional.of(arn);
    return planned.withId(arn).withStatus(Change.Status.DONE);
  }

  private Optional<DescribeFunctionResponse> describe(FunctionStage stage) {
    try {
      return Optional.of(call("cloudfront:DescribeFunction",
          () -> ctx.aws.cloudFront().describeFunction(r -> r.name(name).stage(stage))));
    } catch (NoSuchFunctionExistsException e) {
      return Optional.empty();
    }
  }

  private boolean matches(FunctionStage stage, DescribeFunctionResponse d) {
    if (d.functionSummary().functionConfig().runtime() != FunctionRuntime.CLOUDFRONT_JS_2_0) {
      return false;
    }
    byte[] current = call("cloudfront:GetFunction", () -> ctx.aws.cloudFront().getFunction(r -> r.name(name).stage(stage)))
        .functionCode().asByteArray();
    return Arrays.equals(current, code);
  }
}
