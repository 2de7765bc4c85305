package smarthome.common.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM files named by a setting (CA bundles, client certificates and keys), read and checked when
 * the settings are parsed, so a wrong file stops the process at start-up. Every error names the
 * variable and the path; the contents of a file are never echoed.
 */
public final class PemFiles {
  private static final long MAX_BYTES = 1 << 20;
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");

  private PemFiles() {}

  /** The PKCS#8 key of a PEM file, plain or encrypted. */
  public record PemKey(String pem, boolean encrypted) {
    @Override
    public String toString() {
      return encrypted ? "PemKey[encrypted]" : "PemKey[plain]";
    }
  }

  /**
   * The certificates of a PEM bundle, in file order.
   *
   * @throws ConfigError naming {@code variable} when the file is missing, unreadable, holds no
   *     certificate or one that does not parse
   */
  public static List<X509Certificate> certificates(String variable, Path file) {
    String text = read(variable, file);
    List<X509Certificate> out = new ArrayList<>();
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      for (Block b : blocks(text)) {
        if (b.type.equals("CERTIFICATE") && b.der != null) {
          out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(b.der)));
        }
      }
    } catch (CertificateException | IllegalArgumentException e) {
      throw new ConfigError(variable + ": " + file + " holds a certificate that does not parse");
    }
    if (out.isEmpty()) {
      throw new ConfigError(variable + ": " + file
          + " is not a PEM certificate file (no -----BEGIN CERTIFICATE----- block)");
    }
    return out;
  }

  /** The certificates of {@link #certificates} re-encoded as plain PEM (no comments or bag text). */
  public static String certificatesPem(String variable, Path file) {
    StringBuilder sb = new StringBuilder();
    for (X509Certificate c : certificates(variable, file)) {
      try {
        sb.append(pem("CERTIFICATE", c.getEncoded()));
      } catch (CertificateException e) {
        throw new ConfigError(variable + ": " + file + " holds a certificate that does not encode");
      }
    }
    return sb.toString();
  }

  /**
   * The private key of a PEM file: PKCS#8 ({@code BEGIN PRIVATE KEY} or {@code BEGIN ENCRYPTED
   * PRIVATE KEY}), which is what Kafka's PEM key store reads.
   *
   * @throws ConfigError naming {@code variable} when the file is missing, unreadable, not a PEM key,
   *     a PKCS#1/SEC1 key (with the command that converts it) or a key that does not parse
   */
  public static PemKey privateKey(String variable, Path file) {
    String text = read(variable, file);
    for (Block b : blocks(text)) {
      switch (b.type) {
        case "PRIVATE KEY" -> {
          if (b.der == null) {
            continue;
          }
          parsePkcs8(variable, file, b.der);
          return new PemKey(pem(b.type, b.der), false);
        }
        case "ENCRYPTED PRIVATE KEY" -> {
          if (b.der == null) {
            continue;
          }
          return new PemKey(pem(b.type, b.der), true);
        }
        case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> throw new ConfigError(variable + ": " + file
            + " is a " + b.type + " (PKCS#1/SEC1); only PKCS#8 keys are read: convert it with "
            + "openssl pkcs8 -topk8 -nocrypt -in " + file + " -out key.pk8.pem");
        default -> { }
      }
    }
    throw new ConfigError(variable + ": " + file
        + " is not a PEM private key file (no -----BEGIN PRIVATE KEY----- block)");
  }

  /**
   * Checks that a plain key belongs to the first certificate of a chain, by signing with the one
   * and verifying with the other.
   *
   * @throws ConfigError naming both variables when they do not belong together
   */
  public static void checkKeyMatches(String keyVariable, Path keyFile, PemKey key,
      String certVariable, X509Certificate cert) {
    if (key.encrypted()) {
      return; // checked by the TLS library once it has the password
    }
    PrivateKey pk = parsePkcs8(keyVariable, keyFile, derOf(key.pem()));
    try {
      String alg = switch (pk.getAlgorithm()) {
        case "RSA" -> "SHA256withRSA";
        case "EC" -> "SHA256withECDSA";
        default -> pk.getAlgorithm(); // Ed25519, Ed448
      };
      byte[] probe = new byte[32];
      new SecureRandom().nextBytes(probe);
      Signature s = Signature.getInstance(alg);
      s.initSign(pk);
      s.update(probe);
      byte[] sig = s.sign();
      Signature v = Signature.getInstance(alg);
      v.initVerify(cert.getPublicKey());
      v.update(probe);
      if (v.verify(sig)) {
        return;
      }
    } catch (GeneralSecurityException e) {
      // a key of another algorithm than the certificate's lands here too
    }
    throw new ConfigError(keyVariable + ": the key in " + keyFile
        + " does not belong to the certificate in " + certVariable);
  }

  private static String read(String variable, Path file) {
    if (!Files.exists(file)) {
      throw new ConfigError(variable + ": file " + file + " does not exist");
    }
    if (!Files.isRegularFile(file)) {
      throw new ConfigError(variable + ": " + file + " is not a regular file");
    }
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new ConfigError(variable + ": " + file + " is too large to be a PEM file");
      }
      // Latin-1 never fails to decode: a binary (DER) file then simply has no PEM block
      return Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new ConfigError(variable + ": " + file + " cannot be read (" + e.getClass().getSimpleName()
          + ")");
    }
  }

  private record Block(String type, byte[] der) {}

  private static List<Block> blocks(String text) {
    List<Block> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      String body = m.group(2);
      if (body.contains(":")) {
        // RFC 1421 headers (Proc-Type, DEK-Info): a legacy encrypted PKCS#1 key, type only
        out.add(new Block(m.group(1), null));
        continue;
      }
      try {
        out.add(new Block(m.group(1), Base64.getMimeDecoder().decode(body)));
      } catch (IllegalArgumentException e) {
        // not base64: not a block we can use
      }
    }
    return out;
  }

  private static PrivateKey parsePkcs8(String variable, Path file, byte[] der) {
    for (String alg : List.of("RSA", "EC", "Ed25519", "Ed448")) {
      try {
        return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    throw new ConfigError(variable + ": " + file + " holds a PRIVATE KEY block that does not parse");
  }

  private static byte[] derOf(String pem) {
    return blocks(pem).get(0).der;
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
