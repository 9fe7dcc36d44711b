package dev.edgepress.contact;

/**
 * The one rule for an email address, the visitor's and the configured ones: a plain addr-spec of at
 * most 254 characters, ASCII only. The local part is a dot-atom of at most 64 characters (letters,
 * digits and {@code !#$%&'*+/=?^_`{|}~-}, dots only between them; no quoted strings, no comments); the
 * domain is two or more DNS labels of letters, digits and hyphens (1 to 63 each, no hyphen at either
 * end), the last starting with a letter (so no IP address). There is no room for a space, a comma, an
 * angle bracket, a semicolon, a second {@code @} or a control character, so such an address can go into
 * a header as it is.
 */
final class EmailAddress {

  static final int MAX_LENGTH = 254;
  private static final int MAX_LOCAL = 64;
  private static final int MAX_LABEL = 63;
  private static final String ATEXT_SYMBOLS = "!#$%&'*+/=?^_`{|}~-";

  private EmailAddress() {}

  static boolean isValid(String s) {
    if (s == null || s.isEmpty() || s.length() > MAX_LENGTH) {
      return false;
    }
    int at = s.indexOf('@');
    if (at <= 0 || at != s.lastIndexOf('@') || at == s.length() - 1) {
      return false;
    }
    return isDotAtom(s.substring(0, at)) && isDomain(s.substring(at + 1));
  }

  private static boolean isDotAtom(String local) {
    if (local.length() > MAX_LOCAL || local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
      return false;
    }
    for (int i = 0; i < local.length(); i++) {
      char c = local.charAt(i);
      if (!(isAsciiLetterOrDigit(c) || c == '.' || ATEXT_SYMBOLS.indexOf(c) >= 0)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDomain(String domain) {
    if (domain.length() > MAX_LENGTH - 2) {
      return false;
    }
    String[] labels = domain.split("\\.", -1);
    if (labels.length < 2) {
      return false;
    }
    for (String label : labels) {
      if (label.isEmpty() || label.length() > MAX_LABEL || label.startsWith("-") || label.endsWith("-")) {
        return false;
      }
      for (int i = 0; i < label.length(); i++) {
        char c = label.charAt(i);
        if (!(isAsciiLetterOrDigit(c) || c == '-')) {
          return false;
        }
      }
    }
    char first = labels[labels.length - 1].charAt(0);
    return (first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z');
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  /** The domain part of a valid address. */
  static String domain(String address) {
    return address.substring(address.lastIndexOf('@') + 1);
  }
}
