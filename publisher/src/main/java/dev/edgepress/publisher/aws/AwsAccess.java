package dev.edgepress.publisher.aws;

import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Which AWS credentials to use, described without AWS types (the Maven plugin has none): the SDK's
 * default chain, a profile of ~/.aws/config, or keys (from Maven's settings.xml). {@link
 * #toString()} never shows a secret.
 */
public final class AwsAccess {

  private final Optional<String> profile;
  private final Optional<String> accessKeyId;
  private final Optional<String> secretAccessKey;

  private AwsAccess(Optional<String> profile, Optional<String> accessKeyId, Optional<String> secretAccessKey) {
    this.profile = profile;
    this.accessKeyId = accessKeyId;
    this.secretAccessKey = secretAccessKey;
  }

  /** Environment variables, ~/.aws, web identity (CI with OIDC), the instance or container role. */
  public static AwsAccess defaultChain() {
    return new AwsAccess(Optional.empty(), Optional.empty(), Optional.empty());
  }

  public static AwsAccess profile(String name) {
    return new AwsAccess(Optional.of(name), Optional.empty(), Optional.empty());
  }

  public static AwsAccess keys(String accessKeyId, String secretAccessKey) {
    return new AwsAccess(Optional.empty(), Optional.of(accessKeyId), Optional.of(secretAccessKey));
  }

  /** The profile named, for the region too. */
  public Optional<String> profileName() {
    return profile;
  }

  public AwsCredentialsProvider provider() {
    return AwsClients.credentials(profile, accessKeyId, secretAccessKey, Optional.empty());
  }

  @Override
  public String toString() {
    return profile.map(p -> "profile " + p).orElse(accessKeyId.isPresent() ? "keys from settings.xml" : "default chain");
  }
}
