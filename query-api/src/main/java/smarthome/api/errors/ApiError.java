package smarthome.api.errors;

import io.micronaut.serde.annotation.Serdeable;

/** The one error body of the API: {"status":404,"error":"Not Found","message":"...","path":"/x"}. */
@Serdeable
public record ApiError(int status, String error, String message, String path) {}
