package smarthome.common.config;

import static smarthome.common.config.ConnectionFailures.fail;
import static smarthome.common.config.ConnectionFailures.lower;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import smarthome.common.config.ConnectionFailures.Failure;
import smarthome.common.config.ConnectionFailures.Kind;
import smarthome.common.config.ConnectionFailures.Service;

/**
 * The TLS failures of any service: an untrusted or expired certificate, a host name the
 * certificate does not carry, TLS on one side only. Recognised by exception type where the JDK has
 * one, by the JDK's and the drivers' words where it does not.
 */
final class TlsFailures {
  private TlsFailures() {}

  static Optional<Failure> explain(Service s, Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      String m = lower(t.getMessage());
      if (t instanceof CertificateExpiredException || t instanceof CertificateNotYetValidException) {
        return fail(s, Kind.TLS_TRUST, "TLS: the server's certificate is outside its validity "
            + "period: renew it on the server, or check the clock", t);
      }
      if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException
          || m.contains("pkix path") || m.contains("unable to find valid certification path")) {
        return fail(s, Kind.TLS_TRUST, "TLS: the server's certificate is not trusted: check "
            + s.caVariable + " (the PEM file of the CA that signed it; unset, only the JVM's CAs "
            + "are trusted)", t);
      }
      if (m.contains("no subject alternative") || m.contains("no name matching")
          || m.contains("doesn't match any of the subject alternative names")
          || (t instanceof SSLPeerUnverifiedException && m.contains("hostname"))
          || m.contains("could not be verified by hostnameverifier")) {
        return fail(s, Kind.TLS_HOSTNAME, "TLS: the server's certificate does not name the host "
            + "connected to: check " + s.hostVariable + " (use a name the certificate carries)", t);
      }
      if (m.contains("unrecognized ssl message") || m.contains("plaintext connection?")) {
        return fail(s, Kind.TLS_MISMATCH, s.label + " does not speak TLS where the client "
            + "expected it: check " + s.tlsVariable, t);
      }
      if (m.contains("http request to an https server")) {
        return fail(s, Kind.TLS_MISMATCH, s.label + " speaks TLS: use an https:// URL in "
            + s.tlsVariable, t);
      }
      if (s == Service.POSTGRES && m.contains("server does not support ssl")) {
        return fail(s, Kind.TLS_MISMATCH, "PostgreSQL does not offer TLS but POSTGRES_SSLMODE "
            + "requires it: check POSTGRES_SSLMODE (or turn ssl on at the server)", t);
      }
    }
    return Optional.empty();
  }
}
