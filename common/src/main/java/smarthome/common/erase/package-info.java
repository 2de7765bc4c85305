/**
 * Erasing a device, one class per store, shared by the sinks (which erase again when a DELETE
 * raced with a batch in flight) and by the API's {@code DELETE /devices/{id}}. Everything stamped
 * at or before the deletion goes; what is stamped later is a new life and stays (ARCHITECTURE.md,
 * "Delivery and deletion semantics"). Every erase is idempotent. The store's own exceptions pass
 * through: each caller classifies them its way (a sink retries, the API answers 503).
 */
package smarthome.common.erase;
