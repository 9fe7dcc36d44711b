package dev.edgepress.contact;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The token that tells when a form was shown: {@code <epoch seconds>.<hex HMAC-SHA256(key, epoch seconds)>},
 * the seconds in decimal ASCII, the HMAC in 64 lower-case hex digits. The page's script asks for one when
 * it loads and sends it back as {@code _ts}; a form sent too soon after it is taken for a robot's.
 */
final class FillTimeToken {

  private static final Pattern FORMAT = Pattern.compile("([0-9]{1,12})\\.([0-9a-f]{64})");
  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  FillTimeToken(byte[] key) {
    this.key = new SecretKeySpec(key, ALGORITHM);
  }

  String issue(Instant now) {
    String seconds = Long.toString(now.getEpochSecond());
    return seconds + "." + hex(mac(seconds));
  }

  /** When the token was issued; empty when it is malformed or its signature is not this key's. */
  Optional<Instant> verify(String token) {
    var m = FORMAT.matcher(token);
    if (!m.matches()) {
      return Optional.empty();
    }
    String seconds = m.group(1);
    byte[] expected = hex(mac(seconds)).getBytes(StandardCharsets.US_ASCII);
    byte[] actual = m.group(2).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, actual) ? Optional.of(Instant.ofEpochSecond(Long.parseLong(seconds)))
        : Optional.empty();
  }

  private byte[] mac(String seconds) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac.doFinal(seconds.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private static String hex(byte[] bytes) {
    StringBuilder out = new StringBuilder(bytes.length * 2);
    for (byte b : bytes) {
      out.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
    }
    return out.toString();
  }
}
