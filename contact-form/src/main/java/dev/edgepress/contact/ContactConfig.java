package dev.edgepress.contact;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The contact form's settings: where messages go, who sends them, and how requests are checked.
 * Immutable; built with {@link #builder(String, String)}, or read from the Lambda function's environment
 * with {@link #fromEnvironment(Map)}. The recipient and the sender come only from here, never from a
 * request.
 */
public final class ContactConfig {

  /** The author's address, where messages go: one plain address. */
  public static final String ENV_TO = "EDGEPRESS_CONTACT_TO";
  /** The sender: one plain address SES may send as (a verified identity). */
  public static final String ENV_FROM = "EDGEPRESS_CONTACT_FROM";
  /** Put before each subject; default {@value #DEFAULT_SUBJECT_PREFIX}. */
  public static final String ENV_SUBJECT_PREFIX = "EDGEPRESS_CONTACT_SUBJECT_PREFIX";
  /** The value CloudFront sends in {@value #ORIGIN_SECRET_HEADER}; unset, the header is not checked. */
  public static final String ENV_ORIGIN_SECRET = "EDGEPRESS_ORIGIN_SECRET";
  /** Comma-separated, e.g. {@code https://example.com,https://www.example.com}. */
  public static final String ENV_SITE_ORIGINS = "EDGEPRESS_SITE_ORIGINS";
  /** Base64, at least 16 bytes once decoded; the same in every instance of the function. */
  public static final String ENV_SIGNING_KEY = "EDGEPRESS_SIGNING_KEY";
  /** Whole seconds, 0 to 3600; default 3. */
  public static final String ENV_MIN_FILL_SECONDS = "EDGEPRESS_MIN_FILL_SECONDS";
  /** Where a browser goes after sending the form without JavaScript; default {@value #DEFAULT_THANKS_PATH}. */
  public static final String ENV_THANKS_PATH = "EDGEPRESS_THANKS_PATH";
  /** The page with the form; default {@value #DEFAULT_FORM_PATH}. */
  public static final String ENV_FORM_PATH = "EDGEPRESS_FORM_PATH";

  /** The header CloudFront adds to every request it forwards to the API, with the origin secret. */
  public static final String ORIGIN_SECRET_HEADER = "x-edgepress-origin-secret";

  public static final String DEFAULT_SUBJECT_PREFIX = "[Contact]";
  public static final Duration DEFAULT_MIN_FILL_TIME = Duration.ofSeconds(3);
  public static final String DEFAULT_THANKS_PATH = "/contact/thanks/";
  public static final String DEFAULT_FORM_PATH = "/contact/";
  public static final String DEFAULT_ENDPOINT_PATH = "/api/contact";

  static final int MAX_SUBJECT_PREFIX = 100;
  static final int MIN_SIGNING_KEY_BYTES = 16;
  static final int MIN_ORIGIN_SECRET = 16;
  static final int MAX_ORIGIN_SECRET = 512;
  static final Duration MAX_MIN_FILL_TIME = Duration.ofHours(1);

  private static final Pattern PATH = Pattern.compile("/([A-Za-z0-9._~-][A-Za-z0-9._~/-]*)?");

  private final String to;
  private final String from;
  private final String subjectPrefix;
  private final Optional<String> originSecret;
  private final List<String> siteOrigins;
  private final byte[] signingKey;
  private final Duration minFillTime;
  private final String thanksPath;
  private final String formPath;
  private final String endpointPath;

  private ContactConfig(Builder b) {
    this.to = b.to;
    this.from = b.from;
    this.subjectPrefix = b.subjectPrefix;
    this.originSecret = b.originSecret;
    this.siteOrigins = List.copyOf(b.siteOrigins);
    this.signingKey = b.signingKey.clone();
    this.minFillTime = b.minFillTime;
    this.thanksPath = b.thanksPath;
    this.formPath = b.formPath;
    this.endpointPath = b.endpointPath;
  }

  /**
   * Settings sending to {@code to} as {@code from}, with every other value at its default and a random
   * signing key (right for one process, such as the preview; several instances need a shared key).
   *
   * @throws IllegalArgumentException when an address is not one plain address such as {@code
   *     me@example.com}
   */
  public static Builder builder(String to, String from) {
    return new Builder(to, from);
  }

  /**
   * Settings from the environment variables {@code ENV_*} of this class, as the Lambda function has them.
   * {@value #ENV_TO}, {@value #ENV_FROM} and {@value #ENV_SIGNING_KEY} are required; the others have
   * defaults, and an unset or blank {@value #ENV_ORIGIN_SECRET} turns the origin check off.
   *
   * @throws IllegalStateException naming the variable that is missing or invalid, and saying what it
   *     should hold (the secret and the key are never shown)
   */
  public static ContactConfig fromEnvironment(Map<String, String> env) {
    Objects.requireNonNull(env, "env");
    String to = required(env, ENV_TO, "the author's address, such as me@example.com");
    String from = required(env, ENV_FROM, "the sender's address, such as contact@example.com");
    String p = addressProblem(to);
    if (p != null) {
      throw new IllegalStateException(ENV_TO + " " + p);
    }
    if ((p = addressProblem(from)) != null) {
      throw new IllegalStateException(ENV_FROM + " " + p);
    }
    Builder b = new Builder(to, from);
    optional(env, ENV_SUBJECT_PREFIX).ifPresent(v -> {
      String problem = subjectPrefixProblem(v);
      if (problem != null) {
        throw new IllegalStateException(ENV_SUBJECT_PREFIX + " " + problem);
      }
      b.subjectPrefix = v.strip();
    });
    optional(env, ENV_ORIGIN_SECRET).ifPresent(v -> {
      String problem = originSecretProblem(v);
      if (problem != null) {
        throw new IllegalStateException(ENV_ORIGIN_SECRET + " " + problem);
      }
      b.originSecret = Optional.of(v);
    });
    optional(env, ENV_SITE_ORIGINS).ifPresent(v -> {
      List<String> origins = new ArrayList<>();
      for (String part : v.split(",", -1)) {
        if (part.isBlank()) {
          continue;
        }
        origins.add(Origins.parseOrigin(part.strip()).orElseThrow(() -> new IllegalStateException(ENV_SITE_ORIGINS
            + " has " + Text.quote(part.strip(), 100) + ", which is not an origin: write each as scheme://host[:port],"
            + " such as https://example.com, separated by commas")));
      }
      b.siteOrigins = origins;
    });
    String key = required(env, ENV_SIGNING_KEY, "a random key of at least " + MIN_SIGNING_KEY_BYTES
        + " bytes in base64, the same in every instance (e.g. the output of openssl rand -base64 32)");
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(key.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(ENV_SIGNING_KEY + " is not valid base64: set it to a random key of at least "
          + MIN_SIGNING_KEY_BYTES + " bytes in base64 (e.g. the output of openssl rand -base64 32)");
    }
    if (decoded.length < MIN_SIGNING_KEY_BYTES) {
      throw new IllegalStateException(ENV_SIGNING_KEY + " holds " + decoded.length + " bytes; it needs at least "
          + MIN_SIGNING_KEY_BYTES + " (e.g. the output of openssl rand -base64 32)");
    }
    b.signingKey = decoded;
    optional(env, ENV_MIN_FILL_SECONDS).ifPresent(v -> {
      long seconds;
      try {
        seconds = Long.parseLong(v.strip());
      } catch (NumberFormatException e) {
        seconds = -1;
      }
      if (seconds < 0 || seconds > MAX_MIN_FILL_TIME.toSeconds()) {
        throw new IllegalStateException(ENV_MIN_FILL_SECONDS + " must be whole seconds from 0 (no check) to "
            + MAX_MIN_FILL_TIME.toSeconds() + ", not " + Text.quote(v, 40));
      }
      b.minFillTime = Duration.ofSeconds(seconds);
    });
    optional(env, ENV_THANKS_PATH).ifPresent(v -> b.thanksPath = envPath(ENV_THANKS_PATH, v));
    optional(env, ENV_FORM_PATH).ifPresent(v -> b.formPath = envPath(ENV_FORM_PATH, v));
    return b.build();
  }

  private static String required(Map<String, String> env, String name, String what) {
    return optional(env, name).orElseThrow(() -> new IllegalStateException(name + " is not set: set it to " + what));
  }

  private static Optional<String> optional(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
  }

  private static String envPath(String name, String value) {
    String p = pathProblem(value.strip());
    if (p != null) {
      throw new IllegalStateException(name + " " + p);
    }
    return value.strip();
  }

  static String addressProblem(String address) {
    if (address == null || address.isBlank()) {
      return "is missing: it needs one plain email address such as me@example.com";
    }
    if (!EmailAddress.isValid(address)) {
      return "must be one plain email address such as me@example.com (no name, no list, ASCII only), not "
          + Text.quote(address, 100);
    }
    return null;
  }

  private static String subjectPrefixProblem(String prefix) {
    if (prefix == null) {
      return "is missing";
    }
    if (Text.hasControl(prefix)) {
      return "must be one line without control characters";
    }
    if (Text.length(prefix.strip()) > MAX_SUBJECT_PREFIX) {
      return "must be at most " + MAX_SUBJECT_PREFIX + " characters";
    }
    return null;
  }

  private static String originSecretProblem(String secret) {
    if (secret == null || secret.length() < MIN_ORIGIN_SECRET || secret.length() > MAX_ORIGIN_SECRET) {
      return "must be " + MIN_ORIGIN_SECRET + " to " + MAX_ORIGIN_SECRET + " characters long";
    }
    for (int i = 0; i < secret.length(); i++) {
      char c = secret.charAt(i);
      if (c <= 0x20 || c >= 0x7F) {
        return "must be visible ASCII characters only (it is sent as an HTTP header)";
      }
    }
    return null;
  }

  private static String pathProblem(String path) {
    if (path == null || !PATH.matcher(path).matches()) {
      return "must be a path on the site such as /contact/ (a slash, then letters, digits and . _ ~ - /), not "
          + Text.quote(path, 100);
    }
    return null;
  }

  /** The author's address: every message goes there. */
  public String to() {
    return to;
  }

  /** The sender of every message. */
  public String from() {
    return from;
  }

  /** Put before each message's subject, e.g. {@code [Contact]}; may be empty. */
  public String subjectPrefix() {
    return subjectPrefix;
  }

  /** The value {@value #ORIGIN_SECRET_HEADER} must have; absent, the header is not checked (the preview). */
  public Optional<String> originSecret() {
    return originSecret;
  }

  /**
   * The origins the form may be sent from, such as {@code https://example.com}; empty, the {@code Origin}
   * must match the request's {@code Host}.
   */
  public List<String> siteOrigins() {
    return siteOrigins;
  }

  /** The key that signs fill-time tokens (a copy). */
  public byte[] signingKey() {
    return signingKey.clone();
  }

  /** A form sent sooner than this after its token was issued is refused once; zero turns the check off. */
  public Duration minFillTime() {
    return minFillTime;
  }

  /** Where a browser goes (303) after sending the form without JavaScript. */
  public String thanksPath() {
    return thanksPath;
  }

  /** The page with the styled form, linked from the handler's own pages. */
  public String formPath() {
    return formPath;
  }

  /** The handler's own path, where its pages post the form again; default {@value #DEFAULT_ENDPOINT_PATH}. */
  public String endpointPath() {
    return endpointPath;
  }

  /** Every setting but the secret and the key, which show only whether they are set and how long. */
  @Override
  public String toString() {
    return "ContactConfig[to=" + to + ", from=" + from + ", subjectPrefix=" + subjectPrefix + ", originSecret="
        + (originSecret.isPresent() ? "(set)" : "(none)") + ", siteOrigins=" + siteOrigins + ", signingKey=("
        + signingKey.length + " bytes), minFillTime=" + minFillTime + ", thanksPath=" + thanksPath + ", formPath="
        + formPath + ", endpointPath=" + endpointPath + "]";
  }

  /** Builds a {@link ContactConfig}; each setter checks its value and names it when it is wrong. */
  public static final class Builder {

    private final String to;
    private final String from;
    private String subjectPrefix = DEFAULT_SUBJECT_PREFIX;
    private Optional<String> originSecret = Optional.empty();
    private List<String> siteOrigins = List.of();
    private byte[] signingKey;
    private Duration minFillTime = DEFAULT_MIN_FILL_TIME;
    private String thanksPath = DEFAULT_THANKS_PATH;
    private String formPath = DEFAULT_FORM_PATH;
    private String endpointPath = DEFAULT_ENDPOINT_PATH;

    private Builder(String to, String from) {
      String p = addressProblem(to);
      if (p != null) {
        throw new IllegalArgumentException("to " + p);
      }
      if ((p = addressProblem(from)) != null) {
        throw new IllegalArgumentException("from " + p);
      }
      this.to = to;
      this.from = from;
      this.signingKey = new byte[32];
      new SecureRandom().nextBytes(signingKey);
    }

    /** Put before each subject, such as {@code [Contact]}; at most 100 characters, one line, may be empty. */
    public Builder subjectPrefix(String subjectPrefix) {
      String p = subjectPrefixProblem(subjectPrefix);
      if (p != null) {
        throw new IllegalArgumentException("subjectPrefix " + p);
      }
      this.subjectPrefix = subjectPrefix.strip();
      return this;
    }

    /** Requires the header {@value #ORIGIN_SECRET_HEADER} to hold {@code secret} (16 to 512 visible ASCII characters). */
    public Builder originSecret(String secret) {
      String p = originSecretProblem(secret);
      if (p != null) {
        throw new IllegalArgumentException("originSecret " + p);
      }
      this.originSecret = Optional.of(secret);
      return this;
    }

    /** The origins the form may be sent from, such as {@code https://example.com}. */
    public Builder siteOrigins(List<String> origins) {
      Objects.requireNonNull(origins, "siteOrigins");
      List<String> normalized = new ArrayList<>();
      for (String o : origins) {
        normalized.add(Origins.parseOrigin(o).orElseThrow(() -> new IllegalArgumentException("siteOrigins has "
            + Text.quote(o, 100) + ", which is not an origin: write it as scheme://host[:port], such as"
            + " https://example.com")));
      }
      this.siteOrigins = normalized;
      return this;
    }

    /** The key that signs fill-time tokens: at least 16 bytes, the same wherever tokens are checked. */
    public Builder signingKey(byte[] key) {
      Objects.requireNonNull(key, "signingKey");
      if (key.length < MIN_SIGNING_KEY_BYTES) {
        throw new IllegalArgumentException("signingKey needs at least " + MIN_SIGNING_KEY_BYTES + " bytes, not "
            + key.length);
      }
      this.signingKey = key.clone();
      return this;
    }

    /** From zero (no check) to one hour. */
    public Builder minFillTime(Duration minFillTime) {
      Objects.requireNonNull(minFillTime, "minFillTime");
      if (minFillTime.isNegative() || minFillTime.compareTo(MAX_MIN_FILL_TIME) > 0) {
        throw new IllegalArgumentException("minFillTime must be from 0 to 1 hour, not " + minFillTime);
      }
      this.minFillTime = minFillTime;
      return this;
    }

    /** A path on the site, such as {@code /contact/thanks/}. */
    public Builder thanksPath(String path) {
      this.thanksPath = checkedPath("thanksPath", path);
      return this;
    }

    /** A path on the site, such as {@code /contact/}. */
    public Builder formPath(String path) {
      this.formPath = checkedPath("formPath", path);
      return this;
    }

    /** The handler's path on the site, such as {@code /blog/api/contact} under a base path. */
    public Builder endpointPath(String path) {
      this.endpointPath = checkedPath("endpointPath", path);
      return this;
    }

    private static String checkedPath(String name, String path) {
      String p = pathProblem(path);
      if (p != null) {
        throw new IllegalArgumentException(name + " " + p);
      }
      return path;
    }

    public ContactConfig build() {
      return new ContactConfig(this);
    }
  }
}
