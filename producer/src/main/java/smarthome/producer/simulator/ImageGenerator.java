package smarthome.producer.simulator;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import smarthome.common.images.ImageType;
import smarthome.common.json.Timestamps;

/**
 * Camera snapshots drawn in-process with Java2D and encoded with ImageIO: a sky whose light follows
 * the time of day, a house, a few random shapes, sensor grain, and the device id and time stamped
 * on. JPEG 640x480 or PNG 320x240, 20-300 KB.
 */
final class ImageGenerator {
  static {
    System.setProperty("java.awt.headless", "true");
  }

  private ImageGenerator() {}

  static byte[] snapshot(String deviceId, Instant t, Random rng, ImageType type) {
    boolean png = type == ImageType.PNG;
    int w = png ? 320 : 640;
    int h = png ? 240 : 480;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      double light = 0.15 + 0.85 * SignalModel.daylight(t);
      int sky = (int) (40 + 180 * light);
      for (int y = 0; y < h * 2 / 3; y++) {
        float k = 1 - y / (float) h;
        g.setColor(new Color(clip(sky * 0.55f * k + 10), clip(sky * 0.75f * k + 20), clip(sky * k + 40)));
        g.drawLine(0, y, w, y);
      }
      g.setColor(new Color(clip(60 * light + 20), clip(110 * light + 30), clip(50 * light + 15)));
      g.fillRect(0, h * 2 / 3, w, h / 3);
      g.setColor(new Color(clip(150 * light + 40), clip(120 * light + 30), clip(90 * light + 30)));
      int hx = w / 4 + rng.nextInt(w / 4);
      g.fillRect(hx, h / 3, w / 3, h / 3);
      g.setColor(new Color(120, 40, 30));
      g.fillPolygon(new int[] {hx - 10, hx + w / 6, hx + w / 3 + 10}, new int[] {h / 3, h / 6, h / 3}, 3);
      g.setStroke(new BasicStroke(2));
      for (int i = 0; i < 12; i++) {
        g.setColor(new Color(rng.nextInt(256), rng.nextInt(256), rng.nextInt(256)));
        g.drawOval(rng.nextInt(w), rng.nextInt(h), 5 + rng.nextInt(w / 6), 5 + rng.nextInt(h / 6));
      }
      grain(img, rng, png ? 10 : 18);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setFont(new Font(Font.MONOSPACED, Font.BOLD, png ? 11 : 18));
      g.setColor(Color.BLACK);
      g.fillRect(0, h - (png ? 18 : 30), w, png ? 18 : 30);
      g.setColor(Color.WHITE);
      g.drawString(deviceId + "  " + Timestamps.format(t), 8, h - (png ? 5 : 9));
    } finally {
      g.dispose();
    }
    return png ? encodePng(img) : encodeJpeg(img, 0.9f);
  }

  private static void grain(BufferedImage img, Random rng, int amplitude) {
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int rgb = img.getRGB(x, y);
        int n = rng.nextInt(2 * amplitude + 1) - amplitude;
        int r = clip(((rgb >> 16) & 0xff) + n);
        int gr = clip(((rgb >> 8) & 0xff) + n);
        int b = clip((rgb & 0xff) + n);
        img.setRGB(x, y, (r << 16) | (gr << 8) | b);
      }
    }
  }

  private static byte[] encodeJpeg(BufferedImage img, float quality) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream(160_000);
    try (var ios = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(ios);
      ImageWriteParam p = writer.getDefaultWriteParam();
      p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      p.setCompressionQuality(quality);
      writer.write(null, new IIOImage(img, null, null), p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  private static byte[] encodePng(BufferedImage img) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(200_000);
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static int clip(double v) {
    return (int) Math.max(0, Math.min(255, Math.round(v)));
  }

  private static int clip(int v) {
    return Math.max(0, Math.min(255, v));
  }
}
