package dev.edgepress.contact;

/** A request body that is not what its Content-Type says; the text says why, without quoting the body. */
final class UnreadableBodyException extends Exception {

  private static final long serialVersionUID = 1L;

  UnreadableBodyException(String reason) {
    super(reason, null, false, false);
  }
}
