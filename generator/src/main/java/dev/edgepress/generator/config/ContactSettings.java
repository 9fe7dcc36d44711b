package dev.edgepress.generator.config;

import dev.edgepress.generator.Problem;
import dev.edgepress.generator.Problems;
import dev.edgepress.generator.yaml.Fields;
import dev.edgepress.generator.yaml.YamlDocument;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The contact form, from the {@code contact} key of site.yaml: where its messages go and how the
 * backend guards it. Only the preview ({@code edgepress:serve}, which answers {@code /api/contact}
 * itself) and the provisioner (which deploys the real backend) read it; pages never see the
 * addresses, only whether there is a form ({@code site.contact} in templates is true or false), so
 * that the author's address is never published. Immutable.
 *
 * @param to the author's address the messages go to: one plain address, no name
 * @param from the sender, when set; {@link #from(String)} gives the default
 * @param subjectPrefix put before each message's subject, e.g. {@code [Contact]}
 * @param minFillSeconds a form sent sooner than this after it was shown is taken for a robot; 0
 *     turns the check off
 * @param throttleRate requests per second the backend lets through, steadily
 * @param throttleBurst requests the backend lets through at once
 */
public record ContactSettings(String to, Optional<String> from, String subjectPrefix, int minFillSeconds,
    double throttleRate, int throttleBurst) {

  public static final String DEFAULT_SUBJECT_PREFIX = "[Contact]";
  public static final int DEFAULT_MIN_FILL_SECONDS = 3;
  /** The longest {@code minFillSeconds}: nobody waits longer than this before they may send. */
  public static final int MAX_MIN_FILL_SECONDS = 600;
  public static final double DEFAULT_THROTTLE_RATE = 1;
  public static final int DEFAULT_THROTTLE_BURST = 5;
  /** The longest subject prefix: a subject line should stay readable. */
  public static final int MAX_SUBJECT_PREFIX = 100;

  /**
   * Where the form's backend sends a browser that posted the form without JavaScript, once the
   * message went (status 303). A build makes a default page there unless the site has its own.
   */
  public static final String THANKS_PATH = "/contact/thanks/";

  /** The form's endpoint, under the site's base path: the preview answers it, so does the CDN. */
  public static final String ENDPOINT_PATH = "/api/contact";

  /** The local part of the default sender, {@code contact@} the site's domain. */
  public static final String DEFAULT_SENDER = "contact";

  private static final String KEY = "contact";
  private static final List<String> KEYS = List.of("to", "from", "subjectPrefix", "minFillSeconds", "throttle");
  private static final List<String> THROTTLE_KEYS = List.of("rate", "burst");
  private static final String EXAMPLE = "contact: { to: me@example.com }";

  /** An addr-spec with a dot-atom local part and a domain of DNS labels: no name, no comment, no list. */
  private static final Pattern ADDRESS = Pattern.compile(
      "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
          + "@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
  private static final Pattern SUBJECT = Pattern.compile("[\\x20-\\x7E\\u00A0-\\uFFFF]*");

  /** @throws IllegalArgumentException saying which value is not valid and why */
  public ContactSettings {
    from = from == null ? Optional.empty() : from;
    String p = addressProblem(to);
    if (p != null) {
      throw new IllegalArgumentException("contact.to " + p);
    }
    if (from.isPresent() && (p = addressProblem(from.get())) != null) {
      throw new IllegalArgumentException("contact.from " + p);
    }
    if (subjectPrefix == null || (p = subjectPrefixProblem(subjectPrefix)) != null) {
      throw new IllegalArgumentException("contact.subjectPrefix " + (p == null ? "is missing" : p));
    }
    if (minFillSeconds < 0 || minFillSeconds > MAX_MIN_FILL_SECONDS) {
      throw new IllegalArgumentException("contact.minFillSeconds must be 0 to " + MAX_MIN_FILL_SECONDS + ", not "
          + minFillSeconds);
    }
    if (!(throttleRate > 0) || Double.isInfinite(throttleRate)) {
      throw new IllegalArgumentException("contact.throttle.rate must be a number above 0, not " + throttleRate);
    }
    if (throttleBurst < 1) {
      throw new IllegalArgumentException("contact.throttle.burst must be 1 or more, not " + throttleBurst);
    }
  }

  /** A form sending to {@code to} with every other setting at its default. */
  public static ContactSettings to(String to) {
    return new ContactSettings(to, Optional.empty(), DEFAULT_SUBJECT_PREFIX, DEFAULT_MIN_FILL_SECONDS,
        DEFAULT_THROTTLE_RATE, DEFAULT_THROTTLE_BURST);
  }

  /**
   * The sender: {@code from} when set, else {@code contact@domain}.
   *
   * @param domain the site's domain, e.g. the host of its baseUrl ({@code example.com})
   */
  public String from(String domain) {
    return from.orElseGet(() -> DEFAULT_SENDER + "@" + domain.toLowerCase(Locale.ROOT));
  }

  /**
   * Reads only the {@code contact} of a site.yaml, without building the site: for a caller that
   * has no other access to the settings (the provision goal). A missing file, or one without
   * {@code contact}, gives empty: the site has no form.
   *
   * @throws ContactSettingsException listing every bad value as {@code file:line: what is wrong and
   *     what to do}, when the file cannot be read, is not YAML, or has a bad {@code contact} value
   */
  public static Optional<ContactSettings> load(Path siteYaml) throws ContactSettingsException {
    return SiteYamlKey.read(siteYaml, Optional.empty(), ContactSettings::read, ContactSettingsException::new);
  }


  /**
   * Reads the {@code contact} key of a parsed site.yaml. Each bad value is reported to {@code
   * problems} with its line and what to do, so that one build lists every problem; the result is
   * then empty (a form whose address is wrong must not be built).
   */
  public static Optional<ContactSettings> read(YamlDocument siteYaml, Problems problems) {
    Problems mine = new Problems();
    Optional<ContactSettings> contact = read(siteYaml.get(KEY), siteYaml, mine);
    mine.list().forEach(problems::add);
    return mine.isEmpty() ? contact : Optional.empty();
  }

  private static Optional<ContactSettings> read(Object raw, YamlDocument siteYaml, Problems problems) {
    if (raw == null) {
      return Optional.empty();
    }
    if (!(raw instanceof Map<?, ?>)) {
      problems.add(siteYaml.problem(KEY, "'contact' must be a mapping with at least the address messages go to,"
          + " e.g. " + EXAMPLE + ", not " + describe(raw)));
      return Optional.empty();
    }
    Fields f = new Fields(siteYaml, problems);
    @SuppressWarnings("unchecked")
    Map<String, Object> contact = (Map<String, Object>) raw;
    unknownKeys(siteYaml, KEY, contact, KEYS, "{ to: me@example.com, subjectPrefix: \"[Blog]\" }", problems);

    String to = null;
    if (siteYaml.get(KEY + ".to") == null) {
      problems.add(siteYaml.problem(KEY, "'contact' needs 'to', the address messages are sent to (it is never"
          + " shown on the site), e.g. " + EXAMPLE));
    } else {
      to = address(siteYaml, KEY + ".to", "the address messages are sent to", problems);
    }
    Optional<String> from = siteYaml.get(KEY + ".from") == null ? Optional.empty()
        : Optional.ofNullable(address(siteYaml, KEY + ".from",
            "the sender, at a domain you can verify with the mail service (leave it out for contact@ the"
                + " site's domain)", problems));

    String subjectPrefix = DEFAULT_SUBJECT_PREFIX;
    String prefixKey = KEY + ".subjectPrefix";
    Optional<String> prefix = f.string(prefixKey);
    if (prefix.isPresent()) {
      String p = subjectPrefixProblem(prefix.get().strip());
      if (p == null) {
        subjectPrefix = prefix.get().strip();
      } else {
        problems.add(siteYaml.problem(prefixKey, "'" + prefixKey + "' " + p));
      }
    }

    int minFill = DEFAULT_MIN_FILL_SECONDS;
    String minFillKey = KEY + ".minFillSeconds";
    Object fill = siteYaml.get(minFillKey);
    if (fill != null) {
      if ((fill instanceof Integer || fill instanceof Long) && ((Number) fill).longValue() >= 0
          && ((Number) fill).longValue() <= MAX_MIN_FILL_SECONDS) {
        minFill = ((Number) fill).intValue();
      } else {
        problems.add(siteYaml.problem(minFillKey, "'" + minFillKey + "' must be a whole number of seconds from 0"
            + " (no check) to " + MAX_MIN_FILL_SECONDS + ", the least time a person takes to fill in the form"
            + " (default " + DEFAULT_MIN_FILL_SECONDS + "), not " + describe(fill)));
      }
    }

    double rate = DEFAULT_THROTTLE_RATE;
    int burst = DEFAULT_THROTTLE_BURST;
    Object throttle = siteYaml.get(KEY + ".throttle");
    if (throttle != null && !(throttle instanceof Map<?, ?>)) {
      problems.add(siteYaml.problem(KEY + ".throttle", "'contact.throttle' must be a mapping such as"
          + " { rate: 1, burst: 5 } (requests a second, and at once), not " + describe(throttle)));
    } else if (throttle != null) {
      @SuppressWarnings("unchecked")
      Map<String, Object> t = (Map<String, Object>) throttle;
      unknownKeys(siteYaml, KEY + ".throttle", t, THROTTLE_KEYS, "{ rate: 1, burst: 5 }", problems);
      String rateKey = KEY + ".throttle.rate";
      Object r = siteYaml.get(rateKey);
      if (r != null) {
        if (r instanceof Number n && !(r instanceof Double d && (d.isNaN() || d.isInfinite()))
            && n.doubleValue() > 0) {
          rate = n.doubleValue();
        } else {
          problems.add(siteYaml.problem(rateKey, "'" + rateKey + "' must be a number above 0, the requests a second"
              + " the form's backend lets through (e.g. 1, or 0.5 for one every two seconds), not " + describe(r)));
        }
      }
      String burstKey = KEY + ".throttle.burst";
      Object b = siteYaml.get(burstKey);
      if (b != null) {
        if ((b instanceof Integer || b instanceof Long) && ((Number) b).longValue() >= 1
            && ((Number) b).longValue() <= Integer.MAX_VALUE) {
          burst = ((Number) b).intValue();
        } else {
          problems.add(siteYaml.problem(burstKey, "'" + burstKey + "' must be a whole number of 1 or more, the"
              + " requests the form's backend lets through at once (e.g. 5), not " + describe(b)));
        }
      }
    }
    if (to == null || !problems.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ContactSettings(to, from, subjectPrefix, minFill, rate, burst));
  }

  private static String address(YamlDocument doc, String key, String what, Problems problems) {
    Object v = doc.get(key);
    String p = v instanceof String s ? addressProblem(s.strip()) : "must be an email address";
    if (p == null) {
      return ((String) v).strip();
    }
    problems.add(doc.problem(key, "'" + key + "' " + p + ": " + what + ", not " + describe(v)));
    return null;
  }

  /** Whether {@code address} is one plain address such as {@code me@example.com}, as {@code to} and {@code from} must be. */
  public static boolean isPlainAddress(String address) {
    return addressProblem(address) == null;
  }

  /** What is wrong with an address, or null when it is one plain address. */
  static String addressProblem(String address) {
    if (address == null || address.isBlank()) {
      return "is empty: write one plain email address such as me@example.com";
    }
    if (address.length() > 254) {
      return "is longer than an email address can be (254 characters)";
    }
    if (address.contains("<") || address.contains(",") || address.contains(";") || address.contains(" ")) {
      return "must be one plain email address such as me@example.com, with no name, no <>, and no list";
    }
    if (!ADDRESS.matcher(address).matches() || address.substring(0, address.indexOf('@')).length() > 64) {
      return "must be a plain email address such as me@example.com";
    }
    return null;
  }

  private static String subjectPrefixProblem(String prefix) {
    if (prefix.length() > MAX_SUBJECT_PREFIX) {
      return "is " + prefix.length() + " characters long; keep it to " + MAX_SUBJECT_PREFIX + " or fewer, e.g. \"[Blog]\"";
    }
    if (!SUBJECT.matcher(prefix).matches()) {
      return "must be one line of text with no control characters, e.g. \"[Blog]\"";
    }
    return null;
  }

  private static String describe(Object value) {
    if (value instanceof Map) {
      return "a mapping";
    }
    if (value instanceof java.util.Collection) {
      return "a list";
    }
    if (value instanceof Boolean || value instanceof Number) {
      return String.valueOf(value);
    }
    return "'" + value + "'";
  }

  private static void unknownKeys(YamlDocument doc, String path, Map<String, Object> map, List<String> known,
      String example, Problems problems) {
    for (Object key : map.keySet()) {
      if (!known.contains(String.valueOf(key))) {
        String child = path + "." + key;
        problems.add(Problem.at(doc.file(), doc.line(child), "unknown setting '" + child + "': '" + path
            + "' takes " + String.join(", ", known) + " (e.g. " + path.substring(path.lastIndexOf('.') + 1)
            + ": " + example + ")"));
      }
    }
  }
}
