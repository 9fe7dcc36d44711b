package dev.edgepress.generator.images;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Width and height read from an image's own header (PNG, GIF, JPEG, WebP, SVG), so pages can give
 * every {@code <img>} its size and the layout does not shift while images load.
 */
public record ImageSize(int width, int height) {

  private static final Pattern SVG_TAG = Pattern.compile("<svg\\b[^>]*>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern SVG_WIDTH = Pattern.compile("\\swidth\\s*=\\s*[\"']([0-9.]+)(px)?[\"']");
  private static final Pattern SVG_HEIGHT = Pattern.compile("\\sheight\\s*=\\s*[\"']([0-9.]+)(px)?[\"']");
  private static final Pattern SVG_VIEWBOX = Pattern.compile(
      "\\sviewBox\\s*=\\s*[\"']\\s*[-0-9.]+[\\s,]+[-0-9.]+[\\s,]+([0-9.]+)[\\s,]+([0-9.]+)\\s*[\"']");

  public static Optional<ImageSize> of(byte[] b) {
    try {
      if (b.length >= 24 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
        ByteBuffer buf = ByteBuffer.wrap(b);
        return sized(buf.getInt(16), buf.getInt(20));
      }
      if (b.length >= 10 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F') {
        return sized((b[6] & 0xff) | (b[7] & 0xff) << 8, (b[8] & 0xff) | (b[9] & 0xff) << 8);
      }
      if (b.length >= 4 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8) {
        return jpeg(b);
      }
      if (b.length >= 30 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E') {
        return webp(b);
      }
      String head = new String(b, 0, Math.min(b.length, 4096), StandardCharsets.UTF_8);
      Matcher tag = SVG_TAG.matcher(head);
      if (tag.find()) {
        String svg = tag.group();
        Matcher w = SVG_WIDTH.matcher(svg);
        Matcher h = SVG_HEIGHT.matcher(svg);
        if (w.find() && h.find()) {
          return sized((int) Math.round(Double.parseDouble(w.group(1))), (int) Math.round(Double.parseDouble(h.group(1))));
        }
        Matcher vb = SVG_VIEWBOX.matcher(svg);
        if (vb.find()) {
          return sized((int) Math.round(Double.parseDouble(vb.group(1))), (int) Math.round(Double.parseDouble(vb.group(2))));
        }
      }
    } catch (RuntimeException e) {
      // A damaged image: no size, and the page still builds.
    }
    return Optional.empty();
  }

  private static Optional<ImageSize> jpeg(byte[] b) {
    int i = 2;
    while (i + 9 < b.length) {
      if ((b[i] & 0xff) != 0xFF) {
        i++;
        continue;
      }
      int marker = b[i + 1] & 0xff;
      int len = (b[i + 2] & 0xff) << 8 | (b[i + 3] & 0xff);
      boolean sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
      if (sof) {
        int h = (b[i + 5] & 0xff) << 8 | (b[i + 6] & 0xff);
        int w = (b[i + 7] & 0xff) << 8 | (b[i + 8] & 0xff);
        return sized(w, h);
      }
      i += 2 + len;
    }
    return Optional.empty();
  }

  private static Optional<ImageSize> webp(byte[] b) {
    String chunk = new String(b, 12, 4, StandardCharsets.US_ASCII);
    switch (chunk) {
      case "VP8 " -> {
        return sized(((b[26] & 0xff) | (b[27] & 0xff) << 8) & 0x3fff, ((b[28] & 0xff) | (b[29] & 0xff) << 8) & 0x3fff);
      }
      case "VP8L" -> {
        int bits = (b[21] & 0xff) | (b[22] & 0xff) << 8 | (b[23] & 0xff) << 16 | (b[24] & 0xff) << 24;
        return sized((bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1);
      }
      case "VP8X" -> {
        int w = 1 + ((b[24] & 0xff) | (b[25] & 0xff) << 8 | (b[26] & 0xff) << 16);
        int h = 1 + ((b[27] & 0xff) | (b[28] & 0xff) << 8 | (b[29] & 0xff) << 16);
        return sized(w, h);
      }
      default -> {
        return Optional.empty();
      }
    }
  }

  private static Optional<ImageSize> sized(int w, int h) {
    return w > 0 && h > 0 ? Optional.of(new ImageSize(w, h)) : Optional.empty();
  }
}
