package smarthome.common.config;

import static smarthome.common.config.ConnectionFailures.fail;
import static smarthome.common.config.ConnectionFailures.lower;

import java.sql.SQLException;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import smarthome.common.config.ConnectionFailures.Failure;
import smarthome.common.config.ConnectionFailures.Kind;
import smarthome.common.config.ConnectionFailures.Service;

/**
 * The stores' refusals: PostgreSQL by SQLSTATE, InfluxDB by the server's words (influxdb-java
 * keeps them), S3 by the service's error code or HTTP status.
 */
final class StoreFailures {
  private StoreFailures() {}

  static Optional<Failure> postgres(Throwable error) {
    // the driver's own exception is the innermost one with a state: a pool (Hikari) wraps it and
    // copies its state but not its words
    SQLException e = null;
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && s.getSQLState() != null) {
        e = s;
      }
    }
    if (e == null) {
      return Optional.empty();
    }
    String state = e.getSQLState();
    String m = lower(e.getMessage());
    if (state.equals("28000") && m.contains("pg_hba.conf") && m.contains("no encryption")) {
      return fail(Service.POSTGRES, Kind.TLS_MISMATCH, "PostgreSQL accepts only TLS connections "
          + "here: set POSTGRES_SSLMODE to verify-full (or require)", e);
    }
    if (state.equals("28P01") || state.equals("28000")) {
      return fail(Service.POSTGRES, Kind.AUTHENTICATION, "PostgreSQL refused the login: check "
          + "POSTGRES_USER and POSTGRES_PASSWORD (and POSTGRES_DB)", e);
    }
    if (state.equals("42501")) {
      return fail(Service.POSTGRES, Kind.AUTHORIZATION, "PostgreSQL denied the operation: the user "
          + "in POSTGRES_USER lacks a privilege on POSTGRES_DB", e);
    }
    return Optional.empty();
  }

  static Optional<Failure> influx(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      String m = lower(t.getMessage());
      // influxdb-java keeps the server's words: 401 "authorization failed" (wrong password),
      // "unable to parse authentication credentials" (none sent while auth is on)
      if (m.contains("authorization failed") || m.contains("unable to parse authentication")
          || m.contains("username required")) {
        return fail(Service.INFLUXDB, Kind.AUTHENTICATION, "InfluxDB refused the login: check "
            + Service.INFLUXDB.credentialVariables, t);
      }
      if (m.contains("not authorized") || m.contains("user is required to write")
          || m.contains("requires admin privilege")) {
        return fail(Service.INFLUXDB, Kind.AUTHORIZATION, "InfluxDB denied the operation: the "
            + "user in INFLUXDB_USER lacks a privilege on INFLUXDB_BUCKET", t);
      }
    }
    return Optional.empty();
  }

  static Optional<Failure> s3(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
        switch (code) {
          case "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken", "ExpiredToken",
              "InvalidSecurity", "AuthorizationHeaderMalformed" -> {
            return fail(Service.S3, Kind.AUTHENTICATION, "S3 refused the credentials: check "
                + Service.S3.credentialVariables, t);
          }
          case "AccessDenied", "AllAccessDisabled" -> {
            return fail(Service.S3, Kind.AUTHORIZATION, "S3 denied the operation: the credentials "
                + "in AWS_ACCESS_KEY_ID lack a permission on S3_BUCKET_NAME", t);
          }
          default -> {
            if (e.statusCode() == 401) {
              return fail(Service.S3, Kind.AUTHENTICATION, "S3 refused the credentials: check "
                  + Service.S3.credentialVariables, t);
            }
            if (e.statusCode() == 403) {
              return fail(Service.S3, Kind.AUTHORIZATION, "S3 denied the operation (403): check "
                  + Service.S3.credentialVariables + " and S3_BUCKET_NAME", t);
            }
          }
        }
      }
      if (lower(t.getMessage()).contains("unable to load credentials")) {
        return fail(Service.S3, Kind.AUTHENTICATION, "S3 has no credentials: set "
            + Service.S3.credentialVariables + " (or configure the SDK's default chain)", t);
      }
    }
    return Optional.empty();
  }
}
