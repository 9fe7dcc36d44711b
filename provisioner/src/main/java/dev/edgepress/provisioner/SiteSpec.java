package dev.edgepress.provisioner;

import dev.edgepress.generator.headers.SecurityHeaders;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the author asked for: a domain, its aliases, the bucket's region, and the choices with
 * defaults. Immutable; built by {@link #builder(String, String)}, validated there with messages that
 * name the pom parameter.
 */
public final class SiteSpec {

  private static final Pattern HOST = Pattern.compile("^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$");
  private static final Set<String> PRICE_CLASSES = Set.of("PriceClass_100", "PriceClass_200", "PriceClass_All");

  private final String domain;
  private final List<String> aliases;
  private final String region;
  private final Optional<String> bucket;
  private final Optional<String> hostedZoneId;
  private final String priceClass;
  private final boolean redirectAliases;
  private final SecurityHeaders headers;
  private final Optional<ContactSpec> contact;

  private SiteSpec(Builder b) {
    this.domain = b.domain;
    this.aliases = List.copyOf(b.aliases);
    this.region = b.region;
    this.bucket = b.bucket;
    this.hostedZoneId = b.hostedZoneId;
    this.priceClass = b.priceClass;
    this.redirectAliases = b.redirectAliases;
    this.headers = b.headers;
    this.contact = b.contact;
  }

  public static Builder builder(String domain, String region) {
    return new Builder(domain, region);
  }

  /** The SDK's default region (AWS_REGION, else the profile's), for when {@code <region>} is not set. */
  public static Optional<String> defaultRegion(Optional<String> profile) {
    try {
      return Optional.of(dev.edgepress.publisher.aws.AwsClients.region(Optional.empty(), profile).id());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  public String domain() {
    return domain;
  }

  public List<String> aliases() {
    return aliases;
  }

  /** The domain, then the aliases: every name the certificate, the distribution and DNS carry. */
  public List<String> names() {
    List<String> all = new ArrayList<>();
    all.add(domain);
    all.addAll(aliases);
    return all;
  }

  public String region() {
    return region;
  }

  /** An existing bucket to use instead of one Edgepress names and creates. */
  public Optional<String> bucket() {
    return bucket;
  }

  public Optional<String> hostedZoneId() {
    return hostedZoneId;
  }

  public String priceClass() {
    return priceClass;
  }

  /** Whether a request to an alias is redirected (301) to the domain; else the alias serves the site too. */
  public boolean redirectAliases() {
    return redirectAliases;
  }

  public SecurityHeaders headers() {
    return headers;
  }

  /** The contact form's backend, when the site has one. */
  public Optional<ContactSpec> contact() {
    return contact;
  }

  /** Settings of a {@link SiteSpec}. */
  public static final class Builder {
    private final String domain;
    private final String region;
    private final Set<String> aliases = new LinkedHashSet<>();
    private Optional<String> bucket = Optional.empty();
    private Optional<String> hostedZoneId = Optional.empty();
    private String priceClass = "PriceClass_100";
    private boolean redirectAliases = true;
    private SecurityHeaders headers = SecurityHeaders.defaults();
    private Optional<ContactSpec> contact = Optional.empty();

    private Builder(String domain, String region) {
      if (domain == null || domain.isBlank()) {
        throw new ProvisionException("Set <domain> (or -Dedgepress.domain), e.g. <domain>example.com</domain>:"
            + " the name the site is served at.");
      }
      this.domain = host(domain, "<domain>");
      if (region == null || region.isBlank() || !region.matches("[a-z]{2}(-[a-z]+)+-\\d")) {
        throw new ProvisionException("Set <region> (or -Dedgepress.region, or AWS_REGION) to the AWS region of the"
            + " site's bucket, e.g. <region>eu-west-1</region>" + (region == null || region.isBlank() ? "" : "; '" + region + "' is not one") + ".");
      }
      this.region = region;
    }

    public Builder aliases(List<String> names) {
      for (String n : names) {
        if (n == null || n.isBlank()) {
          continue;
        }
        String h = host(n, "<aliases>");
        if (!h.equals(domain)) {
          aliases.add(h);
        }
      }
      return this;
    }

    public Builder bucket(Optional<String> name) {
      this.bucket = name.map(String::trim).filter(s -> !s.isEmpty());
      bucket.ifPresent(b -> {
        if (!b.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
          throw new ProvisionException("<bucket> '" + b + "' is not a valid S3 bucket name (3-63 characters:"
              + " lower-case letters, digits, dots and hyphens).");
        }
      });
      return this;
    }

    public Builder hostedZoneId(Optional<String> id) {
      this.hostedZoneId = id.map(String::trim).filter(s -> !s.isEmpty()).map(Builder::normalizeZoneId);
      return this;
    }

    public Builder priceClass(String priceClass) {
      if (!PRICE_CLASSES.contains(priceClass)) {
        throw new ProvisionException("<priceClass> must be PriceClass_100 (North America, Europe; cheapest),"
            + " PriceClass_200 or PriceClass_All, not '" + priceClass + "'.");
      }
      this.priceClass = priceClass;
      return this;
    }

    public Builder redirectAliases(boolean redirect) {
      this.redirectAliases = redirect;
      return this;
    }

    public Builder headers(SecurityHeaders headers) {
      this.headers = Objects.requireNonNull(headers);
      return this;
    }

    public Builder contact(Optional<ContactSpec> contact) {
      this.contact = Objects.requireNonNull(contact);
      return this;
    }

    public SiteSpec build() {
      return new SiteSpec(this);
    }

    /** {@code /hostedzone/Z123} and {@code Z123} are one zone. */
    public static String normalizeZoneId(String id) {
      String s = id.trim();
      int slash = s.lastIndexOf('/');
      return slash >= 0 ? s.substring(slash + 1) : s;
    }

    private static String host(String name, String parameter) {
      String h = name.trim().toLowerCase(Locale.ROOT);
      if (h.endsWith(".")) {
        h = h.substring(0, h.length() - 1);
      }
      if (!HOST.matcher(h).matches()) {
        throw new ProvisionException(parameter + ": '" + name + "' is not a host name like example.com or"
            + " www.example.com (no scheme, path or port).");
      }
      return h;
    }
  }
}
