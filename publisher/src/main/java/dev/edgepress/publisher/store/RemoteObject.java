package dev.edgepress.publisher.store;

/** An object at the destination: its path under the prefix, ETag (without quotes) and size. */
public record RemoteObject(String path, String etag, long size) {

  /** Whether the ETag is the MD5 of the bytes: not for multipart uploads ("...-3") nor KMS. */
  public boolean etagIsMd5() {
    return etag != null && etag.matches("[0-9a-f]{32}");
  }
}
