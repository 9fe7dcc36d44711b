package dev.edgepress.provisioner.steps;

import dev.edgepress.publisher.aws.SiteDiscovery;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The names Edgepress gives what it makes, derived from the domain (and the account, for the
 * globally unique bucket name) so that every run finds what an earlier run made.
 */
public final class Names {

  /** Tag key on the distribution, the bucket and the certificate; its value is the domain. */
  public static final String SITE_TAG = SiteDiscovery.SITE_TAG;

  private Names() {}

  /**
   * Name of the OAC, the function and the response headers policy: {@code edgepress-example-com}.
   * CloudFront allows 64 characters ({@code [a-zA-Z0-9-_]}); a longer one ends in a hash.
   */
  public static String resourceName(String domain) {
    String n = "edgepress-" + domain.replace('.', '-');
    return n.length() <= 64 ? n : n.substring(0, 55) + "-" + sha256(domain).substring(0, 8);
  }

  /**
   * The bucket's name: the domain with dashes, then a hash of the account and domain, so that it
   * is the same on every run and unlikely to be taken by another account. No dots, so that
   * virtual-hosted HTTPS to it works.
   */
  public static String bucketName(String domain, String accountId) {
    String hash = sha256(accountId + "/" + domain).substring(0, 10);
    String base = domain.replace('.', '-');
    int room = 63 - "-site-".length() - hash.length();
    if (base.length() > room) {
      base = base.substring(0, room).replaceAll("-+$", "");
    }
    return base + "-site-" + hash;
  }

  /** Name of the contact form's role, function and API: {@code edgepress-contact-example-com} (64 at most). */
  public static String contactName(String domain) {
    String n = "edgepress-contact-" + domain.replace('.', '-');
    return n.length() <= 64 ? n : n.substring(0, 55) + "-" + sha256(domain).substring(0, 8);
  }

  /** The distribution's comment (shown in the console's list, found in ListDistributions). */
  public static String comment(String domain) {
    String c = "Edgepress site " + domain;
    return c.length() <= 128 ? c : c.substring(0, 128);
  }

  /** RequestCertificate's idempotency token: at most 32 word characters, from the names. */
  public static String certificateToken(List<String> names) {
    return "ep" + sha256(String.join(",", names.stream().sorted().toList())).substring(0, 30);
  }

  static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
