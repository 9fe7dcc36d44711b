package dev.edgepress.provisioner.steps;

import static dev.edgepress.provisioner.aws.Calls.call;

import dev.edgepress.contact.ContactConfig;
import dev.edgepress.provisioner.Change;
import dev.edgepress.provisioner.ContactSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.Architecture;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.lambda.model.State;

/**
 * The contact form's Lambda function: java21 on arm64, the zip the reactor built (uploaded again
 * only when its SHA-256 differs from the deployed CodeSha256), and its settings as environment
 * variables. The origin secret and the signing key are made once, at random, and kept in the
 * function's environment: that is where the next run finds them (there is no state file).
 */
final class ContactFunctionStep implements Step {

  static final String HANDLER = "dev.edgepress.contact.LambdaHandler::handleRequest";

  private final Context ctx;
  private final ContactSpec contact;
  private final String name;
  private final byte[] zip;
  private final String zipSha256;
  private Optional<GetFunctionConfigurationResponse> existing = Optional.empty();
  private boolean codeDiffers;
  private boolean configDiffers;

  ContactFunctionStep(Context ctx, ContactSpec contact) {
    this.ctx = ctx;
    this.contact = contact;
    this.name = Names.contactName(ctx.spec.domain());
    try {
      this.zip = Files.readAllBytes(contact.functionPackage());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + contact.functionPackage(), e);
    }
    this.zipSha256 = sha256Base64(zip);
  }

  @Override
  public String resource() {
    return "contact-function";
  }

  @Override
  public Change plan() {
    try {
      existing = Optional.of(call("lambda:GetFunctionConfiguration",
          () -> ctx.aws.lambda().getFunctionConfiguration(r -> r.functionName(name))));
    } catch (ResourceNotFoundException e) {
      existing = Optional.empty();
    }
    String label = name + " (" + zip.length / 1024 + " KB)";
    if (existing.isEmpty()) {
      return new Change(resource(), label, null, Change.Action.CREATE, List.of(), Change.Status.PLANNED);
    }
    GetFunctionConfigurationResponse f = existing.get();
    Map<String, String> env = f.environment() == null ? Map.of() : f.environment().variables();
    ctx.contactOriginSecret = Optional.ofNullable(env.get(ContactConfig.ENV_ORIGIN_SECRET));
    ctx.contactFunctionArn = Optional.of(f.functionArn());
    codeDiffers = !zipSha256.equals(f.codeSha256());
    Map<String, String> wanted = environment(env);
    List<String> diffs = new ArrayList<>();
    if (codeDiffers) {
      diffs.add("code " + f.codeSha256() + " -> " + zipSha256);
    }
    if (!new TreeMap<>(env).equals(new TreeMap<>(wanted))) {
      // Names only: values hold the origin secret and the signing key.
      List<String> names = new ArrayList<>();
      wanted.forEach((k, v) -> {
        if (!Objects.equals(env.get(k), v)) {
          names.add(k);
        }
      });
      env.keySet().stream().filter(k -> !wanted.containsKey(k)).forEach(names::add);
      diffs.add("environment " + String.join(", ", names));
    }
    if (f.runtime() != Runtime.JAVA21 || !HANDLER.equals(f.handler()) || !f.architectures().contains(Architecture.ARM64)
        || !Objects.equals(f.role(), roleArn())) {
      diffs.add("runtime java21 on arm64, handler, role");
    }
    configDiffers = diffs.size() > (codeDiffers ? 1 : 0);
    return diffs.isEmpty() ? Change.unchanged(resource(), label, f.functionArn())
        : new Change(resource(), label, f.functionArn(), Change.Action.UPDATE, diffs, Change.Status.PLANNED);
  }

  @Override
  public Change apply(Change planned) {
    String arn;
    if (existing.isEmpty()) {
      Map<String, String> env = environment(Map.of());
      arn = createWhenRoleIsAssumable(env);
    } else {
      arn = existing.get().functionArn();
      if (codeDiffers) {
        awaitUpdatable();
        call("lambda:UpdateFunctionCode", () -> ctx.aws.lambda().updateFunctionCode(r -> r.functionName(name)
            .zipFile(SdkBytes.fromByteArray(zip)).architectures(Architecture.ARM64)));
      }
      if (configDiffers) {
        awaitUpdatable();
        Map<String, String> env = environment(existing.get().environment() == null ? Map.of()
            : existing.get().environment().variables());
        call("lambda:UpdateFunctionConfiguration", () -> ctx.aws.lambda().updateFunctionConfiguration(r -> r
            .functionName(name).runtime(Runtime.JAVA21).handler(HANDLER).role(roleArn()).memorySize(512).timeout(15)
            .environment(e -> e.variables(env))));
      }
    }
    ctx.contactFunctionArn = Optional.of(arn);
    return planned.withId(arn).withStatus(Change.Status.DONE);
  }

  /** A role just made may not be assumable by Lambda for some seconds: retry that refusal. */
  private String createWhenRoleIsAssumable(Map<String, String> env) {
    return ctx.poller.await("IAM to let Lambda assume role " + name + " (a new role takes a few seconds)",
        Duration.ofMinutes(2), () -> {
          try {
            return Optional.of(call("lambda:CreateFunction", () -> ctx.aws.lambda().createFunction(r -> r
                .functionName(name).runtime(Runtime.JAVA21).architectures(Architecture.ARM64).handler(HANDLER)
                .role(roleArn()).memorySize(512).timeout(15)
                .description("Edgepress contact form of " + ctx.spec.domain())
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip)))
                .environment(e -> e.variables(env))
                .tags(Map.of(Names.SITE_TAG, ctx.spec.domain())))).functionArn());
          } catch (InvalidParameterValueException e) {
            if (String.valueOf(e.getMessage()).contains("cannot be assumed")) {
              return Optional.empty();
            }
            throw e;
          }
        }, () -> "Lambda still cannot assume the role " + name + " after 2 minutes. Run again; if it persists,"
            + " check the role's trust policy in the IAM console (it must trust lambda.amazonaws.com).");
  }

  /** Lambda refuses a change while the last one is being applied: wait for it to finish. */
  private void awaitUpdatable() {
    ctx.poller.await("function " + name + " to finish its last update", Duration.ofMinutes(5), () -> {
      GetFunctionConfigurationResponse f = call("lambda:GetFunctionConfiguration",
          () -> ctx.aws.lambda().getFunctionConfiguration(r -> r.functionName(name)));
      boolean busy = f.state() == State.PENDING || f.lastUpdateStatus() == LastUpdateStatus.IN_PROGRESS;
      return busy ? Optional.empty() : Optional.of(f);
    }, () -> "Function " + name + " is still being updated after 5 minutes; run again later.");
  }

  private String roleArn() {
    return "arn:aws:iam::" + ctx.accountId() + ":role/" + Names.contactName(ctx.spec.domain());
  }

  /** The settings the handler reads; the secret and key are kept when the function has them. */
  private Map<String, String> environment(Map<String, String> current) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put(ContactConfig.ENV_TO, contact.to());
    env.put(ContactConfig.ENV_FROM, contact.from());
    env.put(ContactConfig.ENV_SUBJECT_PREFIX, contact.subjectPrefix());
    env.put(ContactConfig.ENV_MIN_FILL_SECONDS, Integer.toString(contact.minFillSeconds()));
    env.put(ContactConfig.ENV_SITE_ORIGINS, String.join(",", ctx.spec.names().stream().map(n -> "https://" + n).toList()));
    String secret = Optional.ofNullable(current.get(ContactConfig.ENV_ORIGIN_SECRET)).filter(s -> s.length() >= 32)
        .or(() -> ctx.contactOriginSecret).orElseGet(() -> random(32));
    ctx.contactOriginSecret = Optional.of(secret);
    env.put(ContactConfig.ENV_ORIGIN_SECRET, secret);
    env.put(ContactConfig.ENV_SIGNING_KEY, Optional.ofNullable(current.get(ContactConfig.ENV_SIGNING_KEY))
        .filter(s -> s.length() >= 32).orElseGet(() -> Base64.getEncoder().encodeToString(randomBytes(32))));
    return env;
  }

  private static String random(int bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(bytes));
  }

  private static byte[] randomBytes(int bytes) {
    byte[] b = new byte[bytes];
    new SecureRandom().nextBytes(b);
    return b;
  }

  static String sha256Base64(byte[] bytes) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
